import type { FC } from 'hono/jsx';
import { Badge, fmtTime } from '../layout.tsx';
import { YearLink } from '../year.tsx';
import type { ListedFinding } from '../../store/index.ts';
import { findingMeta, findingTitle, RECTIFICATION } from '../../shared/vocabulary.ts';

type RectStatus = keyof typeof RECTIFICATION;
const RECT_TONE: Record<RectStatus, 'warn' | 'ok' | 'bad'> = { pending: 'warn', rectified: 'ok', overdue: 'bad' };

/** A rectification's state as a badge (the table's CHECK constraint allows only the registered states). */
export const RectBadge = ({ status }: { status: string }) => <Badge tone={RECT_TONE[status as RectStatus]}>{RECTIFICATION[status as RectStatus]}</Badge>;

/** A finding's own sentence (its detail's text), for the tables that list findings. */
export const detailText = (detail: Record<string, unknown>): string => (typeof detail.text === 'string' ? detail.text : '');

const evidenceIds = (evidence: unknown[]): number[] => evidence.filter((x): x is number => Number.isInteger(x));

export const FindingsTable: FC<{ findings: ListedFinding[] }> = ({ findings }) =>
  findings.length === 0 ? (
    <p class="muted">未发现问题。</p>
  ) : (
    <div class="table-wrap">
      <table class="sortable">
        <thead>
          <tr>
            <th data-sort>问题</th><th data-sort>栏目</th><th>说明</th><th data-sort>最近发现</th><th data-sort>整改</th><th>证据</th>
          </tr>
        </thead>
        <tbody>
          {findings.map((f) => (
            <tr class={f.active ? '' : 'muted'}>
              <td>
                <span title={findingMeta(f.kind)?.description}>
                  <Badge tone={f.active ? (findingMeta(f.kind)?.integrity ? 'bad' : 'warn') : 'muted'}>{findingTitle(f.kind)}</Badge>
                </span>
                {f.active ? null : <span class="small"> 已消除</span>}
              </td>
              <td class="nw">{f.columnId ? <YearLink href={`/columns/${f.columnId}`}>{f.columnName}</YearLink> : '—'}</td>
              <td class="small">{detailText(f.detail)}{f.itemTitle ? <div class="muted">{`信息：${f.itemTitle}`}</div> : null}</td>
              <td class="small">{fmtTime(f.lastDetectedAt)}</td>
              <td>
                {f.rectStatus ? <RectBadge status={f.rectStatus} /> : <span class="muted">—</span>}
                {f.rectDeadline ? <div class="small muted">{`期限 ${f.rectDeadline}`}</div> : null}
              </td>
              <td class="small">
                {evidenceIds(f.evidence).map((id, i) => (
                  <>
                    {i ? ' ' : ''}
                    <YearLink href={`/evidence/${id}`}>{`#${id}`}</YearLink>
                  </>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
