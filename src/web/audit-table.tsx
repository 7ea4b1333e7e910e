import type { FC } from 'hono/jsx';
import type { AuditRow } from '../store/index.ts';
import { auditActionLabel } from '../shared/vocabulary.ts';
import { fmtTime } from './layout.tsx';

/** Entries of the audit log, newest first; an act without a user was the system's (a nightly verification). */
export const AuditTable: FC<{ rows: Array<AuditRow & { userName: string | null }>; system?: string }> = ({ rows, system = '—' }) => (
  <div class="table-wrap">
    <table>
      <thead><tr><th>时间</th><th>操作人</th><th>操作</th><th>说明</th></tr></thead>
      <tbody>
        {rows.map((a) => (
          <tr><td class="small">{fmtTime(a.at)}</td><td>{a.userName ?? system}</td><td>{auditActionLabel(a.action)}</td><td class="small">{a.detail ?? ''}</td></tr>
        ))}
      </tbody>
    </table>
  </div>
);
