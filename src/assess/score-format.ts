import type { Rules } from '../config/index.ts';

/**
 * The one rounding rule for scores (rules/rubric.yaml `scoreDecimals`). Scores are rounded by roundScore before
 * they are stored, summed into a total or graded, and printed by formatScore, so a figure reads the same on the
 * sheet's buttons, the dashboard, the 通报 and every export.
 */

/** Half away from zero at scoreDecimals places; never −0. */
export function roundScore(rules: Rules, n: number): number {
  const f = 10 ** rules.rubric.scoreDecimals;
  // Through 15 significant digits first: 1.005 × 100 is 100.49999…, which would round a written 5 down.
  const r = (Math.sign(n) * Math.round(Number((Math.abs(n) * f).toPrecision(15)))) / f;
  return r === 0 ? 0 : r;
}

/**
 * A score as every output prints it: rounded, without trailing zeros, the way the JSON, CSV and xlsx cells
 * show the same number (7.41, 7.5, 25); a true minus sign; — for no score.
 */
export function formatScore(rules: Rules, n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  const r = roundScore(rules, n);
  return r < 0 ? `−${-r}` : String(r);
}
