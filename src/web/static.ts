import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Ctx } from './env.ts';
import { OFFICIAL_CSS } from '../assess/index.ts';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

const file = (path: string) => () => readFileSync(path);

// A fixed allow-list read once at start-up: no path from the request ever reaches the file system.
const FILES: Record<string, { load: () => Buffer; type: string }> = {
  'app.css': { load: file(join(here, 'static/app.css')), type: 'text/css; charset=utf-8' },
  'app.js': { load: file(join(here, 'static/app.js')), type: 'text/javascript; charset=utf-8' },
  'echarts.min.js': { load: file(join(dirname(require.resolve('echarts/package.json')), 'dist/echarts.min.js')), type: 'text/javascript; charset=utf-8' },
  // The 通报 and score sheets' stylesheet: the assess stage's renderer owns it and standalone files carry it.
  'official.css': { load: () => Buffer.from(OFFICIAL_CSS), type: 'text/css; charset=utf-8' },
};

/** Where the printable 通报 and score sheets find their styles: the dashboard's CSP allows no inline style. */
export const OFFICIAL_STYLESHEET = '/static/official.css';

const cache = new Map<string, Buffer>();

export function getStatic(c: Ctx): Response {
  const name = c.req.param('file') ?? '';
  const f = Object.hasOwn(FILES, name) ? FILES[name] : undefined;
  if (!f) return c.notFound() as Response;
  let body = cache.get(name);
  if (!body) {
    body = f.load();
    cache.set(name, body);
  }
  return c.body(new Uint8Array(body), 200, { 'Content-Type': f.type, 'Cache-Control': 'public, max-age=3600' });
}
