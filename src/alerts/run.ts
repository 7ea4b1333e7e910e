import type { DB } from '../store/index.ts';
import * as store from '../store/index.ts';
import { decideColumn, decideLate } from './decide.ts';
import { enqueueUnit } from './outbox.ts';
import { renderDigest, type RenderOptions } from './render.ts';
import type { AlertLine, AlertState, ColumnObservation, Digest, LateDisclosureObservation, UnitInfo } from './types.ts';

/** One night's alerts: decide (reads the store only), then either commit to the outbox or preview (dry run). */

export interface AlertInput {
  day: string;
  units: UnitInfo[];
  observations: ColumnObservation[];
  late: LateDisclosureObservation[];
  reminderEveryDays: number;
}

export interface UnitAlerts {
  unit: UnitInfo;
  lines: AlertLine[];
  states: AlertState[];
}

export interface AlertDecisions {
  day: string;
  /** Units with something to say (or whose state moves), in plan order. */
  units: UnitAlerts[];
  /** Units with lines but nobody to send them to (no contacts, no office address): nothing is recorded for them. */
  unreachable: UnitAlerts[];
}

export function decideAlerts(db: DB, input: AlertInput, opts: Pick<RenderOptions, 'officeEmail'>): AlertDecisions {
  const prev = store.loadAlertStates(db);
  const byUnit = new Map<string, UnitAlerts>(input.units.map((u) => [u.id, { unit: u, lines: [], states: [] }]));
  for (const o of input.observations) {
    const ua = byUnit.get(o.unitId);
    if (!ua) continue;
    const d = decideColumn(prev.get(o.columnId), o, { day: input.day, reminderEveryDays: input.reminderEveryDays });
    if (d.line) ua.lines.push(d.line);
    if (d.next) ua.states.push(d.next);
  }
  for (const l of decideLate(input.late, (k) => store.lineKeyExists(db, k))) byUnit.get(l.unitId)?.lines.push(l);

  const units: UnitAlerts[] = [];
  const unreachable: UnitAlerts[] = [];
  for (const ua of byUnit.values()) {
    const canSend = ua.unit.contacts.length > 0 || !!opts.officeEmail;
    if (ua.lines.length && !canSend) unreachable.push(ua);
    else if (ua.lines.length || ua.states.length) units.push(ua);
  }
  return { day: input.day, units, unreachable };
}

/** Enqueues every unit's lines and saves the new states, all in one transaction. Returns the digests touched. */
export function commitAlerts(db: DB, d: AlertDecisions, opts: RenderOptions & { from: string }): Digest[] {
  return db
    .transaction(() => {
      const out: Digest[] = [];
      for (const ua of d.units) {
        const digest = ua.lines.length ? enqueueUnit(db, ua.unit, d.day, ua.lines, opts) : null;
        if (digest) out.push(digest);
        for (const s of ua.states) store.saveAlertState(db, s);
      }
      return out;
    })
    .immediate();
}

/** What commitAlerts would enqueue, rendered, without touching the store (line keys already sent are left out). */
export function previewAlerts(db: DB, d: AlertDecisions, opts: RenderOptions): Digest[] {
  const out: Digest[] = [];
  for (const ua of d.units) {
    const fresh = ua.lines.filter((l) => !store.lineKeyExists(db, l.key));
    if (fresh.length) out.push(renderDigest(ua.unit, d.day, store.nextDigestKey(db, ua.unit.id, d.day), fresh, opts));
  }
  return out;
}
