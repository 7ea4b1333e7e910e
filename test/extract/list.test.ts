import { describe, expect, it } from 'vitest';
import { extractList, extractListJson, MAX_REVEALED_PAGES } from '../../src/extract/index.ts';

const REF = '2026-06-15';
const page = (body: string, head = '') => `<!DOCTYPE html><html><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;
const items = (n: number, from = 1) =>
  Array.from({ length: n }, (_, i) => {
    const d = String(28 - i - from).padStart(2, '0');
    return `<li><a href="./202605/t202605${d}_${i + from}.html" title="珠山区第${i + from}号通知全文标题">珠山区第${i + from}号通知全文标题</a><span>2026-05-${d}</span></li>`;
  }).join('');
const list = (pager: string, n = 5) => page(`<div class="list"><ul>${items(n)}</ul></div>${pager}`);
const BASE = 'http://zs.example.gov.cn/xxgk/gzdt/';

describe('list items by the repeated-block heuristic', () => {
  it('takes each block’s title link, absolute URL and visible date', () => {
    const r = extractList(list(''), BASE, { refDay: REF });
    expect(r.items).toHaveLength(5);
    expect(r.items[0]).toEqual({
      title: '珠山区第1号通知全文标题',
      url: 'http://zs.example.gov.cn/xxgk/gzdt/202605/t20260527_1.html',
      date: '2026-05-27',
      dateText: '2026-05-27',
      pinned: false,
    });
    expect(r.flags).toEqual([]);
  });

  it('prefers the main list over a dated sidebar and the navigation menu', () => {
    const nav = `<div class="nav"><ul>${['首页', '政务公开', '政务服务', '互动交流'].map((t) => `<li><a href="/${t}/">${t}</a></li>`).join('')}</ul></div>`;
    const side = `<div class="sidebar"><h3>热点</h3><ul>${Array.from({ length: 4 }, (_, i) => `<li><a href="/hot/${i}.html">热点新闻${i}</a><span>2026-06-0${i + 1}</span></li>`).join('')}</ul></div>`;
    const r = extractList(page(`${nav}${side}<div class="list"><ul>${items(5)}</ul></div>`), BASE, { refDay: REF });
    expect(r.items.map((i) => i.url.split('_').pop())).toEqual(['1.html', '2.html', '3.html', '4.html', '5.html']);
  });

  it('uses the title attribute when the link text is cut with …', () => {
    const html = page(`<ul>${[1, 2, 3]
      .map((i) => `<li><a href="/a${i}.html" title="关于印发《珠山区政务公开工作要点》的通知${i}">关于印发《珠山区政务公开...</a><span>2026-05-0${i}</span></li>`)
      .join('')}</ul>`);
    expect(extractList(html, BASE, { refDay: REF }).items[1].title).toBe('关于印发《珠山区政务公开工作要点》的通知2');
  });

  it('never reads a stale date from an alt or title attribute over the visible one', () => {
    const html = page(`<ul>${[1, 2, 3]
      .map(
        (i) =>
          `<li><img src="dot.gif" alt="2019-01-0${i}"><a href="/a${i}.html" alt="2019-01-0${i}" title="2019-01-0${i} 旧标题">珠山区通知第${i}号</a><span title="2018-12-31">2026-05-0${i}</span></li>`,
      )
      .join('')}</ul>`);
    const r = extractList(html, BASE, { refDay: REF });
    expect(r.items.map((i) => i.date)).toEqual(['2026-05-01', '2026-05-02', '2026-05-03']);
    expect(r.items[0].title).toBe('珠山区通知第1号');
  });

  it('marks pinned items by text, class and icon, and strips the marker from the title', () => {
    const html = page(`<ul>
      <li><a href="/p1.html">[置顶]区政府关于机构改革的公告</a><span>2024-03-01</span></li>
      <li class="top"><a href="/p2.html">区政府信息公开指南</a><span>2023-01-05</span></li>
      <li><img src="/i/zd.gif" alt="置顶"><a href="/p3.html">区政府工作报告</a><span>2025-02-01</span></li>
      <li><a href="/n1.html">区政府常务会议召开</a><span>2026-06-01</span></li>
      <li><a href="/n2.html">区长调研防汛工作</a><span>2026-05-30</span></li></ul>`);
    const r = extractList(html, BASE, { refDay: REF });
    expect(r.items.map((i) => i.pinned)).toEqual([true, true, true, false, false]);
    expect(r.items[0].title).toBe('区政府关于机构改革的公告');
  });

  it('keeps an item’s own link, not the links of a sub-list inside it (相关解读)', () => {
    const html = page(`<ul class="u-list">${[1, 2, 3]
      .map(
        (i) => `<li><a href="/tz/${i}.html">关于印发实施方案的通知第${i}号</a>
        <div class="popbox"><h3>相关解读</h3><ul><li><a href="/jd/${i}.html">负责同志就实施方案答记者问第${i}号</a></li></ul></div>
        <span>2026/05/0${i}</span></li>`,
      )
      .join('')}</ul>`);
    const r = extractList(html, BASE, { refDay: REF });
    expect(r.items.map((i) => i.url)).toEqual(['/tz/1.html', '/tz/2.html', '/tz/3.html'].map((p) => new URL(p, BASE).href));
  });

  it('reads items written as one <dl> each, and links that wrap their own date', () => {
    const dl = page(`<div class="list">${[1, 2, 3].map((i) => `<dl><dt><a href="/d${i}.html">珠山区定义列表通知${i}</a></dt><dd>2026-05-0${i}</dd></dl>`).join('')}</div>`);
    expect(extractList(dl, BASE, { refDay: REF }).items.map((i) => [i.title, i.date])).toEqual([1, 2, 3].map((i) => [`珠山区定义列表通知${i}`, `2026-05-0${i}`]));
    const wrapped = page(`<ul>${[1, 2, 3].map((i) => `<li><a href="/w${i}.html"><p>珠山区整块链接通知${i}</p><span>2026-05-0${i}</span></a></li>`).join('')}</ul>`);
    expect(extractList(wrapped, BASE, { refDay: REF }).items.map((i) => [i.title, i.date])).toEqual([1, 2, 3].map((i) => [`珠山区整块链接通知${i}`, `2026-05-0${i}`]));
  });

  it('reads 发布日期, not 成文日期, from a 信息公开目录 table', () => {
    const rows = [1, 2, 3]
      .map((i) => `<tr><td>1136-2026-0000${i}</td><td><a href="/zc/${i}.html">珠山区政策文件第${i}号</a></td><td>2026-04-0${i}</td><td>2026-05-1${i}</td></tr>`)
      .join('');
    const html = page(`<table><tr><th>索引号</th><th>名称</th><th>成文日期</th><th>发布日期</th></tr>${rows}</table>`);
    const r = extractList(html, BASE, { refDay: REF });
    expect(r.items.map((i) => i.date)).toEqual(['2026-05-11', '2026-05-12', '2026-05-13']);
  });

  it('gives [MM-DD] dates the year of their group heading, else of the reference day', () => {
    const html = page(`<ul><li class="year"><h4>2025年</h4></li>
      <li><a href="/a.html">珠山区一号通知</a><span>[12-30]</span></li>
      <li><a href="/b.html">珠山区二号通知</a><span>[12-01]</span></li></ul>`);
    expect(extractList(html, BASE, { refDay: '2026-06-15' }).items.map((i) => i.date)).toEqual(['2025-12-30', '2025-12-01']);
    const archive = page(`<div class="archive"><div><a href="/y/2025/">2025</a></div></div><div class="main"><ul>
      <li><a href="/a.html">珠山区一号通知</a><span>[06-01]</span></li><li><a href="/b.html">珠山区二号通知</a><span>[05-20]</span></li></ul></div>`);
    expect(extractList(archive, BASE, { refDay: '2026-06-15' }).items.map((i) => i.date)).toEqual(['2026-06-01', '2026-05-20']);
    const bare = page(`<ul><li><a href="/a.html">珠山区一号通知</a><span>[01-02]</span></li>
      <li><a href="/b.html">珠山区二号通知</a><span>[12-30]</span></li></ul>`);
    expect(extractList(bare, BASE, { refDay: '2026-01-03' }).items.map((i) => i.date)).toEqual(['2026-01-02', '2025-12-30']);
  });

  it('reads records inside a hanweb <script type="text/xml"> datastore', () => {
    const recs = [1, 2, 3]
      .map((i) => `<record><![CDATA[<li><a href="/art/2026/5/${i}/art_1_${i}.html" title="江苏通知${i}号">江苏通知${i}号</a><span>2026-05-0${i}</span></li>]]></record>`)
      .join('\n');
    const html = page(`<div id="4001"><script type="text/xml"><datastore><recordset>${recs}</recordset></datastore></script></div>`);
    const r = extractList(html, 'http://js.example.gov.cn/col/col1/index.html', { refDay: REF });
    expect(r.items.map((i) => i.url)).toEqual([1, 2, 3].map((i) => `http://js.example.gov.cn/art/2026/5/${i}/art_1_${i}.html`));
  });

  it('returns no items, not garbage, for a JS-rendered list or a page without a list', () => {
    const tpl = page(`<div class="nav"><a href="/">首页</a><a href="/news/">新闻</a></div><ul id="list"></ul>
      <script type="text/html" id="tpl">{{each list}}<li><a href="/view/{{$value.id}}">{{$value.title}}</a><span>{{$value.date}}</span></li>{{/each}}</script>`);
    const r = extractList(tpl, BASE, { refDay: REF });
    expect(r.items).toEqual([]);
    expect(r.flags).toContain('no-items');
  });

  it('flags items whose date is missing', () => {
    const html = page(`<ul>${items(3)}<li><a href="/x.html">珠山区无日期的通知</a></li></ul>`);
    const r = extractList(html, BASE, { refDay: REF });
    expect(r.items).toHaveLength(4);
    expect(r.items[3].date).toBeNull();
    expect(r.flags).toContain('items-without-date');
  });
});

