import { describe, expect, it } from 'vitest';
import { Fixture } from '../assess/fixture.ts';
import { loadRules } from '../../src/config/rules.ts';
import { decideRectification, issueRectifications, nextStage, submitRectification, verifyRectifications } from '../../src/assess/rectifications.ts';
import { InputError } from '../../src/shared/errors.ts';
import { readSubmission, MAX_ATTACHMENT_BYTES } from '../../src/web/uploads.ts';
import { enqueueRectNotices, rectificationNotices } from '../../src/alerts/rectification-mail.ts';
import { getRectification, rectificationsPage, openRectifications } from '../../src/store/rectifications.ts';
import { addDays, shanghaiDay } from '../../src/shared/time.ts';
import { buildWebFixture } from './fixture.ts';
import { dashboardFor, loginAs } from './helpers.ts';

const rules = loadRules();
const TODAY = '2026-07-01';

function setup() {
  const f = new Fixture();
  f.unit('xc', '新厂街道办事处');
  const col = f.column('xc', '工作动态', '动态要闻');
  const finding = (identity: string, kind: string, detail: Record<string, unknown> = { text: '说明' }) =>
    Number(
      f.db
        .prepare(
          `INSERT INTO findings (identity, kind, unit_id, column_id, year, detail_json, first_detected_at, last_detected_at, rules_version)
           VALUES (?, ?, 'xc', ?, 2026, ?, '2026-06-01T00:00:00Z', '2026-06-01T00:00:00Z', 'v')`,
        )
        .run(identity, kind, col, JSON.stringify(detail)).lastInsertRowid,
    );
  return { f, db: f.db, finding };
}

const issue = (db: Fixture['db'], ids: number[], deadline = '2026-07-31') => issueRectifications(db, rules, { findingIds: ids, deadline, note: null, userId: null, today: TODAY });
const submit = (db: Fixture['db'], id: number, kind: 'plan' | 'report') => submitRectification(db, { rectificationId: id, kind, body: '整改措施和完成时间说明', files: [], userId: null, today: TODAY });
const decide = (db: Fixture['db'], id: number, outcome: 'accepted' | 'returned', reason: string | null = null) => decideRectification(db, { rectificationId: id, outcome, reason, userId: null });
const errorOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('expected a refusal');
};

