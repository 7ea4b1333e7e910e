import { z } from 'zod';
import type { Child } from 'hono/jsx';
import type { Ctx } from '../env.ts';
import { Badge, GradeBadge, Layout, StandingScore } from '../layout.tsx';
import { render } from '../render.ts';
import { summarize } from '../summary.ts';
import { errorPage } from './errors.tsx';
import { ConfirmAllForm, ConfirmAllNotice } from './bulk-confirm.tsx';
import { asOfDay } from '../columns.ts';
import { OFFICIAL_STYLESHEET } from '../static.ts';
import { formatScore, isReportFormat, rankByKind, REPORT_FORMATS, reportFileName, reportUnits, UnfinishedSheetsError, type NoticeOptions } from '../../assess/index.ts';
import { InputError } from '../../shared/errors.ts';
import { isIsoDay, shanghaiDay } from '../../shared/time.ts';
import { SHEET_STATE } from '../../shared/vocabulary.ts';
import { withYear, YearField } from '../year.tsx';
import { unitsOfYear } from '../../store/index.ts';

export async function getResults(c: Ctx) {
  const { db, rules, year, tongbao } = c.get('deps');
  const rows = summarize(db, rules, year);
  const tables = rankByKind(rows, (r) => ({ kind: r.unit.kind, sheet: r.sheet }));
  const open = rows.filter((r) => !r.sheet.finalized);
  return render(
    c,
    <Layout title={`${year} 年度考核结果`} session={c.get('session')} active="results">
      <ConfirmAllNotice c={c} />
      <div class="downloads">
        {(['xlsx', 'csv', 'json'] as const).map((id) => (
          <a class="button" href={withYear(c, `/results/download/${id}`)} id={`dl-${id}`}>{`下载 ${REPORT_FORMATS[id].label}`}</a>
        ))}
      </div>
      <div class="card no-print" id="tongbao">
        <h3>年度考核结果通报</h3>
        {open.length ? (
          <div class="lock" id="unfinished">
            {`尚有 ${open.length} 个单位的评分表未定稿，通报不能印发，只能预览草稿：`}
            {open.map((r, i) => <>{i ? '、' : ''}<a href={withYear(c, `/units/${encodeURIComponent(r.unit.id)}/score`)}>{r.unit.name}</a></>)}
          </div>
        ) : (
          <p class="small muted">全部单位的评分表已定稿，可以印发通报。</p>
        )}
        <form method="get" action="/results/download/html" class="inline">
          <label for="tb-number">{`文号序号（${tongbao.docNo}）`}</label>
          <YearField />
          <input type="number" id="tb-number" name="number" min="1" max="99999" step="1" />
          <label for="tb-date">成文日期</label>
          <input type="date" id="tb-date" name="date" value={tongbao.signDate ?? shanghaiDay()} />
          <button type="submit" class="primary" id="print-tongbao" formaction="/results/download/html" formtarget="_blank">打印通报</button>
          <button type="submit" id="dl-docx" formaction="/results/download/docx">下载通报（Word）</button>
          <button type="submit" id="preview-tongbao" name="draft" value="1" formaction="/results/download/html" formtarget="_blank">预览（草稿）</button>
          <button type="submit" id="preview-docx" name="draft" value="1" formaction="/results/download/docx">Word 草稿</button>
        </form>
      </div>
      {open.length ? (
        <ConfirmAllForm c={c} action="/results/confirm-all" label="按建议分确认全部单位尚未评分的自动评分项（已定稿的评分表和已评分的条目不动）：" />
      ) : null}
      {open.length ? <div class="lock">{`尚有 ${open.length} 个单位的评分表未定稿；名次与等次以定稿为准，未评定完的单位没有名次，只列出已评分数和仍可能的等次。`}</div> : null}
      <p class="muted small">按第八条、第十四条，镇街与区直部门分别排名：先按等次，同一等次内按总分从高到低；认定弄虚作假的单位记为不合格，列于不合格单位之后。</p>
      {tables.map((t) => (
        <>
          <h2>{t.kind}</h2>
          <div class="table-wrap">
            <table class="ranking" id={`results-${t.kind}`}>
              <thead>
                <tr>
                  <th class="num">名次</th><th>单位</th>
                  {rules.rubric.categories.map((k) => <th class="num">{`${k.name}（${k.points}）`}</th>)}
                  <th class="num">总分</th><th>等次</th><th>状态</th>
                </tr>
              </thead>
              <tbody>
                {t.rows.map(({ unit: r, kindRank }) => (
                  <tr id={`result-${r.unit.id}`}>
                    <td class="num rank">{kindRank ?? '—'}</td>
                    <td><a href={withYear(c, `/units/${encodeURIComponent(r.unit.id)}/score`)}>{r.unit.name}</a></td>
                    {r.byCategory.map((b) => <td class="num">{formatScore(rules, b.confirmed)}</td>)}
                    <td class="num score-total"><strong><StandingScore standing={r.standing} /></strong></td>
                    <td class="grade"><GradeBadge standing={r.standing} /></td>
                    <td>{r.sheet.finalized ? <Badge tone="ok">{SHEET_STATE.finalized}</Badge> : <Badge tone="warn">{SHEET_STATE.open}</Badge>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ))}
    </Layout>,
  );
}

const NoticeQuery = z.object({
  number: z
    .string()
    .trim()
    .regex(/^([1-9]\d{0,4})?$/, '文号序号应为 1 到 99999 之间的整数，例如 3。')
    .optional()
    .transform((s) => (s ? Number(s) : undefined)),
  date: z
    .string()
    .trim()
    .refine((s) => s === '' || isIsoDay(s), '成文日期应写成 YYYY-MM-DD，例如 2026-12-31。')
    .optional()
    .transform((s) => s || undefined),
  draft: z.literal('1', '“草稿”参数只能是 1。').optional(),
});

/** A Chinese page about why the 通报 was not produced (the dashboard's counterpart of the CLI's exit 2). */
function noticeRefused(c: Ctx, body: Child, status: 400 | 409) {
  return render(
    c,
    <Layout title="通报未能生成" session={c.get('session')} active="results" crumbs={<><a href={withYear(c, '/results')}>结果</a> / 通报</>}>
      {body}
      <p><a href={withYear(c, '/results')}>返回结果页</a></p>
    </Layout>,
    status,
  );
}

/** The downloads are the assess stage's report formats (the same files `zwgk report` writes). */
export async function getResultsDownload(c: Ctx) {
  const format = c.req.param('format') ?? '';
  if (!isReportFormat(format)) return errorPage(c, 404);
  const f = REPORT_FORMATS[format];
  const { db, rules, year, period, countWorkdays, tongbao } = c.get('deps');
  const q = NoticeQuery.safeParse(f.document === '通报' ? c.req.query() : {});
  if (!q.success) return noticeRefused(c, <div class="error">{q.error.issues.map((i) => i.message).join(' ')}</div>, 400);
  const notice: NoticeOptions = {
    settings: tongbao,
    number: q.data.number,
    signDate: q.data.date ?? tongbao.signDate ?? shanghaiDay(),
    draft: q.data.draft === '1',
    stylesheetHref: OFFICIAL_STYLESHEET,
  };
  const asOf = asOfDay(period);
  const chunks: Array<string | Uint8Array> = [];
  try {
    await f.write(rules, reportUnits(db, { rules, year, period, asOf, countWorkdays, unitIds: unitsOfYear(db, year).map((u) => u.id) }), { asOf, year, period, notice }, (chunk) => void chunks.push(chunk));
  } catch (e) {
    if (e instanceof UnfinishedSheetsError) {
      // Built from the validated fields only: nothing else of the request is echoed.
      const draft = new URLSearchParams({ ...(notice.number ? { number: String(notice.number) } : {}), date: notice.signDate, draft: '1' });
      return noticeRefused(
        c,
        <>
          <div class="error">{`以下 ${e.units.length} 个单位的评分表尚未定稿，通报不能印发：`}</div>
          <ul id="unfinished">
            {e.units.map((u) => <li><a href={withYear(c, `/units/${encodeURIComponent(u.id)}/score`)}>{u.name}</a></li>)}
          </ul>
          <p>{'请逐一核对这些单位的评分表并定稿。只需查看版式时，可以'}<a href={withYear(c, `/results/download/${format}?${draft}`)}>生成标注“草稿”的预览</a>。</p>
        </>,
        409,
      );
    }
    if (e instanceof InputError) return noticeRefused(c, <div class="error">{e.message}</div>, 400);
    throw e;
  }
  // Text stays text; a binary format (xlsx, docx) is one block of bytes.
  const body = chunks.every((x) => typeof x === 'string')
    ? chunks.join('')
    : (new Uint8Array(Buffer.concat(chunks.map((x) => (typeof x === 'string' ? Buffer.from(x) : x)))) as Uint8Array<ArrayBuffer>);
  const headers: Record<string, string> = { 'Content-Type': f.contentType, 'X-Content-Type-Options': 'nosniff' };
  // The printable 通报 opens in a tab under the dashboard's own CSP (its stylesheet is /static/official.css).
  if (f.ext !== 'html') {
    headers['Content-Disposition'] = `attachment; filename="zwgk-${year}.${f.ext}"; filename*=UTF-8''${encodeURIComponent(reportFileName(format, year, notice.draft))}`;
  }
  return c.body(body, 200, headers);
}
