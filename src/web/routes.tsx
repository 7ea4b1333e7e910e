import type { Ctx } from './env.ts';
import { ADMIN, ANY_USER, ASSESSOR, ownUnit, PUBLIC, unitOfColumn, unitOfFetch, unitOfRect, unitOfUnit, type Policy } from './policy.ts';
import { createLoginHandler, getLogin, postLogout } from './pages/login.tsx';
import { getOverview } from './pages/overview.tsx';
import { getUnitPage } from './pages/unit.tsx';
import { getColumnPage } from './pages/column.tsx';
import { getEvidencePage, getScreenshot } from './pages/evidence.tsx';
import { getFinalizePage, getScorePage, getScoreSheetFile, postDecision, postFinalize, postUnlock, postVerdict, postVerdictWithdraw } from './pages/score.tsx';
import { getResults, getResultsDownload } from './pages/results.tsx';
import {
  getRectificationAttachment, getRectificationPage, getUnitRectifications, postRectificationDecision, postRectificationSubmit,
} from './pages/rectification.tsx';
import { UPLOAD_MAX_BYTES } from './uploads.ts';
import { getRectifications, postRectification } from './pages/ops.tsx';
import { getAlerts } from './pages/alerts.tsx';
import { getRuns } from './pages/runs.tsx';
import { getFindingsPage, postFindingReview, postFindingReviewBulk } from './pages/findings.tsx';
import { postConfirmAll, postConfirmUnit } from './pages/bulk-confirm.tsx';
import { getUsers, postUserCreate, postUserDisable, postUserEnable, postUserPassword } from './pages/users.tsx';
import { getAccount, postAccountPassword } from './pages/account.tsx';
import { getRegister, postRegisterConfirm, postRegisterPreview, REGISTER_MAX_BYTES } from './pages/register.tsx';
import { getStatic } from './static.ts';
import type { LoginGuard } from './login-guard.ts';

export interface RouteDef {
  method: 'GET' | 'POST';
  path: string;
  policy: Policy;
  handler: (c: Ctx) => Response | Promise<Response>;
  /** Largest request body read for a POST (default FORM_MAX_BYTES); anything larger is refused with 413 unread. */
  maxBodyBytes?: number;
}

/** Forms without files (the one upload route sets its own limit): the longest, a score reason, fits well within this. */
export const FORM_MAX_BYTES = 64 * 1024;
/** A name, a password and two tokens. */
export const LOGIN_MAX_BYTES = 8 * 1024;

const UNIT = ownUnit('unitId', unitOfUnit);
const COLUMN = ownUnit('columnId', unitOfColumn);
const FETCH = ownUnit('fetchId', unitOfFetch);
const RECT = ownUnit('rectId', unitOfRect);

const home = (c: Ctx) => {
  const s = c.get('session')!;
  return c.redirect(s.user.role === 'unit' ? `/units/${encodeURIComponent(s.user.unitId!)}` : '/overview');
};

