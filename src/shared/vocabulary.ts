/**
 * Every name a user reads for one of the product's things, defined once: the dashboard, the reports, the
 * alert mails and the CLI all look names up here by the thing's English id (the ids are what the JSON
 * report, the database and the code use; DESIGN §6 keeps them stable). The wording follows the
 * 考核办法 (../shared/seed/) and DESIGN.md: 超期 is a column past its update window, 逾期 an item or a
 * rectification past its deadline.
 *
 * Adding a finding kind: register it in FINDING_KINDS; the detector (src/assess/findings.ts) emits it and
 * every renderer finds its title here.
 */

/** Ids come back from the database and the crawl as strings: one this version has no name for is shown as it is. */
function nameIn(names: Readonly<Record<string, string>>, id: string): string {
  return Object.hasOwn(names, id) ? names[id] : id;
}

export interface FindingMeta {
  /** What the finding is called everywhere (badges, tables, CLI summaries, reports). */
  title: string;
  /** One line saying what it means, for a reader who meets it the first time. */
  description: string;
  /**
   * A doubt about the truth of a date the unit published (伪造发稿日期): only an assessor can turn one into a
   * 弄虚作假 verdict (第十四条). Shown apart from ordinary shortfalls.
   */
  integrity?: true;
  /**
   * A past act a later crawl cannot undo (a late or back-dated post stays what it was): its 整改 closes on the
   * unit's accepted explanation and commitment, not on a crawl that no longer finds it.
   */
  lasting?: true;
}

export const FINDING_KINDS = {
  'stale-episode': { title: '超期未更新', description: '栏目最新信息距今超过其类别的更新时限；考核期内每一段连续超期记一次。' },
  'blank-column': { title: '空白栏目', description: '栏目从未发布过任何信息。' },
  'late-disclosure': { title: '逾期公开', description: '信息从成文日期到发布日期超过规定的工作日期限（《条例》第二十六条）。', lasting: true },
  'missing-document-date': { title: '缺成文日期', description: '应有成文日期的文件类信息没有成文日期，无法评估公开时限。', lasting: true },
  'published-before-document': { title: '发布早于成文', description: '信息的发布日期早于其成文日期。', lasting: true },
  'dead-link': { title: '链接失效', description: '栏目中的信息链接已无法打开。' },
  'unreachable-column': { title: '栏目反复无法访问', description: '栏目连续多个夜间巡检都无法访问。' },
  blocked: {
    title: '禁止巡检',
    description: '栏目拒绝考核巡检（robots.txt 禁止抓取、要求登录或返回 HTTP 403），而同一网站的其他栏目可以正常访问：栏目因此无法考核。',
  },
  'back-dated': { title: '疑似倒签', description: '信息标注的发布日期之后有一次完整巡检，当时栏目中尚无此条。', integrity: true, lasting: true },
  're-dated': { title: '发布日期被改动', description: '同一条信息在不同巡检中显示的发布日期不同。', integrity: true, lasting: true },
} as const satisfies Record<string, FindingMeta>;

export type FindingKind = keyof typeof FINDING_KINDS;

export function findingMeta(kind: string): FindingMeta | undefined {
  return Object.hasOwn(FINDING_KINDS, kind) ? FINDING_KINDS[kind as FindingKind] : undefined;
}

export function findingTitle(kind: string): string {
  return findingMeta(kind)?.title ?? kind;
}

/** A unit's score sheet for the year: 定稿 (finalised and locked) or still open. Only finalised sheets are published. */
export const SHEET_STATE = { finalized: '已定稿', open: '未定稿' } as const;

/** A column's state as of a day. 'review' (需核对): its latest read is in doubt, never a deduction. */
export const COLUMN_STATUS = {
  ok: '正常',
  warning: '即将超期',
  stale: FINDING_KINDS['stale-episode'].title,
  blank: FINDING_KINDS['blank-column'].title,
  unreachable: '无法访问',
  review: '需核对',
} as const;

export type ColumnStatus = keyof typeof COLUMN_STATUS;

/** A column with no visit yet as of the day: no evidence either way. */
export const NO_EVIDENCE = '尚无巡检记录';

export function columnStatusLabel(status: ColumnStatus | null): string {
  return status ? COLUMN_STATUS[status] : NO_EVIDENCE;
}

/** An item's 成文日期 → 发布日期 against the working-day limit. */
export const TIMELINESS = {
  'on-time': '按时',
  late: '逾期',
  'no-document-date': '无法评估',
  'published-before-document': FINDING_KINDS['published-before-document'].title,
  'no-publish-date': '无发布日期',
} as const;

