// Working-day arithmetic as assess uses it: one countWorkdays per item. Prints medians of several runs.
import { addWorkdays, countWorkdays } from '../src/assess/workdays.ts';
import { loadRules } from '../src/config/rules.ts';
import { addDays } from '../src/shared/time.ts';
import { median } from './_stats.ts';

const rules = loadRules();
const N = 1_000_000;
const days: string[] = [];
for (let i = 0; i < 730; i++) days.push(addDays('2025-01-01', i));
countWorkdays(rules, '2025-01-01', '2026-12-31'); // build the year tables outside the timing


function run(label: string, fn: (i: number) => number | string): void {
  const times: number[] = [];
  let sink = 0;
  for (let r = 0; r < 5; r++) {
    const t = performance.now();
    for (let i = 0; i < N; i++) sink += String(fn(i)).length;
    times.push(performance.now() - t);
  }
  console.log(`${label}: median ${median(times).toFixed(1)} ms per ${N.toLocaleString('en')} calls (${((median(times) * 1e6) / N).toFixed(0)} ns/call) [${sink > 0 ? 'ok' : ''}]`);
}

run('countWorkdays', (i) => countWorkdays(rules, days[i % 730], days[(i * 7 + 13) % 730]));
run('addWorkdays(+20)', (i) => addWorkdays(rules, days[i % 700], 20));
