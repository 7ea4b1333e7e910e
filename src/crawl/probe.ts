import type { ListExtraction, PagerClaims } from '../extract/index.ts';
import { readListPage } from './page-reading.ts';
import { pageDoubt } from './coverage.ts';
import { shanghaiDay } from '../shared/time.ts';
import type { Fetcher } from './types.ts';

/**
 * `zwgk plan probe`: before the year starts, read each column's first page and the pager's next page, as the
 * crawl would (static first, a browser when the static answer is weak), and say whether the column can be read
 * whole. Nothing is stored: it is a check for the administrator, who adds selectors where it cannot.
 */

export interface ProbeColumn {
  name: string;
  url: string;
  render: 'auto' | 'static' | 'browser';
  layout: 'auto' | 'list' | 'single';
  selectors?: { item: string; title?: string; date?: string; next?: string };
}

export interface ProbeResult {
  /** How the first page was read. */
  fetcher: 'http' | 'browser' | null;
  layout: 'list' | 'single' | null;
  items: number;
  /** Oldest and newest date among the first page's items. */
  dates: { from: string; to: string } | null;
  claims: PagerClaims;
  /** Further list pages the pager reveals. */
  nextPages: number;
  /** Items on the pager's next page, when there is one and it was read. */
  secondPageItems: number | null;
  verdict: 'ok' | 'review' | 'unreachable';
  /** Chinese: why the verdict is not ok. */
  reason: string | null;
}

type Read = { extraction: ListExtraction; fetcher: 'http' | 'browser' } | { error: string };

async function readPage(fetcher: Fetcher, url: string, mode: 'static' | 'browser', col: ProbeColumn): Promise<Read> {
  const r = await fetcher.fetch(url, { render: mode });
  if (r.outcome !== 'ok' || r.text === null) return { error: r.error ?? (r.outcome === 'ok' ? '响应不是文本页面' : `抓取失败：${r.outcome}`) };
  return { extraction: readListPage({ text: r.text, url: r.finalUrl || url, refDay: shanghaiDay(r.fetchedAt), selectors: col.selectors }), fetcher: r.fetcher };
}

export async function probeColumn(fetcher: Fetcher, col: ProbeColumn): Promise<ProbeResult> {
  const none = { fetcher: null, layout: null, items: 0, dates: null, claims: {}, nextPages: 0, secondPageItems: null } as const;
  const browserFirst = col.render === 'browser';
  let read = await readPage(fetcher, col.url, browserFirst ? 'browser' : 'static', col);
  const weak = (x: Read) => 'error' in x || pageDoubt(x.extraction) !== null;
  if (!browserFirst && col.render === 'auto' && weak(read)) {
    const rendered = await readPage(fetcher, col.url, 'browser', col);
    if (!('error' in rendered) && ('error' in read || rendered.extraction.items.length >= read.extraction.items.length)) read = rendered;
  }
  if ('error' in read) return { ...none, verdict: 'unreachable', reason: read.error };
  const x = read.extraction;
  if (col.layout === 'single' || (col.layout === 'auto' && x.items.length === 0 && x.flags.includes('article-page'))) {
    return { ...none, fetcher: read.fetcher, layout: 'single', verdict: 'ok', reason: null };
  }
  const dated = x.items.filter((i) => !i.pinned && i.date).map((i) => i.date!).sort();
  const base = {
    fetcher: read.fetcher,
    layout: 'list' as const,
    items: x.items.length,
    dates: dated.length ? { from: dated[0], to: dated[dated.length - 1] } : null,
    claims: x.claims,
    nextPages: x.nextPages.length,
  };
  const doubt = pageDoubt(x);
  if (doubt) return { ...base, secondPageItems: null, verdict: 'review', reason: doubt };
  if (!x.nextPages.length) return { ...base, secondPageItems: null, verdict: 'ok', reason: null };
  // The pager is only as good as the page it leads to.
  const second = await readPage(fetcher, x.nextPages[0], read.fetcher === 'browser' ? 'browser' : 'static', col);
  if ('error' in second) return { ...base, secondPageItems: null, verdict: 'review', reason: `翻页后的第 2 页无法读取：${second.error}` };
  const n = second.extraction.items.length;
  if (n === 0) return { ...base, secondPageItems: 0, verdict: 'review', reason: '翻页后的第 2 页上没有识别出信息条目' };
  return { ...base, secondPageItems: n, verdict: 'ok', reason: null };
}
