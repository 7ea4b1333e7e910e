import { readFileSync } from 'node:fs';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { z } from 'zod';
import { InputError } from '../shared/errors.ts';

/**
 * YAML with source positions, so that every complaint about a config file can say file:line:col,
 * the key path and what to do — in Chinese, for the people who edit these files.
 */
export interface YamlSource {
  file: string;
  text: string;
  doc: Document.Parsed;
  lines: LineCounter;
}

export type KeyPath = ReadonlyArray<PropertyKey>;

/** `units[2].columns[0].url` */
export function formatKeyPath(path: KeyPath): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out || '（文件顶层）';
}

/**
 * Reads a config file as UTF-8. Files saved as GBK (common on Chinese Windows) would otherwise turn into
 * replacement characters and fail later with a baffling message — or, in names, not fail at all.
 */
export function readUtf8(file: string, what: string): string {
  const bytes = readFileSync(file);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new InputError(`${what} ${file} 不是 UTF-8 编码（可能是 GBK）。请用编辑器“另存为 UTF-8”后重试`);
  }
}

const SYNTAX_HINTS: Record<string, string> = {
  DUPLICATE_KEY: '同一层级中这个键出现了两次：删除或合并其中一处',
  BAD_INDENT: '缩进不对：同一层级的键要对齐，子项比父项多缩进（用空格，不要用 Tab）',
  TAB_AS_INDENT: '缩进里有 Tab 字符：请改用空格',
  MISSING_CHAR: '缺少配对的符号（例如引号、] 或 }）：请补全',
  BLOCK_AS_IMPLICIT_KEY: '一行里出现了两个“键: 值”：请换行并缩进，或给含冒号的值加引号',
  MULTILINE_IMPLICIT_KEY: '键不能跨行：请检查是否漏了冒号或引号',
  UNEXPECTED_TOKEN: '出现了意外的字符：请检查引号、冒号和括号',
  BAD_SCALAR_START: '值的开头字符不合法：含有 @ ` 等特殊字符的值请加引号',
};

/** Parses YAML keeping positions; syntax errors and duplicate keys become one Chinese InputError. */
export function parseYaml(file: string, text: string, what: string): YamlSource {
  const lines = new LineCounter();
  // The core schema keeps `2026-01-01` and zone-less timestamps as strings, even under a `%YAML 1.1`
  // directive, so no date is ever silently converted (and shifted) to a UTC Date.
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, schema: 'core', prettyErrors: false });
  const src: YamlSource = { file, text, doc, lines };
  if (doc.errors.length) {
    const msgs = doc.errors.map((e) => {
      const path = pathAtOffset(doc, e.pos[0]);
      const unclosed = /end with an? [\]}]/.test(e.message);
      const known = unclosed ? '花括号 { } 或方括号 [ ] 没有闭合，或续行缩进不够：请补上 } 或 ]' : SYNTAX_HINTS[e.code];
      // The parser's English wording is shown only when we have no Chinese explanation of our own.
      const hint = known ?? `请按 YAML 语法改正（解析器提示：${e.message.split(' at line')[0]}）`;
      const detail = e.code === 'DUPLICATE_KEY' ? '键重复' : 'YAML 语法错误';
      return `${where(src, e.pos[0])}  ${formatKeyPath(path)}：${detail}。${hint}。`;
    });
    throw new InputError(`${what} ${file} 无法解析：\n${msgs.join('\n')}`);
  }
  return src;
}

/**
 * The document as plain data. The yaml library refuses a document whose aliases would expand without bound
 * (a "billion laughs" file) with an English ReferenceError; that is the file's fault, so it is reported as such.
 */
export function toPlain(src: YamlSource, what: string): unknown {
  try {
    return src.doc.toJS();
  } catch (e) {
    if (!(e instanceof ReferenceError)) throw e;
    throw new InputError(
      `${what} ${src.file} 中的 YAML 别名（&锚点 与 *引用）展开次数过多，可能是恶意构造的文件，已拒绝读取。请不要用锚点和别名重复引用内容，把各项直接写出来。`,
    );
  }
}

function where(src: YamlSource, offset: number): string {
  const { line, col } = src.lines.linePos(offset);
  return `${src.file}:${line}:${col}`;
}

/** The key path of the innermost node whose source range holds the offset. */
function pathAtOffset(doc: Document.Parsed, offset: number): PropertyKey[] {
  const path: PropertyKey[] = [];
  const inside = (n: unknown): n is Node => !!n && (n as Node).range !== undefined && (n as Node).range![0] <= offset && offset <= (n as Node).range![2];
  let node: unknown = doc.contents;
  for (;;) {
    if (isMap(node)) {
      const pair = node.items.find((p) => inside(p.key) || inside(p.value));
      if (!pair) break;
      path.push(isScalar(pair.key) ? String(pair.key.value) : '?');
      if (inside(pair.key)) break;
      node = pair.value;
    } else if (isSeq(node)) {
      const i = node.items.findIndex((it) => inside(it));
      if (i < 0) break;
      path.push(i);
      node = node.items[i];
    } else break;
  }
  return path;
}

