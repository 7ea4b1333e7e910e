import { rubricItems, type Formula, type Rules } from '../config/index.ts';
import type { UnitFinding } from './findings.ts';
import { FINDING_KINDS, TIMELINESS } from '../shared/vocabulary.ts';
import { formatScore, roundScore } from './score-format.ts';

/** Suggested scores for the auto items of the rubric, each with a basis a person can recompute by hand. */

export interface Suggested {
  code: string;
  suggested: number | null;
  basis: string;
  evidence: number[];
}

export interface ColumnFacts {
  name: string;
  /** false when the column had no visit yet as of the assessed day */
  evidenced: boolean;
  /** 需核对: the latest read is in doubt, so nothing about the column is deducted */
  review?: boolean;
}

export interface ProactiveFacts {
  onTime: number;
  late: number;
  noDocument: number;
  beforeDocument: number;
  /** evidence of the late items (detail pages) */
  lateEvidence: number[];
}

export interface RegisterFacts {
  onTime: number;
  late: number;
  /** received, not replied, still within the limit on the assessed day */
  pending: number;
  limit: number;
  extension: number;
}

/** 公开形式-2 evidence: one of the unit's other carriers and its checks in the period. */
export interface ChannelFacts {
  name: string;
  url: string;
  checks: number;
  reachable: number;
  last: ChannelCheckFact | null;
  lastFailure: ChannelCheckFact | null;
}

export interface ChannelCheckFact {
  day: string;
  reachable: boolean;
  error: string | null;
  fetchId: number | null;
}

export interface ScoreFacts {
  asOf: string;
  columns: ColumnFacts[];
  /** the unit's findings, dismissed ones already removed */
  findings: UnitFinding[];
  dismissed: number;
  itemsInPeriod: number;
  proactive: ProactiveFacts;
  proactiveLimit: number;
  /** null: no register entries for the unit in the period */
  register: RegisterFacts | null;
  channels: ChannelFacts[];
}

const ids = (xs: number[]): number[] => [...new Set(xs)].sort((a, b) => a - b);

interface Subject {
  count: number;
  describe: string;
  evidence: number[];
}

function countBy(findings: UnitFinding[], kind: string, label: (f: UnitFinding) => string): { n: number; parts: string; names: string; evidence: number[]; distinct: number } {
  const mine = findings.filter((f) => f.kind === kind);
  const per = new Map<string, number>();
  for (const f of mine) per.set(label(f), (per.get(label(f)) ?? 0) + 1);
  return {
    n: mine.length,
    parts: [...per].map(([k, n]) => (n > 1 || kind === 'stale-episode' ? `${k}（${n} 次）` : k)).join('、'),
    names: [...per.keys()].join('、'),
    evidence: mine.flatMap((f) => f.evidence),
    distinct: per.size,
  };
}

function subjects(facts: ScoreFacts, columnName: (f: UnitFinding) => string): Record<string, Subject> {
  const stale = countBy(facts.findings, 'stale-episode', columnName);
  const blank = countBy(facts.findings, 'blank-column', columnName);
  const unreach = countBy(facts.findings, 'unreachable-column', columnName);
  const blocked = countBy(facts.findings, 'blocked', columnName);
  const dead = facts.findings.filter((f) => f.kind === 'dead-link');
  return {
    'stale-episode': {
      count: stale.n,
      describe: stale.n ? `${stale.distinct} 个栏目超期未更新共 ${stale.n} 次：${stale.parts}` : '没有超期未更新的栏目',
      evidence: stale.evidence,
    },
    'blank-column': { count: blank.n, describe: blank.n ? `${blank.n} 个空白栏目：${blank.parts}` : '没有空白栏目', evidence: blank.evidence },
    'unreachable-column': {
      count: unreach.distinct,
      describe: unreach.distinct ? `${unreach.distinct} 个栏目反复无法访问：${unreach.names}` : '没有反复无法访问的栏目',
      evidence: unreach.evidence,
    },
    // Per column, however many stretches: a column refused twice is still one column hidden from assessment.
    'blocked-column': {
      count: blocked.distinct,
      describe: blocked.distinct ? `${blocked.distinct} 个栏目${FINDING_KINDS.blocked.title}：${blocked.names}` : `没有${FINDING_KINDS.blocked.title}的栏目`,
      evidence: blocked.evidence,
    },
    'dead-link': { count: dead.length, describe: dead.length ? `${dead.length} 条信息链接失效` : '没有失效链接', evidence: dead.flatMap((f) => f.evidence) },
  };
}

