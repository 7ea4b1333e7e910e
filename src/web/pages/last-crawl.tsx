// 总览's line on the portal's last crawl: when it ran, how it ended, and a link to its row on 运行.
import type { Ctx } from '../env.ts';
import { fmtTime } from '../layout.tsx';
import { crawlRunsPage } from '../../store/index.ts';
import { VISIT_INCONCLUSIVE } from '../../shared/vocabulary.ts';
import { withYear } from '../year.tsx';
import { RunBadge } from './runs.tsx';

export function LastCrawl({ c }: { c: Ctx }) {
  const [run] = crawlRunsPage(c.get('deps').db, {}, { limit: 1, offset: 0 }).rows;
  if (!run) return <p class="card last-crawl" id="last-crawl">尚未巡检过门户网站。</p>;
  return (
    <div class="card last-crawl" id="last-crawl">
      <strong>最近一次巡检</strong>
      <span>{`${run.kind === 'full' ? '全量' : '夜间'}巡检 #${run.id}`}</span>
      <span>{`开始 ${fmtTime(run.startedAt)}`}</span>
      <span>{run.finishedAt ? `结束 ${fmtTime(run.finishedAt)}` : '尚未结束'}</span>
      <RunBadge status={run.status} />
      <span>{`巡检栏目 ${run.visits} 个`}</span>
      <span class={run.failed ? 'count-bad' : ''}>{`失败 ${run.failed} 个`}</span>
      <span class={run.ours ? 'count-bad' : ''}>{`${VISIT_INCONCLUSIVE.ours} ${run.ours} 个`}</span>
      <a href={withYear(c, `/runs#run-${run.id}`)} id="last-crawl-link">在“运行”页查看 →</a>
    </div>
  );
}
