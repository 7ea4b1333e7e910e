import type { Command } from 'commander';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { z } from 'zod';
import type { CliContext } from '../context.ts';
import { parseFlags, port } from '../flags.ts';
import { assertPortsFree, startServer, untilSignal } from '../server.ts';
import { InputError } from '../../shared/errors.ts';
import { createProgress } from '../progress.ts';
import { crawlSummaryText, openRun, runAssess, runCrawl } from '../../run/index.ts';
import { loadSettings } from '../../config/index.ts';
import { startDemoForCli } from '../../demo/index.ts';
import { openDb } from '../../store/index.ts';
import { createUser } from '../../store/index.ts';
import { hashPassword } from '../../web/index.ts';

const flagsSchema = z.object({
  // The evidence origin listens on port + 1.
  port: port.max(65534, '演示的证据隔离端口是看板端口 + 1，看板端口最大为 65534').default(8080),
  dir: z.string().min(1).default('data/demo'),
});

export const DEMO_LOGIN = { name: 'demo', password: 'zhushan-2026' } as const;

/** Written into every directory the demo creates; only such a directory is ever emptied. */
export const DEMO_MARKER = '.zwgk-demo';

const within = (parent: string, child: string) => {
  const r = relative(parent, child);
  return r === '' || (!r.startsWith('..') && !r.startsWith('/'));
};

/**
 * Makes `dir` an empty demo directory. It deletes only what an earlier demo created (the marker says so),
 * never a directory holding (or held by) the configured database or snapshots.
 */
export function prepareDemoDir(dir: string, production: { db: string; snapshots: string }): void {
  for (const [what, path] of [['数据库', production.db], ['证据快照目录', production.snapshots]] as const) {
    if (within(dir, path) || within(path, dir)) {
      throw new InputError(`演示目录 ${dir} 与正式的${what} ${path} 重叠，演示会清空该目录：请用 --dir 另指定一个独立的目录（默认 data/demo）。`);
    }
  }
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new InputError(`--dir ${dir} 是一个文件而不是目录：请指定一个目录。`);
    const entries = readdirSync(dir);
    if (entries.length && !entries.includes(DEMO_MARKER)) {
      throw new InputError(
        `演示目录 ${dir} 不是空目录，也不是 zwgk demo 创建的（其中没有 ${DEMO_MARKER} 标记文件）；演示每次运行前会清空它，为免误删，没有做任何改动。请用 --dir 指定一个不存在的或空的目录。`,
      );
    }
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, DEMO_MARKER), '此目录由 zwgk demo 创建，每次运行演示前会被清空。\n');
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('demo')
    .description('启动演示门户、写出其考核计划、抓取、评估并启动看板；打印网址和演示账号')
    .option('--port <端口>', '看板端口（默认 8080；证据隔离端口为其 + 1）')
    .option('--dir <目录>', '演示数据目录，每次运行前清空；只接受不存在的、空的或演示自己建的目录（默认 data/demo）')
    .action(async (opts: unknown) => {
      const f = parseFlags('demo', flagsSchema, opts);
      const dir = resolve(f.dir);
      // Before anything slow: the dashboard is the last step, a taken port should not cost a crawl.
      await assertPortsFree('127.0.0.1', [f.port, f.port + 1]);
      // The demo starts from nothing each time, so it never mixes with an earlier run (or a real DB).
      prepareDemoDir(dir, { db: ctx.dbPath(), snapshots: ctx.snapshotsDir() });
      ctx.print('正在启动演示门户（珠山区人民政府网站的模拟站点）……');
      const planPath = join(dir, 'plan.yaml');
      // Our own local portal: no politeness delay needed.
      const { portal, summary } = await startDemoForCli({ slowMs: 500, planPath, plan: { crawl: { perHostDelayMs: 0, perHostConcurrency: 4 } } });
      ctx.print(summary.join('\n'));
      const db = openDb(join(dir, 'zwgk.db'));
      const snapshotsDir = join(dir, 'snapshots');
      let server: Awaited<ReturnType<typeof startServer>> | undefined;
      try {
        ctx.print('正在抓取全部栏目（静态页面与需要浏览器渲染的页面），首次抓取约需一两分钟……');
        const run = openRun(db, planPath);
        const crawl = await runCrawl(run, {
          snapshotsDir,
          kind: 'nightly',
          logFile: join(dir, 'logs', 'crawl.jsonl'),
          progress: () => createProgress(process.stderr.isTTY ? process.stderr : undefined, db),
          fetcherOverrides: { perHostDelayMs: 0, perHostConcurrency: 4 },
        });
        ctx.print(crawlSummaryText(crawl));
        const { summary: a } = runAssess(run);
        ctx.print(`评估完成：${a.units} 个单位，${a.columns} 个栏目，发现问题 ${a.findings} 项。`);
        createUser(db, { name: DEMO_LOGIN.name, role: 'assessor', unitId: null, passwordHash: await hashPassword(DEMO_LOGIN.password) });
        server = await startServer({
          db,
          settings: loadSettings(),
          snapshotsDir,
          planPath,
          host: '127.0.0.1',
          port: f.port,
          evidencePort: f.port + 1,
          schedule: true,
          logDir: join(dir, 'logs'),
          fetcherOverrides: { perHostDelayMs: 0, perHostConcurrency: 4 },
        });
        ctx.print(['', `看板：${server.url}`, `演示账号：${DEMO_LOGIN.name}    密码：${DEMO_LOGIN.password}（考核人员）`, '按 Ctrl-C 停止演示。'].join('\n'));
        await untilSignal();
        ctx.print('正在停止……');
      } finally {
        await server?.close();
        db.close();
        await portal.close();
      }
      ctx.print('演示已停止。');
    });
}
