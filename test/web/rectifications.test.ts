import { describe, expect, it } from 'vitest';
import { Fixture } from '../assess/fixture.ts';
import { createRectification, listRectifications } from '../../src/store/rectifications.ts';
import { verifyRectifications } from '../../src/assess/rectifications.ts';

describe('整改 verification', () => {
  it('marks fixed findings rectified and findings still present after the deadline overdue', () => {
    const f = new Fixture();
    f.unit('xc');
    const col = f.column('xc', '工作动态', '动态要闻');
    const finding = (id: string) =>
      Number(
        f.db
          .prepare(
            `INSERT INTO findings (identity, kind, unit_id, column_id, year, first_detected_at, last_detected_at, rules_version)
             VALUES (?, 'stale-episode', 'xc', ?, 2026, '2026-06-01T00:00:00Z', '2026-06-01T00:00:00Z', 'v')`,
          )
          .run(id, col).lastInsertRowid,
      );
    const fixed = finding('a');
    const late = finding('b');
    const notYet = finding('c');
    for (const id of [fixed, late]) createRectification(f.db, id, '2026-07-01', null, null);
    createRectification(f.db, notYet, '2026-08-01', null, null);
    f.db.prepare('UPDATE findings SET active = 0 WHERE id = ?').run(fixed);

    expect(verifyRectifications(f.db, '2026-07-15')).toEqual({ rectified: 1, overdue: 1 });
    const status = () => Object.fromEntries(listRectifications(f.db, 2026).map((r) => [r.findingId, r.status]));
    expect(status()).toEqual({ [fixed]: 'rectified', [late]: 'overdue', [notYet]: 'pending' });
    // fixed late: overdue becomes rectified
    f.db.prepare('UPDATE findings SET active = 0 WHERE id = ?').run(late);
    expect(verifyRectifications(f.db, '2026-07-20')).toEqual({ rectified: 1, overdue: 0 });
    expect(status()[late]).toBe('rectified');
  });
});
