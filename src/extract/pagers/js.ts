/**
 * A tolerant reader for the little JavaScript that pager configurations are written in: call arguments,
 * object literals with nested objects, and `var x = literal` assignments. It never evaluates anything; what
 * is not a literal stays an expression, so a caller can tell a configuration from computed code.
 */

/** An expression that is not a literal (an identifier, a call, arithmetic), kept as written. */
export class JsExpr {
  constructor(readonly expr: string) {}
}
export type JsObject = { [key: string]: JsValue };
export type JsValue = string | number | boolean | JsObject | JsExpr;

const OPEN: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/** Index just past the string literal that starts at `i`. */
function skipString(text: string, i: number): number {
  const q = text[i];
  let j = i + 1;
  while (j < text.length && text[j] !== q) j += text[j] === '\\' ? 2 : 1;
  return j + 1;
}

/** Index just past the bracket group that opens at `i` (strings and nested groups skipped); -1 when unclosed. */
export function skipGroup(text: string, i: number): number {
  const stack: string[] = [];
  for (let j = i; j < text.length; j++) {
    const c = text[j];
    if (c === '"' || c === "'" || c === '`') {
      j = skipString(text, j) - 1;
    } else if (OPEN[c]) stack.push(OPEN[c]);
    else if (c === ')' || c === ']' || c === '}') {
      if (stack.pop() !== c) return -1;
      if (!stack.length) return j + 1;
    }
  }
  return -1;
}

/** Splits on `sep` outside strings and brackets. */
function splitTop(text: string, sep: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let j = 0; j < text.length; j++) {
    const c = text[j];
    if (c === '"' || c === "'" || c === '`') j = skipString(text, j) - 1;
    else if (OPEN[c]) {
      const end = skipGroup(text, j);
      if (end < 0) break;
      j = end - 1;
    } else if (c === sep) {
      out.push(text.slice(start, j));
      start = j + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

/** A literal, a nested object literal, or else the expression as written. */
export function parseValue(raw: string): JsValue {
  const a = raw.trim();
  if (/^-?\d+(\.\d+)?$/.test(a)) return Number(a);
  // A template literal with ${…} is computed, not a literal.
  if (/^(['"`])[\s\S]*\1$/.test(a) && skipString(a, 0) === a.length && !(a[0] === '`' && a.includes('${'))) return a.slice(1, -1).replace(/\\(.)/g, '$1');
  if (a === 'true' || a === 'false') return a === 'true';
  if (a.startsWith('{') && skipGroup(a, 0) === a.length) return parseObject(a);
  return new JsExpr(a);
}

/** `{a:1, 'b':'x', c:{d:2}}` → nested map; entries that are not `key: value` are skipped. */
export function parseObject(text: string): JsObject {
  const out: JsObject = {};
  for (const entry of splitTop(text.trim().slice(1, -1), ',')) {
    const [key, ...rest] = splitTop(entry, ':');
    if (!rest.length) continue;
    const k = key.trim().replace(/^(['"])(.*)\1$/, '$2');
    if (/^[\w$]+$/.test(k)) out[k] = parseValue(rest.join(':'));
  }
  return out;
}

export interface Call {
  /** Offset of the call in the script, to resolve the variables assigned before it. */
  at: number;
  args: JsValue[];
}

/**
 * Every call whose callee matches `callee` (a regex source ending just before the parenthesis), with its
 * arguments parsed. Function definitions (`function createPageHTML(a, b)`) are not calls.
 */
export function calls(script: string, callee: string): Call[] {
  const out: Call[] = [];
  for (const m of script.matchAll(new RegExp(`(?<!function\\s+)(?<![\\w$])(?:${callee})\\s*\\(`, 'g'))) {
    const open = m.index + m[0].length - 1;
    const end = skipGroup(script, open);
    if (end < 0) continue;
    const inner = script.slice(open + 1, end - 1);
    out.push({ at: m.index, args: inner.trim() ? splitTop(inner, ',').map(parseValue) : [] });
  }
  return out;
}

/** `var x = literal`, `x = {...}` … in document order, for resolving identifiers a call passes. */
export class Assignments {
  private readonly seen: Array<{ name: string; at: number; value: JsValue }> = [];

  constructor(script: string) {
    for (const m of script.matchAll(/(?<![\w$.])([A-Za-z_$][\w$]*)\s*=(?![=>])\s*/g)) {
      const start = m.index + m[0].length;
      const value = this.valueAt(script, start);
      if (value !== undefined) this.seen.push({ name: m[1], at: m.index, value });
    }
  }

  private valueAt(script: string, i: number): JsValue | undefined {
    if (script[i] === '{') {
      const end = skipGroup(script, i);
      return end < 0 ? undefined : parseObject(script.slice(i, end));
    }
    const lit = /^(-?\d+(?:\.\d+)?|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")\s*(?:[;,\n}]|\/[/*]|$)/.exec(script.slice(i, i + 400));
    return lit ? parseValue(lit[1]) : undefined;
  }

  /** The literal last assigned to `name` before offset `at`. */
  lastValue(name: string, at = Infinity): JsValue | undefined {
    let found: JsValue | undefined;
    for (const a of this.seen) if (a.name === name && a.at < at) found = a.value;
    return found;
  }

  /** Replaces an identifier by what was last assigned to it, when that was a literal. */
  resolve(v: JsValue, at = Infinity): JsValue {
    if (v instanceof JsExpr && /^[A-Za-z_$][\w$]*$/.test(v.expr)) return this.lastValue(v.expr, at) ?? v;
    return v;
  }

  /** Every literal assignment, for reading configuration wherever it was assigned. */
  entries(): ReadonlyArray<{ name: string; value: JsValue }> {
    return this.seen;
  }
}

export const isObject = (v: JsValue | undefined): v is JsObject => typeof v === 'object' && !(v instanceof JsExpr);

/** A count written as a number or a numeric string (`totalRecord:'138'`). */
export function countOf(v: JsValue | undefined): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : NaN;
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}
