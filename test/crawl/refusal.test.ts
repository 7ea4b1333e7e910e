import { describe, expect, it } from 'vitest';
import { refusal } from '../../src/crawl/refusal.ts';
import type { FetchResult } from '../../src/shared/capture.ts';

const URL_ = 'http://portal.test/xxgk/jyj/xzzf/';

function result(o: Partial<FetchResult>): FetchResult {
  return {
    requestUrl: URL_, finalUrl: URL_, status: 200, headers: {}, requestHeaders: {}, body: null, text: '<html></html>', charset: 'utf-8',
    fetcher: 'http', fetchedAt: '2026-11-20T18:00:00Z', durationMs: 5, outcome: 'ok', redirects: [], attempts: 1, ...o,
  };
}

describe('what counts as a column refusing the assessor', () => {
  it('a robots.txt rule (with the file kept), a 401, a redirect to a login page, a 403', () => {
    const robotsTxt = result({ requestUrl: 'http://portal.test/robots.txt', text: 'User-agent: *\nDisallow: /xxgk/jyj/' });
    expect(refusal(result({ outcome: 'robots-denied', status: null, text: null, robotsTxt, error: 'robots.txt 第 2 行禁止抓取' }))).toEqual({ by: 'robots', error: 'robots.txt 第 2 行禁止抓取' });
    expect(refusal(result({ outcome: 'http-error', status: 401 }))?.by).toBe('login');
    expect(refusal(result({ outcome: 'http-error', status: 403 }))?.by).toBe('forbidden');
    const wall = refusal(result({ finalUrl: 'http://portal.test/cas/login?service=http%3A%2F%2Fportal.test%2Fxxgk%2F', redirects: [URL_] }));
    expect(wall).toEqual({ by: 'login', error: `${URL_} 跳转到登录页 http://portal.test/cas/login?service=http%3A%2F%2Fportal.test%2Fxxgk%2F，须登录后才能访问。` });
  });

  it('not: an unreadable robots.txt, a missing page, a redirect to a list that has a 用户登录 box, a page without redirect', () => {
    expect(refusal(result({ outcome: 'robots-denied', status: null, text: null, error: 'robots.txt 返回 HTTP 503' }))).toBeNull();
    expect(refusal(result({ outcome: 'http-error', status: 404 }))).toBeNull();
    const box = '<form><input name="u"><input type="password" name="p"></form><ul><li><a href="a.html">通知</a></li></ul>';
    expect(refusal(result({ finalUrl: `${URL_}index.html`, redirects: [URL_], text: box }))).toBeNull();
    expect(refusal(result({ text: box }))).toBeNull();
  });
});
