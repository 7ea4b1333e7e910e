/**
 * Manual testing: `node --import tsx src/demo/serve-standalone.ts [--port N] [--seed N] [--ref-date YYYY-MM-DD]
 * [--scale N] [--no-faults] [--variants]` prints the portal's URLs and serves until Ctrl-C.
 */
import { parseArgs } from 'node:util';
import { startDemoPortal } from './index.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    seed: { type: 'string' },
    'ref-date': { type: 'string' },
    scale: { type: 'string' },
    'no-faults': { type: 'boolean' },
    variants: { type: 'boolean' },
  },
});
const portal = await startDemoPortal({
  port: values.port ? Number(values.port) : 0,
  seed: values.seed ? Number(values.seed) : undefined,
  refDate: values['ref-date'],
  scale: values.scale ? Number(values.scale) : undefined,
  faults: !values['no-faults'],
  variants: values.variants,
});
const items = portal.truth.units.flatMap((u) => u.columns).reduce((n, c) => n + c.items.length, 0);
console.log(`演示门户已启动：${portal.indexUrl}`);
console.log(`单位 ${portal.truth.units.length} 个，条目 ${items} 条，参考日期 ${portal.truth.refDate}。按 Ctrl-C 停止。`);
process.once('SIGINT', () => void portal.close());
