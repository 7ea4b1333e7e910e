import type { ColumnRow, DB, UnitRow } from '../store/index.ts';
import { reviewsFor, syncFindings } from '../store/index.ts';
import { registerEntriesFor } from '../store/index.ts';
import { upsertSuggestion } from '../store/index.ts';
import { columnClass, type Rules } from '../config/index.ts';
import { addDays, nowIso, shanghaiMidnight } from '../shared/time.ts';
import { windowText } from '../shared/vocabulary.ts';
import { channelFacts } from './channels.ts';
import { assessColumn, assessedColumn, type ColumnAssessment } from './column.ts';
import { unitFindings, type UnitFinding } from './findings.ts';
import { windowPolicy } from './policy.ts';
import { AssessReader } from './reader.ts';
import { suggestScores, type RegisterFacts, type Suggested } from './scores.ts';
import type { CountWorkdays } from './timeliness.ts';
import type { Period } from './types.ts';

/** Assessment of units over the plan period as of a day: columns, findings and suggested scores. */

export interface AssessOptions {
  rules: Rules;
  year: number;
  period: Period;
  asOf: string;
  countWorkdays: CountWorkdays;
  /** The units to assess, in report order; default every active unit by id. */
  unitIds?: readonly string[];
}

export interface UnitAssessment {
  unit: UnitRow;
  columns: ColumnAssessment[];
  /** Every finding, dismissed ones included (see `dismissed`). */
  findings: UnitFinding[];
  /** identities of findings an assessor dismissed: kept in lists, left out of the suggestions */
  dismissed: Set<string>;
  suggestions: Suggested[];
}

function unreachableNights(rules: Rules): number {
  for (const c of rules.rubric.categories)
    for (const it of c.items)
      if (it.formula?.kind === 'deductions')
        for (const d of it.formula.deductions) if (d.per === 'unreachable-column' && d.consecutiveNights) return d.consecutiveNights;
  // One failed night never counts (DESIGN.md §2); the rubric normally sets this.
  return 2;
}

/**
 * The register's applications as of the day. Its rows are dated records (received, replied), usually imported after
 * the fact, so a past day reads them by their own dates, not by when they were imported.
 */
export function registerFacts(db: DB, opts: AssessOptions, unitId: string, end: string): RegisterFacts | null {
  const entries = registerEntriesFor(db, unitId, opts.period.from, end);
  if (!entries.length) return null;
  const { limitWorkdays: limit, extensionWorkdays: extension } = opts.rules.timeliness.onRequest;
  const facts: RegisterFacts = { onTime: 0, late: 0, pending: 0, limit, extension };
  for (const e of entries) {
    const allowed = limit + (e.extended ? extension : 0);
    if (e.repliedOn && e.repliedOn <= opts.asOf) {
      if (opts.countWorkdays(e.receivedOn, e.repliedOn) <= allowed) facts.onTime++;
      else facts.late++;
    } else if (opts.countWorkdays(e.receivedOn, opts.asOf) > allowed) facts.late++;
    else facts.pending++;
  }
  return facts;
}

/** What assessing a column needs: no year, no units (the dashboard's unit and column pages). */
export type ColumnOptions = Pick<AssessOptions, 'rules' | 'period' | 'asOf' | 'countWorkdays'>;

/** Assesses columns one at a time as of a day, read-only. */
export class ColumnAssessor {
  protected readonly reader: AssessReader;
  protected readonly asOfEndMs: number;

  constructor(
    protected readonly db: DB,
    readonly opts: ColumnOptions,
  ) {
    this.reader = new AssessReader(db);
    this.asOfEndMs = shanghaiMidnight(addDays(opts.asOf, 1)).getTime();
  }

  /**
   * Any column, listed in the plan or retired from it. `itemsOnly` leaves its visits out: its items' dates and
   * latencies are the same, its freshness and the flags that need visits (back-dating, dead links) are not assessed.
   */
  column(row: ColumnRow, { itemsOnly = false }: { itemsOnly?: boolean } = {}): ColumnAssessment {
    const { rules, period, asOf, countWorkdays } = this.opts;
    const col = assessedColumn(row, row.class);
    return assessColumn(
      { period, asOf, asOfEndMs: this.asOfEndMs, policy: windowPolicy(rules, col.class), limitWorkdays: rules.timeliness.proactive.limitWorkdays, countWorkdays },
      col,
      itemsOnly ? [] : this.reader.visits(col.id),
      this.reader.items(col.id),
      this.reader.dates(col.id),
      col.layout === 'single' ? this.reader.pageStates(col.id) : [],
    );
  }
}

export class Assessor extends ColumnAssessor {
  private readonly end: string;

  constructor(
    db: DB,
    override readonly opts: AssessOptions,
  ) {
    super(db, opts);
    this.end = opts.asOf < opts.period.to ? opts.asOf : opts.period.to;
  }

