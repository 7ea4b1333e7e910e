import type { FC } from 'hono/jsx';
import { Badge, fmtTime } from '../layout.tsx';
import type { FindingRow } from '../../store/index.ts';
import { findingMeta, findingTitle, RECTIFICATION } from '../../shared/vocabulary.ts';

type RectStatus = keyof typeof RECTIFICATION;
const RECT_TONE: Record<RectStatus, 'warn' | 'ok' | 'bad'> = { pending: 'warn', rectified: 'ok', overdue: 'bad' };

/** A rectification's state as a badge (the table's CHECK constraint allows only the registered states). */
export const RectBadge = ({ status }: { status: string }) => <Badge tone={RECT_TONE[status as RectStatus]}>{RECTIFICATION[status as RectStatus]}</Badge>;

const detailText = (json: string): string => {
  try {
    const d = JSON.parse(json) as { text?: unknown };
    return typeof d.text === 'string' ? d.text : '';
  } catch {
    return '';
  }
};

const evidenceIds = (json: string): number[] => {
  try {
    const v = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is number => Number.isInteger(x)) : [];
  } catch {
    return [];
  }
};

export const FindingsTable: FC<{ findings: FindingRow[] }> = ({ findings }) =>
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
              <td class="nw">{f.column_id ? <a href={`/columns/${f.column_id}`}>{f.column_name}</a> : '—'}</td>
              <td class="small">{detailText(f.detail_json)}{f.item_title ? <div class="muted">{`信息：${f.item_title}`}</div> : null}</td>
              <td class="small">{fmtTime(f.last_detected_at)}</td>
              <td>
                {f.rect_status ? <RectBadge status={f.rect_status} /> : <span class="muted">—</span>}
                {f.rect_deadline ? <div class="small muted">{`期限 ${f.rect_deadline}`}</div> : null}
              </td>
              <td class="small">
                {evidenceIds(f.evidence_json).map((id, i) => (
                  <>
                    {i ? ' ' : ''}
                    <a href={`/evidence/${id}`}>{`#${id}`}</a>
                  </>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