describe('整改 state machine', () => {
  it('refuses illegal transitions with a Chinese message naming the stage and what it allows', () => {
    expect(errorOf(() => nextStage('pending', 'report-submit'))).toBe('该整改当前为“待提交方案”，不能提交整改情况。此时可以：提交整改方案。');
    expect(errorOf(() => nextStage('plan-review', 'plan-submit'))).toContain('此时可以：采纳整改方案、退回整改方案');
    expect(errorOf(() => nextStage('rectified', 'plan-accept'))).toContain('该整改已结束');
    expect(nextStage('plan-returned', 'plan-submit')).toBe('plan-review');
    expect(nextStage('report-returned', 'report-submit')).toBe('report-review');
  });

  it('walks plan → return → plan → accept → report, a return needs a reason, nothing changes on a refusal', () => {
    const { db, finding } = setup();
    const [id] = issue(db, [finding('s', 'stale-episode', { text: '超期', from: '2026-05-01', to: null })]).issued;
    expect(getRectification(db, id)!.planDue).toBe('2026-07-08'); // 5 working days after 2026-07-01
    expect(errorOf(() => decide(db, id, 'accepted'))).toContain('待提交方案');
    expect(submit(db, id, 'plan')).toBe('plan-review');
    expect(errorOf(() => decide(db, id, 'returned'))).toContain('须填写理由');
    expect(getRectification(db, id)!.status).toBe('plan-review');
    expect(decide(db, id, 'returned', '措施不具体')).toBe('plan-returned');
    expect(submit(db, id, 'plan')).toBe('plan-review');
    expect(decide(db, id, 'accepted')).toBe('in-progress');
    expect(submit(db, id, 'report')).toBe('report-review');
    // Still found by the crawl: accepted, but waiting for a crawl to prove it.
    expect(decide(db, id, 'accepted')).toBe('verifying');
    const actions = db.prepare("SELECT action FROM audit_log WHERE target = ? ORDER BY id").all(`rect:${id}`).map((r) => (r as { action: string }).action);
    expect(actions).toEqual(['rect.issue', 'rect.plan-submit', 'rect.plan-return', 'rect.plan-submit', 'rect.plan-accept', 'rect.report-submit', 'rect.report-accept']);
  });

  it('closes a crawl-verifiable finding only when a crawl proves the fix AND the 整改情况 is accepted; a lasting one on the accepted explanation', () => {
    const { db, finding } = setup();
    const stale = finding('s', 'stale-episode', { text: '超期', from: '2026-05-01', to: null });
    const blank = finding('b', 'blank-column');
    const late = finding('l', 'late-disclosure');
    const backdated = finding('d', 'back-dated');
    const [rs, rb, rl, rd] = issue(db, [stale, blank, late, backdated]).issued;
    // The blank column is filled before the unit reports: the crawl alone does not close it.
    db.prepare('UPDATE findings SET active = 0 WHERE id = ?').run(blank);
    expect(verifyRectifications(db, TODAY)).toEqual({ rectified: 0, overdue: 0 });
    for (const id of [rs, rb, rl, rd]) {
      submit(db, id, 'plan');
      decide(db, id, 'accepted');
      submit(db, id, 'report');
    }
    expect(decide(db, rb, 'accepted')).toBe('rectified'); // the crawl already proved it
    expect(decide(db, rl, 'accepted')).toBe('rectified'); // 逾期公开: explanation and commitment
    expect(decide(db, rd, 'accepted')).toBe('rectified'); // 疑似倒签 likewise
    expect(decide(db, rs, 'accepted')).toBe('verifying');
    expect(verifyRectifications(db, TODAY)).toEqual({ rectified: 0, overdue: 0 });
    // A later assess finds the stale stretch ended.
    db.prepare('UPDATE findings SET detail_json = ? WHERE id = ?').run(JSON.stringify({ text: '超期', from: '2026-05-01', to: '2026-07-03' }), stale);
    expect(verifyRectifications(db, '2026-07-04')).toEqual({ rectified: 1, overdue: 0 });
    expect(rectificationsPage(db, { year: 2026 }, { limit: 100, offset: 0 }).rows.map((r) => r.status)).toEqual(['rectified', 'rectified', 'rectified', 'rectified']);
  });

  it('marks a row overdue once past its deadline whatever its stage, and never a rectified one', () => {
    const { db, finding } = setup();
    const [a, b] = issue(db, [finding('a', 'dead-link'), finding('b', 'late-disclosure')]).issued;
    submit(db, b, 'plan');
    decide(db, b, 'accepted');
    submit(db, b, 'report');
    decide(db, b, 'accepted');
    expect(verifyRectifications(db, '2026-08-01')).toEqual({ rectified: 0, overdue: 1 });
    expect(verifyRectifications(db, '2026-08-02')).toEqual({ rectified: 0, overdue: 0 });
    expect(getRectification(db, a)!.overdueAt).not.toBeNull();
    expect(getRectification(db, a)!.status).toBe('pending');
    expect(getRectification(db, b)!.overdueAt).toBeNull();
  });

  it('issues in bulk, skipping findings already issued, excluded or no longer found', () => {
    const { db, finding } = setup();
    const ids = [finding('1', 'dead-link'), finding('2', 'dead-link'), finding('3', 'dead-link'), finding('4', 'dead-link')];
    issue(db, [ids[0]]);
    db.prepare("UPDATE findings SET review = 'dismissed' WHERE id = ?").run(ids[1]);
    db.prepare('UPDATE findings SET active = 0 WHERE id = ?').run(ids[2]);
    const r = issue(db, [...ids, ids[3], 999]);
    expect(r).toMatchObject({ alreadyIssued: 1, notIssuable: 3 });
    expect(r.issued).toHaveLength(1);
    expect(errorOf(() => issue(db, [ids[3]], TODAY))).toBe('整改期限应晚于今天。');
  });
});

