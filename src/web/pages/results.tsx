import type { Ctx } from '../env.ts';
import { Badge, fmtScore, GRADE_TONE, Layout } from '../layout.tsx';
import { render } from '../render.ts';
import { summarize } from '../summary.ts';
import { errorPage } from './errors.tsx';
import { asOfDay } from '../columns.ts';
import { htmlReport, reportUnits, writeCsvView, writeJsonReport, xlsxReport } from '../../assess/index.ts';

export async function getResults(c: Ctx) {
  const { db, rules, year } = c.get('deps');
  const rows = summarize(db, rules, year);
  const done = rows.filter((r) => r.sheet.finalized).length;
  return render(
    c,
    <Layout title={`${year} 年度考核结果`} session={c.get('session')} active="results">
      <div class="downloads">
        <a class="button" href="/results/download/xlsx" id="dl-xlsx">下载 Excel（xlsx）</a>
        <a class="button" href="/results/download/csv" id="dl-csv">下载 CSV</a>
        <a class="button" href="/results/download/json">下载 JSON</a>
        <a class="button primary" href="/results/download/html" target="_blank" rel="noopener">打印通报</a>
      </div>
      {done < rows.length ? <div class="lock">{`尚有 ${rows.length - done} 个单位的评分表未定稿，结果以“—”显示。`}</div> : null}
      <div class="table-wrap">
        <table class="sortable" id="results-table">
          <thead>
            <tr>
              <th data-sort class="num">排名</th><th data-sort>单位</th><th data-sort>类型</th>
              {rules.rubric.categories.map((k) => <th data-sort class="num">{`${k.name}（${k.points}）`}</th>)}
              <th data-sort class="num">总分</th><th data-sort>等次</th><th data-sort>状态</th>
            </tr>
          </thead>
          <tbody>
            {[...rows]
              .sort((a, b) => (b.sheet.finalized ? b.sheet.total ?? -1 : -1) - (a.sheet.finalized ? a.sheet.total ?? -1 : -1))
              .map((r, i) => (
                <tr>
                  <td class="num">{r.sheet.finalized ? i + 1 : '—'}</td>
                  <td><a href={`/units/${encodeURIComponent(r.unit.id)}/score`}>{r.unit.name}</a></td>
                  <td>{r.unit.kind}</td>
                  {r.byCategory.map((b) => <td class="num">{r.sheet.finalized ? fmtScore(b.confirmed) : '—'}</td>)}
                  <td class="num"><strong>{r.sheet.finalized ? fmtScore(r.sheet.total) : '—'}</strong></td>
                  <td>{r.sheet.finalized && r.sheet.grade ? <Badge tone={GRADE_TONE[r.sheet.grade]}>{r.sheet.grade}</Badge> : '—'}</td>
                  <td>{r.sheet.finalized ? <Badge tone="ok">已定稿</Badge> : <Badge tone="warn">未定稿</Badge>}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </div>
    </Layout>,
  );
}

const FORMATS = {
  xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx' },
  csv: { type: 'text/csv; charset=utf-8', ext: 'csv' },
  json: { type: 'application/json; charset=utf-8', ext: 'json' },
  html: { type: 'text/html; charset=utf-8', ext: 'html' },
} as const;

/** The downloads are the assess stage's exporters (the same files `zwgk report` writes). */
export async function getResultsDownload(c: Ctx) {
  const format = c.req.param('format') ?? '';
  if (!Object.hasOwn(FORMATS, format)) return errorPage(c, 404);
  const f = FORMATS[format as keyof typeof FORMATS];
  const { db, rules, year, period, countWorkdays } = c.get('deps');
  const asOf = asOfDay(period);
  const units = () => reportUnits(db, { rules, year, period, asOf, countWorkdays });
  const chunks: string[] = [];
  let body: Uint8Array<ArrayBuffer> | string | undefined;
  if (format === 'xlsx') body = new Uint8Array(await xlsxReport(rules, units(), { asOf, year })) as Uint8Array<ArrayBuffer>;
  else if (format === 'csv') writeCsvView(rules, units(), '汇总', (s) => void chunks.push(s));
  else if (format === 'json') writeJsonReport(units(), { asOf, year }, (s) => void chunks.push(s));
  else body = htmlReport(units(), { asOf, year, period });
  body ??= chunks.join('');
  const name = `${year}年度政务公开绩效考核${format === 'html' ? '通报' : '结果'}.${f.ext}`;
  const headers: Record<string, string> = { 'Content-Type': f.type, 'X-Content-Type-Options': 'nosniff' };
  if (format === 'html') {
    // Printable 通报 opens in a tab: its own styles may be inline, but nothing in it may run.
    headers['Content-Security-Policy'] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
  } else {
    headers['Content-Disposition'] = `attachment; filename="zwgk-${year}.${f.ext}"; filename*=UTF-8''${encodeURIComponent(name)}`;
  }
  return c.body(body, 200, headers);
}
