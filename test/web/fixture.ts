import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync, gzipSync } from 'node:zlib';
import { Fixture } from '../assess/fixture.ts';
import { loadRules, rubricItems, type Rules } from '../../src/config/rules.ts';
import { upsertSuggestion } from '../../src/store/scores.ts';
import { createEvidenceStore } from '../../src/evidence/index.ts';
import { createUser, type User } from '../../src/store/users.ts';
import { hashPassword } from '../../src/web/password.ts';
import type { DB } from '../../src/store/db.ts';

export const PASSWORD = '考核专用密码2026';
export const YEAR = 2026;
export const PERIOD = { from: '2026-01-01', to: '2026-12-31' };

/** Markup that must stay inert wherever it is shown. */
export const HOSTILE_TEXT = `<script>alert("t")</script><img src=x onerror=alert("i")><svg onload=alert("s")>`;

/** A captured page that tries everything: script, handlers, refresh, base, javascript: links, loads from the canary. */
export function hostilePage(canary: string): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="refresh" content="0;url=${canary}/refresh">
<base href="${canary}/base/">
<link rel="stylesheet" href="${canary}/style.css">
<script src="${canary}/ext.js"></script>
<title>新厂街道 工作动态</title></head>
<body>
<script>alert('script'); fetch('${canary}/fetch'); parent.document.body.innerHTML = 'pwned';</script>
<img src="x" onerror="alert('onerror'); new Image().src='${canary}/onerror'">
<img src="${canary}/img.png" alt="">
<svg onload="alert('svg')"><circle r="5"/></svg>
<iframe src="${canary}/frame"></iframe>
<h1>工作动态</h1>
<ul class="list">
  <li><a href="javascript:alert('js-link')">新厂街道召开政务公开工作推进会</a><span class="date">2026-05-12</span></li>
  <li><a href="relative.html">关于开展安全生产检查的通知</a><span class="date">2026-04-28</span></li>
