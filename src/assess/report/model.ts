import { getUnit, type DB } from '../../store/index.ts';
import { rubricItems, type Rules } from '../../config/index.ts';
import { Assessor, type AssessOptions, type UnitAssessment } from '../run.ts';
import { FALSIFIED, scoreSheet, type ScoreSheet } from '../sheet.ts';
import { rankByKind } from './ranking.ts';
import type { ColumnStatus, FindingKind } from '../types.ts';

/**
 * The report of DESIGN.md §6, unit by unit: computed fresh from the store as of a day (read-only), with the
 * assessors' decisions from the score sheet. Every format (json, csv, xlsx, html, docx) renders these objects.
 */

export interface JsonItem {
  title: string;
  url: string;
  publishedAt: string | null;
  documentDate: string | null;
  indexNo: string | null;
  latencyWorkdays: number | null;
  firstSeenAt: string;
  flags: string[];
}

export interface JsonColumn {
  name: string;
  url: string;
  class: string;
  /** single: the column's URL is itself one article (no items) */
  layout: 'list' | 'single';
  /** null: no visit of the column yet as of the day (no evidence); 'review' (需核对): see reviewReason */
  status: ColumnStatus | null;
  /** Why the column is 需核对, in Chinese; only with status 'review'. */
  reviewReason?: string;
  itemCount: number;
  latestPublished: string | null;
  daysSinceUpdate: number | null;
  staleEpisodes: Array<{ from: string; to: string | null; overdueDays: number }>;
  items: JsonItem[];
}

export interface JsonFinding {
  kind: FindingKind;
  column: string | null;
  item: string | null;
  detail: Record<string, unknown>;
  evidence: number[];
}

export interface JsonScore {
  code: string;
  name: string;
  max: number;
  suggested: number | null;
  confirmed: number | null;
  basis: string;
}

export interface JsonUnit {
  id: string;
  name: string;
  kind: string;
  columns: JsonColumn[];
  findings: JsonFinding[];
  scores: JsonScore[];
  total: number | null;
  grade: string | null;
  /** Place among the units of the same kind (ranking.ts); null while the sheet has undecided items. */
  kindRank: number | null;
  /** A 弄虚作假 verdict is in force (第十四条): the grade is 不合格 whatever the total. */
  falsified: boolean;
  /** The score sheet is 定稿 (locked): only then are total and grade published in a 通报. */
  finalized: boolean;
}

export interface ReportUnit {
  json: JsonUnit;
  assessment: UnitAssessment;
  sheet: ScoreSheet;
}

export function jsonUnit(rules: Rules, a: UnitAssessment, sheet: ScoreSheet, kindRank: number | null): JsonUnit {
  const names = new Map(a.columns.map((c) => [c.column.id, c.column.name]));
  const urls = new Map<number, string>();
  for (const c of a.columns) for (const it of [...c.items, ...c.otherFlagged]) urls.set(it.id, it.url);
  const suggested = new Map(a.suggestions.map((s) => [s.code, s]));
  const confirmed = new Map(sheet.items.map((i) => [i.code, i]));
  return {
    id: a.unit.id,
    name: a.unit.name,
    kind: a.unit.kind,
    columns: a.columns.map((c) => ({
      name: c.column.name,
      url: c.column.url,
      class: c.column.class,
      layout: c.column.layout,
      status: c.freshness.status,
      ...(c.freshness.reviewReason ? { reviewReason: c.freshness.reviewReason } : {}),
      itemCount: c.items.length,
      latestPublished: c.latestPublished,
      daysSinceUpdate: c.freshness.daysSinceUpdate,
      staleEpisodes: c.freshness.staleEpisodes.map((e) => ({ from: e.from, to: e.to, overdueDays: e.overdueDays })),
      items: c.items.map((it) => ({
        title: it.title,
        url: it.url,
        publishedAt: it.publishedAt,
        documentDate: it.documentDate,
        indexNo: it.indexNo,
        latencyWorkdays: it.timeliness.latencyWorkdays,
        firstSeenAt: it.firstSeenAt,
        flags: it.flags,
      })),
    })),
    findings: a.findings
      .filter((f) => !a.dismissed.has(f.identity))
      .map((f) => ({
        kind: f.kind,
        column: f.columnId === null ? null : (names.get(f.columnId) ?? null),
        item: f.itemId === null ? null : (urls.get(f.itemId) ?? null),
        detail: f.detail,
        evidence: f.evidence,
      })),
    scores: rubricItems(rules).map((it) => {
      const s = suggested.get(it.code);
      const c = confirmed.get(it.code)!;
      return { code: it.code, name: it.text, max: it.points, suggested: s?.suggested ?? null, confirmed: c.confirmed, basis: s?.basis ?? c.basis };
    }),
    total: sheet.total,
    grade: sheet.grade,
    kindRank,
    falsified: sheet.verdict === FALSIFIED,
    finalized: sheet.finalized,
  };
}

/**
 * Units in report order (the plan's), each assessed as of the day, with its place in the ranking. The sheets hold the
 * stored suggestions (today's, which assessors confirm), or with `suggestions: 'computed'` those computed for the day
 * (a past day's view).
 */
export function* reportUnits(db: DB, opts: AssessOptions, { suggestions = 'stored' }: { suggestions?: 'stored' | 'computed' } = {}): Generator<ReportUnit> {
  const assessor = new Assessor(db, opts);
  const ids = assessor.unitIds();
  // Every place depends on every sheet: the sheets (small) are read first, the assessments (large) one by one.
  // A past day's view computes each unit's suggestions first (so every place is that day's), then assesses again below.
  const computed = suggestions === 'computed' ? (id: string) => assessor.unit(id).suggestions : () => undefined;
  const sheets = new Map(ids.map((id) => [id, scoreSheet(db, id, opts.year, opts.rules, computed(id))]));
  const ranking = rankByKind(ids, (id) => ({ kind: getUnit(db, id)?.kind ?? '', sheet: sheets.get(id)! }));
  const places = new Map(ranking.flatMap((t) => t.rows.map((r) => [r.unit, r.kindRank] as const)));
  for (const id of ids) {
    const assessment = assessor.unit(id);
    const sheet = sheets.get(id)!;
    yield { json: jsonUnit(opts.rules, assessment, sheet, places.get(id) ?? null), assessment, sheet };
  }
}

/** Writes the JSON report unit by unit, so memory stays bounded by one unit. */
export function writeJsonReport(units: Iterable<ReportUnit>, head: { asOf: string; year: number }, write: (chunk: string) => void): void {
  write(`{"asOf":${JSON.stringify(head.asOf)},"year":${head.year},"units":[`);
  let first = true;
  for (const u of units) {
    write((first ? '' : ',') + JSON.stringify(u.json));
    first = false;
  }
  write(']}\n');
}
