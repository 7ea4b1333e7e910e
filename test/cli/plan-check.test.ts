import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'zwgk-plan-check-'));

function zwgk(...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/zwgk.js'), ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, ZWGK_DB: join(dir, 'zwgk.db') },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const GOOD = `year: 2026
period: { from: 2026-01-01, to: 2026-12-31 }
units:
  - id: xinchang
    name: 新厂街道办事处
    kind: 镇街
    contacts: [{ name: 张三, email: zhangsan@example.org }]
    columns:
      - name: 工作动态
        url: http://portal.example/xxgk/xcjd/gzdt/
`;

function planFile(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** Replaces exactly one occurrence, so a test cannot pass on a plan it did not break. */
function broken(from: string, to: string): string {
  expect(GOOD.split(from)).toHaveLength(2);
  return GOOD.replace(from, to);
}

describe('zwgk plan check', () => {
  it('prints a Chinese summary of the example plan and exits 0', () => {
    const r = zwgk('plan', 'check', join(ROOT, 'examples/plan.example.yaml'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('考核年度：2026');
    expect(r.stdout).toContain('考核期间：2026-01-01 至 2026-12-31');
    expect(r.stdout).toMatch(/被考核单位：8 个（镇街 4 个，区直部门 4 个）；栏目 25 个/);
    expect(r.stdout).toMatch(/ {2}动态要闻：8（8）/);
    expect(r.stdout).toMatch(/ {2}年报：1（1）/);
    expect(r.stdout).toContain('每站点并发 2，请求间隔 1000 毫秒');
  });

  it.each([
    ['YAML syntax error', broken('to: 2026-12-31 }', 'to: 2026-12-31'), '3:1', /period\.to：YAML 语法错误。.*请补上 \} 或 \]/],
    ['duplicate key', broken('    kind: 镇街\n', '    kind: 镇街\n    kind: 区直部门\n'), '7:5', /units\[0\]\.kind：键重复/],
    ['unknown key', broken('        url: http', '        clas: 动态要闻\n        url: http'), '10:9', /units\[0\]\.columns\[0\]\.clas：未知的键：clas。.*允许的键：key、name、url/],
    ['wrong type', broken('year: 2026', 'year: 二〇二六'), '1:7', /year：类型不对：应为数字，实际是文本“二〇二六”/],
    ['bad email', broken('zhangsan@example.org', 'zhangsan@example'), '7:35', /units\[0\]\.contacts\[0\]\.email：“zhangsan@example”不是有效的邮箱地址。应形如/],
    ['missing url', broken('        url: http://portal.example/xxgk/xcjd/gzdt/\n', ''), '9:9', /units\[0\].columns\[0\].url：缺少必填项/],
    ['bad date', broken('from: 2026-01-01', 'from: 2026-02-30'), '2:17', /period\.from：不是真实存在的日期/],
    ['date with a zone-less time', broken('to: 2026-12-31', 'to: 2026-12-31 08:00:00'), '2:33', /period\.to：这里只要日期，不要带时间/],
  ])('%s: exit 2 naming file:line:col and the key path', (name, text, lineCol, message) => {
    const file = planFile(`${name.replace(/\W+/g, '-')}.yaml`, text);
    const r = zwgk('plan', 'check', file);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${file}:${lineCol}`);
    expect(r.stderr).toMatch(message);
  });

  it('warns, without failing, when the calendar does not cover the period or a unit has no contact', () => {
    const text = GOOD.replace('year: 2026', 'year: 2031').replace('from: 2026-01-01, to: 2026-12-31', 'from: 2031-01-01, to: 2031-12-31').replace(
      '    contacts: [{ name: 张三, email: zhangsan@example.org }]\n',
      '',
    );
    const r = zwgk('plan', 'check', planFile('uncovered.yaml', text));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('提醒：工作日历尚未收录 2031 年的节假日安排');
    expect(r.stdout).toContain('提醒：以下单位没有联系人，无法收到预警邮件：新厂街道办事处');
  });

  it('exits 2 for a file that does not exist', () => {
    const r = zwgk('plan', 'check', join(dir, 'nope.yaml'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('找不到计划文件');
  });
});
