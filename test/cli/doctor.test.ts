import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SMTPServer } from 'smtp-server';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin/zwgk.js');

/** Runs `zwgk doctor` in a clean environment: its own DB, snapshots dir and (empty) settings file. */
function doctor(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'zwgk-doctor-'));
  writeFileSync(join(dir, 'settings.yaml'), '');
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('ZWGK_'))) as Record<string, string>;
  const child = spawn(process.execPath, [BIN, 'doctor'], {
    cwd: ROOT,
    env: { ...base, ZWGK_DB: join(dir, 'zwgk.db'), ZWGK_SNAPSHOTS: join(dir, 'snapshots'), ZWGK_SETTINGS: join(dir, 'settings.yaml'), ...env },
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out })));
}

/** A port on 127.0.0.1 that nothing listens on. */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}

const line = (out: string, name: string) => out.split('\n').find((l) => l.slice(2).startsWith(`${name}：`)) ?? '';

describe('zwgk doctor', { timeout: 150_000 }, () => {
  it('fails the SMTP line when ZWGK_SMTP_URL points at a closed port, and exits 1', async () => {
    const port = await closedPort();
    const r = await doctor({ ZWGK_SMTP_URL: `smtp://zwgk:secret@127.0.0.1:${port}` });
    expect(line(r.out, '邮件服务器')).toBe(`✗ 邮件服务器：无法连接 smtp://***@127.0.0.1:${port}：连接被拒绝（该主机的端口上没有邮件服务）`);
    expect(r.out).not.toContain('secret');
    expect(r.out).toMatch(/解决办法：检查 ZWGK_SMTP_URL/);
    expect(r.code).toBe(1);
  });

  it('with SMTP unset: warns, and exits 0 when everything else is healthy', async () => {
    const r = await doctor({});
    expect(line(r.out, '邮件服务器')).toMatch(/^! 邮件服务器：未设置 ZWGK_SMTP_URL/);
    expect(line(r.out, '浏览器')).toMatch(/^✓ 浏览器：Chromium/);
    expect(line(r.out, '中文字体')).toMatch(/^✓ 中文字体：.*浏览器能正确渲染中文/);
    expect(line(r.out, '数据库')).toMatch(/^✓ 数据库：.*WAL 模式/);
    expect(line(r.out, '快照目录')).toMatch(/^✓ 快照目录/);
    // Run as root (as CI is), Chromium cannot keep its sandbox: a warning with the fix, not a failure.
    if (process.getuid?.() === 0) expect(line(r.out, '浏览器沙箱')).toMatch(/^! 浏览器沙箱：当前以 root 运行/);
    else expect(line(r.out, '浏览器沙箱')).toMatch(/^✓ 浏览器沙箱/);
    expect(r.out).toMatch(/检查完成：\d+ 项正常，\d+ 项警告，0 项失败/);
    expect(r.code).toBe(0);
  });

  it('passes the SMTP line against a real SMTP server on loopback', async () => {
    const server = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS'] });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.server.address() as AddressInfo;
    try {
      const r = await doctor({ ZWGK_SMTP_URL: `smtp://127.0.0.1:${port}`, ZWGK_MAIL_FROM: 'zwgk@example.org' });
      expect(line(r.out, '邮件服务器')).toBe(`✓ 邮件服务器：smtp://127.0.0.1:${port} 可以连接（EHLO 成功）`);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('fails with the fix when ZWGK_CHROMIUM points at a path that does not exist', async () => {
    const r = await doctor({ ZWGK_CHROMIUM: '/nonexistent/chromium' });
    expect(line(r.out, '浏览器')).toBe('✗ 浏览器：环境变量 ZWGK_CHROMIUM 指向的浏览器 /nonexistent/chromium 不存在');
    expect(r.out).toMatch(/解决办法：把 ZWGK_CHROMIUM 改为 chromium 的实际路径/);
    expect(r.code).toBe(1);
  });
});
