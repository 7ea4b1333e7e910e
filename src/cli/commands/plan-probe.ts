import type { Command } from 'commander';
import PQueue from 'p-queue';
import type { CliContext } from '../context.ts';
import { loadPlan } from '../../config/index.ts';
import { loadRules } from '../../config/index.ts';
import type { ProbeResult } from '../../crawl/index.ts';
import { FETCHER, LAYOUT } from '../../shared/vocabulary.ts';

/** One column's probe, as the administrator reads it. */
export function probeText(unit: string, column: string, url: string, r: ProbeResult): string {
  const head = `${unit} / ${column}  ${url}`;
  if (r.verdict === 'unreachable') return `${head}\n  结论：无法访问——${r.reason}`;
  const how = r.fetcher ? FETCHER[r.fetcher] : '—';
  if (r.layout === 'single') return `${head}\n  抓取方式：${how}    ${LAYOUT.single}（栏目网址本身是一篇文章，按页面日期与内容变化判断更新）\n  结论：可读取`;
  const claims = [
    r.claims.totalRecords !== undefined ? `共 ${r.claims.totalRecords} 条` : '',
    r.claims.totalPages !== undefined ? `共 ${r.claims.totalPages} 页` : '',
    r.claims.perPage !== undefined ? `每页 ${r.claims.perPage} 条` : '',
  ].filter(Boolean);
  const pager = r.nextPages ? `找到其余 ${r.nextPages} 页${r.secondPageItems !== null ? `，第 2 页 ${r.secondPageItems} 条` : ''}` : '没有其余列表页';
  return [
    head,
    `  抓取方式：${how}    第 1 页条目：${r.items}${r.dates ? `（${r.dates.from} 至 ${r.dates.to}）` : ''}    页面声称：${claims.length ? claims.join('，') : '未说明'}    翻页：${pager}`,
    `  结论：${r.verdict === 'ok' ? '可完整读取' : `需核对——${r.reason}。请打开该网址核对，必要时在计划中为该栏目指定 selectors 或 render: browser`}`,
  ].join('\n');
}

export function registerProbe(plan: Command, ctx: CliContext): void {
  plan
    .command('probe')
    .description('试读计划中每个栏目的第一页与翻页，逐栏目给出抓取方式、条目、页面声称的总数、日期范围和能否完整读取；有需核对的栏目时退出码为 1')
    .argument('<文件>', '计划 YAML 文件（也可以是 zwgk plan discover 生成的草稿）')
    .action(async (file: string) => {
      const rules = loadRules();
      const { plan: p } = loadPlan(file, rules);
      // Loaded here: `zwgk plan check` shares this command group and needs no crawler.
      const { createFetcher } = await import('../../crawl/index.ts');
      const { probeColumn } = await import('../../crawl/index.ts');
      const { planFetcherOptions } = await import('../../run/index.ts');
      const c = p.crawl;
      const fetcher = createFetcher(planFetcherOptions(p));
      try {
        const columns = p.units.flatMap((u) => u.columns.map((col) => ({ unit: u, col })));
        const queue = new PQueue({ concurrency: Math.max(1, c.globalConcurrency) });
        const results = await Promise.all(columns.map(({ col }) => queue.add(() => probeColumn(fetcher, col))));
        let review = 0;
        results.forEach((r, i) => {
          const { unit, col } = columns[i];
          if (r.verdict !== 'ok') review++;
          ctx.print(probeText(unit.name, col.name, col.url, r));
        });
        ctx.print(`\n共 ${columns.length} 个栏目：${columns.length - review} 个可完整读取，${review} 个需核对或无法访问。`);
        if (review) ctx.exitCode = 1;
      } finally {
        await fetcher.close();
      }
    });
}
