import iconv from 'iconv-lite';
import type { DemoColumn, DemoTruth } from '../../src/demo/index.ts';

export const REF_DATE = '2026-05-20';
export const SEED = 424242;

export function column(truth: DemoTruth, unitId: string, slug: string): DemoColumn {
  const c = truth.units.find((u) => u.id === unitId)?.columns.find((x) => x.slug === slug);
  if (!c) throw new Error(`no column ${unitId}/${slug}`);
  return c;
}

export function allColumns(truth: DemoTruth): DemoColumn[] {
  return truth.units.flatMap((u) => u.columns);
}

export async function get(url: string, init: RequestInit = {}): Promise<{ status: number; text: string; headers: Headers; bytes: Buffer }> {
  const res = await fetch(url, init);
  const bytes = Buffer.from(await res.arrayBuffer());
  const gbk = /charset=gbk/i.test(res.headers.get('content-type') ?? '');
  return { status: res.status, headers: res.headers, bytes, text: gbk ? iconv.decode(bytes, 'gbk') : bytes.toString('utf8') };
}

/** Absolute hrefs of the detail links in a list page fragment, in page order. */
export function detailHrefs(html: string, base: string, pattern: RegExp): string[] {
  return [...html.matchAll(/href=["']([^"']+)["']/g)].map((m) => new URL(m[1], base).href).filter((h) => pattern.test(h));
}
