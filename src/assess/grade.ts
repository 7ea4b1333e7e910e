import type { Grade, Rules } from '../config/index.ts';

/**
 * The grade of 第八条 for a total, from the bands in rules/rubric.yaml (min inclusive, below exclusive).
 * A confirmed 弄虚作假 verdict makes it the override grade (不合格) whatever the score (第十四条).
 */
export function gradeFor(rules: Rules, total: number, falsified: boolean): Grade {
  const { bands, override } = rules.rubric.grades;
  if (falsified) return override.grade;
  if (!Number.isFinite(total)) throw new Error(`无法评定等次：总分 ${total} 不是有效数字`);
  const band = bands.find((b) => (b.min === undefined || total >= b.min) && (b.below === undefined || total < b.below));
  // Bands are validated at load to be contiguous from −∞ to +∞, so one always matches.
  return band!.grade;
}
