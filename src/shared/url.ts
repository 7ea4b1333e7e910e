/**
 * The identity of an item's URL within a column: scheme and host lower-cased, default port and fragment
 * dropped, query kept (CMSs put the article id there). Two links that differ only in these are one item.
 */
export function urlKey(raw: string): string {
  try {
    const u = new URL(raw);
    u.hash = '';
    if ((u.protocol === 'http:' && u.port === '80') || (u.protocol === 'https:' && u.port === '443')) u.port = '';
    return u.toString();
  } catch {
    return raw.trim();
  }
}

export function hostOf(raw: string): string {
  try {
    return new URL(raw).host;
  } catch {
    return '';
  }
}
