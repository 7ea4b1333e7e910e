import type { Ctx } from '../env.ts';
import { Badge, fmtScore, GRADE_TONE, Layout } from '../layout.tsx';
import { render } from '../render.ts';
import { summarize } from '../summary.ts';
import { errorPage } from './errors.tsx';
import { asOfDay } from '../columns.ts';
import { isReportFormat, REPORT_FORMATS, reportFileName, reportUnits } from '../../assess/index.ts';

export async function getResults(c: Ctx) {
  const { db, rules, year } = c.get('deps');
  const rows = summarize(db, rules, year);
  const done = rows.filter((r) => r.sheet.finalized).length;
  return render(
    c,
    <Layout title={`${year} 年度考核结果`} session={c.get('session')} active="results">
      <div class="downloads">
        {(['xlsx', 'csv', 'json'] as const).map((id) => (
          <a class="button" href={`/results/download/${id}`} id={`dl-${id}`}>{`下载 ${REPORT_FORMATS[id].label}`}</a>
        ))}
        <a class="button primary" href="/results/download/html" target="_blank" rel="noopener">{`打印${REPORT_FORMATS.html.label}`}</a>
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

/** The downloads are the assess stage's report formats (the same files `zwgk report` writes). */
export async function getResultsDownload(c: Ctx) {
  const format = c.req.param('format') ?? '';
  if (!isReportFormat(format)) return errorPage(c, 404);
  const f = REPORT_FORMATS[format];
  const { db, rules, year, period, countWorkdays } = c.get('deps');
  const asOf = asOfDay(period);
  const chunks: Array<string | Uint8Array> = [];
  await f.write(rules, reportUnits(db, { rules, year, period, asOf, countWorkdays }), { asOf, year, period }, (chunk) => void chunks.push(chunk));
  // Text stays text; a binary format (xlsx) is one block of bytes.
  const body = chunks.every((x) => typeof x === 'string')
    ? chunks.join('')
    : (new Uint8Array(Buffer.concat(chunks.map((x) => (typeof x === 'string' ? Buffer.from(x) : x)))) as Uint8Array<ArrayBuffer>);
  const headers: Record<string, string> = { 'Content-Type': f.contentType, 'X-Content-Type-Options': 'nosniff' };
  if (f.document === '通报') {
    // Printable 通报 opens in a tab: its own styles may be inline, but nothing in it may run.
    headers['Content-Security-Policy'] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
  } else {
    headers['Content-Disposition'] = `attachment; filename="zwgk-${year}.${f.ext}"; filename*=UTF-8''${encodeURIComponent(reportFileName(format, year))}`;
  }
  return c.body(body, 200, headers);
}
