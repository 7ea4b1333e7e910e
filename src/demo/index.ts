import type { AddressInfo } from 'node:net';
import { isIsoDay, shanghaiDay } from '../shared/time.ts';
import { FaultState } from './faults.ts';
import { generate } from './generator.ts';
import type { Model } from './model.ts';
import { mutations } from './mutations.ts';
import { planYaml } from './plan.ts';
import { robotsTxt } from './robots.ts';
import { createPortalServer } from './server.ts';
import type { DemoPortal, DemoPortalOptions } from './types.ts';
import { INDEX_PATH } from './urls.ts';

export type * from './types.ts';
export { columnExpectation } from './model.ts';
export { variantExpectation } from './variants/expectation.ts';
export { CHALLENGE_COOKIE } from './faults.ts';

/** Starts the demo 珠山区 portal on 127.0.0.1 (port 0 by default: a free port). */
export async function startDemoPortal(opts: DemoPortalOptions = {}): Promise<DemoPortal> {
  const seed = opts.seed ?? 20260101;
  const refDate = opts.refDate ?? shanghaiDay();
  if (!isIsoDay(refDate)) throw new Error(`refDate 应为 YYYY-MM-DD 格式的日期，收到 ${refDate}`);
  const host = opts.host ?? '127.0.0.1';
  let model: Model | undefined;
  const log: DemoPortal['requestLog'] = [];
  const faults = new FaultState({
    enabled: opts.faults ?? true,
    slowMs: opts.slowMs ?? 2000,
    flakyFailures: opts.flakyFailures ?? 2,
    retryAfterSec: opts.retryAfterSec ?? 1,
  });
  const server = createPortalServer({
    model: () => {
      if (!model) throw new Error('演示门户尚未就绪');
      return model;
    },
    faults,
    robotsTxt: () => robotsTxt(model!, opts.crawlDelaySec),
    log,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const built = generate({ seed, refDate, baseUrl, scale: opts.scale ?? 1, variants: opts.variants ?? false, refusals: opts.refusals ?? false });
  model = built;
  return {
    baseUrl,
    indexUrl: baseUrl + INDEX_PATH,
    robotsUrl: baseUrl + '/robots.txt',
    truth: built.truth,
    requestLog: log,
    planYaml: (o) => planYaml(built, o),
    mutate: mutations(built),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
export { startDemoForCli } from './cli.ts';
