import type { Command } from 'commander';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import type { CliContext } from '../context.ts';
import { isoDate, parseFlags } from '../flags.ts';
import { InputError } from '../../shared/errors.ts';
import { CRAWL_DEFAULTS } from '../../config/index.ts';
import {
  decodeBody,
  extractDetail,
  extractList,
  extractListJson,
  isChallengePage,
  pageKind,
  type DetailExtraction,
  type ListExtraction,
} from '../../extract/index.ts';

const flagsSchema = z.object({
  url: z
    .string()
    .refine((s) => /^https?:\/\/[^/\s]+/i.test(s), '应为页面的完整网址，例如 http://www.example.gov.cn/xxgk/tzgg/')
    .optional(),
  kind: z.enum(['list', 'detail'], { message: '只能是 list（列表页）或 detail（文章页）' }).optional(),
  refDay: isoDate.optional(),
});

interface Page {
  body: Buffer;
  contentType: string | null;
  status: number;
  base: string;
  json: boolean;
}

async function fetchPage(url: string): Promise<Page> {
  let res: Response;
  try {
    // HTTP header values are ASCII only: a Chinese user agent made every fetch throw.
    res = await fetch(url, { headers: { 'user-agent': CRAWL_DEFAULTS.userAgent }, signal: AbortSignal.timeout(30_000) });
  } catch (e) {
    throw new Error(`无法获取 ${url}：${(e as Error).message}。请检查网址和网络。`);
  }
  const contentType = res.headers.get('content-type');
  return {
    body: Buffer.from(await res.arrayBuffer()),
    contentType,
    status: res.status,
    base: res.url || url,
    json: /json/i.test(contentType ?? ''),
  };
}

function readPage(file: string): Page {
  const path = resolve(file);
  if (!existsSync(path) || !statSync(path).isFile()) {
    throw new InputError(`找不到文件 ${file}：请给出本地 HTML/JSON 文件的路径，或以 http:// / https:// 开头的网址。`);
  }
  return { body: readFileSync(path), contentType: null, status: 200, base: pathToFileURL(path).href, json: /\.json$/i.test(path) };
}

/** DESIGN §6's shape first (field names kept exactly), then the extra fields an assessor may need. */
function present(r: ListExtraction | DetailExtraction): unknown {
  if (r.kind === 'list') {
    const { kind, items, nextPages, dataEndpoints, flags } = r;
    return {
      kind,
      items: items.map(({ title, url, date, pinned, dateText, row, file }) => ({
        title,
        url,
        date,
        pinned,
        ...(dateText ? { dateText } : {}),
        ...(row ? { row } : {}),
        ...(file ? { file } : {}),
      })),
      nextPages,
      ...(dataEndpoints ? { dataEndpoints } : {}),
      flags,
    };
  }
  const { kind, title, publishedAt, documentDate, indexNo, publisher, docNo, publishedTime, metaPublishedAt, source, sources, flags } = r;
  return {
    kind,
    title,
    publishedAt,
    documentDate,
    indexNo,
    publisher,
    docNo,
    ...(publishedTime ? { publishedTime } : {}),
    ...(metaPublishedAt ? { metaPublishedAt } : {}),
    source,
    sources,
    flags,
  };
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('extract')
    .description('打印对单个页面的抽取结果（JSON）：列表条目或文章元数据')
    .argument('<文件或网址>', '本地 HTML/JSON 文件或网址')
    .option('--url <网址>', '页面原始网址（用于解析相对链接）')
    .option('--kind <类型>', 'list | detail（默认自动判断）')
    .option('--ref-day <日期>', '页面抓取日（YYYY-MM-DD），用于推断只写月日的日期的年份；默认今天')
    .action(async (target: string, opts: unknown) => {
      const flags = parseFlags('extract', flagsSchema, opts);
      const page = /^https?:\/\//i.test(target) ? await fetchPage(target) : readPage(target);
      const base = flags.url ?? page.base;
      const text = decodeBody(page.body, page.contentType).text;
      const listOpts = { refDay: flags.refDay };
      let result: ListExtraction | DetailExtraction;
      if (page.json && flags.kind !== 'detail') {
        result = extractListJson(text, base, listOpts);
      } else {
        const kind = flags.kind ?? pageKind(text);
        result = kind === 'list' ? extractList(text, base, listOpts) : extractDetail(text, base);
        if (isChallengePage(page.status, text)) {
          result.flags.push('challenge');
          ctx.warn('注意：这是反爬虫验证页（如瑞数 412 挑战页），不是栏目内容；请让该栏目使用浏览器方式抓取（render: browser）。');
        }
      }
      if (result.kind === 'list' && base.startsWith('file:')) {
        ctx.warn('提示：未给出 --url，相对链接已按本地文件路径解析；给出页面原始网址可得到可访问的链接。');
      }
      ctx.print(JSON.stringify(present(result), null, 2));
    });
}
