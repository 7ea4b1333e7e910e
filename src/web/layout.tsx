import type { Child, FC, PropsWithChildren } from 'hono/jsx';
import type { ActiveSession } from '../store/index.ts';
import { ROLES } from '../shared/vocabulary.ts';
import { FALSIFIED, type Standing } from '../assess/index.ts';
import { YearLink, YearSwitcher } from './year.tsx';

/** JSON for a <script type="application/json"> block: nothing in it can close the element or open markup. */
export function jsonBlock(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export const ChartData: FC<{ data: unknown }> = ({ data }) => (
  <script type="application/json" id="chart-data" dangerouslySetInnerHTML={{ __html: jsonBlock(data) }} />
);

interface NavItem {
  href: string;
  label: string;
  key: string;
}

function navFor(s: ActiveSession | undefined): NavItem[] {
  if (!s) return [];
  if (s.user.role === 'unit') {
    return [
      { href: `/units/${encodeURIComponent(s.user.unitId ?? '')}`, label: '本单位', key: 'unit' },
      { href: `/units/${encodeURIComponent(s.user.unitId ?? '')}/score`, label: '评分', key: 'score' },
      { href: `/units/${encodeURIComponent(s.user.unitId ?? '')}/rectifications`, label: '整改', key: 'rectifications' },
      { href: '/account', label: '修改密码', key: 'account' },
    ];
  }
  const items: NavItem[] = [
    { href: '/overview', label: '总览', key: 'overview' },
    { href: '/results', label: '结果', key: 'results' },
    { href: '/findings', label: '问题', key: 'findings' },
    { href: '/rectifications', label: '整改', key: 'rectifications' },
    { href: '/register', label: '依申请登记', key: 'register' },
    { href: '/alerts', label: '预警', key: 'alerts' },
    { href: '/runs', label: '运行', key: 'runs' },
  ];
  if (s.user.role === 'admin') items.push({ href: '/users', label: '用户', key: 'users' });
  items.push({ href: '/account', label: '修改密码', key: 'account' });
  return items;
}

export interface LayoutProps {
  title: string;
  session: ActiveSession | undefined;
  active?: string;
  charts?: boolean;
  crumbs?: Child;
}

export const Layout: FC<PropsWithChildren<LayoutProps>> = ({ title, session, active, charts, crumbs, children }) => (
  <html lang="zh-CN">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="referrer" content="no-referrer" />
      <title>{`${title} · 政务公开绩效考核`}</title>
      <link rel="stylesheet" href="/static/app.css" />
      {charts ? <script src="/static/echarts.min.js" defer /> : null}
      <script src="/static/app.js" defer />
    </head>
    <body>
      <aside class="nav">
        <div class="brand">
          <span class="seal">公开</span>
          <div>
            <div class="brand-name">政务公开绩效考核</div>
            <div class="brand-sub">巡检 · 证据 · 评分</div>
          </div>
        </div>
        <nav>
          {navFor(session).map((n) => (
            <YearLink href={n.href} class={n.key === active ? 'active' : ''}>
              {n.label}
            </YearLink>
          ))}
        </nav>
        {session ? (
          <form method="post" action="/logout" class="who">
            <input type="hidden" name="_csrf" value={session.csrfToken} />
            <div class="who-name">{session.user.name}</div>
            <div class="who-role">{ROLES[session.user.role]}</div>
            <button type="submit" class="link">退出登录</button>
          </form>
        ) : null}
      </aside>
      <main>
        {session ? <YearSwitcher /> : null}
        {crumbs ? <div class="crumbs">{crumbs}</div> : null}
        <h1>{title}</h1>
        {children}
      </main>
    </body>
  </html>
);

/** A bare page (login, errors) without the navigation. */
export const Bare: FC<PropsWithChildren<{ title: string }>> = ({ title, children }) => (
  <html lang="zh-CN">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{`${title} · 政务公开绩效考核`}</title>
      <link rel="stylesheet" href="/static/app.css" />
    </head>
    <body class="bare">
      <div class="card narrow">
        <div class="brand">
          <span class="seal">公开</span>
          <div>
            <div class="brand-name">政务公开绩效考核</div>
            <div class="brand-sub">巡检 · 证据 · 评分</div>
          </div>
        </div>
        {children}
      </div>
    </body>
  </html>
);

export const Badge: FC<{ tone: 'ok' | 'warn' | 'bad' | 'muted' | 'info'; children?: Child }> = ({ tone, children }) => (
  <span class={`badge ${tone}`}>{children}</span>
);

/** Hidden CSRF field for every state-changing form. */
export const Csrf: FC<{ session: ActiveSession | undefined }> = ({ session }) => (
  <input type="hidden" name="_csrf" value={session?.csrfToken ?? ''} />
);

export const fmtTime = (iso: string | null | undefined): string => {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Date(t + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
};

export const GRADE_TONE: Record<string, 'ok' | 'info' | 'warn' | 'bad'> = { 优秀: 'ok', 良好: 'info', 合格: 'warn', 不合格: 'bad' };

/** A sheet's total; while items are open, the points scored so far (muted) with what is still open under it. */
export const StandingScore: FC<{ standing: Standing }> = ({ standing: s }) =>
  s.open ? (
    <span class="muted standing-open">
      <span class="nw">{s.score}</span> <span class="small nw">{s.open}</span>
    </span>
  ) : (
    <>{s.score}</>
  );

/** A sheet's grade once settled (with the 弄虚作假 mark when so); while items are open, only the grades still possible. */
export const GradeBadge: FC<{ standing: Standing }> = ({ standing: s }) =>
  s.grade ? (
    <>
      <Badge tone={GRADE_TONE[s.grade]}>{s.grade}</Badge>
      {s.falsified ? <> <Badge tone="bad">{FALSIFIED}</Badge></> : null}
    </>
  ) : (
    <span class="muted nw">{`可能 ${s.possible}`}</span>
  );

/** Links to the outside world only for http(s) URLs; anything else (javascript:, data:) is shown as text. */
export const ExtLink: FC<{ href: string; children?: Child }> = ({ href, children }) =>
  /^https?:\/\//i.test(href) ? (
    <a href={href} rel="noopener noreferrer nofollow" target="_blank">
      {children}
    </a>
  ) : (
    <span>{children}</span>
  );
