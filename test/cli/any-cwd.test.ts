import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const p = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return p;
}

/** Every command works wherever it is started: the repo's tsconfig, rules and assets are found from bin/. */
describe('zwgk outside the repository', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zwgk-anywhere-'));
  const env = { ...process.env, ZWGK_DB: join(dir, 'zwgk.db'), ZWGK_SNAPSHOTS: join(dir, 'snapshots') };

  it('plan check takes an absolute path', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/zwgk.js'), 'plan', 'check', join(ROOT, 'examples/plan.example.yaml')], { cwd: dir, env, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 60_000);

  it('serve renders the Chinese login page (server-rendered JSX)', async () => {
    copyFileSync(join(ROOT, 'examples/plan.example.yaml'), join(dir, 'plan.yaml'));
    const port = await freePort();
    const child = spawn(process.execPath, [join(ROOT, 'bin/zwgk.js'), 'serve', '--port', String(port), '--evidence-port', String(await freePort()), '--plan', 'plan.yaml', '--no-schedule'], {
      cwd: dir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (out += d));
    try {
      await new Promise<void>((res, rej) => {
        const t = setInterval(() => out.includes('看板已启动') && (clearInterval(t), res()), 100);
        child.once('exit', (code) => (clearInterval(t), rej(new Error(`serve exited ${code}: ${out}`))));
      });
      const res = await fetch(`http://127.0.0.1:${port}/login`);
      const html = await res.text();
      expect(res.status, html).toBe(200);
      expect(html).toContain('<h1>登录</h1>');
    } finally {
      child.kill('SIGTERM');
    }
  }, 60_000);
});
