import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../../src/store/db.ts';
import { findUserForLogin } from '../../src/store/users.ts';
import { verifyPassword } from '../../src/web/password.ts';

const dbPath = join(mkdtempSync(join(tmpdir(), 'zwgk-user-cli-')), 'z.db');
const seed = openDb(dbPath);
seed.prepare("INSERT INTO units (id, name, kind, updated_at) VALUES ('xinchang', '新厂街道办事处', '镇街', '2026-01-01T00:00:00Z')").run();
seed.close();

const zwgk = (args: string[], stdin: string) =>
  spawnSync(process.execPath, ['bin/zwgk.js', '--db', dbPath, ...args], { input: stdin, encoding: 'utf8', timeout: 60_000 });

describe('zwgk user add', () => {
  it('creates logins with the password from stdin, hashed', async () => {
    const r = zwgk(['user', 'add', '王考核', '--role', 'assessor'], '一个足够长的密码2026\n');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('已创建账号“王考核”（考核人员）');
    const u = zwgk(['user', 'add', 'xc-user', '--role', 'unit', '--unit', 'xinchang'], '另一个足够长的密码2026\n');
    expect(u.status).toBe(0);
    const db = openDb(dbPath);
    const row = findUserForLogin(db, '王考核')!;
    expect(row.role).toBe('assessor');
    expect(row.passwordHash).not.toContain('一个足够长的密码2026');
    expect(await verifyPassword('一个足够长的密码2026', row.passwordHash)).toBe(true);
    expect(findUserForLogin(db, 'xc-user')!.unitId).toBe('xinchang');
    db.close();
  }, 120_000);

  it('exits 2 with a Chinese message on bad input', () => {
    const cases: [string[], string, RegExp][] = [
      [['user', 'add', '张三', '--role', 'boss'], '足够长的密码足够长的\n', /--role：角色只能是 admin、assessor 或 unit/],
      [['user', 'add', '张三', '--role', 'unit', '--unit', 'nowhere'], '足够长的密码足够长的\n', /找不到单位“nowhere”/],
      [['user', 'add', '张三', '--role', 'assessor'], 'short\n', /密码至少需要 10 个字符/],
      [['user', 'add', '王考核', '--role', 'assessor'], '足够长的密码足够长的\n', /用户名“王考核”已存在/],
    ];
    for (const [args, stdin, msg] of cases) {
      const r = zwgk(args, stdin);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^错误：/);
      expect(r.stderr).toMatch(msg);
    }
  }, 400_000);
});