</ul>
<form action="${canary}/form"><input name="q" autofocus onfocus="alert('focus')"></form>
</body></html>`;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (b: Buffer) => {
  let c = 0xffffffff;
  for (const x of b) c = CRC_TABLE[(c ^ x) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type: string, data: Buffer) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
};

/** A screenshot stand-in: a light page with a dark header band, as a valid RGB PNG. */
function screenshotPng(w = 480, h = 300): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const o = y * (w * 3 + 1) + 1 + x * 3;
      const band = y < 50 ? [164, 38, 44] : y % 30 < 2 && x > 30 && x < w - 30 ? [200, 200, 205] : [250, 250, 250];
      raw.set(band, o);
    }
  }
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

export function writeSnapshot(dir: string, body: Buffer | string): string {
  const buf = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  const sha = createHash('sha256').update(buf).digest('hex');
  mkdirSync(join(dir, sha.slice(0, 2)), { recursive: true });
  writeFileSync(join(dir, sha.slice(0, 2), `${sha}.gz`), gzipSync(buf));
  return sha;
}

/** The error of the visit the auditor's full disk cut short (人事信息 of 新厂街道, 2026-11-26). */
export const DISK_FULL = '证据快照无法写入 /srv/zwgk/snapshots：磁盘空间不足';

export interface WebFixture {
  db: DB;
  rules: Rules;
  snapshotsDir: string;
  users: { admin: User; assessor: User; own: User; other: User; spare: User };
  /** Resources of the unit the `own` user belongs to, and of another unit. */
  own: { unitId: string; columnId: number; blankColumnId: number; fetchId: number; hostileFetchId: number };
  other: { unitId: string; columnId: number; fetchId: number };
}

/**
 * A realistic store for the dashboard: two units (one 镇街, one 区直部门) with columns across the year,
 * items, visits with list-page snapshots, findings, suggestions, alerts, runs and users; titles, names
 * and one snapshot are hostile.
 */
export async function buildWebFixture(opts: { canary: string }): Promise<WebFixture> {
  const f = new Fixture();
  const db = f.db;
  const rules = loadRules();
  const snapshotsDir = mkdtempSync(join(tmpdir(), 'zwgk-web-snap-'));

  const xc = f.unit('xinchang', '新厂街道办事处', '镇街');
  const jy = f.unit('jiaoyu', `区教育局${HOSTILE_TEXT}`, '区直部门');
  const xcNews = f.column(xc, '工作动态', '动态要闻');
  const xcNotice = f.column(xc, `通知公告${HOSTILE_TEXT}`, '通知公告');
  const xcBlank = f.column(xc, '人事信息', '人事');
  const jyNews = f.column(jy, '教育动态', '动态要闻');

  // Crawl nights through the year; list pages snapshotted.
  const listHtml = (title: string) => `<html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><ul><li>正常的列表页</li></ul></body></html>`;
  let lastRun = 0;
  const visitFetch: Record<number, number> = {};
  for (const day of ['2026-02-01', '2026-04-01', '2026-06-01', '2026-08-01', '2026-10-01', '2026-11-20']) {
    lastRun = f.run(day);
    for (const col of [xcNews, xcNotice, xcBlank, jyNews]) {
      const { fetchIds } = f.visit(col, lastRun, { outcome: col === xcBlank ? 'blank' : 'ok' });
      const sha = writeSnapshot(snapshotsDir, listHtml(`栏目列表 ${day}`));
      db.prepare("UPDATE fetches SET body_sha256 = ?, content_type = 'text/html', charset = 'utf-8' WHERE id = ?").run(sha, fetchIds[0]);
      visitFetch[col] = fetchIds[0];
    }
  }
  const failRun = f.run('2026-11-25');
  db.prepare("UPDATE crawl_runs SET status = 'partial' WHERE id = ?").run(failRun);
  f.visit(jyNews, failRun, { outcome: 'unreachable' });
  db.prepare("UPDATE column_visits SET error = '连接超时（30 秒）' WHERE run_id = ? AND column_id = ?").run(failRun, jyNews);
  // A night the auditor's own disk cut short for one column: its visit concluded nothing.
  const diskRun = f.run('2026-11-26');
  db.prepare("UPDATE crawl_runs SET status = 'failed' WHERE id = ?").run(diskRun);
  f.visit(xcBlank, diskRun, { outcome: null, complete: false, pages: 0, fault: 'auditor' });
  db.prepare('UPDATE column_visits SET error = ? WHERE run_id = ? AND column_id = ?').run(`${DISK_FULL}。请清理磁盘空间。`, diskRun, xcBlank);

  // The hostile capture: a browser fetch with a screenshot, saved through the evidence store (chained, hashed)
  // as page 2 of the own unit's last news visit.
  const hostileFetchId = createEvidenceStore(db, snapshotsDir).save(
    {
      requestUrl: 'http://portal.test/xinchang/gzdt/index_1.html',
      finalUrl: 'http://portal.test/xinchang/gzdt/index_1.html',
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8', server: `nginx${HOSTILE_TEXT}` },
      requestHeaders: { 'user-agent': 'zwgk-auditor' },
      body: Buffer.from(hostilePage(opts.canary), 'utf8'),
      text: hostilePage(opts.canary),
      charset: 'utf-8',
      fetcher: 'browser',
      fetchedAt: Fixture.at('2026-11-20', '02:01'),
      durationMs: 850,
      outcome: 'ok',
      screenshot: screenshotPng(),
      redirects: [],
      attempts: 1,
    },
    { runId: lastRun },
  );
  const lastNewsVisit = (db.prepare('SELECT max(id) id FROM column_visits WHERE column_id = ?').get(xcNews) as { id: number }).id;
  db.prepare('INSERT INTO visit_fetches (visit_id, fetch_id, page_no) VALUES (?, ?, 2)').run(lastNewsVisit, hostileFetchId);

  // Items: news every ~10 days with a gap in summer (a stale episode); notices twice; one hostile title.
  const days: string[] = [];
  for (let d = Date.parse('2026-01-03'); d <= Date.parse('2026-11-20'); d += 10 * 86_400_000) {
    const day = new Date(d).toISOString().slice(0, 10);
    if (day < '2026-06-10' || day > '2026-08-05') days.push(day);
  }
  days.forEach((day, i) =>
    f.item(xcNews, {
      title: i === 3 ? `新厂街道开展文明创建活动${HOSTILE_TEXT}` : `新厂街道工作动态第${i + 1}期`,
      publishedAt: day,
      documentDate: i % 4 === 0 ? null : day,
      firstSeenFetchId: visitFetch[xcNews],
      flags: i === 5 ? ['back-dated'] : [],
    }),
  );
  f.item(xcNotice, { title: '关于做好2026年度政务公开工作的通知', publishedAt: '2026-03-02', documentDate: '2026-01-20' });
  f.item(xcNotice, { title: '关于公布行政执法事项清单的公告', publishedAt: '2026-09-15', documentDate: '2026-09-10' });
  for (let i = 0; i < 12; i++) f.item(jyNews, { title: `教育动态${i + 1}`, publishedAt: `2026-${String(i + 1).padStart(2, '0')}-08`, documentDate: `2026-${String(i + 1).padStart(2, '0')}-02` });

  // Findings, as assess records them.
  const finding = (identity: string, kind: string, unit: string, col: number | null, text: string, evidence: number[]) =>
    Number(
      db
        .prepare(
          `INSERT INTO findings (identity, kind, unit_id, column_id, year, detail_json, evidence_json, first_detected_at, last_detected_at, rules_version)
           VALUES (?, ?, ?, ?, ?, ?, ?, '2026-08-01T18:00:00Z', '2026-11-20T18:00:00Z', ?)`,
        )
        .run(identity, kind, unit, col, YEAR, JSON.stringify({ text }), JSON.stringify(evidence), rules.version.id).lastInsertRowid,
    );
  const staleF = finding('stale:xc-news:2026-06-23', 'stale-episode', xc, xcNews, '工作动态 2026-06-23 至 2026-08-14 超过 14 天未更新，超期 52 天。', [visitFetch[xcNews]]);
  finding('blank:xc-hr', 'blank-column', xc, xcBlank, '人事信息 栏目没有任何信息。', [visitFetch[xcBlank]]);
  finding('backdated:xc-news:6', 'back-dated', xc, xcNews, `发布日期早于一次成功巡检，疑似倒签${HOSTILE_TEXT}`, [hostileFetchId]);
  finding('unreach:jy-news', 'unreachable-column', jy, jyNews, '教育动态 连续 3 晚无法访问。', [visitFetch[jyNews]]);
  db.prepare("INSERT INTO rectifications (finding_id, deadline, sent_at, status) VALUES (?, '2026-09-15', '2026-08-20T02:00:00Z', 'rectified')").run(staleF);

  // Suggestions for auto items (manual items have none).
  for (const unit of [xc, jy]) {
    for (const it of rubricItems(rules)) {
      if (it.mode !== 'auto') continue;
      const suggested = unit === xc ? Math.max(0, it.points - (it.code === '公开内容-1' ? 7 : 1)) : it.points;
      upsertSuggestion(db, {
        unitId: unit,
        year: YEAR,
        code: it.code,
        suggested,
        basis: `依据巡检证据计算：扣 ${it.points - suggested} 分${unit === jy ? HOSTILE_TEXT : ''}`,
        evidence: [visitFetch[unit === xc ? xcNews : jyNews]],
        rulesVersion: rules.version.id,
        asOf: '2026-11-20',
      });
    }
  }

  // Alerts and scheduled jobs.
  const alert = (key: string, unit: string, status: string, error: string | null) =>
    db
      .prepare(
        `INSERT INTO alerts_outbox (idem_key, unit_id, day, to_json, subject, text_body, html_body, status, attempts, last_error, created_at, sent_at)
         VALUES (?, ?, '2026-11-20', '["zhangsan@example.org"]', ?, '正文', '<p>正文</p>', ?, ?, ?, '2026-11-20T01:00:00Z', ?)`,
      )
      .run(key, unit, `【政务公开预警】${unit === xc ? '工作动态' : '教育动态'}即将超期`, status, status === 'failed' ? 5 : 1, error, status === 'sent' ? '2026-11-20T01:01:00Z' : null);
  alert('a1', xc, 'sent', null);
  alert('a2', jy, 'failed', '550 邮箱不存在');
  alert('a3', jy, 'pending', null);
  db.prepare("INSERT INTO job_runs (job, trigger, started_at, finished_at, status, detail) VALUES ('nightly', 'schedule', '2026-11-20T18:00:00Z', '2026-11-20T18:20:00Z', 'ok', '巡检 4 个栏目')").run();

  const hash = await hashPassword(PASSWORD);
  const mk = (name: string, role: 'admin' | 'assessor' | 'unit', unitId: string | null) => createUser(db, { name, role, unitId, passwordHash: hash });
  const users = {
    admin: mk('管理员', 'admin', null),
    assessor: mk('王考核', 'assessor', null),
    own: mk('新厂街道', 'unit', xc),
    other: mk('教育局', 'unit', jy),
    spare: mk('备用账号', 'assessor', null),
  };
  return {
    db,
    rules,
    snapshotsDir,
    users,
    own: { unitId: xc, columnId: xcNews, blankColumnId: xcBlank, fetchId: visitFetch[xcBlank], hostileFetchId },
    other: { unitId: jy, columnId: jyNews, fetchId: visitFetch[jyNews] },
  };
}
