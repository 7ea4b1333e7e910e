import { jsx } from 'hono/jsx';
import type { Ctx } from './env.ts';
import { YearContext } from './year.tsx';

/** Sends a JSX tree as a complete HTML document; its components see the request's year through YearContext. */
export async function render(c: Ctx, node: unknown, status = 200): Promise<Response> {
  const tree = jsx(YearContext.Provider, { value: c.get('yearView') }, node as never);
  const html = await (tree as { toString(): string | Promise<string> }).toString();
  return c.html('<!DOCTYPE html>' + html, status as 200);
}
