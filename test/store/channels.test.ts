import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type DB } from '../../src/store/db.ts';
import { startCrawlRun } from '../../src/store/crawl-runs.ts';
import { activeChannels, channelChecks, recordChannelCheck } from '../../src/store/channels.ts';
import { iterateUnitFetches } from '../../src/store/fetches.ts';
import { createEvidenceStore } from '../../src/evidence/index.ts';
import { unitOfFetch } from '../../src/web/policy.ts';
import { result } from '../evidence/fixtures.ts';

let dir: string | undefined;
let db: DB | undefined;
afterEach(() => {
  db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('channel checks (公开形式-2 evidence)', () => {
  it('belong to their unit: its snapshots page and its WARC export include them, no other unit sees them', () => {
    dir = mkdtempSync(join(tmpdir(), 'zwgk-channels-'));
    db = openDb(join(dir, 'z.db'));
    const unit = db.prepare(`INSERT INTO units (id, name, kind, channels_json, active, updated_at) VALUES (?, ?, '区直部门', ?, ?, '2026-01-01T00:00:00Z')`);
    unit.run('czj', '区财政局', JSON.stringify([{ name: '微信公众号', url: 'http://mp.example/czj' }]), 1);
    unit.run('old', '已撤并单位', JSON.stringify([{ name: '客户端', url: 'http://app.example/old' }]), 0);
    unit.run('jyj', '区教育局', '[]', 1);
    expect(activeChannels(db)).toEqual([{ unitId: 'czj', name: '微信公众号', url: 'http://mp.example/czj' }]);

    const runId = startCrawlRun(db, null, 'nightly');
    const store = createEvidenceStore(db, join(dir, 'snapshots'));
    const fetchId = store.save(result({ requestUrl: 'http://mp.example/czj', finalUrl: 'http://mp.example/czj' }));
    const check = { runId, unitId: 'czj', name: '微信公众号', url: 'http://mp.example/czj', checkedAt: '2026-11-26T18:00:00.000Z', reachable: true, status: 200, error: null, fetchId };
    recordChannelCheck(db, check);
    expect(channelChecks(db, 'czj', check.url, '2026-01-01T00:00:00Z', '2026-11-27T00:00:00Z')).toEqual([check]);
    expect(channelChecks(db, 'czj', check.url, '2026-11-27T00:00:00Z', '2026-12-01T00:00:00Z')).toEqual([]);

    expect(unitOfFetch(db, String(fetchId))).toBe('czj');
    expect([...iterateUnitFetches(db, 'czj')].map((f) => f.id)).toEqual([fetchId]);
    expect([...iterateUnitFetches(db, 'jyj')]).toEqual([]);
  });
});
