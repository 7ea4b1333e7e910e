/**
 * How much of the variant matrix (src/demo/variants/) today's crawl reproduces.
 *
 *   node --import tsx scripts/measure-variants.ts [--ref-date YYYY-MM-DD] [--keep]
 *
 * Starts the demo portal with `variants: true` on 127.0.0.1, writes a plan of the variant units only, runs the
 * real crawl (runCrawl, as `zwgk crawl` does) into a temp DB and prints, per column, the period's expected vs
 * found item count and expected vs found newest date; then the share of the period's items found (by URL) and
 * the share of columns whose count and newest date are both exact.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse, stringify } from 'yaml';
import { assessOptions, openRun, runCrawl } from '../src/run/index.ts';
import { startDemoPortal, variantExpectation, type DemoColumn } from '../src/demo/index.ts';
import { shanghaiDay } from '../src/shared/time.ts';
import { openDb, type DB } from '../src/store/db.ts';
import { Assessor, type ColumnStatus } from '../src/assess/index.ts';

const { values } = parseArgs({ options: { 'ref-date': { type: 'string' }, keep: { type: 'boolean' } } });
const refDate = values['ref-date'] ?? shanghaiDay();
const year = Number(refDate.slice(0, 4));
const from = `${year}-01-01`;

const portal = await startDemoPortal({ refDate, variants: true, faults: false });
const variantUnits = portal.truth.units.filter((u) => u.columns.some((c) => c.variant));
const dir = mkdtempSync(join(tmpdir(), 'zwgk-variants-'));
const planPath = join(dir, 'plan.yaml');
const plan = parse(portal.planYaml({ year, crawl: { perHostDelayMs: 0, perHostConcurrency: 4 } }));
plan.units = plan.units.filter((u: { id: string }) => variantUnits.some((v) => v.id === u.id));
writeFileSync(planPath, stringify(plan));
const db = openDb(join(dir, 'zwgk.db'));
const run = openRun(db, planPath);

const started = Date.now();
try {
  await runCrawl(run, {
    snapshotsDir: join(dir, 'snapshots'),
    kind: 'full',
    fetcherOverrides: { perHostDelayMs: 0, perHostConcurrency: 4, retryBaseDelayMs: 50 },
  });
} finally {
  await portal.close();
}

// What assess concludes about each column: the status an assessor would see.
const assessor = new Assessor(db, { ...assessOptions(run, refDate), unitIds: variantUnits.map((u) => u.id) });
const statuses = new Map<number, ColumnStatus | null>();
for (const u of variantUnits) for (const c of assessor.unit(u.id).columns) statuses.set(c.column.id, c.freshness.status);

/**
 * What the crawl stored for a column within [from, refDate], and its newest non-pinned date; for a single-page
 * column, no items and the newest date the page showed.
 */
function found(db: DB, url: string): { urls: Set<string>; docDates: Map<string, string | null>; latest: string | null; outcome: string; status: string } {
  const col = db.prepare(`SELECT id, CASE WHEN layout = 'auto' THEN coalesce(layout_learned, 'list') ELSE layout END AS layout FROM columns WHERE url = ?`).get(url) as
    | { id: number; layout: string }
    | undefined;
  if (!col) return { urls: new Set(), docDates: new Map(), latest: null, outcome: 'not in store', status: '-' };
  const status = statuses.get(col.id) ?? '-';
  if (col.layout === 'single') {
    const page = db.prepare('SELECT max(published_at) AS d FROM page_states WHERE column_id = ?').get(col.id) as { d: string | null };
    return { urls: new Set(), docDates: new Map(), latest: page.d, outcome: 'single', status };
  }
  const rows = db
    .prepare('SELECT url, document_date AS documentDate FROM items WHERE column_id = ? AND published_at BETWEEN ? AND ?')
    .all(col.id, from, refDate) as Array<{ url: string; documentDate: string | null }>;
  const latest = db.prepare('SELECT max(published_at) AS d FROM items WHERE column_id = ? AND pinned = 0 AND published_at <= ?').get(col.id, refDate) as { d: string | null };
  const visit = db.prepare('SELECT outcome FROM column_visits WHERE column_id = ? ORDER BY id DESC LIMIT 1').get(col.id) as { outcome: string } | undefined;
  return { urls: new Set(rows.map((r) => r.url)), docDates: new Map(rows.map((r) => [r.url, r.documentDate])), latest: latest.d, outcome: visit?.outcome ?? '-', status };
}

function expectedInPeriod(col: DemoColumn) {
  const e = variantExpectation(col);
  const inPeriod = col.items.filter((i) => i.publishedAt >= from && i.publishedAt <= refDate);
  return { ...e, itemCount: inPeriod.length, urls: inPeriod.map((i) => i.url), docDated: inPeriod.filter((i) => i.documentDate) };
}

let expectedItems = 0;
let foundItems = 0;
let exactColumns = 0;
let columns = 0;
let docDated = 0;
let docRight = 0;
// A column read wrong must be 需核对 (review); 超期 or 空白 on a wrong read is a false accusation.
let wrongNotReview = 0;
let falseAccusations = 0;
const rows: string[][] = [['column', 'variant', 'items exp', 'found', 'matched', 'latest exp', 'found', '成文日期 right', 'outcome', 'status', 'ok']];
for (const unit of variantUnits) {
  for (const col of unit.columns) {
    const exp = expectedInPeriod(col);
    const got = found(db, col.url);
    const matched = exp.urls.filter((u) => got.urls.has(u)).length;
    const exact = got.urls.size === exp.itemCount && matched === exp.itemCount && got.latest === exp.latestPublished;
    expectedItems += exp.itemCount;
    foundItems += matched;
    columns++;
    if (exact) exactColumns++;
    else {
      if (got.status !== 'review') wrongNotReview++;
      if (got.status === 'stale' || got.status === 'blank') falseAccusations++;
    }
    // 成文日期 as the crawl stored it (from the detail page or, for file-linking 目录, only the row could say).
    const right = exp.docDated.filter((i) => got.docDates.get(i.url) === i.documentDate).length;
    docDated += exp.docDated.length;
    docRight += right;
    const doc = exp.docDated.length ? `${right}/${exp.docDated.length}` : '-';
    rows.push([`${unit.id}/${col.slug} ${col.name}`, col.variant ?? '', String(exp.itemCount), String(got.urls.size), String(matched), exp.latestPublished ?? '-', got.latest ?? '-', doc, got.outcome, got.status, exact ? 'yes' : 'NO']);
  }
}
const width = (s: string) => [...s].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
const widths = rows[0].map((_, k) => Math.max(...rows.map((r) => width(r[k]))));
for (const r of rows) console.log(r.map((c, k) => c + ' '.repeat(widths[k] - width(c))).join('  '));
const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(1) : '-');
console.log(`\nperiod ${from} .. ${refDate}; crawl took ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`items of the period found (by URL): ${foundItems}/${expectedItems} = ${pct(foundItems, expectedItems)}%`);
console.log(`columns with exact count and newest date: ${exactColumns}/${columns} = ${pct(exactColumns, columns)}%`);
console.log(`columns read wrong but not reported 需核对: ${wrongNotReview}; of them reported 超期 or 空白: ${falseAccusations}`);
console.log(`period items with a 成文日期 whose 成文日期 the crawl stored right: ${docRight}/${docDated} = ${pct(docRight, docDated)}%`);
db.close();
if (values.keep) console.log(`kept ${dir}`);
else rmSync(dir, { recursive: true, force: true });
