import { basename } from 'node:path';
import { z } from 'zod';
import type { Ctx } from '../env.ts';
import { Csrf, fmtTime, Layout } from '../layout.tsx';
import { render } from '../render.ts';
import { activeUnits, appendAudit, auditFor, registerCounts } from '../../store/index.ts';
import { cellErrorText, checkRegister, commitRegister, REGISTER_COLUMNS, runAssess, type RegisterCheck } from '../../assess/index.ts';
import { InputError } from '../../shared/errors.ts';
import { shanghaiDay } from '../../shared/time.ts';
import { AuditLog } from './audit-log.tsx';

/**
 * 依申请公开登记 on the dashboard: upload a register (CSV/XLSX), see what it would import, then 确认导入. The
 * check is the CLI's (checkRegister), so the same rows fail with the same words.
 */

/** A register of a few thousand applications is well under 1 MB; the limit leaves room for formatted XLSX. */
export const REGISTER_MAX_BYTES = 5 * 1024 * 1024;

const AUDIT_TARGET = 'register';
/** Errors and applications listed on the preview; the count says how many more there are. */
const ROWS_SHOWN = 200;

type Session = Parameters<typeof Csrf>[0]['session'];

const UploadForm = ({ session }: { session: Session }) => (
  <form method="post" action="/register/preview" enctype="multipart/form-data" id="register-upload">
    <Csrf session={session} />
    <label for="register-file">登记表文件（.csv 或 .xlsx，不超过 5 MB）</label>
    <input type="file" id="register-file" name="file" accept=".csv,.xlsx" required />
    <button type="submit" class="primary">上传并预览</button>
  </form>
);

