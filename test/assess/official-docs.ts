import JSZip from 'jszip';
import { loadRules, rubricItems, type Rules } from '../../src/config/rules.ts';
import { TongbaoSettingsSchema } from '../../src/config/settings.ts';
import { recordDecision, scoreSheet } from '../../src/assess/sheet.ts';
import { reportUnits, type ReportUnit } from '../../src/assess/report/model.ts';
import type { NoticeOptions } from '../../src/assess/report/tongbao.ts';
import { workdayCounter } from '../../src/assess/index.ts';
import { upsertSuggestion } from '../../src/store/scores.ts';
import type { DB } from '../../src/store/db.ts';
import { Fixture } from './fixture.ts';

/**
 * A year-end store for the 通报 and the score sheets: two 镇街 and two 区直部门, one with a stale and a blank column,
 * scores that rank differently within and across kinds, and one unit found to have falsified (第十四条).
 */

export const YEAR = 2026;
export const PERIOD = { from: '2026-01-01', to: '2026-12-31' };
export const ISSUER = '珠山区政务公开工作领导小组办公室';

/** Every item decided so that the unit totals `total`: suggested items overridden, the others entered by hand. */
export function decideAll(db: DB, rules: Rules, unitId: string, total: number): void {
  let left = total;
  for (const it of scoreSheet(db, unitId, YEAR, rules).items) {
    const v = Math.min(it.max, left);
    left -= v;
    const action = it.suggested === null ? 'manual' : 'override';
    recordDecision(db, { unitId, year: YEAR, code: it.code, action, value: v, reason: action === 'override' ? '按材料复核' : null, userId: null }, rules);
  }
}

export function yearEnd() {
  const rules = loadRules();
  const fx = new Fixture();
  const units = [
    fx.unit('xinchang', '新厂街道办事处', '镇街'),
    fx.unit('shiqiao', '石桥镇人民政府', '镇街'),
    fx.unit('fgw', '区发展和改革委员会', '区直部门'),
    fx.unit('jiaoyu', '区教育局', '区直部门'),
  ];
  const news = fx.column('xinchang', '工作动态', '动态要闻');
  const hr = fx.column('xinchang', '人事信息', '人事');
  const notices = fx.column('fgw', '通知公告', '通知公告');
  const run = fx.run('2026-01-05', 'full');
  fx.visit(news, run, { coveredFrom: '2025-06-01' });
  fx.visit(hr, run, { outcome: 'blank' });
  fx.visit(notices, run, { coveredFrom: '2025-06-01' });
  fx.item(news, { title: '去年的动态', publishedAt: '2025-12-28' });
  fx.item(notices, { title: '关于开展安全检查的通知', documentDate: '2026-02-13', publishedAt: '2026-02-14' });
  for (const u of units) {
    for (const it of rubricItems(rules)) {
      if (it.mode === 'auto') upsertSuggestion(fx.db, { unitId: u, year: YEAR, code: it.code, suggested: it.points, basis: '按巡检证据计算', evidence: [], rulesVersion: rules.version.id, asOf: '2026-12-31' });
    }
  }
  // 镇街: 新厂 92 (优秀), 石桥 80 (良好). 区直部门: 发改委 95 but 弄虚作假 (不合格), 教育局 70.5 (合格).
  decideAll(fx.db, rules, 'xinchang', 92);
  decideAll(fx.db, rules, 'shiqiao', 80);
  decideAll(fx.db, rules, 'fgw', 95);
  decideAll(fx.db, rules, 'jiaoyu', 70.5);
  recordDecision(fx.db, { unitId: 'fgw', year: YEAR, action: 'verdict', verdict: '弄虚作假', reason: '经核查，3 条信息倒签发布日期', userId: null }, rules);
  const finalize = (unitId: string) => recordDecision(fx.db, { unitId, year: YEAR, action: 'finalize', userId: null }, rules);
  const report = (): ReportUnit[] => [...reportUnits(fx.db, { rules, year: YEAR, period: PERIOD, asOf: '2026-12-31', countWorkdays: workdayCounter(rules) })];
  return { fx, db: fx.db, rules, units, finalize, report };
}

export function notice(o: Partial<Omit<NoticeOptions, 'settings'>> & { settings?: Record<string, unknown> } = {}): NoticeOptions {
  return { draft: false, signDate: '2027-01-10', number: 3, ...o, settings: TongbaoSettingsSchema.parse(o.settings ?? {}) };
}

/** The text of each paragraph of a WordprocessingML part, in order. */
export function paragraphs(xml: string): string[] {
  return xml
    .split('</w:p>')
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .filter((t) => t !== '');
}

/** A docx read back: its main part, its headers and footers by file name. */
export async function readDocx(buf: Buffer | Uint8Array): Promise<{ document: string; parts: Map<string, string> }> {
  const zip = await JSZip.loadAsync(buf);
  const parts = new Map<string, string>();
  for (const name of Object.keys(zip.files)) if (/\.(xml|rels)$/.test(name)) parts.set(name, await zip.file(name)!.async('string'));
  return { document: parts.get('word/document.xml')!, parts };
}

/** The text of each table of the main part, row by row, cell by cell. */
export function tables(xml: string): string[][][] {
  return xml.split('<w:tbl>').slice(1).map((t) =>
    t
      .split('</w:tbl>')[0]
      .split('</w:tr>')
      .slice(0, -1)
      .map((row) => row.split('</w:tc>').slice(0, -1).map((cell) => paragraphs(cell).join('\n'))),
  );
}
