import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

// Worker threads start without the parent's loader hooks, so tsx is registered again for our TypeScript
// sources. Resolved from this file, not from the working directory: `zwgk crawl` runs from cron, from /,
// from anywhere.
export const TS_WORKER_EXEC_ARGV = ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href];
