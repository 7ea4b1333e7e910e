import type { Command } from 'commander';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { CliContext } from '../context.ts';
import { parseFlags, port } from '../flags.ts';
import { assertPortsFree, startServer, untilSignal } from '../server.ts';
import { loadSettings } from '../../config/index.ts';

const flagsSchema = z.object({
  port: port.default(8080),
  evidencePort: port.optional(),
  host: z.string().min(1).default('127.0.0.1'),
  plan: z.string().min(1).optional(),
  schedule: z.boolean().default(true),
});

export function register(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .description('启动评估看板与每夜定时任务（抓取→评估→预警、每周全量抓取、数据库备份等）')
    .option('--port <端口>', '看板端口（默认 8080）')
    .option('--evidence-port <端口>', '证据快照隔离端口（默认看板端口 + 1）')
    .option('--host <地址>', '监听地址（默认 127.0.0.1；对外服务请放在反向代理之后）')
    .option('--plan <文件>', '年度考核计划 YAML 文件（夜间抓取用；省略时使用数据库中最近载入的计划，且不抓取）')
    .option('--no-schedule', '只启动看板，不运行定时任务')
    .action(async (opts: unknown) => {
      const f = parseFlags('serve', flagsSchema, opts);
      const settings = loadSettings();
      const evidencePort = f.evidencePort ?? f.port + 1;
      await assertPortsFree(f.host, [f.port, evidencePort]);
      const server = await startServer({
        db: ctx.db(),
        settings,
        snapshotsDir: ctx.snapshotsDir(),
        planPath: f.plan,
        host: f.host,
        port: f.port,
        evidencePort,
        schedule: f.schedule,
        logDir: join(dirname(ctx.dbPath()), 'logs'),
      });
      ctx.print(`看板已启动：${server.url}`);
      if (server.scheduler) {
        const s = server.scheduler.status();
        ctx.print(`定时任务（${s.timezone}）：${s.jobs.map((j) => `${j.label} ${j.cron}`).join('；')}`);
        if (!f.plan) ctx.print('未指定 --plan：夜间抓取不会运行，只做数据库维护。');
      }
      ctx.print('按 Ctrl-C 停止。');
      const sig = await untilSignal();
      ctx.print(`收到 ${sig}，正在等待当前任务结束后停止……`);
      await server.close();
      ctx.print('已停止。');
    });
}
