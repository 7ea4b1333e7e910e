import { REQUEST_PURPOSE, type RequestPurpose } from './vocabulary.ts';

/** Where one crawl's requests went. Below the stages: the crawl counts it, the CLI and the dashboard show it. */
export interface NightTraffic {
  /** Requests by purpose; they add up to the night's requests. */
  requestsFor: Record<RequestPurpose, number>;
  /** Conditional requests answered 304: pages checked and found unchanged. */
  notModified: number;
  retries: number;
  /** Pages the browser rendered; their requests are counted under their purpose and 'subresource'. */
  browserPages: number;
  /** Images, fonts and media the browser did not load. */
  skippedResources: number;
}

/** One line in Chinese: the purposes that took requests, then 304s, retries and the browser's share. */
export function trafficText(t: NightTraffic): string {
  const parts = (Object.keys(REQUEST_PURPOSE) as RequestPurpose[]).filter((k) => t.requestsFor[k] > 0).map((k) => `${REQUEST_PURPOSE[k]} ${t.requestsFor[k]}`);
  const of = [`304（已核对、未变化）${t.notModified}`, `重试 ${t.retries}`];
  if (t.browserPages) of.push(`浏览器渲染 ${t.browserPages} 页${t.skippedResources ? `（未加载图片、字体、音视频 ${t.skippedResources} 个）` : ''}`);
  return `${parts.join('，') || '无请求'}；其中 ${of.join('，')}`;
}
