import { z } from 'zod';
import type { Ctx } from '../env.ts';
import { Badge, Csrf, fmtTime, GRADE_TONE, GradeBadge, Layout, StandingScore } from '../layout.tsx';
import { render } from '../render.ts';
import { getUnit } from '../../store/index.ts';
import { userNames } from '../../store/index.ts';
import { appendAudit, auditFor } from '../../store/index.ts';
import { FALSIFIED, formatScore, officialDocx, officialHtml, recordDecision, REPORT_FORMATS, scoreSheet, scoreSheetDoc, standing, WITHDRAWN, type DecisionInput, type ScoreSheet, type SheetItem } from '../../assess/index.ts';
import { rubricItems, type Rules } from '../../config/index.ts';
import type { Decision } from '../../store/index.ts';
import { InputError } from '../../shared/errors.ts';
import { errorPage } from './errors.tsx';
import { AuditLog } from './audit-log.tsx';
import { ConfirmAllForm, ConfirmAllNotice } from './bulk-confirm.tsx';
import { decisionLabel, SHEET_STATE } from '../../shared/vocabulary.ts';
import { OFFICIAL_STYLESHEET } from '../static.ts';
import { useWithYear, withYear, yearOf } from '../year.tsx';

type Session = Parameters<typeof Csrf>[0]['session'];

/** The finest step a score may take (rules/rubric.yaml scoreDecimals), as an <input type=number> step. */
const scoreStep = (rules: Rules): string => String(10 ** -rules.rubric.scoreDecimals);

const ItemForms = ({ item, base, session, rules }: { item: SheetItem; base: string; session: Session; rules: Rules }) => (
  <div class="no-print">
    {item.suggested !== null ? (
      <>
        <form method="post" action={useWithYear()(`${base}/decision`)} class="inline">
          <Csrf session={session} />
          <input type="hidden" name="code" value={item.code} />
          <input type="hidden" name="action" value="confirm" />
          <button type="submit">{`确认 ${formatScore(rules, item.suggested)} 分`}</button>
        </form>
        <form method="post" action={useWithYear()(`${base}/decision`)} class="inline override">
          <Csrf session={session} />
          <input type="hidden" name="code" value={item.code} />
          <input type="hidden" name="action" value="override" />
          <input type="number" name="value" min="0" max={String(item.max)} step={scoreStep(rules)} required aria-label="调整后的分值" />
          <input type="text" name="reason" placeholder="调整理由（必填）" required maxlength={500} aria-label="调整理由" />
          <button type="submit">调整</button>
        </form>
      </>
    ) : (
      <form method="post" action={useWithYear()(`${base}/decision`)} class="inline manual">
        <Csrf session={session} />
        <input type="hidden" name="code" value={item.code} />
        <input type="hidden" name="action" value="manual" />
        <input type="number" name="value" min="0" max={String(item.max)} step={scoreStep(rules)} required aria-label="分值" />
        <input type="text" name="reason" placeholder="依据（可选）" maxlength={500} aria-label="评分依据" />
        <button type="submit">录入</button>
      </form>
    )}
  </div>
);

const actor = (names: Map<number, string>, userId: number | null): string => (userId !== null ? (names.get(userId) ?? `#${userId}`) : '系统');

/** The 弄虚作假 verdict as saved (when, by whom, why) and the one act open from there: record it, or withdraw it. */
const VerdictCard = ({ sheet, base, session, names, canEdit }: { sheet: ScoreSheet; base: string; session: Session; names: Map<number, string>; canEdit: boolean }) => {
  const last = sheet.decisions.filter((d) => d.action === 'verdict').at(-1);
  const falsified = sheet.verdict === FALSIFIED;
  return (
    <div class="card" id="verdict">
      <h3>弄虚作假认定（第十四条）</h3>
      <p id="verdict-state">
        {falsified ? <Badge tone="bad">已认定弄虚作假</Badge> : <Badge tone="ok">未认定弄虚作假</Badge>}
        {falsified ? ' 考核结果直接记为不合格。' : null}
      </p>
      {last ? (
        <p class="small" id="verdict-last">
          {`${decisionLabel(last.action, last.verdict)}：${fmtTime(last.at)}，${actor(names, last.userId)}。理由：`}
          <span id="verdict-reason">{last.reason ?? '（未写明）'}</span>
        </p>
      ) : null}
      {canEdit && !falsified ? (
        <form method="post" action={useWithYear()(`${base}/verdict`)} id="verdict-record">
          <Csrf session={session} />
          <label for="verdict-record-reason">认定理由与依据（必填）</label>
          <textarea id="verdict-record-reason" name="reason" required maxlength={2000} />
          <button type="submit" class="danger">认定弄虚作假</button>
        </form>
      ) : null}
      {canEdit && falsified ? (
        <form method="post" action={useWithYear()(`${base}/verdict/withdraw`)} id="verdict-withdraw">
          <Csrf session={session} />
          <label for="verdict-withdraw-reason">撤销理由（必填，记入审计日志）</label>
          <textarea id="verdict-withdraw-reason" name="reason" required maxlength={2000} />
          <button type="submit">撤销认定</button>
        </form>
      ) : null}
    </div>
  );
};

