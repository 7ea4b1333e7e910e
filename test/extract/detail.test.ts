import { describe, expect, it } from 'vitest';
import { extractDetail, isChallengePage, pageKind } from '../../src/extract/index.ts';

const URL_ = 'http://zs.example.gov.cn/xxgk/tzgg/202605/t20260512_1.html';
const doc = (head: string, body: string, title = '关于开展安全生产检查的通知_通知公告_珠山区人民政府') =>
  `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title>${head}</head><body>${body}</body></html>`;
const PROSE = `<div class="content"><p>各有关单位：</p><p>经研究，定于2026年4月1日起开展检查。请于2026年6月30日前报送材料，发布日期：2020-01-01 以前的文件同时废止。</p>
<p>${'为切实做好相关工作，根据上级有关文件精神，现就有关事项通知如下。'.repeat(6)}</p><p class="sign">珠山区应急管理局</p><p>2026年4月16日</p></div>`;

describe('extractDetail: trust order', () => {
  it('reads PubDate and ArticleTitle, never Maketime', () => {
    const r = extractDetail(
      doc('<meta name="Maketime" content="2026-08-31 09:25:37"><meta name="ArticleTitle" content="关于开展安全生产检查的通知"><meta name="PubDate" content="2026-05-12 16:28"><meta name="ContentSource" content="区应急局">', PROSE),
      URL_,
    );
    expect(r).toMatchObject({ title: '关于开展安全生产检查的通知', publishedAt: '2026-05-12', publishedTime: '16:28', source: '区应急局' });
    expect(r.sources).toMatchObject({ publishedAt: 'meta', title: 'meta' });
    expect(r.flags).toEqual([]);
  });

  it('reads the 信息公开 header table (labels with odd spacing) when there is no meta', () => {
    const table = `<table class="xxgk"><tr><td>索&nbsp;引&nbsp;号：</td><td>11360203MB1234567X/2026-00012</td><td>发布机构：</td><td>珠山区应急管理局</td></tr>
      <tr><th>成文日期</th><td>2026年4月16日</td><th>发布日期</th><td>２０２６－０５－１２</td></tr>
      <tr><td>文　　号：</td><td>珠应急字〔2026〕12号</td><td>主题分类：</td><td>安全生产</td></tr></table>`;
    const r = extractDetail(doc('', `${table}<h1>关于开展安全生产检查的通知</h1>${PROSE}`), URL_);
    expect(r).toMatchObject({
      title: '关于开展安全生产检查的通知',
      publishedAt: '2026-05-12',
      documentDate: '2026-04-16',
      indexNo: '11360203MB1234567X/2026-00012',
      publisher: '珠山区应急管理局',
      docNo: '珠应急字〔2026〕12号',
    });
    expect(r.sources).toMatchObject({ publishedAt: 'table', documentDate: 'table', title: 'heading' });
  });

  it('reads labelled text; 发布时间 beats a bare 时间', () => {
    const info = `<div class="info"><span>时间：2026-05-10</span><span>发布时间：2026年5月12日 09:30</span><span>来源：区应急局</span></div>`;
    const r = extractDetail(doc('', `<h1>关于开展安全生产检查的通知</h1>${info}${PROSE}`), URL_);
    expect(r).toMatchObject({ publishedAt: '2026-05-12', publishedTime: '09:30', source: '区应急局' });
    expect(r.sources.publishedAt).toBe('label');
  });

  it('splits an info line holding several labels in one text', () => {
    const r = extractDetail(doc('', `<div class="info">发布机构：珠山区应急管理局 发布时间：2026-05-12 10:30 来源：区政府办 浏览次数：12</div>${PROSE}`), URL_);
    expect(r).toMatchObject({ publisher: '珠山区应急管理局', publishedAt: '2026-05-12', publishedTime: '10:30', source: '区政府办' });
  });

  it('does not take 会议时间 or 报送时间 for the bare 时间 label', () => {
    const r = extractDetail(doc('', `<div class="notice">会议时间：2026年5月1日</div><div>截止时间：2026年6月30日</div>${PROSE}`), URL_);
    expect(r.publishedAt).toBeNull();
  });

  it('falls back to a bare 时间： label', () => {
    const r = extractDetail(doc('', `<div class="info"><span>时间：2026-05-10 08:00</span></div>${PROSE}`), URL_);
    expect(r.publishedAt).toBe('2026-05-10');
  });

  it('takes the shown 发布日期 over a disagreeing meta tag, keeps both and flags it', () => {
    const table = `<table><tr><td>索引号：</td><td>X-1</td><td>发布日期：</td><td>2026-05-13</td></tr></table>`;
    const r = extractDetail(doc('<meta name="PubDate" content="2026-05-12">', table + PROSE), URL_);
    expect(r).toMatchObject({ publishedAt: '2026-05-13', metaPublishedAt: '2026-05-12' });
    expect(r.sources.publishedAt).toBe('table');
    expect(r.flags).toContain('published-conflict');
  });

  it('keeps the meta date over a disagreeing bare 时间：, which may be any time', () => {
    const r = extractDetail(doc('<meta name="PubDate" content="2026-05-12">', `<div class="info"><span>时间：2026-05-20</span></div>${PROSE}`), URL_);
    expect(r.publishedAt).toBe('2026-05-12');
    expect(r.flags).not.toContain('published-conflict');
  });
});

