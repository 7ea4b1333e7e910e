import { describe, expect, it } from 'vitest';
import { Assignments, calls, JsExpr, parseValue } from '../../../src/extract/pagers/js.ts';

describe('the pager script reader', () => {
  it('parses nested objects, quoted keys, and commas, colons and braces inside strings', () => {
    expect(parseValue(`{"a": 1, b:'x,y:}', c:{d:{e:"2"}}, f:[1,2], g:fn(1, 2)}`)).toEqual({
      a: 1,
      b: 'x,y:}',
      c: { d: { e: '2' } },
      f: new JsExpr('[1,2]'),
      g: new JsExpr('fn(1, 2)'),
    });
  });

  it('finds calls, not definitions, and keeps computed arguments as expressions', () => {
    const s = 'function createPageHTML(a, b){} createPageHTML(n * 2, 0, `index`, "html"); x.createPageHTML(1, 0, `p${i}`, "htm");';
    expect(calls(s, 'createPageHTML').map((c) => c.args)).toEqual([
      [new JsExpr('n * 2'), 0, 'index', 'html'],
      [1, 0, new JsExpr('`p${i}`'), 'htm'],
    ]);
  });

  it('resolves an identifier to the literal last assigned before the call, past a trailing comment', () => {
    const s = "var countPage = 20//共多少页\nvar name = 'index'; countPage = 30; use(countPage, name); countPage = 40;";
    const vars = new Assignments(s);
    const [call] = calls(s, 'use');
    expect(call.args.map((a) => vars.resolve(a, call.at))).toEqual([30, 'index']);
  });

  it('survives unbalanced and hostile text', () => {
    expect(calls('createPageHTML(1, 0, "index", "html"', 'createPageHTML')).toEqual([]);
    expect(parseValue('{a: "unterminated}')).toEqual(new JsExpr('{a: "unterminated}'));
    expect(new Assignments('x = {a: {b: 1}').entries()).toEqual([]);
  });
});
