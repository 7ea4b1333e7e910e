/**
 * The assessment stage's public API (dashboard, alerts, CLI). See DESIGN.md §2 for the rules applied.
 *
 *   const a = new Assessor(db, { rules, year, period, asOf, countWorkdays: workdayCounter(rules) });
 *   const u = a.unit('xinchang');        // columns (freshness, items), findings, suggestions — read-only
 *   runAssess(db, opts);                  // stores findings (stable identities) and suggested scores
 *   scoreSheet(db, unitId, year, rules);  // the score sheet with decisions, total and grade
 *   recordDecision(db, {...}, rules);     // confirm / override / manual / verdict / finalize / unlock
 */
import type { Rules } from '../config/index.ts';
import { countWorkdays } from './workdays.ts';
import type { CountWorkdays } from './timeliness.ts';

export { freshness, type FreshnessInput } from './freshness.ts';
export { windowPolicy } from './policy.ts';
export { timeliness, type CountWorkdays } from './timeliness.ts';
export { backDatingProof, redatings } from './dating.ts';
export { assessColumn, type AssessedItem, type ColumnAssessment, type FailedStretch } from './column.ts';
export { unitFindings, type UnitFinding } from './findings.ts';
export { suggestScores, type Suggested } from './scores.ts';
export { Assessor, ColumnAssessor, runAssess, type AssessOptions, type ColumnOptions, type AssessSummary, type UnitAssessment } from './run.ts';
export { scoreSheet, recordDecision, standing, VERDICTS, FALSIFIED, WITHDRAWN, type ScoreSheet, type SheetItem, type DecisionInput, type Standing } from './sheet.ts';
export { roundScore, formatScore } from './score-format.ts';
export { gradeFor } from './grade.ts';
export { countWorkdays, addWorkdays, isWorkday, coveredYears, CalendarCoverageError } from './workdays.ts';
export { REPORT_FORMATS, REPORT_FORMAT_IDS, isReportFormat, officialDocx, reportFileName, type ReportFormat, type ReportFormatId, type ReportMeta } from './report/formats.ts';
export { reportUnits, type ReportUnit } from './report/model.ts';
export { rankByKind, type KindRanking, type Ranked, type RankFacts } from './report/ranking.ts';
export { DRAFT_MARK, UnfinishedSheetsError, type NoticeOptions } from './report/tongbao.ts';
export { scoreSheetDoc } from './report/score-sheet-doc.ts';
export { officialHtml, OFFICIAL_CSS } from './report/official-html.ts';
export { writeCsvViews } from './report/tables.ts';
export type * from './types.ts';

/** countWorkdays bound to a rules object, as the assessment takes it. */
export function workdayCounter(rules: Rules): CountWorkdays {
  return (from, to) => countWorkdays(rules, from, to);
}
export { cellErrorText, checkRegister, commitRegister, importRegister, REGISTER_COLUMNS, type RegisterCellError, type RegisterCheck } from './register-import.ts';
export {
  decideRectification, fixedByCrawl, issueRectifications, nextStage, planDueDay, rectTarget, submitRectification, verifyRectifications,
  type DecideInput, type IssueInput, type IssueResult, type SubmitInput,
} from './rectifications.ts';
export { AssessReader } from './reader.ts';
export { assessedColumn, type AssessedColumn } from './column.ts';
export { REVIEW_ACTIONS, reviewFindings, type ReviewAction, type ReviewOutcome } from './review.ts';
export { confirmSuggested, type BulkConfirmOutcome } from './bulk-confirm.ts';
export { median, overviewYearComparison, unitYearComparison, type OverviewYear, type UnitYear, type YearSpec } from './year-compare.ts';
