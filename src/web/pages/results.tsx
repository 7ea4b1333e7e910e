import type { Ctx } from '../env.ts';
import { Badge, GradeBadge, Layout, StandingScore } from '../layout.tsx';
import { render } from '../render.ts';
import { summarize } from '../summary.ts';
import { errorPage } from './errors.tsx';
import { asOfDay } from '../columns.ts';
import { formatScore, isReportFormat, rankByKind, REPORT_FORMATS, reportFileName, reportUnits } from '../../assess/index.ts';

export async function getResults(c: Ctx) {
  const { db, rules, year } = c.get('deps');
  const rows = summarize(db, rules, year);
  const done = rows.filter((r) => r.sheet.finalized).length;
  const tables = rankByKind(rows, (r) => ({ kind: r.unit.kind, sheet: r.sheet }));
  return render(
    c,
    <Layout title={`${year} 年度考核结果`} session={c.get('session')} active="results">
      <div class="downloads">
        {(['xlsx', 'csv', 'json'] as const).map((id) => (
          <a class="button" href={`/results/download/${id}`} id={`dl-${id}`}>{`下载 ${REPORT_FORMATS[id].label}`}</a>
        ))}
        <a class="button primary" href="/results/download/html" target="_blank" rel="noopener">{`打印${REPORT_FORMATS.html.label}`}</a>
      </div>
      {done < rows.length ? <div class="lock">{`尚有 ${rows.length - done} 个单位的评分表未定稿；名次与等次以定稿为准，未评定完的单位没有名次，只列出已评分数和仍可能的等次。`}</div> : null}
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
                    <td><a href={`/units/${encodeURIComponent(r.unit.id)}/score`}>{r.unit.name}</a></td>
                    {r.byCategory.map((b) => <td class="num">{formatScore(rules, b.confirmed)}</td>)}
                    <td class="num score-total"><strong><StandingScore standing={r.standing} /></strong></td>
                    <td class="grade"><GradeBadge standing={r.standing} /></td>
                    <td>{r.sheet.finalized ? <Badge tone="ok">已定稿</Badge> : <Badge tone="warn">未定稿</Badge>}</td>
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
