// Extraction cost per page over the real pages, beside a bare cheerio parse of the same text (the floor any
// extraction pays). Prints medians of several runs.
import { load } from 'cheerio';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { decodeBody, extractDetail, extractList } from '../src/extract/index.ts';
import { median } from './_stats.ts';

const dir = join(import.meta.dirname, '../test/fixtures/real-pages/pages');
const pages = readdirSync(dir)
  .filter((f) => f.endsWith('.html'))
  .map((f) => ({ f, text: decodeBody(readFileSync(join(dir, f))).text }));
const lists = pages.filter((p) => p.f.startsWith('list-'));
const details = pages.filter((p) => p.f.startsWith('detail-'));
const RUNS = 7;


function run(label: string, set: typeof pages, fn: (text: string) => unknown): number {
  const times: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t = performance.now();
    for (const p of set) fn(p.text);
    times.push((performance.now() - t) / set.length);
  }
  const m = median(times);
  console.log(`${label.padEnd(26)} median ${m.toFixed(2)} ms/page over ${set.length} pages`);
  return m;
}

for (const p of pages) extractList(p.text, 'http://x.gov.cn/'); // warm up the JIT outside the timing
const bareL = run('cheerio.load (lists)', lists, (t) => load(t));
const list = run('extractList', lists, (t) => extractList(t, 'http://x.gov.cn/a/', { refDay: '2026-09-01' }));
const bareD = run('cheerio.load (details)', details, (t) => load(t));
const detail = run('extractDetail', details, (t) => extractDetail(t, 'http://x.gov.cn/a/'));
console.log(`extractList / bare parse: ${(list / bareL).toFixed(2)}×; extractDetail / bare parse: ${(detail / bareD).toFixed(2)}×`);
