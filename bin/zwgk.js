#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so `npm ci` is the whole install: no build step.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

// tsx would otherwise read the tsconfig of the current directory, and outside the repository the dashboard's
// JSX falls back to React ("React is not defined"). Through the environment, worker threads that register
// tsx again (the crawl's page pool) get the same configuration.
process.env.TSX_TSCONFIG_PATH = fileURLToPath(new URL('../tsconfig.json', import.meta.url));
register();
await import('../src/cli/main.ts');
