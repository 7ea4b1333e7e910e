import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { startDemoPortal } from './index.ts';
import type { DemoPortal, DemoPortalOptions, PlanYamlOptions } from './types.ts';

export interface DemoStartOptions extends DemoPortalOptions {
  /** Where to write the portal's annual plan (directories are created); omitted: not written. */
  planPath?: string;
  plan?: PlanYamlOptions;
}

export interface DemoStarted {
  portal: DemoPortal;
  planPath: string | null;
  /** Lines for the terminal, in Chinese. */
  summary: string[];
}

/**
 * The entry `zwgk demo` uses: starts the portal and writes its plan. Exit codes and signals stay with the CLI.
 */
export async function startDemoForCli(opts: DemoStartOptions = {}): Promise<DemoStarted> {
  const portal = await startDemoPortal(opts);
  let planPath: string | null = null;
  if (opts.planPath) {
    await mkdir(dirname(opts.planPath), { recursive: true });
    await writeFile(opts.planPath, portal.planYaml(opts.plan), 'utf8');
    planPath = opts.planPath;
  }
  const units = portal.truth.units;
  const columns = units.flatMap((u) => u.columns);
  const items = columns.reduce((n, c) => n + c.items.length, 0);
  const summary = [
    `演示门户（珠山区人民政府）已启动：${portal.indexUrl}`,
    `共 ${units.length} 个单位、${columns.length} 个栏目、${items} 条信息，参考日期 ${portal.truth.refDate}。`,
  ];
  if (planPath) summary.push(`考核实施方案已写入：${planPath}`);
  return { portal, planPath, summary };
}
