import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');
const PAGES = join(ROOT, 'test/fixtures/real-pages/pages');

function zwgk(...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/zwgk.js'), 'extract', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 170_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// Each run starts tsx and compiles the whole CLI: slow on a busy machine, hence the generous timeout.
describe('zwgk extract', { timeout: 180_000 }, () => {
  it('prints a list page as DESIGN §6 JSON', () => {
    const r = zwgk(join(PAGES, 'list-ndrc-trs-1.html'), '--url', 'https://www.ndrc.gov.cn/xxgk/zcfb/tz/');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.kind).toBe('list');
    expect(j.items).toHaveLength(25);
    expect(j.items[0]).toMatchObject({
      title: '关于印发《物流网建设实施方案》的通知(发改经贸〔2026〕1241号)',
      url: 'https://www.ndrc.gov.cn/xxgk/zcfb/tz/202608/t20260828_1407232.html',
      date: '2026-08-27',
    });
    expect(j.nextPages[0]).toBe('https://www.ndrc.gov.cn/xxgk/zcfb/tz/index_1.html');
    // Catalogue fields only where a row shows them.
    expect(Object.keys(j.items[0])).toEqual(['title', 'url', 'date', 'pinned', 'dateText']);
  });

  it('prints a 信息公开目录 row’s fields and marks a file link', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'zwgk-extract-')), 'gkml.html');
    const row = (i: number, href: string) =>
      `<tr><td>ZS-2026-${i}</td><td><a href="${href}">珠山区政策文件第${i}号</a></td><td>珠府发〔2026〕${i}号</td><td>2026年4月${i}日</td><td>2026-05-1${i}</td></tr>`;
    writeFileSync(file, `<html><body><table><tr><th>索引号</th><th>名称</th><th>文号</th><th>成文日期</th><th>发布日期</th></tr>${row(1, '/f/1.pdf')}${row(2, '/zc/2.html')}</table></body></html>`);
    const j = JSON.parse(zwgk(file, '--url', 'http://zs.example.gov.cn/gkml/', '--kind', 'list').out);
    expect(j.items[0]).toMatchObject({ date: '2026-05-11', row: { indexNo: 'ZS-2026-1', docNo: '珠府发〔2026〕1号', documentDate: '2026-04-01', publishedAt: '2026-05-11' }, file: true });
    expect(j.items[1]).not.toHaveProperty('file');
  });

  it('prints an article’s metadata, decoding GB2312 bytes', () => {
    const r = zwgk(join(PAGES, 'detail-chinaneast-gb2312-1.html'));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({
      kind: 'detail',
      title: '农机专家李金泽：为农机行业搭建现代化信息平台',
      publishedAt: '2005-08-16',
      documentDate: null,
      indexNo: null,
      publisher: null,
      docNo: null,
    });
  });

  it('reads the 信息公开 table of an article', () => {
    const j = JSON.parse(zwgk(join(PAGES, 'detail-zjfgw-jpaas-xxgk-2.html'), '--kind', 'detail').out);
    expect(j).toMatchObject({ publishedAt: '2026-06-05', documentDate: '2026-06-02', docNo: '浙发改能源〔2026〕116号', publisher: '浙江省发改委' });
  });

  it('reads a JSON list API response', () => {
    const r = zwgk(join(PAGES, 'list-zjfgw-jpaas-unitapi-3.json'), '--url', 'https://fzggw.zj.gov.cn/api-gateway/jpaas-publish-server/front/page/build/unit');
    const j = JSON.parse(r.out);
    expect(j.items).toHaveLength(15);
    expect(j.items[14].date).toBe('2025-01-27');
  });

  it('says so when the page is an anti-bot challenge', () => {
    const r = zwgk(join(PAGES, 'stub-sbj-cnipa-ruishu-1.html'));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).flags).toContain('challenge');
    expect(r.err).toContain('反爬虫验证页');
  });

  it('rejects a bad --kind with exit 2 and a Chinese message', () => {
    const bad = zwgk(join(PAGES, 'list-ndrc-trs-1.html'), '--kind', 'table');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--kind');
    expect(bad.err).toContain('只能是 list');
  });

  it('rejects a --url that is not a full address, and a missing file, with exit 2', () => {
    const url = zwgk(join(PAGES, 'list-ndrc-trs-1.html'), '--url', 'www.ndrc.gov.cn');
    expect(url.code).toBe(2);
    expect(url.err).toContain('--url');
    const missing = zwgk(join(PAGES, 'no-such-page.html'));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('找不到文件');
  });
});