describe('整改 uploads', () => {
  // Each format as its files begin, padded to `size` bytes.
  const HEADS: Record<string, Buffer> = {
    pdf: Buffer.from('%PDF-1.7\n'),
    jpg: Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
    png: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    xlsx: Buffer.from('PK\x03\x04', 'latin1'),
    doc: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
  };
  const file = (name: string, size: number, head = HEADS[name.split('.').pop()!] ?? Buffer.alloc(0)) =>
    new File([Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length), 0x20)]).subarray(0, size)], name);
  it('accepts documents and scans within the limits and names every refused file in Chinese', async () => {
    const ok = await readSubmission({ kind: 'plan', body: '一二三四五六七八九十', files: [file('方案.pdf', 10), new File([], '')] });
    expect(ok).toMatchObject({ ok: true, kind: 'plan' });
    expect(ok.ok && ok.files.map((f) => [f.name, f.mime, f.bytes.length])).toEqual([['方案.pdf', 'application/pdf', 10]]);
    const bad = await readSubmission({ kind: 'plan', body: '太短', files: [file('a.exe', 5), file('b.pdf', MAX_ATTACHMENT_BYTES + 1), file('c.png', 0)] });
    expect(bad.ok).toBe(false);
    const errors = bad.ok ? [] : bad.errors;
    expect(errors.join('\n')).toContain('说明至少写 10 个字');
    expect(errors.join('\n')).toContain('附件“a.exe”的类型不能上传');
    expect(errors.join('\n')).toContain('附件“b.pdf”有 10.0 MB，超过每个附件 10 MB 的上限');
    expect(errors.join('\n')).toContain('附件“c.png”是空文件');
    const many = await readSubmission({ kind: 'report', body: '一二三四五六七八九十', files: Array.from({ length: 6 }, (_, i) => file(`${i}.jpg`, 3)) });
    expect(many.ok ? [] : many.errors).toEqual(['最多上传 5 个附件']);
  });

  it('keeps a file only when its content is what its extension says, and names each one that is not', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('整改情况说明', 'utf16le')]);
    const good = [file('照片.jpg', 64), file('截图.png', 64), file('台账.xlsx', 64), file('旧方案.doc', 64), new File([utf16], '记事本.txt')];
    const ok = await readSubmission({ kind: 'report', body: '一二三四五六七八九十', files: good });
    expect(ok.ok && ok.files.map((f) => f.mime)).toEqual(['image/jpeg', 'image/png', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/msword', 'text/plain']);
    const renamed = [file('方案.pdf', 64, Buffer.from('<html><script>alert(1)</script>')), file('截图.png', 64, HEADS.jpg), file('数据.txt', 64, Buffer.from([0x4d, 0x5a, 0x90, 0x00])), file('报告.docx', 64, HEADS.doc)];
    const bad = await readSubmission({ kind: 'report', body: '一二三四五六七八九十', files: [new File(['整改完成'], '说明.txt'), ...renamed] });
    expect(bad.ok ? [] : bad.errors.map((e) => e.slice(0, e.indexOf('（')))).toEqual([
      '附件“方案.pdf”的内容不是PDF文件',
      '附件“截图.png”的内容不是PNG图片',
      '附件“数据.txt”的内容不是文本文件',
      '附件“报告.docx”的内容不是Word文档',
    ]);
    expect(bad.ok ? '' : bad.errors[0]).toContain('可能选错了文件，或只改了扩展名');
  });
});

