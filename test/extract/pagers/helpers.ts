import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeBody } from '../../../src/extract/index.ts';
import { loadPage } from '../../../src/extract/dom.ts';
import type { PagerFamily } from '../../../src/extract/pagers/index.ts';

const DIR = join(import.meta.dirname, '../../fixtures/real-pages/pages');

/** A saved real page's text (encoding decoded as the crawler would). */
export const realPage = (file: string): string => decodeBody(readFileSync(join(DIR, file))).text;

/** One family's reading of a page, with the crawler's cap. */
export const readWith = (family: PagerFamily, html: string, url: string, cap = 2000) => family.read(loadPage(html), url, cap);

export const html = (body: string) => `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>${body}</body></html>`;