/** THE policy table of the dashboard origin. Only routes listed here are served; anything else is refused. */
export function routeTable(loginGuard: LoginGuard): RouteDef[] {
  return [
    { method: 'GET', path: '/static/:file', policy: PUBLIC, handler: getStatic },
    { method: 'GET', path: '/login', policy: PUBLIC, handler: getLogin },
    { method: 'POST', path: '/login', policy: PUBLIC, handler: createLoginHandler(loginGuard), maxBodyBytes: LOGIN_MAX_BYTES },
    { method: 'POST', path: '/logout', policy: ANY_USER, handler: postLogout },
    { method: 'GET', path: '/', policy: ANY_USER, handler: home },
    { method: 'GET', path: '/account', policy: ANY_USER, handler: getAccount },
    { method: 'POST', path: '/account/password', policy: ANY_USER, handler: postAccountPassword },
    { method: 'GET', path: '/overview', policy: ASSESSOR, handler: getOverview },
    { method: 'GET', path: '/units/:unitId', policy: UNIT, handler: getUnitPage },
    { method: 'GET', path: '/units/:unitId/score', policy: UNIT, handler: getScorePage },
    { method: 'POST', path: '/units/:unitId/score/decision', policy: ASSESSOR, handler: postDecision },
    { method: 'POST', path: '/units/:unitId/score/verdict', policy: ASSESSOR, handler: postVerdict },
    { method: 'POST', path: '/units/:unitId/score/verdict/withdraw', policy: ASSESSOR, handler: postVerdictWithdraw },
    { method: 'GET', path: '/units/:unitId/score/finalize', policy: ASSESSOR, handler: getFinalizePage },
    { method: 'POST', path: '/units/:unitId/score/finalize', policy: ASSESSOR, handler: postFinalize },
    { method: 'GET', path: '/units/:unitId/score/sheet/:format', policy: UNIT, handler: getScoreSheetFile },
    { method: 'POST', path: '/units/:unitId/score/unlock', policy: ADMIN, handler: postUnlock },
    { method: 'POST', path: '/units/:unitId/score/confirm-all', policy: ASSESSOR, handler: postConfirmUnit },
    { method: 'POST', path: '/results/confirm-all', policy: ASSESSOR, handler: postConfirmAll },
    { method: 'GET', path: '/findings', policy: ASSESSOR, handler: getFindingsPage },
    { method: 'POST', path: '/findings/review', policy: ASSESSOR, handler: postFindingReview },
    { method: 'POST', path: '/findings/review-bulk', policy: ASSESSOR, handler: postFindingReviewBulk },
    { method: 'GET', path: '/columns/:columnId', policy: COLUMN, handler: getColumnPage },
    { method: 'GET', path: '/evidence/:fetchId', policy: FETCH, handler: getEvidencePage },
    { method: 'GET', path: '/evidence/:fetchId/screenshot', policy: FETCH, handler: getScreenshot },
    { method: 'GET', path: '/results', policy: ASSESSOR, handler: getResults },
    { method: 'GET', path: '/results/download/:format', policy: ASSESSOR, handler: getResultsDownload },
    { method: 'GET', path: '/rectifications', policy: ASSESSOR, handler: (c) => getRectifications(c) },
    { method: 'POST', path: '/rectifications', policy: ASSESSOR, handler: postRectification },
    { method: 'GET', path: '/units/:unitId/rectifications', policy: UNIT, handler: getUnitRectifications },
    { method: 'GET', path: '/rectifications/:rectId', policy: RECT, handler: (c) => getRectificationPage(c) },
    { method: 'POST', path: '/rectifications/:rectId/submit', policy: RECT, handler: postRectificationSubmit, maxBodyBytes: UPLOAD_MAX_BYTES },
    { method: 'POST', path: '/rectifications/:rectId/decision', policy: ASSESSOR, handler: postRectificationDecision },
    { method: 'GET', path: '/rectifications/:rectId/attachments/:attachmentId', policy: RECT, handler: getRectificationAttachment },
    { method: 'GET', path: '/register', policy: ASSESSOR, handler: getRegister },
    { method: 'POST', path: '/register/preview', policy: ASSESSOR, handler: postRegisterPreview, maxBodyBytes: REGISTER_MAX_BYTES },
    { method: 'POST', path: '/register/confirm', policy: ASSESSOR, handler: postRegisterConfirm },
    { method: 'GET', path: '/alerts', policy: ASSESSOR, handler: getAlerts },
    { method: 'GET', path: '/runs', policy: ASSESSOR, handler: getRuns },
    { method: 'GET', path: '/users', policy: ADMIN, handler: getUsers },
    { method: 'POST', path: '/users', policy: ADMIN, handler: postUserCreate },
    { method: 'POST', path: '/users/:userId/disable', policy: ADMIN, handler: postUserDisable },
    { method: 'POST', path: '/users/:userId/enable', policy: ADMIN, handler: postUserEnable },
    { method: 'POST', path: '/users/:userId/password', policy: ADMIN, handler: postUserPassword },
  ];
}
