import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { CRAWL_DEFAULTS, loadPlan, planFromObject, planToYaml, type PlanInput } from '../../src/config/plan.ts';
import { loadRules } from '../../src/config/rules.ts';
import { InputError } from '../../src/shared/errors.ts';

const rules = loadRules();
const dir = mkdtempSync(join(tmpdir(), 'zwgk-plan-'));
let n = 0;

function write(text: string): string {
  const file = join(dir, `plan${n++}.yaml`);
  writeFileSync(file, text);
  return file;
}

function errorOf(text: string): string {
  try {
    loadPlan(write(text), rules);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('expected loadPlan to fail');
}

const unit = (id: string, extra = '') => `  - id: ${id}
    name: 单位${id}
    kind: 区直部门${extra}
    columns:
      - { name: 通知公告, url: http://p.example/${id}/tzgg/ }
`;
const head = 'year: 2026\nperiod: { from: 2026-01-01, to: 2026-12-31 }\nunits:\n';

describe('loadPlan', () => {
  it('loads the example plan with polite crawl defaults filled in', () => {
    const loaded = loadPlan(resolve(import.meta.dirname, '../../examples/plan.example.yaml'), rules);
    expect(loaded.plan.year).toBe(2026);
    expect(loaded.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(loaded.plan.crawl).toEqual({ ...CRAWL_DEFAULTS, perHostConcurrency: 2, perHostDelayMs: 1000, timeoutMs: 30000, retries: 2 });
    expect(loaded.plan.units.map((u) => u.kind)).toContain('区直部门');
    expect(loaded.plan.units[0].columns[0]).toMatchObject({ key: 'gzdt', render: 'auto' });
  });

  it('fills every crawl default when the section is absent', () => {
    const { plan } = loadPlan(write(head + unit('a')), rules);
    expect(plan.crawl).toEqual(CRAWL_DEFAULTS);
    expect(plan.units[0].contacts).toEqual([]);
    expect(plan.units[0].channels).toEqual([]);
  });

  it('keeps a date written under a YAML 1.1 directive as the same day (never a shifted Date)', () => {
    const { plan } = loadPlan(write('%YAML 1.1\n---\n' + head + unit('a')), rules);
    expect(plan.period).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });

  it('rejects a timestamp without a zone instead of guessing', () => {
    expect(errorOf(head.replace('from: 2026-01-01', 'from: 2026-01-01T00:00:00') + unit('a'))).toMatch(/:2:17 {2}period\.from：这里只要日期，不要带时间/);
  });

  it('rejects an unpadded date', () => {
    expect(errorOf(head.replace('to: 2026-12-31', 'to: 2026-12-1') + unit('a'))).toMatch(/period\.to：日期格式不对。请写成 YYYY-MM-DD/);
  });

  it('rejects period.from after period.to', () => {
    expect(errorOf(head.replace('from: 2026-01-01', 'from: 2027-01-01') + unit('a'))).toMatch(/period\.from：起始日期 2027-01-01 晚于结束日期 2026-12-31/);
  });

  it('rejects duplicate unit ids, pointing at the second', () => {
    expect(errorOf(head + unit('a') + unit('a'))).toMatch(/:9:9 {2}units\[1\]\.id：单位标识“a”与 units\[0\] 重复/);
  });

  it('rejects duplicate column keys and URLs within a unit', () => {
    const text = `${head}  - id: a
    name: 单位
    kind: 镇街
    columns:
      - { key: gzdt, name: 工作动态, url: http://p.example/a/ }
      - { key: gzdt, name: 工作动态二, url: http://p.example/a/ }
`;
    const msg = errorOf(text);
    expect(msg).toMatch(/units\[0\]\.columns\[1\]\.key：栏目 key“gzdt”与 columns\[0\] 重复/);
    expect(msg).toMatch(/units\[0\]\.columns\[1\]\.url：网址与 columns\[0\] 重复/);
  });

  it('rejects a kind outside 镇街 / 区直部门', () => {
    expect(errorOf(head + unit('a').replace('区直部门', '街道'))).toMatch(/units\[0\]\.kind：取值文本“街道”无效。可选值：镇街、区直部门/);
  });

  it('rejects a class the rules do not define', () => {
    expect(errorOf(head + unit('a').replace('url: http', 'class: 新闻, url: http'))).toMatch(/units\[0\]\.columns\[0\]\.class：未知的栏目类别“新闻”。可选：动态要闻、/);
  });

  it('rejects a non-http URL and a Chinese user agent', () => {
    const msg = errorOf(head.replace('units:', 'crawl: { userAgent: 巡检程序 }\nunits:') + unit('a').replace('http://p.example', 'ftp://p.example'));
    expect(msg).toMatch(/crawl\.userAgent：只能使用英文字母/);
    expect(msg).toMatch(/units\[0\]\.columns\[0\]\.url：“ftp:\/\/p\.example\/a\/tzgg\/”不是有效的网址/);
  });

  it('reports every problem at once', () => {
    const msg = errorOf(head.replace('year: 2026', 'year: 2026.5') + unit('a').replace('kind: 区直部门', 'kind: 区直部门\n    color: red'));
    expect(msg).toMatch(/有 2 处错误/);
    expect(msg).toMatch(/:1:7 {2}year：/);
    expect(msg).toMatch(/units\[0\]\.color：未知的键：color/);
  });

  it('refuses a GBK-encoded file instead of reading garbled names, and accepts a UTF-8 BOM', () => {
    const gbk = Buffer.from((head + unit('a')).replace('区直部门', '@@'), 'utf8');
    const at = gbk.indexOf('@@');
    const file = join(dir, 'gbk.yaml');
    // 镇街 in GBK
    writeFileSync(file, Buffer.concat([gbk.subarray(0, at), Buffer.from([0xd5, 0xf2, 0xbd, 0xd6]), gbk.subarray(at + 2)]));
    expect(() => loadPlan(file, rules)).toThrow(/不是 UTF-8 编码（可能是 GBK）。请用编辑器“另存为 UTF-8”后重试/);
    expect(loadPlan(write('\uFEFF' + head + unit('a')), rules).plan.year).toBe(2026);
  });

  it('rejects an empty file at the top level', () => {
    expect(errorOf('')).toMatch(/（文件顶层）：类型不对：应为键值映射/);
  });
});

describe('plans built in code', () => {
  const input: PlanInput = {
    year: 2026,
    period: { from: '2026-01-01', to: '2026-12-31' },
    allowPrivate: true,
    units: [{ id: 'a', name: '单位', kind: '镇街', columns: [{ name: '工作动态', url: 'http://127.0.0.1:8080/a/' }] }],
  };

  it('validates with key paths', () => {
    expect(() => planFromObject({ ...input, year: '2026' }, rules)).toThrow(/ {2}year：类型不对/);
    expect(planFromObject(input, rules).crawl).toEqual(CRAWL_DEFAULTS);
  });

  it('writes YAML that loads back to the same plan', () => {
    const text = planToYaml(input, rules);
    expect(parse(text)).toEqual(input);
    expect(loadPlan(write(text), rules).plan).toEqual(planFromObject(input, rules));
  });
});

describe('the address policy of plan URLs', () => {
  const columnAt = (url: string, top = '') => `year: 2026\nperiod: { from: 2026-01-01, to: 2026-12-31 }\n${top}units:\n  - id: a\n    name: 单位a\n    kind: 镇街\n    columns:\n      - { name: 通知公告, url: "${url}" }\n`;

  it('refuses loopback, private, link-local and localhost hosts, naming file:line and the allowPrivate fix', () => {
    for (const url of ['http://169.254.169.254/latest/', 'http://[fe80::1]/x/', 'http://[::1]:8080/x/', 'http://127.0.0.1/x/', 'http://10.1.2.3/x/', 'http://192.168.1.1/', 'http://localhost:8080/', 'http://2130706433/']) {
      const msg = errorOf(columnAt(url));
      expect(msg, url).toMatch(/plan\d+\.yaml:8:\d+/);
      expect(msg, url).toContain('units[0].columns[0].url');
      expect(msg, url).toContain('allowPrivate: true');
    }
    expect(loadPlan(write(columnAt('http://127.0.0.1:8080/x/', 'allowPrivate: true\n')), rules).plan.allowPrivate).toBe(true);
    expect(loadPlan(write(columnAt('http://www.zhushan.gov.cn/x/')), rules).plan.allowPrivate).toBe(false);
  });

  it('refuses user:pass@host in any plan URL, even with allowPrivate', () => {
    const msg = errorOf(columnAt('http://admin:secret@www.zhushan.gov.cn/x/', 'allowPrivate: true\n'));
    expect(msg).toMatch(/plan\d+\.yaml:9:\d+/);
    expect(msg).toContain('不能含用户名或密码');
    const channel = errorOf(head + unit('a').replace('    columns:', '    channels: [{ name: 公众号, url: "http://u@mp.example/x" }]\n    columns:'));
    expect(channel).toContain('units[0].channels[0].url');
  });

  it('the demo portal writes a plan that says allowPrivate', async () => {
    const { startDemoPortal } = await import('../../src/demo/index.ts');
    const portal = await startDemoPortal({ faults: false });
    try {
      expect(loadPlan(write(portal.planYaml()), rules).plan.allowPrivate).toBe(true);
    } finally {
      await portal.close();
    }
  });
});
