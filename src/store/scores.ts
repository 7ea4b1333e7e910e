import { stmt, type DB } from './db.ts';
import { nowIso } from '../shared/time.ts';

/** Suggested scores (one row per unit, year, rubric item; replaced by each assess) and the decision log. */

export interface Suggestion {
  unitId: string;
  year: number;
  code: string;
  /** null: left to the assessor (manual item, or no evidence to compute from). */
  suggested: number | null;
  basis: string;
  evidence: number[];
  rulesVersion: string;
  asOf: string;
  computedAt: string;
}

export type DecisionAction = 'confirm' | 'override' | 'manual' | 'verdict' | 'finalize' | 'unlock';

export interface Decision {
  id: number;
  unitId: string;
  year: number;
  code: string | null;
  action: DecisionAction;
  value: number | null;
  verdict: string | null;
  reason: string | null;
  userId: number | null;
  at: string;
}

interface SuggestionRow {
  unit_id: string;
  year: number;
  code: string;
  suggested: number | null;
  basis: string;
  evidence_json: string;
  rules_version: string;
  as_of: string;
  computed_at: string;
}

const toSuggestion = (r: SuggestionRow): Suggestion => ({
  unitId: r.unit_id,
  year: r.year,
  code: r.code,
  suggested: r.suggested,
  basis: r.basis,
  evidence: JSON.parse(r.evidence_json),
  rulesVersion: r.rules_version,
  asOf: r.as_of,
  computedAt: r.computed_at,
});

export function upsertSuggestion(db: DB, s: Omit<Suggestion, 'computedAt'>, computedAt = nowIso()): void {
  stmt(
    db,
    `INSERT INTO score_suggestions (unit_id, year, code, suggested, basis, evidence_json, rules_version, as_of, computed_at)
     VALUES (@unitId, @year, @code, @suggested, @basis, @evidence, @rulesVersion, @asOf, @computedAt)
     ON CONFLICT (unit_id, year, code) DO UPDATE SET suggested = excluded.suggested, basis = excluded.basis,
       evidence_json = excluded.evidence_json, rules_version = excluded.rules_version, as_of = excluded.as_of,
       computed_at = excluded.computed_at`,
  ).run({ ...s, evidence: JSON.stringify(s.evidence), computedAt });
}

export function suggestionsFor(db: DB, unitId: string, year: number): Suggestion[] {
  return (stmt(db, 'SELECT * FROM score_suggestions WHERE unit_id = ? AND year = ? ORDER BY code').all(unitId, year) as SuggestionRow[]).map(
    toSuggestion,
  );
}

interface DecisionRow {
  id: number;
  unit_id: string;
  year: number;
  code: string | null;
  action: DecisionAction;
  value: number | null;
  verdict: string | null;
  reason: string | null;
  user_id: number | null;
  at: string;
}

const toDecision = (r: DecisionRow): Decision => ({
  id: r.id,
  unitId: r.unit_id,
  year: r.year,
  code: r.code,
  action: r.action,
  value: r.value,
  verdict: r.verdict,
  reason: r.reason,
  userId: r.user_id,
  at: r.at,
});

/** Appends to the audit log (the table refuses UPDATE and DELETE). Returns the new id. */
export function insertDecision(db: DB, d: Omit<Decision, 'id'>): number {
  return Number(
    stmt(
        db,
        `INSERT INTO score_decisions (unit_id, year, code, action, value, verdict, reason, user_id, at)
         VALUES (@unitId, @year, @code, @action, @value, @verdict, @reason, @userId, @at)`,
      )
      .run(d).lastInsertRowid,
  );
}

/** Every decision of a unit's sheet, oldest first. */
export function decisionsFor(db: DB, unitId: string, year: number): Decision[] {
  return (stmt(db, 'SELECT * FROM score_decisions WHERE unit_id = ? AND year = ? ORDER BY id').all(unitId, year) as DecisionRow[]).map(
    toDecision,
  );
}
