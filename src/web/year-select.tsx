// Which year a request is about: `?year=` validated against the years there are plans for.
import { z } from 'zod';
import { planYears, type PlanYear } from '../store/index.ts';
import type { Ctx, WebDeps, YearView } from './env.ts';
import { Layout } from './layout.tsx';
import { render } from './render.ts';
import { hrefInYear } from './year.tsx';

const YearParam = z.string().regex(/^\d{4}$/, '年度参数应为四位数字的年份，如 ?year=2026。').transform(Number);

/** The years on offer, newest first: each plan year with its plan's period, and the served plan's own year and period. */
function offeredYears(deps: WebDeps): PlanYear[] {
  const stored = planYears(deps.db).filter((y) => y.year !== deps.year);
  return [...stored, { year: deps.year, period: deps.period }].sort((a, b) => b.year - a.year);
}

function notice(c: Ctx, view: YearView, text: string, status: 400 | 404) {
  c.set('yearView', view);
  return render(
    c,
    <Layout title="没有这个考核年度" session={c.get('session')}>
      <div class="error" id="year-notice">{text}</div>
      <p>
        {'可查看的年度：'}
        {view.offered.map(({ year }, i) => (
          <>{i ? '、' : ''}<a href={hrefInYear({ ...view, year }, c.req.path)}>{`${year} 年度`}</a></>
        ))}
      </p>
    </Layout>,
    status,
  );
}

/**
 * Picks the request's year from `?year=` and narrows the deps to it; an unknown or malformed year gets a notice
 * (naming the years there are) instead of the page.
 */
export async function selectYear(c: Ctx): Promise<Response | undefined> {
  const deps = c.get('deps');
  const offered = offeredYears(deps);
  const base: YearView = { year: offered[0].year, defaultYear: offered[0].year, offered, path: c.req.path };
  const raw = c.req.query('year');
  if (raw === undefined) return choose(c, base, offered[0]);
  const parsed = YearParam.safeParse(raw);
  if (!parsed.success) return notice(c, base, parsed.error.issues[0].message, 400);
  const hit = offered.find((y) => y.year === parsed.data);
  if (!hit) return notice(c, base, `没有 ${parsed.data} 年度的考核计划：请从下面的年度中选择，或先用该年度的计划运行抓取和评估。`, 404);
  return choose(c, { ...base, year: hit.year }, hit);
}

function choose(c: Ctx, view: YearView, y: PlanYear): undefined {
  c.set('yearView', view);
  c.set('deps', { ...c.get('deps'), year: y.year, period: y.period });
  return undefined;
}