function deductions(rules: Rules, max: number, formula: Extract<Formula, { kind: 'deductions' }>, subj: Record<string, Subject>): { value: number; sentence: string; arithmetic: string; evidence: number[] } {
  let value = max;
  const terms: string[] = [];
  const sentences: string[] = [];
  const evidence: number[] = [];
  for (const d of formula.deductions) {
    const s = subj[d.per];
    sentences.push(s.describe);
    if (!s.count) continue;
    evidence.push(...s.evidence);
    const raw = s.count * d.points;
    const taken = d.cap !== undefined ? Math.min(raw, d.cap) : raw;
    value -= taken;
    terms.push(d.cap !== undefined && raw > d.cap ? `min(${s.count} × ${formatScore(rules, d.points)}, ${formatScore(rules, d.cap)})` : `${s.count} × ${formatScore(rules, d.points)}`);
  }
  const raw = roundScore(rules, value);
  let arithmetic = `${formatScore(rules, max)}${terms.map((t) => ` − ${t}`).join('')} = ${formatScore(rules, raw)}`;
  if (raw < formula.floor) arithmetic += `，不低于 ${formatScore(rules, formula.floor)} 分，计 ${formatScore(rules, formula.floor)} 分`;
  return { value: Math.max(raw, formula.floor), sentence: sentences.join('；'), arithmetic, evidence };
}

export function suggestScores(rules: Rules, facts: ScoreFacts, columnName: (f: UnitFinding) => string): Suggested[] {
  const out: Suggested[] = [];
  const evidenced = facts.columns.filter((c) => c.evidenced);
  const unvisited = facts.columns.length - evidenced.length;
  const notes: string[] = [];
  if (unvisited) notes.push(`${unvisited} 个栏目截至 ${facts.asOf} 尚无巡检记录，未计入`);
  const review = facts.columns.filter((c) => c.review).map((c) => c.name);
  if (review.length) notes.push(`${review.length} 个栏目需核对（证据不完整，未据此扣分）：${review.join('、')}`);
  if (facts.dismissed) notes.push(`另有 ${facts.dismissed} 项问题经复核驳回，未计入`);
  const note = notes.length ? `（${notes.join('；')}）` : '';
  const subj = subjects(facts, columnName);
  for (const item of rubricItems(rules)) {
    if (item.mode === 'manual' && item.evidence?.includes('channel-reachability')) {
      out.push(channelEvidence(item.code, facts));
      continue;
    }
    if (item.mode !== 'auto' || !item.formula) continue;
    const f = item.formula;
    if (f.kind === 'deductions') {
      if (!evidenced.length) {
        out.push({ code: item.code, suggested: null, basis: `截至 ${facts.asOf} 尚无任何巡检记录，无法给出建议分，请待巡检后重新评估。`, evidence: [] });
        continue;
      }
      const r = deductions(rules, item.points, f, subj);
      const extra = item.evidence?.includes('items-in-period') ? `；期内发布信息 ${facts.itemsInPeriod} 条` : '';
      out.push({ code: item.code, suggested: r.value, basis: `${r.sentence}${extra}${note}；${r.arithmetic}`, evidence: ids(r.evidence) });
    } else if (item.evidence?.includes('application-register')) {
      out.push(registerScore(rules, item.code, item.points, facts));
    } else {
      out.push(proactiveScore(rules, item.code, item.points, facts));
    }
  }
  return out;
}

