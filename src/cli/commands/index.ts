import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { register as demo } from './demo.ts';
import { register as plan } from './plan.ts';
import { register as crawl } from './crawl.ts';
import { register as assess } from './assess.ts';
import { register as report } from './report.ts';
import { register as extract } from './extract.ts';
import { register as alerts } from './alerts.ts';
import { register as serve } from './serve.ts';
import { register as verify } from './verify.ts';
import { register as exportCmd } from './export.ts';
import { register as user } from './user.ts';
import { register as registerCmd } from './register.ts';
import { register as doctor } from './doctor.ts';
import { register as job } from './job.ts';

/** Every command of DESIGN.md §6, in the order the help lists them. */
export function registerAll(program: Command, ctx: CliContext): void {
  for (const r of [demo, plan, crawl, assess, report, extract, alerts, serve, verify, exportCmd, user, registerCmd, doctor, job]) {
    r(program, ctx);
  }
}
