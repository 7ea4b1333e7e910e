import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { z } from 'zod';
import type { CliContext } from '../context.ts';
import { parseFlags } from '../flags.ts';
import { loadRules } from '../../config/index.ts';
import { planFromObject } from '../../config/index.ts';
import { isPrivateHost } from '../../shared/address.ts';
import { hostOf } from '../../shared/url.ts';
import { shanghaiDay } from '../../shared/time.ts';

const flagsSchema = z.object({
  url: z.url({ protocol: /^https?$/, error: '应是以 http:// 或 https:// 开头的门户信息公开首页网址' }),
  out: z.string().min(1).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

const HEADER = (url: string, problems: string[]) =>
  [
    `# 由 zwgk plan discover 从 ${url} 生成的考核计划草稿（${shanghaiDay()}）。`,
    '# 请逐项核对：删去不考核的栏目，补全各单位联系人（contacts），确认栏目类别（class 为按名称猜测）。',
    '# 核对后用 zwgk plan check 检查。',
    ...(problems.length ? ['# 以下页面未能读取，请人工补充：', ...problems.map((p) => `#   ${p}`)] : []),
    '',
  ].join('\n');

export function registerDiscover(plan: Command, ctx: CliContext): void {
  plan
    .command('discover')
    .description('从门户的政府信息公开页面生成计划草稿（单位、栏目、猜测的栏目类别）')
    .argument('<网址>', '门户信息公开首页')
    .option('--out <文件>', '写入该文件（默认打印到标准输出）')
    .option('--year <年度>', '考核年度（默认今年）')
    .action(async (url: string, opts: Record<string, unknown>) => {
      const f = parseFlags('plan discover', flagsSchema, { ...opts, url });
      const rules = loadRules();
      // Loaded here, not at the top: `zwgk plan check` shares this module and needs no crawler.
      const { createFetcher } = await import('../../crawl/index.ts');
      const { discoverPlan } = await import('../../crawl/index.ts');
      // The portal the assessor names is the plan's own host, so it may be on an intranet address.
      const fetcher = createFetcher({ allowPrivateHosts: [hostOf(f.url)] });
      try {
        const year = f.year ?? Number(shanghaiDay().slice(0, 4));
        const { plan: discovered, problems } = await discoverPlan(fetcher, f.url, rules, year);
        // The assessor named an intranet portal: its draft must say so, or plan check would refuse it.
        const draft = isPrivateHost(new URL(f.url).hostname) ? { ...discovered, allowPrivate: true } : discovered;
        planFromObject(draft, rules, '生成的计划草稿');
        const text = HEADER(f.url, problems) + stringify(draft, { lineWidth: 0 });
        if (f.out) {
          writeFileSync(f.out, text);
          const columns = draft.units.reduce((n, u) => n + u.columns.length, 0);
          ctx.print(`已写入 ${f.out}：${draft.units.length} 个单位，${columns} 个栏目。请核对后用 zwgk plan check 检查。`);
        } else {
          ctx.print(text);
        }
        for (const p of problems) ctx.warn(`未能读取：${p}`);
      } finally {
        await fetcher.close();
      }
    });
}
