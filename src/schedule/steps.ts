import type { StepRecord } from '../store/index.ts';
import type { JobContext, JobFn, JobOutcome } from './run.ts';

export interface Step {
  name: string;
  /** Chinese, e.g. 抓取. */
  label: string;
  /** Resolves with a short Chinese summary (e.g. "120 个栏目，新增 8 条"); throws to fail. */
  run(ctx: JobContext): Promise<string | void>;
}

/**
 * A composite job (nightly = crawl → assess → alerts) whose steps are recorded one by one.
 * The first failure stops the sequence: assessing or warning on top of a failed crawl would report
 * columns as stale that merely were not read. Later steps are recorded as skipped with that reason.
 */
export function sequence(steps: Step[]): JobFn {
  return async (ctx: JobContext): Promise<JobOutcome> => {
    const records: StepRecord[] = steps.map((s) => ({
      name: s.name,
      label: s.label,
      status: 'skipped',
      detail: '未执行',
      startedAt: null,
      finishedAt: null,
    }));
    let stopReason: string | null = null;
    for (const [i, step] of steps.entries()) {
      const rec = records[i];
      if (!stopReason && ctx.signal.aborted) stopReason = '任务被中止（服务停止或任务锁被接管）';
      if (stopReason) {
        rec.detail = `未执行：${stopReason}`;
        continue;
      }
      rec.status = 'running';
      rec.startedAt = new Date().toISOString();
      rec.detail = '运行中';
      ctx.reportSteps(records);
      try {
        rec.detail = (await step.run(ctx)) || '完成';
        rec.status = 'ok';
      } catch (e) {
        rec.status = 'failed';
        rec.detail = (e as Error)?.message ?? String(e);
        stopReason = `${step.label}失败`;
      }
      rec.finishedAt = new Date().toISOString();
      ctx.reportSteps(records);
    }
    const ok = records.every((r) => r.status === 'ok');
    return {
      status: ok ? 'ok' : 'failed',
      detail: records.map((r) => `${r.label}：${r.status === 'failed' ? '失败，' : ''}${r.detail}`).join('；'),
      steps: records,
    };
  };
}