describe('整改 mails', () => {
  it('owes a notice on issue, a reminder in the window while the unit has to act, an overdue notice after; each enqueued once', () => {
    const { db, finding } = setup();
    const [a, b] = issue(db, [finding('a', 'dead-link'), finding('b', 'blank-column')]).issued;
    submit(db, b, 'plan'); // b waits on the office: no reminder for it
    const units = new Map([['xc', { id: 'xc', name: '新厂街道办事处', contacts: [{ email: 'xc@example.org' }] }]]);
    const owed = (day: string) => rectificationNotices(openRectifications(db), units, day, (d) => (d === '2026-07-31' ? '2026-07-28' : null)).map((n) => n.key);
    expect(owed('2026-07-02')).toEqual([`rect:${a}:issued`, `rect:${b}:issued`]);
    expect(owed('2026-07-28')).toEqual([`rect:${a}:issued`, `rect:${a}:reminder:2026-07-31`, `rect:${b}:issued`]);
    expect(owed('2026-08-01')).toEqual([`rect:${a}:issued`, `rect:${a}:overdue`, `rect:${b}:issued`, `rect:${b}:overdue`]);
    const notices = rectificationNotices(openRectifications(db), units, '2026-08-01', () => null);
    const first = enqueueRectNotices(db, notices, '2026-08-01', { from: 'zwgk@example.org', baseUrl: 'http://dash.example/' });
    expect(first).toHaveLength(4);
    expect(enqueueRectNotices(db, notices, '2026-08-01', { from: 'zwgk@example.org' })).toHaveLength(0);
    const overdue = first.find((m) => m.key === `rect:${a}:overdue`)!;
    expect(overdue.subject).toBe('【政务公开整改逾期】新厂街道办事处：链接失效（整改期限 2026-07-31）');
    expect(overdue.text).toContain(`http://dash.example/rectifications/${a}`);
    expect(overdue.to).toEqual(['xc@example.org']);
    // A 整改 notice never absorbs the day's alert lines.
    expect((db.prepare("SELECT count(*) n FROM alerts_outbox WHERE kind = 'rectification'").get() as { n: number }).n).toBe(4);
  });
});

