import { describe, expect, it } from 'vitest';
import { extractList, extractListJson } from '../../src/extract/index.ts';

// The crawl day: the top bars below print it, as a portal's clock does on the day it is fetched.
const TODAY = '2026-11-20';
const BASE = 'http://zs.example.gov.cn/xxgk/tzgg/';
const page = (body: string, title = '通知公告_珠山区人民政府') =>
  `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
const run = (body: string, title?: string) => extractList(page(body, title), BASE, { refDay: TODAY });
const urls = (r: { items: Array<{ url: string }> }) => r.items.map((i) => new URL(i.url).pathname);

// The column's own list, in neutral markup (no class or id names that say "list").
const LIST = `<div class="c2"><ul>${[1, 2, 3, 4, 5]
  .map((i) => `<li><a href="/xxgk/tzgg/202611/t2026111${i}_${i}.html">珠山区关于第${i}批惠企政策兑现的公示</a><span>2026-11-1${i}</span></li>`)
  .join('')}</ul></div>`;
const LIST_URLS = [1, 2, 3, 4, 5].map((i) => `/xxgk/tzgg/202611/t2026111${i}_${i}.html`);
// What a portal shows where a script draws the list: an empty container and the script that fills it.
const DRAWN = `<div class="c2"><ul id="infoList"></ul></div>
  <script>$.ajax({ url: '/api/list?col=tzgg', success: function (d) { $('#infoList').html(render(d)); } });</script>`;

// Responsive templates print the top bar twice (PC and mobile copy): two blocks of one shape, each dated.
const twice = (bar: string) => bar.replaceAll('{home}', '/') + bar.replaceAll('{home}', '/m/');

/**
 * Portal chrome modelled on real government templates (TRS table layouts, Hanweb/jpaas div layouts), with
 * neutral class names so that only what the chrome shows can tell it from a list.
 */
const CHROME: Record<string, string> = {
  // TRS table top bar: "今天是：" in the cell, the date a script wrote into a span, the site's name beside it.
  'a TRS top-bar table with 今天是': twice(`<table class="t1"><tr><td width="180">今天是：<span class="Content_ExtField">2026年11月20日 星期五</span></td>
    <td><a href="{home}">珠山区人民政府门户网站</a></td></tr></table>`),
  // The same bar as one text ("今天是：2026年11月20日 星期五") beside a welcome link.
  'a one-line clock': twice(`<div class="w1"><div class="l">今天是：2026年11月20日 星期五</div><div class="r"><a href="{home}">欢迎访问珠山区政府网</a></div></div>`),
  'a 当前时间 clock': twice(`<div class="w1"><p><span>当前时间：</span><span>2026-11-20 10:32</span><a href="{home}">欢迎访问珠山区政府网</a></p></div>`),
  'a date, weekday and 农历 in separate spans': twice(
    `<div class="w1"><p><span>2026年11月20日</span><span>星期五</span><span>农历十月初一</span><a href="{home}">欢迎访问珠山区政府网</a></p></div>`,
  ),
  // Tool links that even carry a date each (a "last updated" stamp) are still the portal's tools.
  'dated tool links (无障碍, 长者模式, English, 登录)': `<ul class="q">${['无障碍', '长者模式', 'English', '登录', '注册', '繁體']
    .map((t, i) => `<li><a href="/tools/${i}.html">${t}</a><em>2026-11-20</em></li>`)
    .join('')}</ul>`,
  // A breadcrumb printed twice (PC and mobile copy), each with an update stamp.
  'breadcrumbs (当前位置, 您的位置)': `<div class="p1"><div class="k">当前位置：<a href="/">首页</a> &gt; <a href="/xxgk/">政务公开</a> <i>2026-11-20</i></div></div>
    <div class="p1"><div class="k">您的位置：<a href="/m/">首页</a> &gt; <a href="/m/xxgk/">政务公开</a> <i>2026-11-20</i></div></div>`,
  // Footer paragraphs as real portals print them: 主办单位, 网站标识码, ICP备, 公网安备, 版权所有.
  'a footer (主办单位, 网站标识码, ICP备, 公网安备)': `<div class="f1">
    <p>主办单位：珠山区人民政府办公室 <a href="/lxwm/">联系我们</a> 更新日期：2026-11-20</p>
    <p>网站标识码：3602030001 <a href="https://beian.miit.gov.cn/">赣ICP备05000001号-1</a> 2026-11-20</p>
    <p><a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=36020302000001">赣公网安备 36020302000001号</a> 版权所有 2026-11-20</p></div>`,
  'a <footer> element': `<footer><ul><li><a href="/wzdt/">网站地图说明页</a><span>2026-11-01</span></li><li><a href="/sm/">网站声明全文</a><span>2026-10-01</span></li></ul></footer>`,
  'a side menu': `<div class="left-menu"><ul><li><a href="/xxgk/zcwj/">政策文件栏目</a><span>2026-11-02</span></li><li><a href="/xxgk/ghjh/">规划计划栏目</a><span>2026-11-01</span></li></ul></div>`,
};

