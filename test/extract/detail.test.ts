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

  it('prefers the meta tag over the table and flags a disagreement', () => {
    const table = `<table><tr><td>索引号：</td><td>X-1</td><td>发布日期：</td><td>2026-05-13</td></tr></table>`;
    const r = extractDetail(doc('<meta name="PubDate" content="2026-05-12">', table + PROSE), URL_);
    expect(r.publishedAt).toBe('2026-05-12');
    expect(r.flags).toContain('published-conflict');
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
