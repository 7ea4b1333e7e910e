import type { DB, Review } from '../store/index.ts';
import { appendAudit, getFinding, setFindingReview, suggestionsFor } from '../store/index.ts';
import { Assessor, type AssessOptions } from './run.ts';

/**
 * An assessor confirms or excludes findings (or reopens them): each change is audit-logged with its reason, and the
 * units concerned get their suggested scores recomputed at once, as of the day their suggestions were computed, so
 * an excluded finding leaves the score's basis now and not only after the next night. The nightly assess keeps the
 * review (findings keep their identity; syncFindings never touches it).
 */

export const REVIEW_ACTIONS = { confirm: 'confirmed', dismiss: 'dismissed', reopen: 'open' } as const satisfies Record<string, Review>;
export type ReviewAction = keyof typeof REVIEW_ACTIONS;

export interface ReviewOutcome {
  changed: number;
  /** Already in the state asked for. */
  unchanged: number;
  /** Units whose suggested scores were recomputed. */
  units: string[];
}

export function reviewFindings(
  db: DB,
  ids: readonly number[],
  action: ReviewAction,
  reason: string,
  userId: number,
  opts: Omit<AssessOptions, 'asOf' | 'unitIds'>,
): ReviewOutcome {
  const review = REVIEW_ACTIONS[action];
  const units = new Set<string>();
  let changed = 0;
  let unchanged = 0;
  db.transaction(() => {
    for (const id of ids) {
      const now = getFinding(db, id);
      if (!now || now.year !== opts.year) continue;
      if (now.review === review) {
        unchanged++;
        continue;
      }
      setFindingReview(db, id, review, reason, userId);
      appendAudit(db, userId, `finding.${action}`, `finding:${id}`, reason);
      changed++;
      units.add(now.unitId);
    }
    for (const unitId of units) {
      const asOf = suggestionsFor(db, unitId, opts.year)[0]?.asOf;
      // Never assessed: the first assess will apply the review.
      if (!asOf) continue;
      const a = new Assessor(db, { ...opts, asOf });
      a.persist(a.unit(unitId));
    }
  }).immediate();
  return { changed, unchanged, units: [...units] };
}
