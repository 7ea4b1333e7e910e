import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Ctx } from './env.ts';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

// A fixed allow-list read once at start-up: no path from the request ever reaches the file system.
const FILES: Record<string, { path: string; type: string }> = {
  'app.css': { path: join(here, 'static/app.css'), type: 'text/css; charset=utf-8' },
  'app.js': { path: join(here, 'static/app.js'), type: 'text/javascript; charset=utf-8' },
  'echarts.min.js': { path: join(dirname(require.resolve('echarts/package.json')), 'dist/echarts.min.js'), type: 'text/javascript; charset=utf-8' },
};

const cache = new Map<string, Buffer>();

export function getStatic(c: Ctx): Response {
  const name = c.req.param('file') ?? '';
  const f = Object.hasOwn(FILES, name) ? FILES[name] : undefined;
  if (!f) return c.notFound() as Response;
  let body = cache.get(name);
  if (!body) {
    body = readFileSync(f.path);
    cache.set(name, body);
  }
  return c.body(new Uint8Array(body), 200, { 'Content-Type': f.type, 'Cache-Control': 'public, max-age=3600' });
}
