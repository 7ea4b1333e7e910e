import { loadSettings, type Settings } from '../config/index.ts';
import { InputError } from '../shared/errors.ts';
import { shanghaiDay } from '../shared/time.ts';
import { countOutbox, openRectifications } from '../store/index.ts';
import { addWorkdays, Assessor, CalendarCoverageError, workdayCounter } from '../assess/index.ts';
import type { Rules } from '../config/index.ts';
import { observe } from '../alerts/index.ts';
import { commitAlerts, decideAlerts, previewAlerts } from '../alerts/index.ts';
import { deliverDue, smtpMailer } from '../alerts/index.ts';
import { writeEml } from '../alerts/index.ts';
import { summarizeDelivery, summarizeDigests } from '../alerts/index.ts';
import { enqueueRectNotices, previewRectNotices, rectificationNotices } from '../alerts/index.ts';
import type { ColumnObservation, Digest, LateDisclosureObservation, RectNotice, UnitInfo } from '../alerts/index.ts';
import type { RunContext } from './context.ts';

export interface SmtpSettings {
  smtpUrl: string;
  mailFrom: string;
}

/** The night being decided (Asia/Shanghai day; default today), and where its mail goes: SMTP, or .eml files for a dry run. */
export type AlertsRunOptions = { day?: string } & ({ send: SmtpSettings } | { dryRunDir: string });

export interface AlertsRunResult {
  lines: string[];
  warnings: string[];
  /** True when some mail could not be sent this time (it stays in the outbox). */
  incomplete: boolean;
}

/** SMTP settings are only required when mail is really sent; say which variable and how. */
export function requireSmtp(s: Settings): SmtpSettings {
  if (!s.smtpUrl) {
    throw new InputError(
      '未设置发信服务器：请设置环境变量 ZWGK_SMTP_URL，例如 ZWGK_SMTP_URL=smtp://用户名:密码@smtp.example.gov.cn:587' +
        '（或在设置文件 zwgk.settings.yaml 中写 smtpUrl）。只想预览邮件内容可加 --dry-run。',
    );
  }
  if (!s.mailFrom) {
    throw new InputError('未设置发件人地址：请设置环境变量 ZWGK_MAIL_FROM，例如 ZWGK_MAIL_FROM=zwgk@example.gov.cn（或在设置文件中写 mailFrom）。');
  }
  return { smtpUrl: s.smtpUrl, mailFrom: s.mailFrom };
}

/**
 * One night of early warnings: plan → assess (as of the day) → decide → outbox → SMTP.
 * Shared by `zwgk alerts` and the scheduler's nightly job.
 */
export async function runAlerts(run: RunContext, o: AlertsRunOptions): Promise<AlertsRunResult> {
  const { db, rules, plan } = run;
  const settings = run.settings ?? loadSettings();
  const from = 'send' in o ? o.send.mailFrom : (settings.mailFrom ?? 'zwgk@localhost.invalid');
  const day = o.day ?? shanghaiDay();
  const warnings: string[] = [];
  if (!settings.baseUrl) warnings.push('未设置 ZWGK_BASE_URL：邮件中将不含看板链接。');

  // A dry run changes nothing, so it does not sync the plan either: it sees the units already in the store.
  if ('send' in o) run.syncPlan();
  const assessor = new Assessor(db, {
    rules,
    year: plan.year,
    period: plan.period,
    asOf: day,
    countWorkdays: workdayCounter(rules),
  });
  const known = new Set(assessor.unitIds());
  const observations: ColumnObservation[] = [];
  const late: LateDisclosureObservation[] = [];
  const units: UnitInfo[] = [];
  for (const u of plan.units) {
    if (!known.has(u.id)) {
      warnings.push(`单位“${u.name}”（${u.id}）尚未写入数据库，跳过：请先用此计划运行 zwgk crawl。`);
      continue;
    }
    units.push({ id: u.id, name: u.name, contacts: u.contacts.map((c) => ({ name: c.name, email: c.email })) });
    const seen = observe(assessor.unit(u.id).columns, rules, { day });
    observations.push(...seen.observations);
    late.push(...seen.late);
  }

  const decisions = decideAlerts(db, { day, units, observations, late, reminderEveryDays: settings.alerts.reminderEveryDays }, settings);
  const render = { baseUrl: settings.baseUrl, officeEmail: settings.officeEmail };
  const notices = rectNotices(run.db, rules, units, day, warnings);

  if ('dryRunDir' in o) {
    const rectMails = previewRectNotices(db, notices, day, render);
    const digests = previewAlerts(db, decisions, render);
    const files = await writeEml([...digests, ...rectMails], o.dryRunDir, from);
    const lines = ['（演练）未发送任何邮件，未改动数据库。', ...summarizeDigests(day, digests, decisions), ...summarizeRectMails(rectMails, notices)];
    if (files.length) lines.push(`邮件已写入 ${o.dryRunDir}：`, ...files.map((f) => `  ${f}`));
    const waiting = countOutbox(db).pending;
    if (waiting) lines.push(`发件队列中另有 ${waiting} 封待发邮件，正式运行时会一并发送。`);
    return { lines, warnings, incomplete: false };
  }

  const digests = commitAlerts(db, decisions, { ...render, from });
  const rectMails = enqueueRectNotices(db, notices, day, { ...render, from });
  const report = await deliverDue(db, smtpMailer(o.send.smtpUrl), { from, maxPerMinute: settings.alerts.maxPerMinute });
  if (report.stopped) warnings.push(report.stopped);
  return {
    lines: [...summarizeDigests(day, digests, decisions), ...summarizeRectMails(rectMails, notices), ...summarizeDelivery(report)],
    warnings,
    incomplete: report.stopped !== null || report.retrying > 0,
  };
}

/**
 * The 整改 notices the plan's units are owed on `day`. Issuing in the dashboard only records the 整改: its notice
 * goes out with the next alerts run, the one place that holds the SMTP settings and the outbox's exactly-once keys.
 */
function rectNotices(db: RunContext['db'], rules: Rules, units: UnitInfo[], day: string, warnings: string[]): RectNotice[] {
  const lead = rules.timeliness.rectification.reminderWorkdays;
  let calendarGap: string | null = null;
  const reminderFrom = (deadline: string) => {
    try {
      return addWorkdays(rules, deadline, -lead);
    } catch (e) {
      if (!(e instanceof CalendarCoverageError)) throw e;
      calendarGap = e.message;
      return null;
    }
  };
  const notices = rectificationNotices(openRectifications(db), new Map(units.map((u) => [u.id, u])), day, reminderFrom);
  if (calendarGap) warnings.push(`整改到期提醒未能计算（${calendarGap}），本次不发提醒。`);
  return notices;
}

function summarizeRectMails(mails: readonly Digest[], notices: readonly RectNotice[]): string[] {
  if (!mails.length) return [];
  const kindOf = new Map(notices.map((n) => [n.key, n.kind]));
  const n = (k: string) => mails.filter((m) => kindOf.get(m.key) === k).length;
  return [`整改邮件：下发通知 ${n('issued')} 封，到期提醒 ${n('reminder')} 封，逾期通知 ${n('overdue')} 封。`];
}