const BOX = (heading: string) => `<div class="b3"><div class="t"><h3>${heading}</h3><a href="/more/">更多&gt;&gt;</a></div><ul>${[1, 2, 3, 4]
  .map((i) => `<li><a href="/box/${encodeURIComponent(heading)}/${i}.html">区领导调研重点项目建设情况第${i}篇</a><span>2026-10-0${i}</span></li>`)
  .join('')}</ul></div>`;
for (const h of ['热点推荐', '点击排行', '热门文章', '专题专栏', '友情链接', '相关链接']) CHROME[`a side box headed ${h}`] = BOX(h);

describe('portal chrome never makes a list', () => {
  for (const [name, chrome] of Object.entries(CHROME)) {
    it(`${name}: no items beside a list a script draws, which is flagged`, () => {
      const r = run(`${chrome}${DRAWN}`);
      expect(r.items).toEqual([]);
      expect(r.flags).toEqual(['no-items', 'script-filled']);
    });

    it(`${name}: the column's own list beside it is still found`, () => {
      const r = run(`${chrome}${LIST}`);
      expect(urls(r)).toEqual(LIST_URLS);
      expect(r.flags).toEqual([]);
    });
  }

  it('reads the observed failure (a header link beside a dated top bar) as no list, not a stale one-item list', () => {
    const html = `<div class="top"><div class="w1200"><span>今天是：2026年11月20日 星期五</span><a href="/">网站首页</a></div></div>${DRAWN}`;
    // Also on a later day: the saved page's clock is still a clock.
    for (const refDay of [TODAY, '2026-12-01']) {
      const r = extractList(page(html), BASE, { refDay });
      expect(r.items).toEqual([]);
      expect(r.flags).toContain('script-filled');
    }
  });

  it('a lone dated block is never a list, whatever it links to', () => {
    const r = run(`<div class="x"><div><a href="/xxgk/tzgg/1.html">珠山区唯一一条通知的标题</a><span>2026-11-01</span></div></div>`);
    expect(r.items).toEqual([]);
    expect(r.flags).toEqual(['no-items']);
  });

  it('a lone block is an item on the last page of a paginated list, and chrome is not even there', () => {
    const pager = '<script>createPageHTML(2, 1, "index", "html");</script>';
    const last = extractList(page(`<div class="x"><ul><li><a href="/xxgk/tzgg/1.html">珠山区最早一条通知的标题</a><span>2026-01-05</span></li></ul></div>${pager}`), `${BASE}index_1.html`, { refDay: TODAY });
    expect(urls(last)).toEqual(['/xxgk/tzgg/1.html']);
    expect(last.flags).toEqual(['one-item']);
    const loneBar = `<div class="w1200"><span>今天是：2026年11月20日 星期五</span><a href="/">网站首页</a></div>`;
    for (const chrome of [loneBar, CHROME['a TRS top-bar table with 今天是'], CHROME['a side box headed 热点推荐']]) {
      expect(extractList(page(`${chrome}${DRAWN}${pager}`), `${BASE}index_1.html`, { refDay: TODAY }).items).toEqual([]);
    }
  });

  it('keeps an item’s date when its title mentions 农历 or a weekday, and a weekday beside an older date', () => {
    const r = run(`<ul>
      <li><a href="/a.html">关于2027年农历春节假期安排的通知</a><span>2026-11-20</span></li>
      <li><a href="/b.html">每周五下午开展政策宣讲</a><span>2026-11-19 星期四</span></li></ul>`);
    expect(r.items.map((i) => i.date)).toEqual(['2026-11-20', '2026-11-19']);
  });

  it('keeps a list whose items print 主办单位 (an events column), and reads its dates', () => {
    const r = run(`<ul>${[1, 2, 3]
      .map((i) => `<li><a href="/hd/${i}.html">珠山区第${i}届农民丰收节活动预告</a><p>主办单位：珠山区农业农村局</p><span>2026-10-0${i}</span></li>`)
      .join('')}</ul>`);
    expect(r.items.map((i) => i.date)).toEqual(['2026-10-01', '2026-10-02', '2026-10-03']);
  });

  it('takes a box headed 热点… as the list when the page is that column (its name in the title)', () => {
    const r = run(BOX('热点关注'), '热点关注_珠山区人民政府');
    expect(r.items).toHaveLength(4);
  });

  it('finds the list split into boxes of five that ends with a box of one', () => {
    const box = (from: number, n: number) =>
      `<ul>${Array.from({ length: n }, (_, i) => `<li><a href="/p/${from + i}.html">珠山区分组列表第${from + i}条信息</a><span>2026-10-${10 + from + i}</span></li>`).join('')}</ul>`;
    const r = run(`<div class="g">${box(1, 5)}${box(6, 1)}</div>`);
    expect(r.items).toHaveLength(6);
  });
});

