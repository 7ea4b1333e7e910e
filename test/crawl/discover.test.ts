import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { startDemoPortal, type DemoPortal } from '../../src/demo/index.ts';

const run = promisify(execFile);
const zwgk = (...args: string[]) => run(process.execPath, ['bin/zwgk.js', ...args], { encoding: 'utf8' });

describe('zwgk plan discover', () => {
  let portal: DemoPortal;
  beforeAll(async () => {
    portal = await startDemoPortal({ faults: false });
  });
  afterAll(() => portal?.close());

  it('drafts every unit and column of the portal, with their classes, as a plan that passes plan check', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'zwgk-discover-')), 'draft.yaml');
    const r = await zwgk('plan', 'discover', portal.indexUrl, '--out', out, '--year', '2026');
    expect(r.stdout).toMatch(/已写入 .*draft\.yaml：12 个单位/);
    const text = readFileSync(out, 'utf8');
    expect(text).toMatch(/^# 由 zwgk plan discover/);
    const draft = parse(text);
    expect(draft.units.map((u: { name: string }) => u.name)).toEqual(portal.truth.units.map((u) => u.name));
    for (const unit of portal.truth.units) {
      const d = draft.units.find((u: { name: string }) => u.name === unit.name);
      expect(d.kind, unit.name).toBe(unit.kind);
      const cols = d.columns.map((c: { name: string; url: string; class: string }) => [c.name, c.url, c.class]);
      expect(cols, unit.name).toEqual(unit.columns.map((c) => [c.name, c.url, c.class]));
    }
    const check = await zwgk('plan', 'check', out);
    expect(check.stdout).toMatch(/检查通过/);
  }, 180_000);

  it('refuses a URL that is not http(s) with exit 2', async () => {
    const e = await zwgk('plan', 'discover', 'ftp://example.org/').catch((err) => err);
    expect(e.code).toBe(2);
    expect(e.stderr).toMatch(/http:\/\/ 或 https:\/\//);
  });
});
