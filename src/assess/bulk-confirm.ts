import type { DB } from '../store/index.ts';
import { appendAudit } from '../store/index.ts';
import type { Rules } from '../config/index.ts';
import { recordDecision, scoreSheet } from './sheet.ts';

/**
 * 一键确认: every automatic item that has a suggestion and no decision yet is confirmed at its suggestion, with one
 * reason, on the sheets of the given units. Finalised sheets and decided items are left as they are and counted, so
 * the assessor is told what was not touched. Each confirmation is its own decision and its own audit entry.
 */

export interface BulkConfirmOutcome {
  confirmed: number;
  /** Items skipped because someone already decided them. */
  decided: number;
  /** Units skipped because their sheet is 定稿. */
  finalized: number;
}

export function confirmSuggested(db: DB, unitIds: readonly string[], year: number, rules: Rules, reason: string, userId: number | null): BulkConfirmOutcome {
  const out: BulkConfirmOutcome = { confirmed: 0, decided: 0, finalized: 0 };
  db.transaction(() => {
    for (const unitId of unitIds) {
      const sheet = scoreSheet(db, unitId, year, rules);
      if (sheet.finalized) {
        out.finalized++;
        continue;
      }
      for (const item of sheet.items) {
        if (item.mode !== 'auto' || item.suggested === null) continue;
        if (item.lastDecision) {
          out.decided++;
          continue;
        }
        recordDecision(db, { unitId, year, code: item.code, action: 'confirm', reason, userId }, rules);
        appendAudit(db, userId, 'score.confirm-bulk', `score:${unitId}:${year}`, `${item.code}：${reason}`);
        out.confirmed++;
      }
    }
  }).immediate();
  return out;
}
