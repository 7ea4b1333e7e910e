import type { ReportUnit } from './model.ts';
import { rankByKind, type KindRanking } from './ranking.ts';
import { FALSIFIED, standing, standingText } from '../sheet.ts';
import { GRADES, type Rules } from '../../config/index.ts';
import { FINDING_KINDS } from '../../shared/vocabulary.ts';

/**
 * The printable 通报 (第十二条): ranking, grades and the main problems of each unit, in Chinese, with
 * print CSS. Page-derived text (titles, column names) is escaped.
 */

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function problems(u: ReportUnit): string[] {
  const j = u.json;
  const out: string[] = [];
  const staleCols = j.columns.filter((c) => c.staleEpisodes.length);
  if (staleCols.length) {
    const n = staleCols.reduce((s, c) => s + c.staleEpisodes.length, 0);
    out.push(`${staleCols.length} 个栏目超期未更新 ${n} 次（${staleCols.map((c) => `${c.name} ${c.staleEpisodes.length} 次`).join('、')}）`);
  }
  const blank = j.columns.filter((c) => c.status === 'blank');
  if (blank.length) out.push(`${blank.length} 个空白栏目（${blank.map((c) => c.name).join('、')}）`);
  const count = (k: string) => j.findings.filter((f) => f.kind === k).length;
  if (count('late-disclosure')) out.push(`${count('late-disclosure')} 条信息超过法定期限公开`);
  if (count('unreachable-column')) out.push(`${count('unreachable-column')} 次栏目连续多日无法访问`);
  const blocked = new Set(j.findings.filter((f) => f.kind === 'blocked').map((f) => f.column));
  if (blocked.size) out.push(`${blocked.size} 个栏目${FINDING_KINDS.blocked.title}（${[...blocked].join('、')}）`);
  if (count('dead-link')) out.push(`${count('dead-link')} 条信息链接失效`);
  if (count('back-dated')) out.push(`${count('back-dated')} 条信息疑似倒签发布日期`);
  if (count('re-dated')) out.push(`${count('re-dated')} 条信息发布日期被改动`);
  if (u.sheet.verdict === '弄虚作假') out.push('经认定存在弄虚作假（第十四条），等次记为不合格');
  return out;
}

/** One kind's ranked table, in the ranking's order and places; an unfinished sheet shows its standing, not a grade. */
function rankedTable(rules: Rules, t: KindRanking<ReportUnit>): string {
  const rows = t.rows.map(({ unit, kindRank, falsified }) => {
    const s = standing(rules, unit.sheet);
    const grade = s.grade ? `${s.grade}${falsified ? `（${FALSIFIED}）` : ''}` : `待定（可能为 ${s.possible}）`;
    return `<tr><td>${kindRank ?? '—'}</td><td>${esc(unit.json.name)}</td><td class="num">${esc(standingText(s))}</td><td>${esc(grade)}</td></tr>`;
  });
  return `<h3>${esc(t.kind)}</h3>
<table class="ranking">
<thead><tr><th>名次</th><th>单位</th><th>得分</th><th>等次</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
}

export function htmlReport(rules: Rules, units: Iterable<ReportUnit>, meta: { asOf: string; year: number; period: { from: string; to: string } }): string {
  const tables = rankByKind([...units], (u) => ({ kind: u.json.kind, sheet: u.sheet }));
  const ordered = tables.flatMap((t) => t.rows.map((r) => r.unit));
  const pending = ordered.filter((u) => u.sheet.total === null).length;
  const byGrade = GRADES.map((g) => `${g} ${ordered.filter((u) => u.sheet.grade === g).length} 个`).join('，');
  const ranking = tables.map((t) => rankedTable(rules, t)).join('\n');
  const rows = ordered.map((u) => ({ name: u.json.name, problems: problems(u) }));
  const detail = rows
    .map(
      (r) =>
        `<section class="unit"><h3>${esc(r.name)}</h3>${
          r.problems.length ? `<ol>${r.problems.map((p) => `<li>${esc(p)}</li>`).join('')}</ol>` : '<p>未发现问题。</p>'
        }</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${meta.year} 年度政务公开绩效考核结果通报</title>
<style>
  body { font-family: "Noto Serif CJK SC", "Songti SC", SimSun, serif; max-width: 820px; margin: 2em auto; line-height: 1.8; color: #000; }
  h1 { text-align: center; font-size: 22pt; letter-spacing: .1em; }
  h2 { font-size: 15pt; margin-top: 1.5em; }
  h3 { font-size: 13pt; margin: 1em 0 .2em; }
  table { border-collapse: collapse; width: 100%; }
  th, td { border: 1px solid #000; padding: 4px 8px; }
  th { background: #eee; }
  td.num { text-align: right; }
  .note { font-size: 10pt; }
  .unit { break-inside: avoid; }
  @page { size: A4; margin: 2.5cm 2cm; }
  @media print { body { margin: 0; max-width: none; } th { background: none; } thead { display: table-header-group; } tr { break-inside: avoid; } }
</style>
</head>
<body>
<h1>${meta.year} 年度政务公开绩效考核结果通报</h1>
<p>根据《珠山区政务公开绩效考核办法（试行）》，区政务公开工作领导小组办公室对 ${rows.length} 个单位 ${meta.period.from} 至 ${meta.period.to} 的政务公开工作进行了考核（数据截至 ${meta.asOf}）。考核结果：${byGrade}。现将有关情况通报如下。</p>
<h2>一、考核得分与等次</h2>
<p>${tables.map((t) => t.kind).join('、')}分别排名：先按等次，同一等次内按得分从高到低；认定弄虚作假的单位直接记为不合格（第十四条），列于不合格单位之后。</p>
${ranking}
${pending ? `<p class="note">名次为“—”的 ${pending} 个单位尚有条目未评定：得分为已评定与系统建议的分数，等次为其余分数录入后仍可能的范围。</p>` : ''}
<h2>二、各单位存在的主要问题</h2>
${detail}
<h2>三、有关要求</h2>
<p>请存在问题的单位对照问题清单，于收到通报后限期完成整改，并将整改情况报区政务公开工作领导小组办公室。</p>
</body>
</html>
`;
}