export type TimelinessStatus = keyof typeof TIMELINESS;

/** The marks the assessment puts on an item (the JSON report's items[].flags); crawl flags pass through. */
const ITEM_FLAGS: Record<string, string> = {
  pinned: '置顶',
  'dead-link': FINDING_KINDS['dead-link'].title,
  'back-dated': FINDING_KINDS['back-dated'].title,
  're-dated': FINDING_KINDS['re-dated'].title,
  late: FINDING_KINDS['late-disclosure'].title,
  'no-document-date': FINDING_KINDS['missing-document-date'].title,
  'published-before-document': FINDING_KINDS['published-before-document'].title,
};

export function itemFlagLabel(flag: string): string {
  return nameIn(ITEM_FLAGS, flag);
}

export const PINNED = ITEM_FLAGS.pinned;

/** How one night's visit of a column answered (column_visits.outcome). */
export const VISIT_OUTCOME = {
  ok: '正常',
  blank: '空白',
  unreachable: '无法访问',
  challenge: '被反爬虫验证拦截',
  'parse-failed': `未识别出信息列表（${COLUMN_STATUS.review}）`,
  blocked: FINDING_KINDS.blocked.title,
} as const;

export type VisitOutcome = keyof typeof VISIT_OUTCOME;

/** What refused a 'blocked' visit (column_visits.blocked_by). */
export const BLOCKED_BY = { robots: 'robots.txt 禁止抓取', login: '要求登录', forbidden: 'HTTP 403 拒绝访问' } as const;

export type BlockedBy = keyof typeof BLOCKED_BY;

/**
 * Visits that concluded nothing for the auditor's own reasons (a killed run, our disk): never the site's fault.
 * `unfinished` is the badge on one visit; `ours` the count of them; `notStarted` columns a stop left untouched.
 */
export const VISIT_INCONCLUSIVE = { unfinished: '未完成', ours: '本系统原因未完成', notStarted: '因中止未开始' } as const;

/** How a column's pages are read: the plan's render (auto: learnt per column) and each fetch's fetcher. */
export const RENDER = { auto: '自动', static: '静态', browser: '浏览器' } as const;
export const FETCHER = { http: RENDER.static, browser: RENDER.browser } as const;

/** What a crawl's requests were for (a night's traffic, shown in the crawl summary and on 运行). */
export const REQUEST_PURPOSE = {
  robots: 'robots.txt',
  list: '栏目页',
  article: '文章页',
  file: '附件',
  channel: '其他公开载体',
  subresource: '浏览器加载的脚本与数据',
  other: '其他',
} as const;

export type RequestPurpose = keyof typeof REQUEST_PURPOSE;

/** A column's form: a list of items, or a single page that is itself one article. */
export const LAYOUT = { list: '信息列表', single: '单页栏目' } as const;

/** Job runs and crawl runs (job_runs.status, crawl_runs.status). */
export const RUN_STATUS = {
  running: '进行中',
  ok: '完成',
  partial: '部分失败',
  failed: '失败',
  interrupted: '中断',
  skipped: '跳过',
} as const;

/** What started a job run (job_runs.trigger). */
export const JOB_TRIGGER: Record<string, string> = { schedule: '定时', cli: '命令行', manual: '手动' };

export function runStatusLabel(status: string): string {
  return nameIn(RUN_STATUS, status);
}

/** Jobs of the scheduler and their steps (job_runs.job, the steps of a job). */
const JOBS: Record<string, string> = {
  nightly: '夜间巡检（抓取→评估→预警）',
  weeklyFull: '每周全量核对',
  walCheckpoint: '数据库日志检查点',
  backup: '数据库备份',
  retention: '快照保留清理',
  crawl: '抓取',
  fullCrawl: '全量抓取',
  assess: '评估',
  alerts: '预警',
};

export function jobLabel(job: string): string {
  return nameIn(JOBS, job);
}

export const ROLES = { admin: '管理员', assessor: '考核人员', unit: '单位用户' } as const;

/**
 * A finding sent to its unit for 整改 (第十一条): the stages of the loop (rectifications.status), and 'overdue', the
 * mark a verification puts on a row of any stage but 已整改 once its deadline has passed.
 */
export const RECTIFICATION = {
  pending: '待提交方案',
  'plan-review': '方案待审',
  'plan-returned': '方案已退回',
  'in-progress': '整改中',
  'report-review': '情况待审',
  'report-returned': '情况已退回',
  verifying: '待巡检核实',
  rectified: '已整改',
  overdue: '逾期未整改',
} as const;

