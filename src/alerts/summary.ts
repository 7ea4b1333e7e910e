import type { DeliverReport } from './outbox.ts';
import type { AlertDecisions } from './run.ts';
import type { Digest, LineKind } from './types.ts';
import { ALERT_LINE } from '../shared/vocabulary.ts';

/** The Chinese summary `zwgk alerts` prints. */

const KINDS: LineKind[] = ['warning', 'overdue', 'blank', 'late', 'recovered'];

function counts(lines: { kind: LineKind }[]): string {
  return KINDS.map((k) => [k, lines.filter((l) => l.kind === k).length] as const)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${ALERT_LINE[k]} ${n}`)
    .join('、');
}

export function summarizeDigests(day: string, digests: readonly Digest[], d: AlertDecisions): string[] {
  const lines = digests.flatMap((g) => g.lines);
  const out = [
    digests.length
      ? `预警日期 ${day}：${digests.length} 个单位，共 ${lines.length} 条（${counts(lines)}）。`
      : `预警日期 ${day}：没有需要发送的预警。`,
  ];
  for (const g of digests) {
    const unit = d.units.find((u) => u.unit.id === g.unitId)?.unit.name ?? g.unitId;
    out.push(`  ${unit}：${counts(g.lines)} → 收件人 ${g.to.join('，')}${g.cc.length ? `；抄送 ${g.cc.join('，')}` : ''}`);
  }
  for (const u of d.unreachable) {
    out.push(`  注意：${u.unit.name} 有 ${u.lines.length} 条预警，但计划中没有联系人，也未设置 ZWGK_OFFICE_EMAIL，无法发送（下次运行会重新判断）。`);
  }
  return out;
}

export function summarizeDelivery(r: DeliverReport): string[] {
  const out = [`发送：成功 ${r.sent} 封，稍后重试 ${r.retrying} 封，永久失败 ${r.failed} 封。`];
  if (r.reclaimed) out.push(`（上次运行中断时正在发送的 ${r.reclaimed} 封已重新发送；若对方其实已收到，会收到一封 Message-ID 相同的重复邮件。）`);
  if (r.failed) out.push('永久失败的邮件及服务器回复见看板“预警”页。');
  return out;
}