  /** True when no crawl had started by the end of the as-of day: there is no evidence to assess. */
  beforeFirstCrawl(): boolean {
    const first = this.reader.firstCrawlAt();
    return first === null || Date.parse(first) >= this.asOfEndMs;
  }

  unitIds(): string[] {
    return this.opts.unitIds ? [...this.opts.unitIds] : this.reader.units().map((u) => u.id);
  }

  unit(unitId: string): UnitAssessment {
    const { rules, period, asOf, year } = this.opts;
    const unit = this.reader.unit(unitId);
    if (!unit) throw new Error(`数据库中没有单位“${unitId}”：请先用该计划运行 zwgk crawl 或 zwgk plan check 同步计划`);
    const limitWorkdays = rules.timeliness.proactive.limitWorkdays;
    const documentClasses = new Set(rules.timeliness.proactive.documentClasses);
    const columns = this.reader.columns(unitId).map((row) => this.column(row));
    const findings = unitFindings(
      { year, unitId, asOf, windowText: (c) => windowText(columnClass(rules, c).window), limitWorkdays, documentClasses, unreachableNights: unreachableNights(rules) },
      columns,
    );
    const reviews = reviewsFor(this.db, unitId, year);
    const dismissed = new Set(findings.filter((f) => reviews.get(f.identity) === 'dismissed').map((f) => f.identity));
    const counted = findings.filter((f) => !dismissed.has(f.identity));
    const names = new Map(columns.map((c) => [c.column.id, c.column.name]));
    const proactive = { onTime: 0, late: 0, noDocument: 0, beforeDocument: 0, lateEvidence: [] as number[] };
    let itemsInPeriod = 0;
    for (const c of columns) {
      for (const it of c.items) {
        if (it.publishedAt! > this.end) continue;
        itemsInPeriod++;
        const s = it.timeliness.status;
        if (s === 'on-time') proactive.onTime++;
        else if (s === 'no-document-date') {
          if (documentClasses.has(c.column.class)) proactive.noDocument++;
        }
        else if (s === 'published-before-document') proactive.beforeDocument++;
        else if (s === 'late') {
          if (dismissed.has(`${year}:late-disclosure:item:${it.id}`)) continue;
          proactive.late++;
          if (it.detailFetchId !== null) proactive.lateEvidence.push(it.detailFetchId);
        }
      }
    }
    const suggestions = suggestScores(
      rules,
      {
        asOf,
        columns: columns.map((c) => ({ name: c.column.name, evidenced: c.freshness.status !== null, review: c.freshness.status === 'review' })),
        findings: counted,
        dismissed: dismissed.size,
        itemsInPeriod,
        proactive,
        proactiveLimit: limitWorkdays,
        register: registerFacts(this.db, this.opts, unitId, this.end),
        channels: channelFacts(this.db, unitId, period.from, this.asOfEndMs),
      },
      (f) => names.get(f.columnId!) ?? '',
    );
    return { unit, columns, findings, dismissed, suggestions };
  }

  /** Stores a unit's findings (upsert by identity, deactivating the rest) and suggested scores. */
  persist(a: UnitAssessment, at = nowIso()): void {
    const { rules, year, asOf } = this.opts;
    this.db.transaction(() => {
      syncFindings(this.db, a.unit.id, year, a.findings, rules.version.id, at);
      for (const s of a.suggestions) upsertSuggestion(this.db, { unitId: a.unit.id, year, ...s, rulesVersion: rules.version.id, asOf }, at);
    }).immediate();
  }
}

export interface AssessSummary {
  units: number;
  columns: number;
  findings: number;
  byKind: Record<string, number>;
  noEvidence: boolean;
  /** Each unit's finding count and suggested scores, in report order: what a past day's view prints. */
  perUnit: Array<{ unit: UnitRow; findings: number; suggestions: Suggested[] }>;
}

/**
 * `zwgk assess`: recomputes every unit's findings and suggestions and stores them; with `readOnly` (a past day's
 * view) it only computes them, and the store is left as it was.
 */
export function runAssess(db: DB, opts: AssessOptions, { readOnly = false }: { readOnly?: boolean } = {}): AssessSummary {
  const a = new Assessor(db, opts);
  const summary: AssessSummary = { units: 0, columns: 0, findings: 0, byKind: {}, noEvidence: a.beforeFirstCrawl(), perUnit: [] };
  const at = nowIso();
  for (const id of a.unitIds()) {
    const u = a.unit(id);
    if (!readOnly) a.persist(u, at);
    summary.units++;
    summary.columns += u.columns.length;
    summary.perUnit.push({ unit: u.unit, findings: u.findings.length, suggestions: u.suggestions });
    for (const f of u.findings) {
      summary.findings++;
      summary.byKind[f.kind] = (summary.byKind[f.kind] ?? 0) + 1;
    }
  }
  return summary;
}