const DecisionLog = ({ decisions, names, rules }: { decisions: Decision[]; names: Map<number, string>; rules: Rules }) => (
  <div class="table-wrap">
    <table>
      <thead>
        <tr><th>时间</th><th>操作人</th><th>操作</th><th>条目</th><th class="num">分值</th><th>认定</th><th>理由</th></tr>
      </thead>
      <tbody>
        {[...decisions].reverse().map((d) => (
          <tr>
            <td class="small">{fmtTime(d.at)}</td>
            <td>{actor(names, d.userId)}</td>
            <td>{decisionLabel(d.action, d.verdict)}</td>
            <td>{d.code ?? '整表'}</td>
            <td class="num">{formatScore(rules, d.value)}</td>
            <td>{d.verdict ?? ''}</td>
            <td class="small">{d.reason ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

/** Automatic items with a suggestion that nobody has decided yet: what 一键确认 would confirm. */
const undecidedAuto = (sheet: ScoreSheet): number => sheet.items.filter((i) => i.mode === 'auto' && i.suggested !== null && !i.lastDecision).length;

async function scorePage(c: Ctx, opts: { error?: string; status?: number } = {}) {
  const { db, rules, year } = c.get('deps');
  const session = c.get('session')!;
  const unit = getUnit(db, c.req.param('unitId')!)!;
  const sheet = scoreSheet(db, unit.id, year, rules);
  const names = userNames(db);
  const base = `/units/${encodeURIComponent(unit.id)}/score`;
  const staff = session.user.role !== 'unit';
  const canEdit = staff && !sheet.finalized;
  const registerCodes = new Set(rubricItems(rules).filter((i) => i.evidence?.includes('application-register')).map((i) => i.code));
  const notice = c.req.query('saved') === '1' ? '已保存。' : undefined;
  const audit = auditFor(db, `score:${unit.id}:${year}`, 20);
  const result = standing(rules, sheet);
  return render(
    c,
    <Layout
      title={`${unit.name} · ${year} 年度评分表`}
      session={session}
      active="score"
      crumbs={<><a href={withYear(c, `/units/${encodeURIComponent(unit.id)}`)}>{unit.name}</a> / 评分</>}
    >
      {opts.error ? <div class="error">{opts.error}</div> : null}
      {notice ? <div class="notice">{notice}</div> : null}
      <ConfirmAllNotice c={c} />
      {sheet.finalized ? <div class="lock">本评分表已定稿锁定。如需修改，须由管理员解锁（解锁会记入审计日志）。</div> : null}
      <div class="downloads">
        <a class="button" href={withYear(c, `${base}/sheet/html`)} target="_blank" rel="noopener" id="print-sheet">打印评分表</a>
        <a class="button" href={withYear(c, `${base}/sheet/docx`)} id="dl-sheet-docx">下载评分表（Word）</a>
        {sheet.finalized ? null : <span class="small muted">{`评分表${SHEET_STATE.open}，打印件每页标注“草稿”，定稿后再打印签字。`}</span>}
      </div>
      <div class="stats">
        <div class="stat"><div class={sheet.total !== null ? 'n total' : 'n total partial'}><StandingScore standing={result} /></div><div class="l">{sheet.total !== null ? '确认总分' : '评分表尚未评定完'}</div></div>
        <div class="stat"><div class="n grade"><GradeBadge standing={result} /></div><div class="l">等次</div></div>
        <div class="stat"><div class="n">{sheet.unconfirmed.length}</div><div class="l">待确认条目</div></div>
        <div class="stat"><div class="n">{sheet.verdict ? <Badge tone={sheet.verdict === FALSIFIED ? 'bad' : 'ok'}>{sheet.verdict}</Badge> : '—'}</div><div class="l">弄虚作假认定</div></div>
      </div>
      <div class="table-wrap">
        <table id="score-table">
          <thead>
            <tr><th>类别</th><th>条目</th><th class="num">分值</th><th class="num">建议分</th><th>依据</th><th class="num">确认分</th>{canEdit ? <th class="no-print">操作</th> : null}</tr>
          </thead>
          <tbody>
            {sheet.items.map((it) => (
              <tr id={`item-${it.code}`}>
                <td>{it.category}</td>
                <td><strong>{it.code}</strong><div class="basis">{it.name}</div></td>
                <td class="num">{it.max}</td>
                <td class="num">{it.mode === 'manual' && it.suggested === null ? <Badge tone="muted">人工</Badge> : formatScore(rules, it.suggested)}</td>
                <td class="basis">
                  {it.basis}
                  {staff && registerCodes.has(it.code) ? <div class="no-print"><a href={withYear(c, "/register")} class="register-link">导入依申请公开登记表 →</a></div> : null}
                  {it.evidence.length ? (
                    <div>
                      证据：{it.evidence.slice(0, 8).map((id) => <><a href={withYear(c, `/evidence/${id}`)}>{`#${id}`}</a> </>)}
                      {it.evidence.length > 8 ? `等 ${it.evidence.length} 份` : ''}
                    </div>
                  ) : null}
                </td>
                <td class="num">
                  {it.confirmed !== null ? <strong>{formatScore(rules, it.confirmed)}</strong> : <span class="muted">待确认</span>}
                  {it.lastDecision ? <div class="small muted">{decisionLabel(it.lastDecision.action)}</div> : null}
                </td>
                {canEdit ? <td><ItemForms item={it} base={base} session={session} rules={rules} /></td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {canEdit && undecidedAuto(sheet) ? (
        <ConfirmAllForm c={c} action={`${base}/confirm-all`} label={`按建议分确认本表全部 ${undecidedAuto(sheet)} 项尚未评分的自动评分项：`} />
      ) : null}
      {session.user.role !== 'unit' ? (
        <div class="grid no-print">
          <VerdictCard sheet={sheet} base={base} session={session} names={names} canEdit={canEdit} />
          {canEdit ? (
            <div class="card">
              <h3>定稿</h3>
              <p class="small">定稿后评分表锁定，不能再修改；解锁须由管理员操作并写明理由。下一步核对将锁定的总分和等次。</p>
              <a class="button primary" href={withYear(c, `${base}/finalize`)} id="finalize">定稿并锁定…</a>
            </div>
          ) : null}
          {sheet.finalized && session.user.role === 'admin' ? (
            <div class="card">
              <h3>解锁（管理员）</h3>
              <form method="post" action={withYear(c, `${base}/unlock`)}>
                <Csrf session={session} />
                <label for="unlock-reason">解锁理由（必填，记入审计日志）</label>
                <textarea id="unlock-reason" name="reason" required maxlength={2000} />
                <button type="submit" class="danger">解锁评分表</button>
              </form>
            </div>
          ) : null}
        </div>
      ) : null}
      <h2>评分记录（只增不改）</h2>
      {sheet.decisions.length ? <DecisionLog decisions={sheet.decisions} names={names} rules={rules} /> : <p class="muted">尚无评分记录。</p>}
      <AuditLog title="审计日志" rows={audit} />
    </Layout>,
    opts.status ?? 200,
  );
}

export const getScorePage = (c: Ctx) => scorePage(c);

const text = (max: number) =>
  z
    .string({ error: '理由应为文字。' })
    .trim()
    .max(max, `理由不能超过 ${max} 字。`)
    .optional()
    .transform((s) => s || null);

const DecisionForm = z.object({
  code: z.string().min(1).max(50),
  action: z.enum(['confirm', 'override', 'manual']),
  // Decimal only: Number() would also read 0x10, 1e1 or Infinity as a score. How many decimals a score may
  // have is the rubric's rule, which recordDecision applies.
  value: z
    .string()
    .trim()
    .regex(/^(\d{1,3}(\.\d+)?)?$/, '分值只能写十进制数字，例如 4 或 4.5（不能用 0x10、1e1 之类的写法）。')
    .optional()
    .transform((s) => (s === undefined || s === '' ? null : Number(s))),
  reason: text(500),
});
// Whether an act needs its reason is the sheet's rule (recordDecision), said there in one place.
const ReasonForm = z.object({ reason: text(2000) });

/** Runs one decision; bad input re-renders the sheet with the (fixed, Chinese) reason instead of the request. */
async function act(c: Ctx, build: (body: Record<string, unknown>) => Parameters<typeof recordDecision>[1] | string | undefined, after?: () => void) {
  const { db, rules } = c.get('deps');
  const input = build(await c.req.parseBody());
  if (!input) return errorPage(c, 400);
  if (typeof input === 'string') return scorePage(c, { error: input, status: 400 });
  try {
    db.transaction(() => {
      recordDecision(db, input, rules);
      after?.();
    }).immediate();
  } catch (e) {
    if (e instanceof InputError) return scorePage(c, { error: e.message, status: 400 });
    throw e;
  }
  return c.redirect(withYear(c, `/units/${encodeURIComponent(input.unitId)}/score?saved=1`), 303);
}

const who = (c: Ctx) => c.get('session')!.user.id;
const unitYear = (c: Ctx) => ({ unitId: c.req.param('unitId')!, year: yearOf(c) });

export const postDecision = (c: Ctx) =>
  act(c, (body) => {
    const f = DecisionForm.safeParse(body);
    if (!f.success) return f.error.issues.find((i) => i.path[0] === 'value' || i.path[0] === 'reason')?.message;
    return { ...unitYear(c), code: f.data.code, action: f.data.action, value: f.data.value, reason: f.data.reason, userId: who(c) };
  });

const Locked = ({ rules, sheet }: { rules: Rules; sheet: ScoreSheet }) => (
  <div class="stats" id="to-lock">
    <div class="stat"><div class="n total">{formatScore(rules, sheet.total)}</div><div class="l">确认总分</div></div>
    <div class="stat"><div class="n">{sheet.grade ? <Badge tone={GRADE_TONE[sheet.grade]}>{sheet.grade}</Badge> : '—'}</div><div class="l">等次</div></div>
    <div class="stat"><div class="n">{sheet.verdict ? <Badge tone={sheet.verdict === FALSIFIED ? 'bad' : 'ok'}>{sheet.verdict}</Badge> : '—'}</div><div class="l">弄虚作假认定</div></div>
  </div>
);

/**
 * The confirmation step of 定稿 (no script needed): shows the total and grade that will be locked. The form sends
 * them back, and the lock is refused if the sheet changed since they were shown.
 */
async function finalizePage(c: Ctx, opts: { error?: string; status?: number } = {}) {
  const { db, rules, year } = c.get('deps');
  const session = c.get('session')!;
  const unit = getUnit(db, c.req.param('unitId')!)!;
  const sheet = scoreSheet(db, unit.id, year, rules);
  const base = `/units/${encodeURIComponent(unit.id)}/score`;
  return render(
    c,
    <Layout
      title={`确认定稿 · ${unit.name}`}
      session={session}
      active="score"
      crumbs={<><a href={withYear(c, `/units/${encodeURIComponent(unit.id)}`)}>{unit.name}</a> / <a href={withYear(c, base)}>评分</a> / 定稿</>}
    >
      {opts.error ? <div class="error">{opts.error}</div> : null}
      {sheet.finalized ? (
        <div class="lock">本评分表已定稿锁定。</div>
      ) : sheet.unconfirmed.length ? (
        <div class="error">{`还有 ${sheet.unconfirmed.length} 个条目未确认（${sheet.unconfirmed.join('、')}），不能定稿。`}</div>
      ) : (
        <div class="card">
          <p>{`定稿后 ${year} 年度评分表锁定，不能再修改；解锁须由管理员操作并写明理由（记入审计日志）。将锁定的结果：`}</p>
          <Locked rules={rules} sheet={sheet} />
          <form method="post" action={withYear(c, `${base}/finalize`)}>
            <Csrf session={session} />
            <input type="hidden" name="total" value={String(sheet.total)} />
            <input type="hidden" name="grade" value={sheet.grade ?? ''} />
            <label>
              <input type="checkbox" name="confirm" value="yes" required id="confirm-check" />
              {` 我已核对，确认以总分 ${formatScore(rules, sheet.total)}、等次“${sheet.grade ?? '—'}”定稿`}
            </label>
            <button type="submit" class="primary" id="confirm-finalize">确认定稿并锁定</button>
          </form>
        </div>
      )}
      <p><a href={withYear(c, base)}>返回评分表</a></p>
    </Layout>,
    opts.status ?? 200,
  );
}

export const getFinalizePage = (c: Ctx) => finalizePage(c);

const FinalizeForm = z.object({ confirm: z.literal('yes'), total: z.string().max(20), grade: z.string().max(10) });

export const postFinalize = async (c: Ctx) => {
  const f = FinalizeForm.safeParse(await c.req.parseBody());
  if (!f.success) return finalizePage(c, { error: '请先勾选“我已核对”，再确认定稿。', status: 400 });
  const { db, rules, year } = c.get('deps');
  return act(
    c,
    () => ({ ...unitYear(c), action: 'finalize', userId: who(c) }),
    // In the lock's transaction: what is locked is what the assessor was shown.
    () => {
      const now = scoreSheet(db, c.req.param('unitId')!, year, rules);
      if (String(now.total) !== f.data.total || (now.grade ?? '') !== f.data.grade) {
        throw new InputError(`评分表在打开确认页之后有变动（现为总分 ${formatScore(rules, now.total)}、等次“${now.grade ?? '—'}”），未定稿。请核对后重新定稿。`);
      }
    },
  );
};

/** The unit's 评分表 to print or to download as Word, for signatures; marked 草稿 until the sheet is 定稿. */
export async function getScoreSheetFile(c: Ctx) {
  const format = c.req.param('format');
  if (format !== 'html' && format !== 'docx') return errorPage(c, 404);
  const { db, rules, year, period, tongbao } = c.get('deps');
  const unit = getUnit(db, c.req.param('unitId')!)!;
  const doc = scoreSheetDoc(rules, unit, scoreSheet(db, unit.id, year, rules), { year, period }, tongbao);
  const headers = { 'Content-Type': REPORT_FORMATS[format].contentType, 'X-Content-Type-Options': 'nosniff' };
  if (format === 'html') return c.body(officialHtml(doc, { stylesheetHref: OFFICIAL_STYLESHEET }), 200, headers);
  const name = `${unit.name}${year}年度政务公开绩效考核评分表${doc.draft ? '（草稿）' : ''}.docx`;
  return c.body(new Uint8Array(await officialDocx(doc)), 200, {
    ...headers,
    'Content-Disposition': `attachment; filename="zwgk-${year}-score.docx"; filename*=UTF-8''${encodeURIComponent(name)}`,
  });
}

/** A sheet-level act with its reason, appended to the audit log in the same transaction as the decision. */
function auditedAct(c: Ctx, audit: string, decision: Pick<DecisionInput, 'action' | 'verdict'>) {
  let reason: string | null = null;
  return act(
    c,
    (body) => {
      const f = ReasonForm.safeParse(body);
      if (!f.success) return f.error.issues[0].message;
      reason = f.data.reason;
      return { ...unitYear(c), ...decision, reason, userId: who(c) };
    },
    () => appendAudit(c.get('deps').db, who(c), audit, `score:${c.req.param('unitId')}:${c.get('deps').year}`, reason),
  );
}

export const postVerdict = (c: Ctx) => auditedAct(c, 'score.verdict', { action: 'verdict', verdict: FALSIFIED });

export const postVerdictWithdraw = (c: Ctx) => auditedAct(c, 'score.verdict-withdraw', { action: 'verdict', verdict: WITHDRAWN });

export const postUnlock = (c: Ctx) => auditedAct(c, 'score.unlock', { action: 'unlock' });
