// The dashboard year on the page: `?year=2025` (chosen in year-select.tsx) narrows the request's deps to that year, so
// pages read their year as before; links and forms carry it on with withYear, components with useWithYear and YearLink.
import { createContext, useContext, type FC, type PropsWithChildren } from 'hono/jsx';
import type { Ctx, YearView } from './env.ts';

export const YearContext = createContext<YearView | undefined>(undefined);

/** The year links and forms carry: none for the default year (a bookmark then follows the newest year). */
const carried = (view: YearView | undefined): number | undefined => (view && view.year !== view.defaultYear ? view.year : undefined);

/** `href` within the same year. */
export function hrefInYear(view: YearView | undefined, href: string): string {
  const year = carried(view);
  if (year === undefined) return href;
  const hash = href.indexOf('#');
  const [path, frag] = hash < 0 ? [href, ''] : [href.slice(0, hash), href.slice(hash)];
  return `${path}${path.includes('?') ? '&' : '?'}year=${year}${frag}`;
}

export const yearOf = (c: Ctx): number => c.get('deps').year;
export const withYear = (c: Ctx, href: string): string => hrefInYear(c.get('yearView'), href);
/** withYear for components, which see the request only through the render context. */
export const useWithYear = (): ((href: string) => string) => {
  const view = useContext(YearContext);
  return (href) => hrefInYear(view, href);
};

/** A GET form's field that keeps the year (a GET form's action loses its query). */
export const YearField = () => {
  const year = carried(useContext(YearContext));
  return year === undefined ? null : <input type="hidden" name="year" value={String(year)} />;
};

/** A link within the year, for components. */
export const YearLink: FC<PropsWithChildren<{ href: string; class?: string; id?: string }>> = ({ href, children, ...rest }) => (
  <a href={useWithYear()(href)} {...rest}>
    {children}
  </a>
);

/** The year selector of the page header: a plain GET form (app.js submits it on change). */
export const YearSwitcher = () => {
  const view = useContext(YearContext);
  if (!view) return null;
  return (
    <form method="get" action={view.path} class="year-switch no-print" id="year-switch">
      <label for="year-select">考核年度</label>
      <select name="year" id="year-select">
        {view.offered.map(({ year }) => (
          <option value={String(year)} selected={year === view.year}>{`${year} 年度`}</option>
        ))}
      </select>
      <button type="submit" id="year-go">切换</button>
    </form>
  );
};
