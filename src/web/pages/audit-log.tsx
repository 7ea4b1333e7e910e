import { fmtTime } from '../layout.tsx';
import type { AuditRow } from '../../store/index.ts';
import { auditActionLabel } from '../../shared/vocabulary.ts';

/** A target's audit log under its heading, newest first; nothing at all while it is empty. An act without a user was the system's (a nightly verification). */
export const AuditLog = ({ title, rows, id, system = '—' }: { title: string; rows: Array<AuditRow & { userName: string | null }>; id?: string; system?: string }) =>
  rows.length ? (
    <>
      <h2>{title}</h2>
      <div class="table-wrap">
        <table id={id}>
          <thead><tr><th>时间</th><th>操作人</th><th>操作</th><th>说明</th></tr></thead>
          <tbody>
            {rows.map((a) => (
              <tr><td class="small">{fmtTime(a.at)}</td><td>{a.userName ?? system}</td><td>{auditActionLabel(a.action)}</td><td class="small">{a.detail ?? ''}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  ) : null;
