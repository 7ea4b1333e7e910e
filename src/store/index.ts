// The store stage's public API: other stages import from here only (DESIGN §3). Rows leave the store in camelCase,
// one type per table (a query that joins adds its few fields to it); fetches keep their column names, which the
// evidence hash chain serialises.
export { loadAlertStates, saveAlertState, type AlertState, type StateLevel } from './alert-state.ts';
export * from './alerts.ts';
export { appendAudit, auditFor, type AuditRow } from './audit.ts';
export { startBackgroundCheckpoints } from './background-checkpoint.ts';
export { backupDb, defaultBackupDir, walCheckpoint } from './backup.ts';
export { channelChecks, unitChannels, type ChannelCheck, type PlanChannel } from './channels.ts';
export {
  activeColumnCounts, activeColumnsOfUnit, columnLayout, columnsOfUnit, getColumn, unitOfColumn,
  type ColumnLayout, type ColumnRow, type CrawlColumnRow,
} from './columns.ts';
export { loadCookies, saveCookies } from './cookies.ts';
export { dbCrawlSink, type CrawlSink } from './crawl-sink.ts';
export { crawlRunsPage, firstCrawlAt, type CrawlRunRow, type RunStatus, type VisitClaims, type VisitOutcome } from './crawl-runs.ts';
export { databaseHealth, databaseProblem, openDb, type DB } from './db.ts';
export {
  CHAINED_FIELDS, chainHead, getFetch, insertFetch, iterateFetches, iterateUnitFetches, previousFetchHash, unitOfFetch, validatorsOf,
  type CapturedPage, type ChainedFields, type FetchRow,
} from './fetches.ts';
export {
  findingCounts, getFinding, isActiveFinding, reviewsFor, setFindingReview, syncFindings, type FindingInput, type Review, type StoredFinding,
} from './findings.ts';
export {
  columnItems, columnItemsPage, itemCount, itemDates, redatedItemsByColumn,
  type DetailDue, type DetailFetched, type DetailUpdate, type ItemDateRow, type ItemRow, type KnownItem, type ListEntry, type NewItem,
} from './items.ts';
export {
  acquireJobLock, currentLockHolder, finishJobRun, getJobRun, heartbeatJobLock, jobRunsPage, latestRunPerJob, recordSkippedRun, releaseJobLock,
  updateRunSteps, type AcquireResult, type HeldLock, type JobRunRow, type JobStatus, type LockHolder, type StepRecord, type StepStatus,
} from './jobs.ts';
export { FINDING_STATES, findingIdsMatching, findingsPage, type FindingFilter, type FindingState, type ListedFinding } from './finding-list.ts';
export { likePattern, type PageRequest, type TablePage } from './table-page.ts';
export { pageStatesOf, type PageStateRow } from './page-states.ts';
export { currentPlan, syncPlan, type ClassifyColumn, type PlanRow, type PlanSyncSummary } from './plans.ts';
export { markPruned, prunableSnapshots } from './pruning.ts';
export {
  attachmentOf, createRectification, rectificationCounts, rectificationsPage, RECT_STATES, decideSubmission, getRectification, insertSubmission, isIssued, isPastDeadline,
  markRectificationOverdue, openRectifications, setRectificationStatus, submissionsOf, undecidedSubmission, unitOfRectification,
  type AttachmentInput, type AttachmentRow, type RectFilter, type RectState, type ListedRectification, type RectificationRow, type RectificationStatus, type SubmissionKind,
  type SubmissionOutcome, type SubmissionRow,
} from './rectifications.ts';
export { insertRegisterEntries, registerAppNos, registerCounts, registerEntriesFor, type RegisterEntry } from './register.ts';
export { decisionsFor, insertDecision, suggestionsFor, upsertSuggestion, type Decision, type DecisionAction } from './scores.ts';
export { createSession, deleteSession, deleteSessionByToken, findSession, findSessionById, type ActiveSession, type SessionLimits } from './sessions.ts';
export { activeUnits, allUnits, getUnit, listUnits, unitExists, type UnitRow } from './units.ts';
export { evidenceMark, planYears, unitsOfYear, type PlanYear } from './years.ts';
export { createUser, findUserForLogin, getUser, setDisabled, setPasswordHash, userNameTaken, userNames, usersPage, type Role, type User, type UserState } from './users.ts';
export { auditorFaults, failuresPerColumn, lastVisitOfColumn, visitHistory, visitsOfColumn, type VisitResult, type VisitRow } from './visits.ts';