describe('list items by CSS selectors from the plan', () => {
  const html = page(`<div class="box"><div class="row"><h5><a href="/s1.html">标题一的内容</a></h5><i class="d">发布于 2026年5月3日</i><i>2020-01-01</i></div>
    <div class="row"><h5><a href="/s2.html">标题二的内容</a></h5><i class="d">2026年5月2日</i></div></div>`);

  it('takes item, title, link and date from the selectors', () => {
    const r = extractList(html, BASE, { refDay: REF, selectors: { item: 'div.row', title: 'h5 a', date: 'i.d' } });
    expect(r.items.map((i) => [i.title, i.date])).toEqual([
      ['标题一的内容', '2026-05-03'],
      ['标题二的内容', '2026-05-02'],
    ]);
  });

  it('flags selectors that match nothing and selectors that are invalid', () => {
    expect(extractList(html, BASE, { selectors: { item: 'li.none' } }).flags).toContain('selectors-matched-nothing');
    expect(extractList(html, BASE, { selectors: { item: 'div[' } }).flags).toContain('selectors-invalid');
  });
});

describe('next pages: every pagination form', () => {
  it('createPageHTML(count, current, name, ext) on the first page', () => {
    const r = extractList(list('<script>createPageHTML(4, 0, "index", "shtml");</script>'), BASE, { refDay: REF });
    expect(r.nextPages).toEqual([1, 2, 3].map((i) => `${BASE}index_${i}.shtml`));
  });

  it('createPageHTML on a later page lists the others, the first as index.html, never itself', () => {
    const r = extractList(list('<script>createPageHTML(4, 2, "index", "html");</script>'), `${BASE}index_2.html`, { refDay: REF });
    expect(r.nextPages).toEqual([`${BASE}index.html`, `${BASE}index_1.html`, `${BASE}index_3.html`]);
  });

  it('ignores the createPageHTML function definition and computed calls', () => {
    const script = '<script>function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){ document.write("<a href=\\"" + _sPageName + "_1.html\\">下一页</a>"); } createPageHTML(n, 0, "index", "html");</script>';
    expect(extractList(list(script), BASE, { refDay: REF }).nextPages).toEqual([]);
  });

  it('?page=N: fills the range the pager shows (1 2 3 … 末页 9)', () => {
    const pager = `<div class="pager"><span>1</span><a href="?page=2">2</a><a href="?page=3">3</a><a href="?page=2">下一页</a><a href="?page=9">末页</a></div>`;
    const r = extractList(list(pager), `${BASE}`, { refDay: REF });
    expect(r.nextPages).toEqual([2, 3, 4, 5, 6, 7, 8, 9].map((n) => `${BASE}?page=${n}`));
  });

  it('?page=N keeps the other query parameters', () => {
    const pager = `<a href="list.jsp?col=5&page=2">2</a><a href="list.jsp?col=5&page=4">尾页</a><a href="list.jsp?col=6&page=2">别的栏目</a>`;
    const r = extractList(list(pager), 'http://zs.example.gov.cn/list.jsp?col=5&page=1', { refDay: REF });
    expect(r.nextPages).toEqual([2, 3, 4].map((n) => `http://zs.example.gov.cn/list.jsp?col=5&page=${n}`));
  });

  it('a lone 下一页 link to any URL', () => {
    const r = extractList(list('<div><a href="/other/list2.html">下一页</a><a href="/other/list0.html">上一页</a></div>'), BASE, { refDay: REF });
    expect(r.nextPages).toEqual(['http://zs.example.gov.cn/other/list2.html']);
  });

  it('sibling pages named after the list page (news-list-x-2.html) and hidden pager links', () => {
    const pager = `<a href="news-list-gzdt-2.html">下一页</a><a href="news-list-gzdt-5.html">末页</a><div style="display:none"><a href="index_7_1.html"></a></div>`;
    const r = extractList(list(pager), 'http://zs.example.gov.cn/news-list-gzdt.html', { refDay: REF });
    expect(r.nextPages).toEqual([2, 3, 4, 5].map((n) => `http://zs.example.gov.cn/news-list-gzdt-${n}.html`));
  });

  it('hanweb jpage: data-proxy ranges after the embedded records, either call form', () => {
    const cfg = (id: string) =>
      `var param_${id} = {col:1,appid:'1',webid:1,path:'/',columnid:77,unitid:'${id}',permissiontype:0};`;
    const call1 = `${cfg('9001')} $('#9001').jpage({totalRecord:95,dataStore:$('#9001').children('script').html(),groupSize:3,proxyUrl:'/module/web/jpage/dataproxy.jsp',perPage:15,ajaxParam:param_9001});`;
    const call2 = `${cfg('9002')} jpage('9002', {totalRecord:95,groupSize:3,proxyUrl:'/module/web/jpage/dataproxy.jsp',perPage:15,ajaxParam:param_9002});`;
    for (const call of [call1, call2]) {
      const r = extractList(list(`<script>${call}</script>`), 'http://zs.example.gov.cn/col/col77/index.html', { refDay: REF });
      const q = r.nextPages.map((u) => new URL(u).searchParams);
      expect(q.map((p) => `${p.get('startrecord')}-${p.get('endrecord')}`)).toEqual(['46-90', '91-95']);
      expect(q[0].get('columnid')).toBe('77');
      expect(r.dataEndpoints).toContain('http://zs.example.gov.cn/module/web/jpage/dataproxy.jsp');
    }
  });

  it('hanweb jpage: the data proxy’s bare XML answer is read as a list', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?><datastore><totalrecord>95</totalrecord><recordset>
      <record><![CDATA[<li><a href="/art/2026/4/1/art_77_1.html">第一条通知内容</a><span>2026-04-01</span></li>]]></record>
      <record><![CDATA[<li><a href="/art/2026/3/1/art_77_2.html">第二条通知内容</a><span>2026-03-01</span></li>]]></record>
      </recordset></datastore>`;
    const r = extractList(xml, 'http://zs.example.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=46', { refDay: REF });
    expect(r.items.map((i) => i.date)).toEqual(['2026-04-01', '2026-03-01']);
  });

  it('flags a list that counts more records than it shows when no pager could be followed', () => {
    const shown = extractList(list('<div class="pager">共 42 条 <span onclick="go(2)">下一页</span></div>'), BASE, { refDay: REF });
    expect(shown.flags).toContain('pager-not-followed');
    const followed = extractList(list('<div class="pager">共 42 条 <a href="?page=2">下一页</a></div>'), BASE, { refDay: REF });
    expect(followed.flags).not.toContain('pager-not-followed');
  });

  it('caps what a hostile pager can reveal', () => {
    const r = extractList(list('<script>createPageHTML(10000000, 0, "index", "html");</script>'), BASE, { refDay: REF });
    expect(r.nextPages).toHaveLength(MAX_REVEALED_PAGES);
    expect(r.flags).toContain('pager-capped');
  });
});

describe('JSON list APIs', () => {
  it('finds the array of records with title, url and date fields, and pages by the request’s page parameter', () => {
    const json = {
      code: 200,
      data: {
        total: 45,
        size: 20,
        page: 1,
        list: [
          { id: 1, title: '珠山区通知一', url: '/xxgk/a/1.html', pubDate: '2026-06-01', top: true },
          { id: 2, title: '珠山区通知二', url: '/xxgk/a/2.html', pubDate: 1780272000000, top: false },
          { id: 3, title: '珠山区通知三', url: '/xxgk/a/3.html', pubDate: '［05-20］', top: false },
        ],
      },
    };
    const r = extractListJson(JSON.stringify(json), 'http://zs.example.gov.cn/api/list?columnId=7&page=1&size=20', { refDay: REF });
    expect(r.items.map((i) => [i.title, i.url, i.date, i.pinned])).toEqual([
      ['珠山区通知一', 'http://zs.example.gov.cn/xxgk/a/1.html', '2026-06-01', true],
      ['珠山区通知二', 'http://zs.example.gov.cn/xxgk/a/2.html', '2026-06-01', false],
      ['珠山区通知三', 'http://zs.example.gov.cn/xxgk/a/3.html', '2026-05-20', false],
    ]);
    expect(r.nextPages).toEqual([2, 3].map((p) => `http://zs.example.gov.cn/api/list?columnId=7&page=${p}&size=20`));
  });

  it('reads an HTML fragment carried in the JSON', () => {
    const json = { data: { html: `<ul>${items(3)}</ul>` } };
    expect(extractListJson(json, BASE, { refDay: REF }).items).toHaveLength(3);
  });

  it('flags JSON it cannot parse', () => {
    expect(extractListJson('{not json', BASE).flags).toEqual(['json-unparseable']);
  });
});
