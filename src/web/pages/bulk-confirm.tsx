import { z } from 'zod';
import type { Ctx } from '../env.ts';
import { Csrf } from '../layout.tsx';
import { activeUnits, unitExists } from '../../store/index.ts';
import { errorPage } from './errors.tsx';
import { confirmSuggested } from '../../assess/index.ts';
import { actionRefused } from './refused.tsx';

/**
 * 一键确认建议分: one unit's sheet (from its 评分表) or every unit's (from 结果), with one reason. What was skipped
 * (定稿 sheets, items already decided) is said in the notice after.
 */

const ReasonForm = z.object({
  reason: z.string({ error: '请填写确认理由。' }).trim().min(1, '请填写确认理由。').max(500, '确认理由不能超过 500 字。'),
});

/** The form; `action` is the route it posts to. */
export const ConfirmAllForm = ({ c, action, label }: { c: Ctx; action: string; label: string }) => (
  <form method="post" action={action} class="inline card no-print" id="confirm-all">
    <Csrf session={c.get('session')} />
    <strong>{label}</strong>
    <input type="text" name="reason" required maxlength={500} placeholder="确认理由（必填，逐项记入审计日志）" aria-label="一键确认理由" />
    <button type="submit">一键确认</button>
  </form>
);

/** The notice after a bulk confirmation, from the counts the redirect carries (digits only: nothing else is echoed). */
export const ConfirmAllNotice = ({ c }: { c: Ctx }) => {
  const m = /^(\d+)-(\d+)-(\d+)$/.exec(c.req.query('confirmed') ?? '');
  if (!m) return null;
  return (
    <div class="notice" id="confirm-all-done">
      {`已确认 ${m[1]} 项建议分；跳过已有评分的 ${m[2]} 项、已定稿的评分表 ${m[3]} 张。`}
    </div>
  );
};

async function confirmAll(c: Ctx, unitIds: string[], back: string) {
  const { db, rules, year } = c.get('deps');
  const f = ReasonForm.safeParse(await c.req.parseBody());
  if (!f.success) return actionRefused(c, '一键确认建议分', f.error.issues[0].message, back);
  const out = confirmSuggested(db, unitIds, year, rules, f.data.reason, c.get('session')!.user.id);
  return c.redirect(`${back}?confirmed=${out.confirmed}-${out.decided}-${out.finalized}`, 303);
}

export const postConfirmUnit = (c: Ctx) => {
  const unitId = c.req.param('unitId')!;
  if (!unitExists(c.get('deps').db, unitId)) return errorPage(c, 404);
  return confirmAll(c, [unitId], `/units/${encodeURIComponent(unitId)}/score`);
};

export const postConfirmAll = (c: Ctx) =>
  confirmAll(
    c,
    activeUnits(c.get('deps').db).map((u) => u.id),
    '/results',
  );