export type RectificationStage = Exclude<keyof typeof RECTIFICATION, 'overdue'>;

/** The stages in which the unit, not the office or a crawl, has to act (what a reminder is for, what its list counts). */
export const RECT_UNIT_TO_ACT: readonly RectificationStage[] = ['pending', 'plan-returned', 'in-progress', 'report-returned'];

/** What a unit submits in the loop (rectification_submissions.kind) and what the office decides of it. */
export const RECT_SUBMISSION = { plan: '整改方案', report: '整改情况' } as const;
export const RECT_OUTCOME = { accepted: '已采纳', returned: '已退回' } as const;

/** Whether the unit's 整改 of a finding kind closes on an accepted explanation alone (see FindingMeta.lasting). */
export function closesOnExplanation(kind: string): boolean {
  return findingMeta(kind)?.lasting === true;
}

/** Alert mails in the outbox. */
export const OUTBOX_STATUS = { pending: '待发送', sending: '发送中', sent: '已发送', failed: '发送失败' } as const;

/** What one line of an alert mail tells the unit. */
export const ALERT_LINE = {
  warning: COLUMN_STATUS.warning,
  overdue: '已超期',
  blank: COLUMN_STATUS.blank,
  late: FINDING_KINDS['late-disclosure'].title,
  recovered: '已恢复',
} as const;

/** An assessor's decisions on the score sheet (score_decisions.action). */
const DECISIONS: Record<string, string> = {
  confirm: '确认',
  override: '调整',
  manual: '人工评分',
  verdict: '认定弄虚作假',
  finalize: '定稿',
  unlock: '解锁',
};

/** A verdict decision with 无 withdraws the 弄虚作假 verdict in force: it reads as its own act. */
const WITHDRAW_VERDICT = '撤销弄虚作假认定';

export function decisionLabel(action: string, verdict?: string | null): string {
  return action === 'verdict' && verdict === '无' ? WITHDRAW_VERDICT : nameIn(DECISIONS, action);
}

/** What the audit log (audit_log.action) records of a score sheet and of the 依申请公开 register. */
const AUDIT_ACTIONS: Record<string, string> = {
  'score.unlock': '解锁评分表',
  'score.verdict': DECISIONS.verdict,
  'score.verdict-withdraw': WITHDRAW_VERDICT,
  'rect.issue': '下发整改',
  'rect.plan-submit': `提交${RECT_SUBMISSION.plan}`,
  'rect.report-submit': `提交${RECT_SUBMISSION.report}`,
  'rect.plan-accept': `采纳${RECT_SUBMISSION.plan}`,
  'rect.plan-return': `退回${RECT_SUBMISSION.plan}`,
  'rect.report-accept': `采纳${RECT_SUBMISSION.report}`,
  'rect.report-return': `退回${RECT_SUBMISSION.report}`,
  'rect.verified': `巡检核实：${RECTIFICATION.rectified}`,
  'rect.overdue': RECTIFICATION.overdue,
  'score.confirm-bulk': '一键确认建议分',
  'finding.confirm': '确认问题',
  'finding.dismiss': '排除问题',
  'finding.reopen': '恢复待复核',
  'register.import': '导入依申请公开登记表',
};

/** An assessor's review of a finding (findings.review). */
export const FINDING_REVIEW = { open: '待复核', confirmed: '已确认', dismissed: '已排除' } as const;

/** The acts of a review as the forms offer them (confirm, exclude, back to open). */
export const REVIEW_ACT = { confirm: '确认', dismiss: '排除', reopen: '恢复待复核' } as const;

/** Whether the latest assess still finds a finding. */
export const FINDING_PRESENCE = { active: '仍存在', resolved: '已消除' } as const;

export function auditActionLabel(action: string): string {
  return nameIn(AUDIT_ACTIONS, action);
}

/** A column class's update window (rules/columns.yaml), as the rules text writes it: 14 天, 6 个月, 1 年. */
export type UpdateWindow = { days: number } | { months: number };

/** The window in words; null for a class without one. */
export function windowText(window: UpdateWindow | undefined): string | null {
  if (!window) return null;
  if ('days' in window) return `${window.days} 天`;
  return window.months % 12 === 0 ? `${window.months / 12} 年` : `${window.months} 个月`;
}

/** The window as a label where one is always shown (更新时限 无). */
export function windowLabel(window: UpdateWindow | undefined): string {
  return windowText(window) ?? '无';
}
