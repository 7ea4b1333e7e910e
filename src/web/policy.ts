import type { DB } from '../store/index.ts';
import type { ActiveSession } from '../store/index.ts';

/**
 * Who may call a route. Every route declares one of these in routes.tsx; a route without one is refused.
 * own-unit: assessors and admins always; unit users only when the resource belongs to their unit.
 */
export type Policy =
  | { kind: 'public' }
  | { kind: 'any-user' }
  | { kind: 'assessor' }
  | { kind: 'admin' }
  | { kind: 'own-unit'; param: string; unitOf: (db: DB, value: string) => string | undefined };

export const PUBLIC: Policy = { kind: 'public' };
export const ANY_USER: Policy = { kind: 'any-user' };
export const ASSESSOR: Policy = { kind: 'assessor' };
export const ADMIN: Policy = { kind: 'admin' };

export const ownUnit = (param: string, unitOf: (db: DB, value: string) => string | undefined): Policy => ({ kind: 'own-unit', param, unitOf });

export type Decision = 'allow' | 'login' | 'forbidden' | 'not-found';

/** The whole access rule in one place; handlers never re-check roles for access. */
export function decide(policy: Policy, session: ActiveSession | undefined, db: DB, param: (name: string) => string | undefined): Decision {
  if (policy.kind === 'public') return 'allow';
  if (!session) return 'login';
  const role = session.user.role;
  switch (policy.kind) {
    case 'any-user':
      return 'allow';
    case 'assessor':
      return role === 'admin' || role === 'assessor' ? 'allow' : 'forbidden';
    case 'admin':
      return role === 'admin' ? 'allow' : 'forbidden';
    case 'own-unit': {
      const value = param(policy.param);
      const unit = value === undefined ? undefined : policy.unitOf(db, value);
      if (role === 'unit') return unit !== undefined && unit === session.user.unitId ? 'allow' : 'forbidden';
      // Staff get a 404 for unknown resources; unit users get 403 either way, so ids of others are not probed.
      return unit === undefined ? 'not-found' : 'allow';
    }
  }
}

// Resolvers from a route parameter to the unit that owns the resource.
export const unitOfUnit = (db: DB, id: string): string | undefined =>
  (db.prepare('SELECT id FROM units WHERE id = ?').get(id) as { id: string } | undefined)?.id;

export const unitOfColumn = (db: DB, id: string): string | undefined =>
  /^\d+$/.test(id) ? (db.prepare('SELECT unit_id FROM columns WHERE id = ?').get(Number(id)) as { unit_id: string } | undefined)?.unit_id : undefined;

/**
 * A snapshot belongs to a unit when one of its columns read it as a list page or as an item's detail page, or
 * when it is a check of one of the unit's other carriers (公开形式-2).
 */
export const unitOfFetch = (db: DB, id: string): string | undefined => {
  if (!/^\d+$/.test(id)) return undefined;
  const n = Number(id);
  const r = db
    .prepare(
      `SELECT c.unit_id FROM visit_fetches vf JOIN column_visits v ON v.id = vf.visit_id JOIN columns c ON c.id = v.column_id WHERE vf.fetch_id = ?
       UNION ALL SELECT c.unit_id FROM items i JOIN columns c ON c.id = i.column_id WHERE i.detail_fetch_id = ?
       UNION ALL SELECT c.unit_id FROM items i JOIN columns c ON c.id = i.column_id WHERE i.first_seen_fetch_id = ?
       UNION ALL SELECT unit_id FROM channel_checks WHERE fetch_id = ?
       LIMIT 1`,
    )
    .get(n, n, n, n) as { unit_id: string } | undefined;
  return r?.unit_id;
};
