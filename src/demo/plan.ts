import { stringify } from 'yaml';
import type { Model } from './model.ts';
import { Rng } from './rng.ts';
import type { PlanYamlOptions } from './types.ts';
import { personName } from './words.ts';

/** The annual plan (DESIGN.md §6) covering every unit and column of the portal. */
export function planYaml(model: Model, opts: PlanYamlOptions = {}): string {
  const year = opts.year ?? Number(model.refDate.slice(0, 4));
  const plan: Record<string, unknown> = {
    year,
    period: { from: `${year}-01-01`, to: `${year}-12-31` },
  };
  if (opts.crawl) plan.crawl = opts.crawl;
  // The demo portal listens on 127.0.0.1.
  plan.allowPrivate = true;
  plan.units = model.truth.units.map((u) => {
    const rng = new Rng(model.seed).fork(`contact-${u.id}`);
    return {
      id: u.id,
      name: u.name,
      kind: u.kind,
      contacts: [{ name: personName(rng), email: `${u.id}@example.org` }],
      channels: u.channels.map(({ name, url }) => ({ name, url })),
      columns: u.columns.map((c) => ({
        name: c.name,
        url: c.url,
        class: c.class,
        render: opts.forceBrowser && c.needsBrowser && !u.challenge ? 'browser' : 'auto',
      })),
    };
  });
  const text = stringify(plan, { lineWidth: 0 });
  return `# 珠山区政务公开考核实施方案（演示门户自动生成，${model.refDate}）\n${text}`;
}