describe('extractDetail: traps', () => {
  it('never takes a date from the prose: no label, no date', () => {
    const r = extractDetail(doc('', `<h1>关于开展安全生产检查的通知</h1>${PROSE}`), URL_);
    expect(r.publishedAt).toBeNull();
    expect(r.documentDate).toBeNull();
    expect(r.flags).toContain('published-missing');
  });

  it('ignores labels inside the article’s paragraphs', () => {
    const r = extractDetail(doc('', `${PROSE}<div class="info"><span>发布日期：2026-05-12</span></div>`), URL_);
    expect(r.publishedAt).toBe('2026-05-12'); // not the earlier 2020-01-01 in the prose
  });

  it('does not read metadata repeated in HTML comments', () => {
    const body = `<!-- <span>发布日期：2019-01-01</span><table><tr><td>索引号：</td><td>OLD-1</td></tr></table> -->
      <div class="info"><span>发布日期：2026-05-12</span></div>${PROSE}`;
    const r = extractDetail(doc('', body), URL_);
    expect(r.publishedAt).toBe('2026-05-12');
    expect(r.indexNo).toBeNull();
  });

  it('an unparseable date is null and flagged, never today', () => {
    const r = extractDetail(doc('<meta name="PubDate" content="待定">', PROSE), URL_);
    expect(r.publishedAt).toBeNull();
    expect(r.flags).toContain('published-unparseable');
    const bad = extractDetail(doc('', `<div class="info"><span>发布日期：2026-02-30</span></div>${PROSE}`), URL_);
    expect(bad.publishedAt).toBeNull();
    expect(bad.flags).toContain('published-unparseable');
  });

  it('falls back from an unreadable meta to the labelled date, and says so', () => {
    const r = extractDetail(doc('<meta name="PubDate" content="0000-00-00">', `<div class="info"><span>发布时间：2026-05-12</span></div>${PROSE}`), URL_);
    expect(r.publishedAt).toBe('2026-05-12');
    expect(r.flags).toContain('published-fallback');
  });

  it('an unreadable 成文日期 is null and flagged', () => {
    const table = `<table><tr><td>索引号：</td><td>X-1</td><td>成文日期：</td><td>见附件</td></tr></table>`;
    const r = extractDetail(doc('<meta name="PubDate" content="2026-05-12">', table + PROSE), URL_);
    expect(r.documentDate).toBeNull();
    expect(r.flags).toContain('document-unparseable');
  });

  it('takes the longest title-like heading when <title> names only the column and site', () => {
    const body = '<div class="side"><h3 class="title_name">文字解读</h3></div><div class="article_title">关于开展安全生产检查的通知</div>' + PROSE;
    const r = extractDetail(doc('', body, '通知公告_珠山区人民政府'), URL_);
    expect(r.title).toBe('关于开展安全生产检查的通知');
    expect(r.sources.title).toBe('heading');
  });

  it('takes the title from <title> minus the site parts when nothing better exists', () => {
    const r = extractDetail(doc('', '<p>短文。</p>', '珠山区人民政府 | 关于开展安全生产检查工作的通知 - 通知公告'), URL_);
    expect(r.title).toBe('关于开展安全生产检查工作的通知');
    expect(r.sources.title).toBe('title');
  });

  it('does not take a footer 主办单位 for the 发布机构', () => {
    const r = extractDetail(doc('<meta name="PubDate" content="2026-05-12">', `${PROSE}<div class="footer"><p>主办单位：珠山区人民政府办公室</p></div>`), URL_);
    expect(r.publisher).toBeNull();
  });
});

