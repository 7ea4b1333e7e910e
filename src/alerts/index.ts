// The alerts stage's public API: other stages import from here only (DESIGN §3).
export { observe } from './adapter.ts';
export { writeEml } from './eml.ts';
export { deliverDue, smtpMailer } from './outbox.ts';
export { commitAlerts, decideAlerts, previewAlerts } from './run.ts';
export { summarizeDelivery, summarizeDigests } from './summary.ts';
export { type AlertLine, type AlertState, type ColumnObservation, type Digest, type LateDisclosureObservation, type StateLevel, type UnitInfo } from './types.ts';
export { enqueueRectNotices, previewRectNotices, rectificationNotices, type RectNotice, type RectNoticeKind } from './rectification-mail.ts';
