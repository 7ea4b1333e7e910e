// Saves `count` fetch results (bodies derived from their index) into the given store, printing each id;
// the SIGKILL test kills it mid-way and runs it again.
import { openDb } from '../../src/store/db.ts';
import { createEvidenceStore } from '../../src/evidence/index.ts';
import { result } from './fixtures.ts';

const [dbPath, snaps, count] = process.argv.slice(2);
const db = openDb(dbPath);
const store = createEvidenceStore(db, snaps);
const have = new Set((db.prepare('SELECT url FROM fetches').all() as { url: string }[]).map((r) => r.url));
for (let i = 0; i < Number(count); i++) {
  const url = `http://portal.example/p/${i}`;
  if (have.has(url)) continue; // the re-run picks up where the killed run stopped
  const body = Buffer.from(`<html><body>${'第' + i + '页 '.repeat(2000)}</body></html>`);
  const id = store.save(result({ requestUrl: url, finalUrl: url, body, screenshot: i % 3 === 0 ? Buffer.from(`png-${i % 6}`) : undefined }));
  process.stdout.write(`${id}\n`);
}
db.close();
