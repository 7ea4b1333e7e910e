import { GRADES, type Rules, type TongbaoSettings } from '../../config/index.ts';
import { InputError } from '../../shared/errors.ts';
import { addDays } from '../../shared/time.ts';
import { FINDING_KINDS, SHEET_STATE } from '../../shared/vocabulary.ts';
import { formatScore } from '../score-format.ts';
import { FALSIFIED, standing, standingText } from '../sheet.ts';
import type { Period } from '../types.ts';
import type { ReportUnit } from './model.ts';
import { rankByKind, type Ranked } from './ranking.ts';
import { cnDate, issuerMarkSize, type Block, type OfficialDoc } from './official-doc.ts';

/**
 * The year-end 通报 of 第十二条 as an official document: results by unit kind and grade, the 优秀 list, each unit's
 * main problems with counts, the 整改 deadline, and where the results are published. Only finalised sheets are
 * published: unless it is a draft, a 通报 over any unit whose sheet is not 定稿 is refused.
 */

export interface NoticeOptions {
  settings: TongbaoSettings;
  /** The serial number {n} of the 文号. */
  number?: number;
  /** 成文日期, YYYY-MM-DD. */
  signDate: string;
  /** A preview: every page marked 草稿, unfinished sheets allowed. */
  draft: boolean;
  /** Where the dashboard serves official.css; absent, the HTML file carries the stylesheet itself. */
  stylesheetHref?: string;
}

export const DRAFT_MARK = '草稿';

/** Some units' sheets are not 定稿: the 通报 cannot be issued (a preview can). */
export class UnfinishedSheetsError extends InputError {
  constructor(readonly units: Array<{ id: string; name: string }>) {
    super(
      `以下 ${units.length} 个单位的评分表尚未定稿，不能印发通报：${units.map((u) => u.name).join('、')}。` +
        '请在看板上将其评分表逐一定稿；如只需预览版式，请加 --draft 生成标注“草稿”的预览。',
    );
  }
}

/** The main problems of a unit, each with its count, from the report's columns and findings. */
export function unitProblems(u: ReportUnit): string[] {
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
  if (u.sheet.verdict === FALSIFIED) out.push('经认定存在弄虚作假（第十四条），等次记为不合格');
  return out;
}

/** One kind's table in the ranking's order and places; an unfinished sheet shows its standing, not a grade. */
function resultTable(rules: Rules, rows: Ranked<ReportUnit>[]): Block {
  return {
    kind: 'table',
    columns: [
      { title: '名次', align: 'center', width: 9 },
      { title: '单位', align: 'left', width: 43 },
      { title: '得分', align: 'center', width: 12 },
      { title: '等次', align: 'center', width: 12 },
      { title: '备注', align: 'left', width: 24 },
    ],
    rows: rows.map(({ unit: u, kindRank, falsified }) => {
      const st = standing(rules, u.sheet);
      const notes = [falsified ? '弄虚作假，记为不合格（第十四条）' : '', u.sheet.finalized ? '' : SHEET_STATE.open].filter(Boolean);
      return [kindRank === null ? '—' : String(kindRank), u.json.name, u.sheet.total === null ? standingText(st) : formatScore(rules, u.sheet.total), st.grade ?? `待定（可能为 ${st.possible}）`, notes.join('；')];
    }),
  };
}

/** The 文号 from the pattern of the settings; a draft may leave the serial number blank. */
function docNo(o: NoticeOptions): string {
  const pattern = o.settings.docNo;
  if (pattern.includes('{n}') && o.number === undefined && !o.draft) {
    throw new InputError('文号的序号未给出：请在命令行用 --number 指定（例如 --number 3），或在看板“结果”页填写“文号序号”。文号格式见设置 tongbao.docNo。');
  }
  return pattern.replaceAll('{year}', o.signDate.slice(0, 4)).replaceAll('{n}', o.number === undefined ? '\u3000\u3000' : String(o.number));
}

function rectifyBy(o: NoticeOptions): string {
  const d = o.settings.rectifyDeadline;
  const day = typeof d === 'number' ? addDays(o.signDate, d) : d;
  if (day <= o.signDate) throw new InputError(`整改期限 ${day} 不晚于成文日期 ${o.signDate}：请修改设置 tongbao.rectifyDeadline（天数或日期）或成文日期。`);
  return day;
}

const ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export function tongbao(rules: Rules, all: ReportUnit[], meta: { asOf: string; year: number; period: Period }, o: NoticeOptions): OfficialDoc {
  const open = all.filter((u) => !u.sheet.finalized);
  if (open.length && !o.draft) throw new UnfinishedSheetsError(open.map((u) => ({ id: u.json.id, name: u.json.name })));
  const s = o.settings;
  const deadline = rectifyBy(o);
  const groups = rankByKind(all, (u) => ({ kind: u.json.kind, sheet: u.sheet })).map((t) => ({ kind: t.kind, rows: t.rows, units: t.rows.map((r) => r.unit) }));
  const ranked = groups.flatMap((g) => g.units);
  const byGrade = [...GRADES, null].map((g) => [g ?? '待定', ranked.filter((u) => u.sheet.grade === g).length] as const).filter(([g, n]) => n > 0 || g !== '待定');

  const blocks: Block[] = [
    {
      kind: 'para',
      text:
        `根据《${rules.rubric.title}》，${s.issuer}对全区 ${all.length} 个单位（${groups.map((g) => `${g.kind} ${g.units.length} 个`).join('、')}）` +
        `${cnDate(meta.period.from)}至${cnDate(meta.period.to)}的政务公开工作进行了考核（巡检数据截至${cnDate(meta.asOf)}）。现将考核结果通报如下。`,
    },
    { kind: 'heading', level: 1, text: '一、考核结果' },
    { kind: 'para', text: `考核结果为：${byGrade.map(([g, n]) => `${g} ${n} 个`).join('，')}。${groups.length > 1 ? `${groups.map((g) => g.kind).join('与')}分别排名如下。` : ''}` },
    ...groups.flatMap((g, i): Block[] => [{ kind: 'heading', level: 2, text: `（${ORDINALS[i]}）${g.kind}（${g.units.length} 个）` }, resultTable(rules, g.rows)]),
  ];
  const falsified = ranked.filter((u) => u.sheet.verdict === FALSIFIED);
  if (falsified.length) {
    blocks.push({ kind: 'para', text: `${falsified.map((u) => u.json.name).join('、')}在考核中存在弄虚作假，依照《${rules.rubric.title}》第十四条，考核结果直接记为不合格，予以通报批评。` });
  }
  if (s.publicUrl) blocks.push({ kind: 'para', text: '考核结果同时在区政府门户网站公布，网址：', link: s.publicUrl });

  blocks.push({ kind: 'heading', level: 1, text: '二、考核优秀单位' });
  const excellent = groups.map((g) => ({ kind: g.kind, names: g.units.filter((u) => u.sheet.grade === GRADES[0]).map((u) => u.json.name) })).filter((g) => g.names.length);
  blocks.push({
    kind: 'para',
    text: excellent.length
      ? `考核结果为优秀的单位共 ${excellent.reduce((n, g) => n + g.names.length, 0)} 个：${excellent.map((g) => `${g.kind}：${g.names.join('、')}`).join('；')}。`
      : '本年度没有考核结果为优秀的单位。',
  });

  blocks.push({ kind: 'heading', level: 1, text: '三、存在的主要问题' });
  const withProblems = ranked.map((u) => ({ u, problems: unitProblems(u) })).filter((x) => x.problems.length);
  if (withProblems.length) {
    blocks.push({ kind: 'para', text: '巡检发现的主要问题如下（问题清单及证据已反馈各单位）：' });
    withProblems.forEach(({ u, problems }, i) =>
      blocks.push({ kind: 'para', text: `${i + 1}. ${u.json.name}：${problems.map((p, k) => `（${k + 1}）${p}`).join('；')}。` }),
    );
    if (withProblems.length < all.length) blocks.push({ kind: 'para', text: '其余单位在巡检中未发现上述问题。' });
  } else {
    blocks.push({ kind: 'para', text: '各单位在巡检中均未发现问题。' });
  }

  blocks.push({ kind: 'heading', level: 1, text: '四、整改要求' });
  blocks.push({
    kind: 'para',
    text: `请存在问题的单位对照问题清单逐项整改，于${cnDate(deadline)}前完成整改，并将整改情况书面报送${s.issuer}。${s.issuer}将通过巡检复核整改情况。`,
  });

  const mark = s.issuerMark ?? `${s.issuer}文件`;
  return {
    draft: o.draft ? DRAFT_MARK : null,
    head: { mark, markPt: issuerMarkSize(mark), docNo: docNo(o) },
    title: `关于${meta.year}年度政务公开绩效考核结果的通报`,
    recipients: s.recipients,
    blocks,
    closing: { issuer: s.issuer, date: cnDate(o.signDate) },
    imprint: { copyTo: s.copyTo ?? null, printedBy: s.printedBy ?? s.issuer, printedOn: `${cnDate(o.signDate)}印发` },
  };
}
