import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { registerDiscover } from './plan-discover.ts';
import { registerProbe } from './plan-probe.ts';
import { loadPlan, type LoadedPlan } from '../../config/index.ts';
import { classNames, guessColumnClass, loadRules, type Rules } from '../../config/index.ts';
import { coveredYears } from '../../assess/index.ts';

/** The Chinese summary `zwgk plan check` prints for a valid plan. */
export function planSummary(loaded: LoadedPlan, rules: Rules): string {
  const { plan } = loaded;
  const lines: string[] = [];
  const columns = plan.units.flatMap((u) => u.columns.map((c) => ({ unit: u, column: c })));
  lines.push(`计划文件 ${loaded.path} 检查通过。`);
  lines.push(`考核年度：${plan.year}    考核期间：${plan.period.from} 至 ${plan.period.to}`);
  lines.push(`规则版本：${rules.version.id}`);
  const byKind = (k: string) => plan.units.filter((u) => u.kind === k);
  lines.push(`被考核单位：${plan.units.length} 个（镇街 ${byKind('镇街').length} 个，区直部门 ${byKind('区直部门').length} 个）；栏目 ${columns.length} 个`);
  for (const kind of ['镇街', '区直部门'] as const) {
    const units = byKind(kind);
    if (units.length) lines.push(`  ${kind}：${units.map((u) => `${u.name}（${u.id}，${u.columns.length} 个栏目）`).join('、')}`);
  }
  lines.push('各类别栏目数（括号内为按名称猜测类别的栏目数）：');
  for (const cls of classNames(rules)) {
    const inClass = columns.filter((c) => (c.column.class ?? guessColumnClass(rules, c.column.name)) === cls);
    if (!inClass.length) continue;
    const guessed = inClass.filter((c) => c.column.class === undefined).length;
    lines.push(`  ${cls}：${inClass.length}（${guessed}）`);
  }
  const c = plan.crawl;
  lines.push(
    `抓取设置：每站点并发 ${c.perHostConcurrency}，请求间隔 ${c.perHostDelayMs} 毫秒，总并发 ${c.globalConcurrency}，` +
      `超时 ${c.timeoutMs} 毫秒，重试 ${c.retries} 次，每栏目最多 ${c.maxPagesPerColumn} 页，` +
      `浏览器同时渲染 ${c.browserConcurrency} 页、每 ${c.browserRecycleAfter} 页重启一次，` +
      `${c.respectRobots ? '遵守' : '不遵守'} robots.txt，User-Agent：${c.userAgent}`,
  );
  const covered = new Set(coveredYears(rules));
  const missing: number[] = [];
  for (let y = Number(plan.period.from.slice(0, 4)); y <= Number(plan.period.to.slice(0, 4)); y++) if (!covered.has(y)) missing.push(y);
  if (missing.length) {
    lines.push(
      `提醒：工作日历尚未收录 ${missing.join('、')} 年的节假日安排，公开时限将无法计算。` +
        `国务院办公厅放假通知发布后，请升级 chinese-days 或在 rules/holidays.yaml 中录入（见 README“考核规则文件”）。`,
    );
  }
  const noContact = plan.units.filter((u) => u.contacts.length === 0);
  if (noContact.length) lines.push(`提醒：以下单位没有联系人，无法收到预警邮件：${noContact.map((u) => u.name).join('、')}`);
  return lines.join('\n');
}

export function register(program: Command, ctx: CliContext): void {
  const plan = program.command('plan').description('年度考核计划：检查、从门户生成草稿、试读各栏目');
  plan
    .command('check')
    .description('检查年度考核计划文件并打印摘要')
    .argument('<文件>', '计划 YAML 文件')
    .action((file: string) => {
      const rules = loadRules();
      ctx.print(planSummary(loadPlan(file, rules), rules));
    });
  registerDiscover(plan, ctx);
  registerProbe(plan, ctx);
}