describe('issuing a checked selection over HTTP', () => {
  it('issues the checked findings with one deadline and says how many were skipped', async () => {
    const fx = await buildWebFixture({ canary: 'http://127.0.0.1:9' });
    const d = dashboardFor(fx);
    const l = loginAs(fx, fx.users.assessor);
    const ids = (fx.db.prepare('SELECT id FROM findings ORDER BY id').all() as Array<{ id: number }>).map((r) => r.id);
    const body = new URLSearchParams([['_csrf', l.csrf], ...ids.map((id) => ['findingIds', String(id)]), ['deadline', addDays(shanghaiDay(), 20)], ['note', '请按期整改']]);
    const post = (b: URLSearchParams) =>
      d.app.request('/rectifications', { method: 'POST', headers: { cookie: l.cookie, origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded' }, body: b.toString(), redirect: 'manual' });
    const res = await post(body);
    expect(res.status).toBe(303);
    // The fixture's stale finding was issued before: the other three are issued, it is skipped.
    expect(res.headers.get('location')).toBe('/rectifications?issued=3&skipped=1');
    const page = await (await d.app.request(res.headers.get('location')!, { headers: { cookie: l.cookie } })).text();
    expect(page).toContain('已下发 3 项整改，跳过 1 项');
    // The notice is said once: the tables' links do not carry it to the next page.
    expect(page).not.toMatch(/href="[^"]*issued=/);
    expect((fx.db.prepare("SELECT count(*) n FROM audit_log WHERE action = 'rect.issue'").get() as { n: number }).n).toBe(3);
    const none = await post(new URLSearchParams([['_csrf', l.csrf], ['deadline', addDays(shanghaiDay(), 20)]]));
    expect(none.status).toBe(400);
    expect(await none.text()).toContain('请先勾选要下发整改的问题');
  }, 120_000);
});

describe('the 整改 page at the scale of a district', () => {
  it('pages and filters the issued 整改 and the findings waiting to be issued, each by its own parameters, and exports what it shows', async () => {
    const fx = await buildWebFixture({ canary: 'http://127.0.0.1:9' });
    const d = dashboardFor(fx);
    const l = loginAs(fx, fx.users.assessor);
    const unitId = fx.own.unitId;
    const col = (fx.db.prepare('SELECT id FROM columns WHERE unit_id = ? LIMIT 1').get(unitId) as { id: number }).id;
    const add = fx.db.prepare(
      `INSERT INTO findings (identity, kind, unit_id, column_id, year, detail_json, first_detected_at, last_detected_at, rules_version)
       VALUES (?, 'dead-link', ?, ?, 2026, ?, '2026-06-01T00:00:00Z', '2026-06-01T00:00:00Z', 'v')`,
    );
    const ids = Array.from({ length: 70 }, (_, i) => Number(add.run(`bulk-${i}`, unitId, col, JSON.stringify({ text: `链接失效 ${i}` })).lastInsertRowid));
    issueRectifications(fx.db, rules, { findingIds: ids.slice(0, 60), deadline: '2026-12-31', note: null, userId: null, today: TODAY });
    fx.db.prepare("UPDATE rectifications SET overdue_at = '2026-08-01T00:00:00Z' WHERE id IN (SELECT id FROM rectifications ORDER BY id DESC LIMIT 7)").run();
    const get = async (url: string) => {
      const res = await d.app.request(url, { headers: { cookie: l.cookie } });
      return { status: res.status, text: await res.text(), type: res.headers.get('content-type') ?? '' };
    };
    const total = (html: string, id: string) => Number(new RegExp(`id="${id}-count" data-total="(\\d+)"`).exec(html)?.[1]);
    const rows = (html: string, id: string) => (new RegExp(`<table id="${id}">([\\s\\S]*?)</table>`).exec(html)?.[1].match(/<tr/g)?.length ?? 1) - 1;
    const issued = (fx.db.prepare('SELECT count(*) n FROM rectifications').get() as { n: number }).n;
    const waiting = (fx.db.prepare("SELECT count(*) n FROM findings f WHERE active = 1 AND review != 'dismissed' AND NOT EXISTS (SELECT 1 FROM rectifications r WHERE r.finding_id = f.id)").get() as { n: number }).n;

    const first = await get('/rectifications');
    expect(first.status).toBe(200);
    expect(total(first.text, 'rects')).toBe(issued);
    expect(rows(first.text, 'rects')).toBe(50);
    expect(total(first.text, 'issuable')).toBe(waiting);
    expect(first.text).toContain('href="/rectifications?page=2"');

    // The second table's parameters carry their prefix: paging one never moves the other.
    const both = await get('/rectifications?page=2&f_kind=dead-link');
    expect(rows(both.text, 'rects')).toBe(issued - 50);
    expect(total(both.text, 'issuable')).toBe(10);
    expect(both.text).toContain('name="f_kind"');

    const overdue = await get('/rectifications?state=overdue');
    expect(total(overdue.text, 'rects')).toBe(7);
    const csv = await get('/rectifications?state=overdue&export=csv');
    expect(csv.type).toContain('text/csv');
    expect(csv.text.trim().split('\n').length).toBe(1 + 7);
    // The waiting findings' file holds their facts, not the page's checkbox column.
    const waitingCsv = await get('/rectifications?f_export=csv');
    expect(waitingCsv.text.replace(/^\uFEFF/, '').split('\n')[0]).toBe('单位,问题,栏目,说明');
    expect(waitingCsv.text.trim().split('\n').length).toBe(1 + waiting);

    const bad = await get('/rectifications?state=nonsense&f_page=x');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('状态“nonsense”不在可选范围内');
    expect(bad.text).toContain('页码应为');

    // The unit's own list pages the same way.
    const own = await d.app.request(`/units/${unitId}/rectifications?size=20`, { headers: { cookie: loginAs(fx, fx.users.own).cookie } });
    const ownText = await own.text();
    expect(total(ownText, 'rects')).toBe(issued);
    expect(rows(ownText, 'rects')).toBe(20);
  }, 120_000);
});