describe("'script-filled': a list that a script fills in the browser", () => {
  it('an empty container an inline script fills, even when other items were found', () => {
    const r = run(`${LIST}<div id="newsBox"></div><script>fetch('/api/news').then((r) => r.json()).then((d) => { document.getElementById('newsBox').innerHTML = d.html; });</script>`);
    expect(r.items).toHaveLength(5);
    expect(r.flags).toContain('script-filled');
  });

  it('a container showing only 加载中… counts as empty', () => {
    const r = run(`<ul id="docs"><li>数据加载中…</li></ul><script>$.getJSON('/api/docs', (d) => $('#docs').html(d.map(row).join('')));</script>`);
    expect(r.flags).toEqual(['no-items', 'script-filled']);
  });

  it('Vue and avalon template rows whose links have bound addresses', () => {
    const vue = run(`<div id="app"><ul><li v-for="item in list" :key="item.id"><a :href="item.url">{{ item.title }}</a><span>{{ item.date }}</span></li></ul></div>`);
    expect(vue.flags).toEqual(['no-items', 'script-filled']);
    const avalon = run(`<ul ms-if="list.length>0"><li ms-repeat="list"><a ms-attr-href="el.chnldocurl" ms-text="el.doctitle"></a><span ms-text="el.docreltime"></span></li></ul>`);
    expect(avalon.flags).toEqual(['no-items', 'script-filled']);
  });

  it('an art-template script holding the rows', () => {
    const r = run(`<div id="listBox"></div><script id="listTpl" type="text/html">{{each dataList}}<div class="news_item"><a href="{{$value.url}}">{{$value.title}}</a></div>{{/each}}</script>`);
    expect(r.flags).toEqual(['no-items', 'script-filled']);
  });

  it('not for a static list whose pager, share bar or hot-word links a script draws', () => {
    const r = run(`${LIST}<div id="page"></div><div id="share"></div>
      <script>laypage.render({ elem: 'page', count: 42 }); $('#share').html(shareButtons());</script>
      <p><a v-for="w in hotWords" href="javascript:;" @click="search(w)">{{ w }}</a></p>`);
    expect(r.items).toHaveLength(5);
    expect(r.flags).toEqual([]);
  });
});

describe('shape flags for coverage', () => {
  it("'one-item': exactly one item", () => {
    const r = extractList(page(LIST), BASE, { refDay: TODAY, selectors: { item: 'li:first-child' } });
    expect(r.items).toHaveLength(1);
    expect(r.flags).toEqual(['one-item']);
    const json = extractListJson({ list: [{ title: '唯一的通知', url: '/a.html', pubDate: '2026-11-01' }] }, BASE, { refDay: TODAY });
    expect(json.flags).toEqual(['one-item']);
  });

  it("'dates-all-equal': three or more items, one date", () => {
    const same = `<ul>${[1, 2, 3].map((i) => `<li><a href="/s${i}.html">珠山区历史文件第${i}号</a><span>2026-11-18</span></li>`).join('')}</ul>`;
    expect(run(same).flags).toEqual(['dates-all-equal']);
    const two = `<ul>${[1, 2].map((i) => `<li><a href="/s${i}.html">珠山区历史文件第${i}号</a><span>2026-11-18</span></li>`).join('')}</ul>`;
    expect(run(two).flags).toEqual([]);
  });
});
