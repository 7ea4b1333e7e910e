import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { loadRules } from '../../src/config/rules.ts';
import { importRegister } from '../../src/assess/register-import.ts';
import { Fixture } from '../assess/fixture.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'zwgk-input-errors-'));

function zwgk(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((res) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/zwgk.js'), ...args], {
      cwd: dir,
      env: { ...process.env, ZWGK_DB: join(dir, 'zwgk.db'), ZWGK_SNAPSHOTS: join(dir, 'snapshots') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (err += d));
    child.on('exit', (code) => res({ code, out, err }));
  });
}

const PLAN = `year: 2026
period: { from: 2026-01-01, to: 2026-12-31 }
units:
  - id: xc
    name: 新厂街道办事处
    kind: 镇街
    columns:
      - { key: gzdt, name: 工作动态, url: http://www.zhushan.gov.cn/xc/gzdt/, class: 动态要闻 }
`;

/** "Billion laughs": nine levels of nine aliases each. */
const BOMB = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
  .concat('bcdefghi'.split('').map((l, i) => `${l}: &${l} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`))
  .join('\n');

describe('bad input and a broken environment end in Chinese, with exit 2 or 1', () => {
  it('zwgk extract URL fetches the page (the user agent is plain ASCII)', async () => {
    let headers: IncomingHttpHeaders = {};
    const server = createServer((req, res) => {
      headers = req.headers;
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end('<html><head><meta name="PubDate" content="2026-05-12 10:00"><title>关于开展检查的通知</title></head><body><h1>关于开展检查的通知</h1></body></html>');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const r = await zwgk(['extract', `http://127.0.0.1:${(server.address() as AddressInfo).port}/a.html`, '--kind', 'detail']);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.out)).toMatchObject({ kind: 'detail', publishedAt: '2026-05-12' });
      expect(headers['user-agent']).toMatch(/^zwgk-auditor/);
    } finally {
      server.close();
    }
  }, 60_000);

  it('a YAML alias bomb in a plan is refused in Chinese with exit 2; in rules, with an InputError', async () => {
    writeFileSync(join(dir, 'bomb.yaml'), BOMB + '\n' + PLAN);
    const r = await zwgk(['plan', 'check', 'bomb.yaml']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('别名');
    expect(r.err).not.toMatch(/Excessive|resource exhaustion/);
    const rules = join(dir, 'rules');
    mkdirSync(rules);
    for (const f of ['rubric', 'columns', 'timeliness', 'holidays']) writeFileSync(join(rules, `${f}.yaml`), BOMB);
    expect(() => loadRules(rules)).toThrow(/别名/);
  }, 60_000);

  it('report --out into a missing folder: exit 2 naming the folder', async () => {
    writeFileSync(join(dir, 'plan.yaml'), PLAN);
    const r = await zwgk(['report', '--plan', 'plan.yaml', '--format', 'json', '--out', join(dir, 'nope', 'r.json')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`所在的目录 ${join(dir, 'nope')} 不存在`);
  }, 60_000);

  it('an unopenable --db: a directory or a non-database file is bad input (2), not an English driver error', async () => {
    const asDir = await zwgk(['--db', dir, 'report', '--plan', 'plan.yaml', '--format', 'json']);
    expect(asDir.code).toBe(2);
    expect(asDir.err).toContain('是一个目录');
    writeFileSync(join(dir, 'junk.db'), 'this is not sqlite '.repeat(100));
    const junk = await zwgk(['--db', join(dir, 'junk.db'), 'report', '--plan', 'plan.yaml', '--format', 'json']);
    expect(junk.code).toBe(2);
    expect(junk.err).toContain('不是 SQLite 数据库');
    expect(junk.err).not.toMatch(/file is not a database|unable to open/);
  }, 60_000);

  it('register import reads a GBK CSV (as Excel saves it on Chinese Windows)', async () => {
    const fx = new Fixture();
    fx.unit('xc', '新厂街道办事处');
    const p = join(dir, 'gbk.csv');
    writeFileSync(p, iconv.encode('单位,申请编号,收到日期,答复日期,是否延期\r\n新厂街道办事处,YS-1,2026年3月2日,2026年3月20日,否\r\n', 'gbk'));
    expect(await importRegister(fx.db, p)).toEqual({ imported: 1, units: ['xc'] });
  });

  it('register import: an unclosed CSV quote or a corrupt XLSX is bad input (exit 2), in Chinese', async () => {
    writeFileSync(join(dir, 'quote.csv'), '单位,申请编号,收到日期,答复日期,是否延期\n新厂街道办事处,"YS-1,2026-03-02,2026-03-20,否\n');
    const q = await zwgk(['register', 'import', 'quote.csv']);
    expect(q.code).toBe(2);
    expect(q.err).toContain('双引号没有闭合');
    writeFileSync(join(dir, 'broken.xlsx'), Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]));
    const x = await zwgk(['register', 'import', 'broken.xlsx']);
    expect(x.code).toBe(2);
    expect(x.err).toContain('无法作为 .xlsx 读取');
  }, 60_000);
});
