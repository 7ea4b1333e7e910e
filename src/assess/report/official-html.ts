import { readFileSync } from 'node:fs';
import { SIGNATURE, type Block, type OfficialDoc } from './official-doc.ts';

/**
 * An official document as one printable HTML page. Its styles are official.css: linked where a server serves it
 * (the dashboard's CSP allows no inline style), or carried in the file for a standalone copy (`zwgk report`), so
 * both print alike. Every text is escaped; the page has no script.
 */

/** The stylesheet's text, for the dashboard to serve and for standalone files to carry. */
export const OFFICIAL_CSS = readFileSync(new URL('./official.css', import.meta.url), 'utf8');

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Only http(s) links become anchors (the URL comes from the settings, validated there). */
const link = (href: string) => (/^https?:\/\//i.test(href) ? `<a href="${esc(href)}">${esc(href)}</a>` : esc(href));

const cell = (text: string) => text.split('\n').map((l) => `<span class="line">${esc(l)}</span>`).join('');

function block(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return b.level === 1 ? `<h2 class="h1">${esc(b.text)}</h2>` : `<h3 class="h2">${esc(b.text)}</h3>`;
    case 'para':
      return `<p>${esc(b.text)}${b.link ? link(b.link) : ''}</p>`;
    case 'table':
      // Column shares as <col width>: a presentational attribute, which the dashboard's CSP (no inline style) allows.
      return `<table class="grid${b.small ? ' small' : ''}">
<colgroup>${b.columns.map((c) => `<col width="${c.width}%">`).join('')}</colgroup>
<thead><tr>${b.columns.map((c) => `<th>${esc(c.title)}</th>`).join('')}</tr></thead>
<tbody>
${b.rows.map((r) => `<tr>${r.map((v, i) => `<td${b.columns[i].align === 'center' ? ' class="c"' : ''}>${cell(v)}</td>`).join('')}</tr>`).join('\n')}
</tbody>
</table>`;
    case 'signatures':
      return `<div class="signatures">${b.roles
        .map((r) => `<p>${esc(SIGNATURE.label(r))}<span class="blank"></span>${SIGNATURE.date}</p>`)
        .join('')}</div>`;
  }
}

export function officialHtml(doc: OfficialDoc, opts: { stylesheetHref?: string } = {}): string {
  const style = opts.stylesheetHref ? `<link rel="stylesheet" href="${esc(opts.stylesheetHref)}">` : `<style>\n${OFFICIAL_CSS}</style>`;
  const head = doc.head
    ? `<header class="head">
<div class="issuer-mark xbs mark-${doc.head.markPt}">${esc(doc.head.mark)}</div>
<p class="doc-no">${esc(doc.head.docNo)}</p>
<hr class="red-rule">
</header>`
    : '';
  const closing = doc.closing
    ? `<div class="closing"><div><div class="issuer">${esc(doc.closing.issuer)}</div><div class="date">${esc(doc.closing.date)}</div></div></div>`
    : '';
  const imprint = doc.imprint
    ? `<footer class="imprint">${doc.imprint.copyTo ? `<p class="copy-to">抄送：${esc(doc.imprint.copyTo)}</p>` : ''}<p class="printed"><span>${esc(doc.imprint.printedBy)}</span><span>${esc(doc.imprint.printedOn)}</span></p></footer>`
    : '';
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(doc.draft ? `【${doc.draft}】${doc.title}` : doc.title)}</title>
${style}
</head>
<body class="official${doc.draft ? ' draft' : ''}">
${doc.draft ? `<div class="draft-mark">${esc(doc.draft)}</div>\n` : ''}<article class="sheet">
${head}
<h1 class="title xbs">${esc(doc.title)}</h1>
${doc.recipients ? `<p class="recipients">${esc(doc.recipients)}：</p>\n` : ''}${doc.blocks.map(block).join('\n')}
${closing}
${imprint}
</article>
</body>
</html>
`;
}
