import type { Ctx } from './env.ts';

/** Sends a JSX tree as a complete HTML document. */
export async function render(c: Ctx, node: unknown, status = 200): Promise<Response> {
  const html = await (node as { toString(): string | Promise<string> }).toString();
  return c.html('<!DOCTYPE html>' + html, status as 200);
}
