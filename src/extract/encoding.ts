import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

export interface Decoded {
  text: string;
  /** The charset used, lower-case ('utf-8', 'gb18030', ...). */
  charset: string;
  /** Where the charset came from. */
  source: 'bom' | 'header' | 'meta' | 'sniffed';
}

// GB2312 and GBK pages routinely contain characters outside their nominal set; GB18030 is the superset
// that decodes all of them exactly, so every GB-family label maps to it.
const ALIASES: Record<string, string> = {
  gb2312: 'gb18030',
  gbk: 'gb18030',
  'x-gbk': 'gb18030',
  gb_2312: 'gb18030',
  'gb_2312-80': 'gb18030',
  cp936: 'gb18030',
  'windows-936': 'gb18030',
  utf8: 'utf-8',
};

function normalize(label: string | undefined | null): string | undefined {
  if (!label) return undefined;
  const l = label.trim().replace(/^["']|["']$/g, '').toLowerCase();
  const name = ALIASES[l] ?? l;
  return iconv.encodingExists(name) ? name : undefined;
}

export function charsetFromContentType(contentType: string | undefined | null): string | undefined {
  return normalize(contentType?.match(/charset\s*=\s*([^;\s]+)/i)?.[1]);
}

/** <meta charset> or <meta http-equiv content="...charset=..."> within the first 4 KB (per the HTML spec's prescan). */
export function charsetFromMeta(head: Buffer): string | undefined {
  const ascii = head.subarray(0, 4096).toString('latin1');
  const m =
    ascii.match(/<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i) ??
    ascii.match(/<\?xml[^>]+encoding\s*=\s*["']([\w-]+)/i);
  return normalize(m?.[1]);
}

// Node's own UTF-8 check and decoder: native, and most pages are UTF-8.
const decode = (body: Buffer, charset: string) => (charset === 'utf-8' ? body.toString('utf8') : iconv.decode(body, charset));

/**
 * Decodes a fetched body: BOM, then the HTTP header, then <meta>, then sniffing (valid UTF-8, else GB18030,
 * the usual legacy encoding of Chinese government sites).
 */
export function decodeBody(body: Buffer, contentType?: string | null): Decoded {
  if (body.length >= 3 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) {
    return { text: body.subarray(3).toString('utf8'), charset: 'utf-8', source: 'bom' };
  }
  const fromHeader = charsetFromContentType(contentType);
  const fromMeta = fromHeader ? undefined : charsetFromMeta(body);
  const declared = fromHeader ?? fromMeta;
  // A page declared UTF-8 that is not valid UTF-8 is common on legacy sites that changed templates.
  if (declared && !(declared === 'utf-8' && !isUtf8(body))) {
    return { text: decode(body, declared), charset: declared, source: fromHeader ? 'header' : 'meta' };
  }
  const charset = isUtf8(body) ? 'utf-8' : 'gb18030';
  return { text: decode(body, charset), charset, source: 'sniffed' };
}
