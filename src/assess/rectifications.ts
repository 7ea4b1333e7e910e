import { openRectifications, setRectificationStatus, type DB } from '../store/index.ts';
import { nowIso } from '../shared/time.ts';

/**
 * 整改 verification after an assess run: a pending or overdue rectification whose finding the latest assess
 * no longer reports is rectified; a pending one still reported after its deadline is overdue.
 * Call after each nightly assess (the scheduler wires it). Returns how many rows changed.
 */
export function verifyRectifications(db: DB, today: string, at = nowIso()): { rectified: number; overdue: number } {
  return db.transaction(() => {
    let rectified = 0;
    let overdue = 0;
    for (const r of openRectifications(db)) {
      if (!r.findingActive) {
        setRectificationStatus(db, r.id, 'rectified', at);
        rectified++;
      } else if (r.status === 'pending' && r.deadline < today) {
        setRectificationStatus(db, r.id, 'overdue', at);
        overdue++;
      }
    }
    return { rectified, overdue };
  }).immediate();
}
