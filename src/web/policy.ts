import { unitExists, unitOfColumn as columnUnit, unitOfFetch as fetchUnit, unitOfRectification as rectUnit, type DB } from '../store/index.ts';
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
export const unitOfUnit = (db: DB, id: string): string | undefined => (unitExists(db, id) ? id : undefined);

export const unitOfColumn = (db: DB, id: string): string | undefined => (/^\d+$/.test(id) ? columnUnit(db, Number(id)) : undefined);

export const unitOfFetch = (db: DB, id: string): string | undefined => (/^\d+$/.test(id) ? fetchUnit(db, Number(id)) : undefined);

export const unitOfRect = (db: DB, id: string): string | undefined => (/^\d+$/.test(id) ? rectUnit(db, Number(id)) : undefined);