/** Offset of the node at path, or of the key `key` in the map at path; falls back to the nearest ancestor. */
function offsetOf(src: YamlSource, path: KeyPath, key?: string): number {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? src.doc.contents : src.doc.getIn(path.slice(0, n) as unknown[], true);
    if (!node || !(node as Node).range) continue;
    if (key !== undefined && n === path.length && isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
      if (pair && (pair.key as Node).range) return (pair.key as Node).range![0];
    }
    return (node as Node).range![0];
  }
  return 0;
}

const TYPE_ZH: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  boolean: '布尔值（true 或 false）',
  object: '键值映射（缩进的“键: 值”）',
  array: '列表（每项以“- ”开头）',
  date: '日期',
  null: '空值',
  undefined: '空',
};

function describe(input: unknown): string {
  if (input === null || input === undefined) return '空（未填写）';
  if (Array.isArray(input)) return '列表';
  if (typeof input === 'object') return '键值映射';
  if (typeof input === 'string') return `文本“${input}”`;
  return `${TYPE_ZH[typeof input] ?? typeof input} ${String(input)}`;
}

/** Chinese message plus the fix, for zod issues that carry no schema-specific message. */
export const zhErrorMap: z.core.$ZodErrorMap = (iss) => {
  switch (iss.code) {
    case 'invalid_type':
      if (iss.input === undefined) return '缺少必填项。请补上此项';
      return `类型不对：应为${TYPE_ZH[iss.expected] ?? iss.expected}，实际是${describe(iss.input)}。请改成正确的类型`;
    case 'too_small':
      if (iss.origin === 'string') return '不能为空。请填写内容';
      if (iss.origin === 'array') return `至少需要 ${String(iss.minimum)} 项。请补充`;
      return `不能小于 ${String(iss.minimum)}${iss.inclusive ? '' : '（且不能等于）'}。请改为更大的值`;
    case 'too_big':
      if (iss.origin === 'array') return `最多 ${String(iss.maximum)} 项。请删减`;
      return `不能大于 ${String(iss.maximum)}。请改为更小的值`;
    case 'invalid_value':
      if (iss.input === undefined || iss.input === null) return `未填写。请填写其中之一：${iss.values.map(String).join('、')}`;
      return `取值${describe(iss.input)}无效。可选值：${iss.values.map(String).join('、')}`;
    case 'invalid_format':
      if (iss.format === 'email') return `${describe(iss.input)}不是有效的邮箱地址。应形如 zhangsan@example.org`;
      if (iss.format === 'url') return `${describe(iss.input)}不是有效的网址。应是以 http:// 或 https:// 开头的完整网址`;
      return `格式不对（${iss.format}）。请按要求的格式填写`;
    case 'not_multiple_of':
      return `应为 ${String(iss.divisor)} 的整数倍`;
    case 'unrecognized_keys':
      return `未知的键：${iss.keys.join('、')}。请删除或检查拼写`;
    case 'invalid_union': {
      const d = iss as typeof iss & { discriminator?: string; options?: unknown[] };
      if (d.discriminator && d.options) {
        const got = (iss.input as Record<string, unknown> | undefined)?.[d.discriminator];
        return `取值${describe(got)}无效。可选值：${d.options.map(String).join('、')}`;
      }
      return `取值${describe(iss.input)}不符合任何一种允许的写法。请对照示例改正`;
    }
    default:
      return undefined;
  }
};

/** A strict object whose unknown-key error lists the keys allowed at that place. */
export function strictObject<S extends z.core.$ZodLooseShape>(shape: S) {
  const allowed = Object.keys(shape).join('、');
  return z.strictObject(shape, {
    error: (iss) => (iss.code === 'unrecognized_keys' ? `未知的键：${iss.keys.join('、')}。请删除或检查拼写；此处允许的键：${allowed}` : undefined),
  });
}

/** One line per zod issue: `file:line:col  key.path：what is wrong。what to do`. */
export interface LocatedIssue {
  code: string;
  path: KeyPath;
  message: string;
  keys?: string[];
}

export function formatIssues(src: YamlSource, issues: ReadonlyArray<LocatedIssue>): string[] {
  const out: Array<{ at: number; line: string }> = [];
  const add = (at: number, path: KeyPath, message: string) => out.push({ at, line: `${where(src, at)}  ${formatKeyPath(path)}：${message}` });
  for (const iss of issues) {
    if (iss.code === 'unrecognized_keys' && iss.keys) {
      for (const key of iss.keys) add(offsetOf(src, iss.path, key), [...iss.path, key], iss.message);
    } else {
      add(offsetOf(src, iss.path), iss.path, iss.message);
    }
  }
  // In file order, so the list reads top to bottom like the file.
  return out.sort((a, b) => a.at - b.at).map((o) => o.line);
}

/** Parses and validates one YAML file; every failure is an InputError naming file:line:col and key path. */
export function loadYamlWith<S extends z.ZodType>(file: string, text: string, schema: S, what: string): { src: YamlSource; data: z.output<S> } {
  const src = parseYaml(file, text, what);
  const r = schema.safeParse(toPlain(src, what), { error: zhErrorMap, reportInput: true });
  if (!r.success) {
    const lines = formatIssues(src, r.error.issues);
    throw new InputError(`${what} ${file} 有 ${lines.length} 处错误：\n${lines.join('\n')}`);
  }
  return { src, data: r.data };
}