describe('extractDetail: publication date in unfamiliar templates', () => {
  const H1 = '<h1>关于开展安全生产检查的通知</h1>';

  it.each([
    ['发布日期：2026-05-12', '2026-05-12'],
    ['发 布 日 期：2026年5月12日', '2026-05-12'],
    ['发稿时间:2026/5/12 10:30', '2026-05-12'],
    ['信息来源：区应急局 发 布 时 间：2026.05.12', '2026-05-12'],
    ['更新时间：2026-05-12', '2026-05-12'],
    ['日期：２０２６－０５－１２', '2026-05-12'],
  ])('reads the label variant %s', (line, date) => {
    expect(extractDetail(doc('', `${H1}<div class="info">${line}</div>${PROSE}`), URL_).publishedAt).toBe(date);
  });

  it.each([
    ['<meta name="publishdate" content="2026-05-12">'],
    ['<meta name="pubDate" content="2026-05-12 08:00:00">'],
    ['<meta name="firstpublishedtime" content="2026-05-12-23:59:59">'],
    ['<meta property="article:published_time" content="2026-05-12T08:00:00+08:00">'],
  ])('reads the meta tag %s', (tag) => {
    const r = extractDetail(doc(tag, `${H1}${PROSE}`), URL_);
    expect(r.publishedAt).toBe('2026-05-12');
    expect(r.sources.publishedAt).toBe('meta');
  });

  it('never takes Maketime, lastmodifiedtime or DC.Date', () => {
    const head = '<meta name="Maketime" content="2026-08-31 09:25:37"><meta name="lastmodifiedtime" content="2026-08-30-10:00:00"><meta name="DC.Date" content="2026-08-29">';
    expect(extractDetail(doc(head, `${H1}${PROSE}`), URL_).publishedAt).toBeNull();
  });

  it('reads an unlabelled date on the info line under the title', () => {
    const info = '<div class="info"><span>2026-05-12 09:30</span><span>来源：区应急局</span><span>浏览次数：12</span></div>';
    const r = extractDetail(doc('', `${H1}${info}${PROSE}`), URL_);
    expect(r).toMatchObject({ publishedAt: '2026-05-12', publishedTime: '09:30' });
    expect(r.sources.publishedAt).toBe('byline');
    // A bare date cell alone under the title, as TRS templates print it.
    expect(extractDetail(doc('', `${H1}<p class="time">2026-05-12</p>${PROSE}`), URL_).publishedAt).toBe('2026-05-12');
  });

  it('finds the heading through ArticleTitle when <title> names only the column, and reads the date under it', () => {
    const page = doc(
      '<meta name="ArticleTitle" content="关于开展安全生产检查的通知">',
      '<div class="article_title">关于开展安全生产检查的通知</div><div class="info"><span>2026-05-12</span></div>' + PROSE,
      '通知公告_珠山区人民政府',
    );
    const r = extractDetail(page, URL_);
    expect(r).toMatchObject({ title: '关于开展安全生产检查的通知', publishedAt: '2026-05-12' });
    expect(r.sources.publishedAt).toBe('byline');
  });

  it('never takes a date from the footer, a related-links box or prose far from the title', () => {
    const footer = '<div class="footer"><p>版权所有 ©2026 珠山区人民政府 网站标识码：3602030001 赣ICP备05000001号</p><p>2026-05-30</p><p>主办：区政府办 2026-05-30 来源：本站</p></div>';
    const related = '<div class="xgwz"><h4>相关链接</h4><ul><li><a href="/a.html">关于开展检查的通知</a> 2026-04-01 来源：区政府</li></ul></div>';
    const prev = '<div class="page"><p>上一篇：<a href="/b.html">通知</a> 2026-03-01 来源：区政府</p></div>';
    const r = extractDetail(doc('', `${H1}${PROSE}${related}${prev}${footer}`), URL_);
    expect(r.publishedAt).toBeNull();
    expect(r.flags).toContain('published-missing');
  });
});

