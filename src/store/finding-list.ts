import { stmt, type DB } from './db.ts';
import { toFinding, type Row, type StoredFinding } from './findings.ts';
import { likePattern, selectPage, type PageRequest, type PagedSelect, type TablePage } from './table-page.ts';

/**
 * The findings as the dashboard lists them (the unit page, the global 问题清单): filtered, paged and counted in SQL,
 * with where each was found, its latest 整改 and who reviewed it.
 */

/** What the state filter can ask for: a review state, whether the latest assess still finds it, or its 整改. */
export const FINDING_STATES = {
  open: "f.review = 'open'",
  confirmed: "f.review = 'confirmed'",
  dismissed: "f.review = 'dismissed'",
  active: 'f.active = 1',
  resolved: 'f.active = 0',
  'rect-none': 'NOT EXISTS (SELECT 1 FROM rectifications r WHERE r.finding_id = f.id)',
  'rect-open': `${latestRect('status')} != 'rectified'`,
  'rect-rectified': `${latestRect('status')} = 'rectified'`,
  'rect-overdue': `${latestRect('overdue_at')} IS NOT NULL AND ${latestRect('status')} != 'rectified'`,
} as const;
export type FindingState = keyof typeof FINDING_STATES;

function latestRect(field: 'id' | 'status' | 'deadline' | 'overdue_at'): string {
  return `(SELECT r.${field} FROM rectifications r WHERE r.finding_id = f.id ORDER BY r.id DESC LIMIT 1)`;
}

export interface FindingFilter {
  year: number;
  unitId?: string;
  unitKind?: string;
  columnClass?: string;
  kind?: string;
  state?: FindingState;
  /** Text searched in the finding's sentence, its column, its item and its unit's name. */
  q?: string;
  /** Only what can be sent for 整改: still found, not excluded, never issued. */
  issuable?: boolean;
}

export type ListedFinding = StoredFinding & {
  unitName: string;
  unitKind: string;
  columnName: string | null;
  columnClass: string | null;
  itemTitle: string | null;
  rectId: number | null;
  rectStatus: string | null;
  rectDeadline: string | null;
  /** Past its deadline and not rectified (a mark on whatever stage the 整改 is in). */
  rectOverdue: boolean;
  reviewerName: string | null;
};

type ListedRow = Row & {
  unit_name: string;
  unit_kind: string;
  column_name: string | null;
  column_class: string | null;
  item_title: string | null;
  rect_id: number | null;
  rect_status: string | null;
  rect_deadline: string | null;
  rect_overdue_at: string | null;
  reviewer_name: string | null;
};

function findingSelect(f: FindingFilter): PagedSelect {
  const where = ['f.year = @year'];
  if (f.unitId !== undefined) where.push('f.unit_id = @unitId');
  if (f.unitKind !== undefined) where.push('u.kind = @unitKind');
  if (f.columnClass !== undefined) where.push('c.class = @columnClass');
  if (f.kind !== undefined) where.push('f.kind = @kind');
  if (f.state !== undefined) where.push(FINDING_STATES[f.state]);
  if (f.issuable) where.push(`f.active = 1 AND f.review != 'dismissed' AND ${FINDING_STATES['rect-none']}`);
  if (f.q) where.push(`(f.detail_json LIKE @q ESCAPE '\\' OR c.name LIKE @q ESCAPE '\\' OR i.title LIKE @q ESCAPE '\\' OR u.name LIKE @q ESCAPE '\\')`);
  return {
    select: `f.*, u.name AS unit_name, u.kind AS unit_kind, c.name AS column_name, c.class AS column_class, i.title AS item_title,
             ${latestRect('id')} AS rect_id, ${latestRect('status')} AS rect_status, ${latestRect('deadline')} AS rect_deadline,
             ${latestRect('overdue_at')} AS rect_overdue_at, ru.name AS reviewer_name`,
    from: `findings f JOIN units u ON u.id = f.unit_id LEFT JOIN columns c ON c.id = f.column_id LEFT JOIN items i ON i.id = f.item_id
           LEFT JOIN users ru ON ru.id = f.reviewed_by`,
    where,
    // Still-found first, newest first; id keeps pages stable between requests.
    orderBy: 'f.active DESC, f.last_detected_at DESC, f.id DESC',
    params: { year: f.year, unitId: f.unitId, unitKind: f.unitKind, columnClass: f.columnClass, kind: f.kind, q: f.q ? likePattern(f.q) : undefined },
  };
}

const toListed = (r: ListedRow): ListedFinding => ({
  ...toFinding(r),
  unitName: r.unit_name,
  unitKind: r.unit_kind,
  columnName: r.column_name,
  columnClass: r.column_class,
  itemTitle: r.item_title,
  rectId: r.rect_id,
  rectStatus: r.rect_status,
  rectDeadline: r.rect_deadline,
  rectOverdue: r.rect_overdue_at !== null && r.rect_status !== 'rectified',
  reviewerName: r.reviewer_name,
});

export function findingsPage(db: DB, filter: FindingFilter, page: PageRequest): TablePage<ListedFinding> {
  const p = selectPage<ListedRow>(db, findingSelect(filter), page);
  return { rows: p.rows.map(toListed), total: p.total };
}

/** Id and unit of every finding the filter matches: the selection a bulk review acts on. */
export function findingIdsMatching(db: DB, filter: FindingFilter): Array<{ id: number; unitId: string }> {
  const q = findingSelect(filter);
  return stmt(db, `SELECT f.id AS id, f.unit_id AS unitId FROM ${q.from} WHERE ${q.where.join(' AND ')} ORDER BY f.id`).all(q.params) as Array<{
    id: number;
    unitId: string;
  }>;
}
