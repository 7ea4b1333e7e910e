import type { FC } from 'hono/jsx';
import { Badge, fmtTime } from '../layout.tsx';
import type { ListedFinding } from '../../store/index.ts';

export const KIND_ZH: Record<string, string> = {
  'stale-episode': '超期未更新',
  'blank-column': '空白栏目',
  'late-disclosure': '公开超时',
  'missing-document-date': '缺成文日期',
  'published-before-document': '发布早于成文',
  'dead-link': '链接失效',
  'unreachable-column': '栏目无法访问',
  'back-dated': '疑似倒签发布日期',
  're-dated': '发布日期被改动',
};

const RECT_ZH: Record<string, [string, 'warn' | 'ok' | 'bad']> = {
  pending: ['整改中', 'warn'],
  rectified: ['已整改', 'ok'],
  overdue: ['逾期未整改', 'bad'],
};

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
                <Badge tone={f.active ? (f.kind === 'back-dated' || f.kind === 're-dated' ? 'bad' : 'warn') : 'muted'}>{KIND_ZH[f.kind] ?? f.kind}</Badge>
                {f.active ? null : <span class="small"> 已消除</span>}
              </td>
              <td class="nw">{f.columnId ? <a href={`/columns/${f.columnId}`}>{f.columnName}</a> : '—'}</td>
              <td class="small">{detailText(f.detail)}{f.itemTitle ? <div class="muted">{`信息：${f.itemTitle}`}</div> : null}</td>
              <td class="small">{fmtTime(f.lastDetectedAt)}</td>
              <td>
                {f.rectStatus ? <Badge tone={RECT_ZH[f.rectStatus][1]}>{RECT_ZH[f.rectStatus][0]}</Badge> : <span class="muted">—</span>}
                {f.rectDeadline ? <div class="small muted">{`期限 ${f.rectDeadline}`}</div> : null}
              </td>
              <td class="small">
                {evidenceIds(f.evidence).map((id, i) => (
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