describe('extractDetail: 发文字号 from the head of the body', () => {
  const H1 = '<h1>关于开展安全生产检查的通知</h1>';
  const body = (head: string) => `${H1}<div class="content">${head}<p>各有关单位：</p>${PROSE}</div>`;

  it.each([
    ['<p style="text-align: center">珠应急字〔2026〕12号</p>', '珠应急字〔2026〕12号'],
    ['<p align="center">发改经贸[2026]1241号</p>', '发改经贸[2026]1241号'],
    ['<div class="text-center"><span>浙发改能源（2026）116号</span></div>', '浙发改能源（2026）116号'],
    ['<p class="tc">（国发【2007】23号）</p>', '国发【2007】23号'],
  ])('reads the centred line %s', (line, docNo) => {
    const r = extractDetail(doc('', body(line)), URL_);
    expect(r.docNo).toBe(docNo);
    expect(r.sources.docNo).toBe('body');
  });

  it('reads a centred 文号 that Word split into spans', () => {
    const line = '<p class="MsoNormal" align="center"><span>岚政〔</span><span lang="EN-US">2010</span><span>〕</span><span lang="EN-US">105</span><span>号<o:p></o:p></span></p>';
    expect(extractDetail(doc('', body(line)), URL_).docNo).toBe('岚政〔2010〕105号');
  });

  it('prefers the 文号 cell of the header table', () => {
    const table = '<table><tr><td>索引号：</td><td>X-1</td><td>文号：</td><td>珠府〔2026〕3号</td></tr></table>';
    const r = extractDetail(doc('', table + body('<p style="text-align:center">珠应急字〔2026〕12号</p>')), URL_);
    expect(r.docNo).toBe('珠府〔2026〕3号');
  });

  it('never takes a 文号 quoted in a sentence, a left-aligned line or one deep in the text', () => {
    const quoted = '<p style="text-align:center">根据《国务院关于加强安全生产工作的通知》（国发〔2020〕3号）</p>';
    expect(extractDetail(doc('', body(quoted)), URL_).docNo).toBeNull();
    expect(extractDetail(doc('', body('<p>珠应急字〔2026〕12号</p>')), URL_).docNo).toBeNull();
    const deep = `${H1}<div class="content">${PROSE}<p style="text-align:center">国发〔2020〕3号</p></div>`;
    expect(extractDetail(doc('', deep), URL_).docNo).toBeNull();
  });
});

describe('challenge and page kind', () => {
  const stub = `<html><head><meta charset="utf-8"></head><body><script>(function(){var _$q=[1,2,3],_$s='';document.cookie='zsq_clearance='+_$s+'; path=/';setTimeout(function(){location.reload();},50);})();</script></body></html>`;

  it('recognises a cookie-and-reload stub and a 412, not a real page', () => {
    expect(isChallengePage(200, stub)).toBe(true);
    expect(isChallengePage(412, '<html><body>请稍候</body></html>')).toBe(true);
    expect(isChallengePage(200, doc('', PROSE))).toBe(false);
    expect(isChallengePage(200, '<html><body></body></html>')).toBe(false); // empty, but no challenge script
  });

  it('tells articles from lists', () => {
    expect(pageKind(doc('<meta name="PubDate" content="2026-05-12">', '<p>x</p>'))).toBe('detail');
    expect(pageKind(doc('', `<h1>通知</h1>${PROSE}`))).toBe('detail');
    const list = `<ul>${[1, 2, 3, 4].map((i) => `<li><a href="/a${i}.html">珠山区通知第${i}号</a><span>2026-05-0${i}</span></li>`).join('')}</ul>`;
    expect(pageKind(doc('', list))).toBe('list');
  });
});
