import { columnClass, warnDay, windowDeadline, type Rules } from '../config/index.ts';
import type { WindowPolicy } from './types.ts';

/** The update window of a column class as freshness() applies it; null for classes without a window. */
export function windowPolicy(rules: Rules, className: string): WindowPolicy | null {
  if (!columnClass(rules, className).window) return null;
  return {
    deadline: (d) => windowDeadline(rules, className, d)!,
    warnFrom: (d) => warnDay(rules, className, d)!,
  };
}
