import { describe, expect, it } from 'vitest';
import { extractList, extractListJson } from '../../src/extract/index.ts';

const REF = '2026-06-15';
const BASE = 'http://zs.example.gov.cn/xxgk/zfxxgkml/';
const page = (body: string) => `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>${body}</body></html>`;
const run = (body: string) => extractList(page(body), BASE, { refDay: REF });

describe('信息公开目录 rows', () => {
  it('fills row from a th header in the usual order and marks links to document files', () => {
    const links = ['/xxgk/202605/t20260511_1.html', '/files/2026/zsfb2.pdf', '/module/download/downfile.jsp?classid=0&filename=2605121.docx'];
    const rows = links
      .map(
        (href, i) =>
          `<tr><td>${i + 1}</td><td>11360203MB1234567X/2026-0000${i + 1}</td><td><a href="${href}" title="珠山区政策文件第${i + 1}号">珠山区政策文件第${i + 1}号</a></td>` +
          `<td>珠府发〔2026〕${i + 1}号</td><td>2026年4月${i + 1}日</td><td>2026-05-1${i + 1}</td></tr>`,
      )
      .join('');
    const r = run(`<table><tr><th>序号</th><th>索引号</th><th>名称</th><th>文号</th><th>成文日期</th><th>发布日期</th></tr>${rows}</table>`);
    expect(r.items.map((i) => i.date)).toEqual(['2026-05-11', '2026-05-12', '2026-05-13']);
    expect(r.items[1].row).toEqual({ indexNo: '11360203MB1234567X/2026-00002', docNo: '珠府发〔2026〕2号', documentDate: '2026-04-02', publishedAt: '2026-05-12' });
    expect(r.items.map((i) => i.file)).toEqual([undefined, true, true]);
  });

  it('reads columns in another order under a first row of td labels, and leaves out what a row does not show', () => {
    const rows = [1, 2, 3]
      .map((i) => `<tr><td><a href="/zc/${i}.wps">珠山区规范性文件第${i}号</a></td><td>2026/05/0${i}</td><td>${i === 2 ? '—' : `珠府办〔2026〕${i}号`}</td><td>ZS-2026-00${i}</td></tr>`)
      .join('');
    const r = run(`<table><tr><td>文件名称</td><td>发布时间</td><td>发文字号</td><td>索 引 号：</td></tr>${rows}</table>`);
    expect(r.items.map((i) => i.row)).toEqual([
      { publishedAt: '2026-05-01', docNo: '珠府办〔2026〕1号', indexNo: 'ZS-2026-001' },
      { publishedAt: '2026-05-02', indexNo: 'ZS-2026-002' },
      { publishedAt: '2026-05-03', docNo: '珠府办〔2026〕3号', indexNo: 'ZS-2026-003' },
    ]);
    expect(r.items.every((i) => i.file)).toBe(true);
  });

  it('a table of only 名称 and 发布日期 is a plain dated list: no row', () => {
    const rows = [1, 2].map((i) => `<tr><td><a href="/n/${i}.html">珠山区工作动态第${i}条</a></td><td>2026-05-0${i}</td></tr>`).join('');
    const r = run(`<table><tr><th>标题</th><th>发布日期</th></tr>${rows}</table>`);
    expect(r.items.map((i) => [i.date, i.row])).toEqual([
      ['2026-05-01', undefined],
      ['2026-05-02', undefined],
    ]);
  });

  it('reads a <ul> catalogue under a header row of labelled spans', () => {
    const rows = [1, 2, 3]
      .map((i) => `<li><span>${i}</span><a href="/gk/${i}.html">珠山区信息公开目录事项${i}</a><span>珠卫发〔2026〕${i}号</span><span>2026-03-0${i}</span><span>2026-04-0${i}</span></li>`)
      .join('');
    const r = run(`<ul class="gkml"><li class="head"><span>序号</span><span>标题</span><span>文号</span><span>成文日期</span><span>发布日期</span></li>${rows}</ul>`);
    expect(r.items.map((i) => i.date)).toEqual(['2026-04-01', '2026-04-02', '2026-04-03']);
    expect(r.items[0].row).toEqual({ docNo: '珠卫发〔2026〕1号', documentDate: '2026-03-01', publishedAt: '2026-04-01' });
  });

  it('reads rows that label their values, the value in the label’s element, the next one, or one text of several', () => {
    const labelled = [
      `<p><span>索引号：ZS-2026-1</span><span>文号：</span><em>珠财〔2026〕1号</em><span>成文日期：2026年5月1日</span></p>`,
      `<p>索 引 号：<i>ZS-2026-2</i> 发文字号：<i>珠财〔2026〕2号</i></p><p>成文日期：2026年5月2日 发布机构：珠山区财政局</p>`,
    ];
    const rows = labelled.map((l, i) => `<li><a href="/gk/${i + 1}.ofd">珠山区采购意向公开第${i + 1}号</a>${l}<b>2026-05-1${i + 1}</b></li>`).join('');
    const r = run(`<ul>${rows}</ul>`);
    expect(r.items.map((i) => [i.date, i.file])).toEqual([
      ['2026-05-11', true],
      ['2026-05-12', true],
    ]);
    expect(r.items.map((i) => i.row)).toEqual([1, 2].map((i) => ({ indexNo: `ZS-2026-${i}`, docNo: `珠财〔2026〕${i}号`, documentDate: `2026-05-0${i}` })));
  });

  it('marks file links from selectors and JSON records too, by path or by a parameter naming the file', () => {
    const html = page(`<div class="r"><a href="/f/a.xlsx">珠山区预算公开表格</a><i>2026-05-01</i></div><div class="r"><a href="/f/b.html">珠山区预算说明</a><i>2026-05-02</i></div>`);
    expect(extractList(html, BASE, { refDay: REF, selectors: { item: 'div.r', date: 'i' } }).items.map((i) => i.file)).toEqual([true, undefined]);
    const json = { list: [1, 2, 3].map((i) => ({ title: `珠山区决算公开${i}`, url: i === 1 ? '/download.jsp?fileName=js2025.zip' : `/js/${i}.html`, pubDate: `2026-05-0${i}` })) };
    expect(extractListJson(json, BASE, { refDay: REF }).items.map((i) => i.file)).toEqual([true, undefined, undefined]);
  });
});
