import type { Ctx } from '../env.ts';
import { Badge, fmtTime, Layout } from '../layout.tsx';
import { render } from '../render.ts';
import { serveTable } from '../data-table.tsx';
import { countOutbox, digestsPage, listUnits, type OutboxStatus } from '../../store/index.ts';
import { OUTBOX_STATUS } from '../../shared/vocabulary.ts';
import { withYear } from '../year.tsx';

const OUTBOX_TONE: Record<keyof typeof OUTBOX_STATUS, 'ok' | 'warn' | 'bad' | 'info'> = { pending: 'warn', sending: 'info', sent: 'ok', failed: 'bad' };

const recipients = (to: unknown[]): string =>
  to.map((x) => (typeof x === 'string' ? x : typeof x === 'object' && x && 'address' in x ? String((x as { address: unknown }).address) : '')).join('，');

export async function getAlerts(c: Ctx) {
  const { db } = c.get('deps');
  const counts = countOutbox(db);
  const table = await serveTable(c, {
    id: 'alerts',
    fileName: '预警邮件',
    filters: { q: { placeholder: '搜索主题、单位、错误' }, unit: listUnits(db).map((u) => ({ id: u.id, name: u.name })), unitKind: true, state: OUTBOX_STATUS },
    load: (q, page) => digestsPage(db, { unitId: q.unit, unitKind: q.unitKind, status: q.state as OutboxStatus | undefined, q: q.q }, page),
    empty: '没有符合条件的预警邮件。',
    columns: [
      { header: '日期', text: (a) => a.day },
      { header: '单位', text: (a) => a.unitName, cell: (a) => <a href={withYear(c, `/units/${encodeURIComponent(a.unitId)}`)}>{a.unitName}</a> },
      { header: '收件人', text: (a) => recipients(a.to), cell: (a) => <span class="small">{recipients(a.to)}</span> },
      { header: '主题', text: (a) => a.subject },
      {
        header: '状态',
        text: (a) => OUTBOX_STATUS[a.status as keyof typeof OUTBOX_STATUS] ?? a.status,
        cell: (a) => (
          <>
            <Badge tone={OUTBOX_TONE[a.status as keyof typeof OUTBOX_STATUS] ?? 'info'}>{OUTBOX_STATUS[a.status as keyof typeof OUTBOX_STATUS] ?? a.status}</Badge>
            {a.sentAt ? <div class="small muted">{fmtTime(a.sentAt)}</div> : a.nextAttemptAt ? <div class="small muted">{`下次 ${fmtTime(a.nextAttemptAt)}`}</div> : null}
          </>
        ),
      },
      { header: '尝试', num: true, text: (a) => a.attempts },
      { header: '错误', text: (a) => a.lastError, cell: (a) => <span class="small">{a.lastError ?? ''}</span> },
    ],
  });
  if (table instanceof Response) return table;
  return render(
    c,
    <Layout title="预警邮件" session={c.get('session')} active="alerts">
      <div class="stats">
        {(['sent', 'pending', 'failed'] as const).map((s) => (
          <div class="stat"><div class={`n ${s === 'failed' && counts[s] ? 'count-bad' : ''}`}>{counts[s] ?? 0}</div><div class="l">{OUTBOX_STATUS[s]}</div></div>
        ))}
      </div>
      {table.view}
    </Layout>,
    table.problems.length ? 400 : 200,
  );
}