function proactiveScore(rules: Rules, code: string, max: number, facts: ScoreFacts): Suggested {
  const p = facts.proactive;
  const evaluable = p.onTime + p.late;
  const others: string[] = [];
  if (p.noDocument) others.push(`${p.noDocument} 条缺成文日期无法评估`);
  if (p.beforeDocument) others.push(`${p.beforeDocument} 条发布日期早于成文日期`);
  const tail = others.length ? `；另有${others.join('、')}，均未计入` : '';
  if (!evaluable) {
    return { code, suggested: null, basis: `期内没有可评估公开时限的信息（须同时有成文日期和发布日期）${tail}，请人工评分。`, evidence: [] };
  }
  const value = roundScore(rules, (max * p.onTime) / evaluable);
  return {
    code,
    suggested: value,
    basis: `期内可评估信息 ${evaluable} 条（成文日期至发布日期不超过 ${facts.proactiveLimit} 个工作日为按时），${TIMELINESS['on-time']} ${p.onTime} 条、${TIMELINESS.late} ${p.late} 条${tail}；${formatScore(rules, max)} × ${p.onTime} / ${evaluable} = ${formatScore(rules, value)}`,
    evidence: ids(p.lateEvidence),
  };
}

/**
 * A manual item (no suggested score) whose basis lays out the channel checks, so the assessor scores it with
 * the online evidence in front of them; the offline carriers (办事大厅, 公告栏…) they check themselves.
 */
function channelEvidence(code: string, facts: ScoreFacts): Suggested {
  const head = '人工评分项，请考核人员根据材料评分（办事大厅、公告栏等线下载体须另行核查）';
  if (!facts.channels.length) {
    return { code, suggested: null, basis: `${head}。计划未登记本单位的其他公开载体网址（计划文件 units[].channels），没有巡检证据。`, evidence: [] };
  }
  const lines = facts.channels.map((c) => {
    if (!c.checks) return `${c.name}：截至 ${facts.asOf} 尚未巡检`;
    const last = c.last!.reachable ? `最近一次 ${c.last!.day} 可访问` : `最近一次 ${c.last!.day} 无法访问（${(c.last!.error ?? '没有应答').replace(/。$/, '')}）`;
    return `${c.name}：期内巡检 ${c.checks} 次，可访问 ${c.reachable} 次，${last}`;
  });
  const evidence = facts.channels.flatMap((c) => [c.last?.fetchId, c.lastFailure?.fetchId]).filter((id): id is number => typeof id === 'number');
  return { code, suggested: null, basis: `${head}。其他公开载体巡检情况：${lines.join('；')}。`, evidence: ids(evidence) };
}

function registerScore(rules: Rules, code: string, max: number, facts: ScoreFacts): Suggested {
  const r = facts.register;
  if (!r) return { code, suggested: null, basis: '未导入本单位考核期内的依申请公开登记台账：请在看板“依申请登记”页导入登记表，或人工评分。', evidence: [] };
  const evaluable = r.onTime + r.late;
  const pending = r.pending ? `；另有 ${r.pending} 件尚未答复、仍在期限内，未计入` : '';
  if (!evaluable) return { code, suggested: null, basis: `登记台账中没有可评估的申请${pending}，请人工评分。`, evidence: [] };
  const value = roundScore(rules, (max * r.onTime) / evaluable);
  return {
    code,
    suggested: value,
    basis: `依申请公开登记台账中可评估申请 ${evaluable} 件（收到申请至答复不超过 ${r.limit} 个工作日、经延期不超过 ${r.limit + r.extension} 个工作日为按时），${TIMELINESS['on-time']} ${r.onTime} 件、${TIMELINESS.late} ${r.late} 件${pending}；${formatScore(rules, max)} × ${r.onTime} / ${evaluable} = ${formatScore(rules, value)}`,
    evidence: [],
  };
}