async function registerPage(c: Ctx, msg: { error?: string; notice?: string } = {}, status = 200) {
  const { db } = c.get('deps');
  const session = c.get('session')!;
  const counts = new Map(registerCounts(db).map((r) => [r.unitId, r]));
  const audit = auditFor(db, AUDIT_TARGET, 20);
  return render(
    c,
    <Layout title="依申请公开登记" session={session} active="register">
      {msg.error ? <div class="error" id="register-error">{msg.error}</div> : null}
      {msg.notice ? <div class="notice" id="register-notice">{msg.notice}</div> : null}
      <div class="card w520">
        <h3>导入登记表</h3>
        <p class="small">
          {`第 1 行为表头：${REGISTER_COLUMNS.join('、')}；其后每行一件申请。单位填计划中的单位名称或编号；日期写成 2026-03-05（也可写 2026/3/5、2026年3月5日）；尚未答复的答复日期留空；是否延期填“是”或“否”。CSV 可以是 UTF-8，或 Excel 在中文 Windows 上另存的 GBK。`}
        </p>
        <p class="small muted">上传后先显示将导入的内容和发现的错误，确认后才写入；有任何错误时整表不导入。</p>
        <UploadForm session={session} />
      </div>
      <h2>已登记的申请</h2>
      <div class="table-wrap">
        <table class="sortable" id="register-units">
          <thead><tr><th data-sort>单位</th><th data-sort>类型</th><th data-sort class="num">申请件数</th><th data-sort>最近导入</th></tr></thead>
          <tbody>
            {activeUnits(db).map((u) => {
              const r = counts.get(u.id);
              return (
                <tr>
                  <td class="unit-name"><a href={`/units/${encodeURIComponent(u.id)}/score`} title={u.name}>{u.name}</a></td>
                  <td class="nw">{u.kind}</td>
                  <td class="num">{r?.entries ?? 0}</td>
                  <td class="small">{r ? fmtTime(r.lastImportedAt) : <span class="muted">未导入</span>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <AuditLog title="导入记录" rows={audit} id="register-audit" />
    </Layout>,
    status,
  );
}

const ImportedQuery = z.object({ imported: z.coerce.number().int().min(0).max(1_000_000).optional() });

export const getRegister = (c: Ctx) => {
  const q = ImportedQuery.safeParse({ imported: c.req.query('imported') });
  const n = q.success ? q.data.imported : undefined;
  return registerPage(c, n === undefined ? {} : { notice: `已导入 ${n} 件依申请公开记录，相关单位依申请公开时限的建议分已按新登记表重新计算。` });
};

/** What the file would import, per unit, and every bad cell; the confirm button only when nothing is wrong. */
async function previewPage(c: Ctx, check: RegisterCheck, token: string | null, status = 200) {
  const { db } = c.get('deps');
  const session = c.get('session')!;
  const names = new Map(activeUnits(db).map((u) => [u.id, u.name]));
  const perUnit = new Map<string, { n: number; from: string; to: string }>();
  for (const e of check.entries) {
    const p = perUnit.get(e.unitId);
    if (!p) perUnit.set(e.unitId, { n: 1, from: e.receivedOn, to: e.receivedOn });
    else Object.assign(p, { n: p.n + 1, from: e.receivedOn < p.from ? e.receivedOn : p.from, to: e.receivedOn > p.to ? e.receivedOn : p.to });
  }
  const ok = check.errors.length === 0;
  return render(
    c,
    <Layout title="依申请公开登记 · 导入预览" session={session} active="register" crumbs={<><a href="/register">依申请公开登记</a> / 预览</>}>
      {ok ? null : (
        <div class="error" id="register-error">{`登记表 ${check.name} 有 ${check.errors.length} 处错误，未导入任何记录。请按下表逐一修改后重新上传。`}</div>
      )}
      <div class="stats">
        <div class="stat"><div class="n" id="preview-rows">{check.rows}</div><div class="l">数据行</div></div>
        <div class="stat"><div class="n" id="preview-units">{perUnit.size}</div><div class="l">涉及单位</div></div>
        <div class="stat"><div class={`n ${ok ? '' : 'count-bad'}`} id="preview-errors">{check.errors.length}</div><div class="l">错误</div></div>
      </div>
      {ok && token ? (
        <div class="card w520">
          <p>{`将从 ${check.name} 导入 ${check.entries.length} 件申请。导入后不能在看板上撤销，请核对下表。`}</p>
          <form method="post" action="/register/confirm" class="inline">
            <Csrf session={session} />
            <input type="hidden" name="token" value={token} />
            <button type="submit" class="primary" id="register-confirm">{`确认导入 ${check.entries.length} 件`}</button>
          </form>{' '}
          <a href="/register">取消</a>
        </div>
      ) : (
        <div class="card w520"><UploadForm session={session} /></div>
      )}
      {check.errors.length ? (
        <>
          <h2>错误</h2>
          <div class="table-wrap">
            <table id="preview-error-table">
              <thead><tr><th class="num">行</th><th>列</th><th>问题与改法</th></tr></thead>
              <tbody>
                {check.errors.slice(0, ROWS_SHOWN).map((e) => (
                  <tr title={cellErrorText(e)}><td class="num">{e.row}</td><td class="nw">{e.column}</td><td>{e.message}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
          {check.errors.length > ROWS_SHOWN ? <p class="muted small">{`只列出前 ${ROWS_SHOWN} 处，另有 ${check.errors.length - ROWS_SHOWN} 处。`}</p> : null}
        </>
      ) : null}
      <h2>各单位申请</h2>
      <div class="table-wrap">
        <table id="preview-per-unit">
          <thead><tr><th>单位</th><th class="num">申请件数</th><th>收到日期范围</th></tr></thead>
          <tbody>
            {[...perUnit].map(([id, p]) => (
              <tr><td class="unit-name"><span title={names.get(id) ?? id}>{names.get(id) ?? id}</span></td><td class="num">{p.n}</td><td class="nw">{p.from === p.to ? p.from : `${p.from} 至 ${p.to}`}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
      {check.entries.length ? (
        <>
          <h2>{ok ? '将导入的申请' : '可读出的申请'}</h2>
          <div class="table-wrap">
            <table id="preview-entries">
              <thead><tr><th>单位</th><th>申请编号</th><th>收到日期</th><th>答复日期</th><th>是否延期</th></tr></thead>
              <tbody>
                {check.entries.slice(0, ROWS_SHOWN).map((e) => (
                  <tr><td class="unit-name"><span title={names.get(e.unitId) ?? e.unitId}>{names.get(e.unitId) ?? e.unitId}</span></td><td>{e.appNo}</td><td class="nw">{e.receivedOn}</td><td class="nw">{e.repliedOn ?? '尚未答复'}</td><td>{e.extended ? '是' : '否'}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
          {check.entries.length > ROWS_SHOWN ? <p class="muted small">{`只列出前 ${ROWS_SHOWN} 件，另有 ${check.entries.length - ROWS_SHOWN} 件。`}</p> : null}
        </>
      ) : null}
    </Layout>,
    status,
  );
}

// A browser sends the file's own name; only its last segment is kept, and bounded, since it is shown and logged.
const UploadBody = z.object({
  file: z.instanceof(File, { error: '请选择要上传的登记表文件（.csv 或 .xlsx）。' }).refine((f) => f.size > 0, '上传的文件是空的。请选择填好的登记表。'),
});

export async function postRegisterPreview(c: Ctx) {
  const f = UploadBody.safeParse(await c.req.parseBody());
  if (!f.success) return registerPage(c, { error: f.error.issues[0].message }, 400);
  const name = basename(f.data.file.name.replace(/\\/g, '/')).slice(-120) || '登记表';
  const bytes = Buffer.from(await f.data.file.arrayBuffer());
  const { db, uploads } = c.get('deps');
  let check: RegisterCheck;
  try {
    check = await checkRegister(db, bytes, name);
  } catch (e) {
    if (e instanceof InputError) return registerPage(c, { error: e.message }, 400);
    throw e;
  }
  const token = check.errors.length ? null : uploads.put(c.get('session')!.id, name, bytes).token;
  return previewPage(c, check, token, check.errors.length ? 400 : 200);
}

const ConfirmForm = z.object({ token: z.string().min(1).max(100) });

export async function postRegisterConfirm(c: Ctx) {
  const { db, uploads, rules, year, period, countWorkdays } = c.get('deps');
  const session = c.get('session')!;
  const f = ConfirmForm.safeParse(await c.req.parseBody());
  const upload = f.success ? uploads.take(f.data.token, session.id) : undefined;
  if (!upload) {
    return registerPage(c, { error: '这次上传的预览已失效：预览只保留 30 分钟，且每次上传只能确认导入一次。请重新上传登记表。' }, 400);
  }
  // Checked again against the register as it is now: another import since the preview may have taken an 申请编号.
  const check = await checkRegister(db, upload.bytes, upload.name);
  if (check.errors.length) return previewPage(c, check, null, 400);
  let done: { imported: number; units: string[] } = { imported: 0, units: [] };
  db.transaction(() => {
    done = commitRegister(db, check, `看板上传：${upload.name}`);
    appendAudit(db, session.user.id, 'register.import', AUDIT_TARGET, `${upload.name}：${done.imported} 件，${done.units.length} 个单位（${done.units.join('、')}），SHA-256 ${upload.sha256}`);
  }).immediate();
  // 公开时限-2 reads the register: the affected units' suggestions are brought up to date now, not next night.
  const today = shanghaiDay();
  runAssess(db, { rules, year, period, asOf: today < period.to ? today : period.to, countWorkdays, unitIds: done.units });
  return c.redirect(`/register?imported=${done.imported}`, 303);
}
