import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import pino from 'pino';
import type { Settings } from '../config/index.ts';
import { loadPlan } from '../config/index.ts';
import { columnClassifier, loadRules } from '../config/index.ts';
import { createScheduler, type Scheduler } from '../schedule/index.ts';
import type { DB } from '../store/index.ts';
import { currentPlan, syncPlan } from '../store/index.ts';
import { createDashboard } from '../web/index.ts';
import { InputError } from '../shared/errors.ts';
import { jobTable, type JobWiring } from '../run/index.ts';

export interface ServerOptions {
  db: DB;
  settings: Settings;
  snapshotsDir: string;
  planPath?: string;
  host: string;
  port: number;
  evidencePort: number;
  /** Run the nightly job table (false: the dashboard only). */
  schedule: boolean;
  logDir: string;
  fetcherOverrides?: JobWiring['fetcherOverrides'];
}

export interface RunningServer {
  url: string;
  evidenceUrl: string;
  scheduler: Scheduler | null;
  close(): Promise<void>;
}

/** The dashboard plus the scheduler: what `zwgk serve` and `zwgk demo` run until they are stopped. */
export async function startServer(o: ServerOptions): Promise<RunningServer> {
  const rules = loadRules();
  let year: number;
  let period: { from: string; to: string };
  if (o.planPath) {
    const loaded = loadPlan(o.planPath, rules);
    syncPlan(o.db, loaded, columnClassifier(rules));
    ({ year, period } = loaded.plan);
  } else {
    const row = currentPlan(o.db);
    if (!row) throw new InputError('数据库中还没有年度考核计划：请用 --plan 指定计划文件（例如 zwgk serve --plan plan.yaml）。');
    year = row.year;
    period = { from: row.periodFrom, to: row.periodTo };
  }
  const dashboard = createDashboard({ db: o.db, snapshotsDir: o.snapshotsDir, rules, year, period, settings: { baseUrl: o.settings.baseUrl, trustProxy: o.settings.trustProxy, tongbao: o.settings.tongbao } });
  const web = await dashboard.start({ host: o.host, port: o.port, evidencePort: o.evidencePort });
  let scheduler: Scheduler | null = null;
  if (o.schedule) {
    mkdirSync(o.logDir, { recursive: true });
    const logger = pino({ base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime }, pino.destination({ dest: join(o.logDir, 'serve.jsonl'), sync: true, mkdir: true }));
    scheduler = createScheduler({
      db: o.db,
      settings: o.settings,
      jobs: jobTable({ db: o.db, settings: o.settings, snapshotsDir: o.snapshotsDir, planPath: o.planPath, logDir: o.logDir, fetcherOverrides: o.fetcherOverrides }),
      logger,
    });
    scheduler.start();
  }
  return {
    url: web.url,
    evidenceUrl: web.evidenceUrl,
    scheduler,
    async close() {
      await scheduler?.stop();
      await web.close();
    },
  };
}

/**
 * Fails with a Chinese InputError when a port cannot be listened on now (taken, or not allowed), so that a
 * command that works for minutes before it serves (the demo crawls first) fails at once instead.
 */
export async function assertPortsFree(host: string, ports: number[]): Promise<void> {
  for (const port of ports) {
    const problem = await new Promise<string | undefined>((resolve) => {
      const s = createServer();
      s.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
      s.listen(port, host, () => s.close(() => resolve(undefined)));
    });
    if (problem === 'EADDRINUSE') throw new InputError(`端口 ${port} 已被其他程序占用：请用 --port 换一个端口（看板端口与其 + 1 的证据隔离端口都须空闲）。`);
    if (problem === 'EACCES') throw new InputError(`没有权限监听端口 ${port}（1024 以下的端口需要 root）：请用 --port 换一个 1024 以上的端口。`);
    if (problem) throw new InputError(`无法在 ${host} 上监听端口 ${port}（${problem}）：请检查 --host 与 --port。`);
  }
}

/** Resolves on the first SIGINT or SIGTERM, for commands that run until stopped. */
export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (sig: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(sig);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}
