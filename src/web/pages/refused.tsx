import type { Ctx } from '../env.ts';
import { Layout } from '../layout.tsx';
import { render } from '../render.ts';

/** A refused action's answer: what was wrong, in Chinese, and the way back to the page it came from (a path of ours). */
export const actionRefused = (c: Ctx, title: string, message: string, back: string) =>
  render(
    c,
    <Layout title={title} session={c.get('session')}>
      <div class="error" id="action-error">{message}</div>
      <p><a href={back}>返回</a></p>
    </Layout>,
    400,
  );
