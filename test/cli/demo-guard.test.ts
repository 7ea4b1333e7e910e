import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_MARKER, prepareDemoDir } from '../../src/cli/commands/demo.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'zwgk-demo-guard-'));

function zwgk(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string; ms: number }> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const home = tmp();
    const child = spawn(process.execPath, ['bin/zwgk.js', ...args], {
      env: { ...process.env, ZWGK_DB: join(home, 'zwgk.db'), ZWGK_SNAPSHOTS: join(home, 'snapshots'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (out += d));
    child.on('exit', (code) => resolve({ code, out, ms: Date.now() - t0 }));
  });
}

describe('zwgk demo --dir deletes only what it created', () => {
  it('refuses a non-empty directory without the demo marker, and leaves it alone (exit 2)', async () => {
    const dir = tmp();
    writeFileSync(join(dir, '重要文件.txt'), '不能删');
    const r = await zwgk(['demo', '--port', '23000', '--dir', dir]);
    expect(r.code).toBe(2);
    expect(r.out).toContain(DEMO_MARKER);
    expect(r.out).toContain('没有做任何改动');
    expect(r.out).not.toContain('正在启动演示门户');
    expect(readdirSync(dir)).toEqual(['重要文件.txt']);
  }, 60_000);

  it('refuses a directory that holds the configured database or lies inside the snapshots directory', async () => {
    const dir = tmp();
    const db = await zwgk(['--db', join(dir, 'prod.db'), 'demo', '--port', '23000', '--dir', dir]);
    expect(db.code).toBe(2);
    expect(db.out).toContain('正式的数据库');
    const snaps = tmp();
    const s = await zwgk(['--snapshots', snaps, 'demo', '--port', '23000', '--dir', join(snaps, 'demo')]);
    expect(s.code).toBe(2);
    expect(s.out).toContain('正式的证据快照目录');
    expect(existsSync(join(snaps, 'demo'))).toBe(false);
  }, 60_000);

  it('empties a directory an earlier demo marked, and marks a new one', () => {
    const dir = tmp();
    const prod = { db: join(tmp(), 'zwgk.db'), snapshots: join(tmp(), 'snapshots') };
    prepareDemoDir(join(dir, 'new'), prod);
    expect(readdirSync(join(dir, 'new'))).toEqual([DEMO_MARKER]);
    mkdirSync(join(dir, 'new', 'snapshots'));
    writeFileSync(join(dir, 'new', 'zwgk.db'), 'old run');
    prepareDemoDir(join(dir, 'new'), prod);
    expect(readdirSync(join(dir, 'new'))).toEqual([DEMO_MARKER]);
  });
});

describe('zwgk demo checks its ports before crawling', () => {
  it('--port 65535 (evidence port would be 65536) fails at once with exit 2', async () => {
    const r = await zwgk(['demo', '--port', '65535', '--dir', join(tmp(), 'demo')]);
    expect(r.code).toBe(2);
    expect(r.out).toContain('最大为 65534');
    expect(r.out).not.toContain('正在启动演示门户');
  }, 60_000);

  it('a port already taken fails at once with exit 2', async () => {
    const busy = createServer();
    await new Promise<void>((res) => busy.listen(0, '127.0.0.1', () => res()));
    const p = (busy.address() as AddressInfo).port;
    try {
      const r = await zwgk(['demo', '--port', String(p), '--dir', join(tmp(), 'demo')]);
      expect(r.code).toBe(2);
      expect(r.out).toContain(`端口 ${p} 已被其他程序占用`);
      expect(r.out).not.toContain('正在启动演示门户');
    } finally {
      busy.close();
    }
  }, 60_000);
});
