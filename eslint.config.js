// The lint keeps the floor plan of DESIGN §3, nothing else: which stage (a folder under src/) may import which,
// and only through the other stage's index.ts. Style is left to review and tsc.
import boundaries from 'eslint-plugin-boundaries';
import tseslint from 'typescript-eslint';
import { defineConfig } from 'eslint/config';

// Who may import whom, read from the import graph once the upward arrows were taken out. Every stage may import
// src/shared/ (helpers and the records several stages pass around). The lists are exact, not "anything lower",
// so a new arrow between stages is a reviewed one-line change here rather than an accident. The relation is
// acyclic (test/architecture/boundaries.test.ts proves it from the lint itself), so no import cycle can form
// between stages without changing this table.
const allowed = {
  // Bottom: schemas and loaders for rules, plan and settings. Sees nothing but shared.
  config: [],
  // Pure HTML -> items/metadata functions: no policy, no storage.
  extract: [],
  // The SQLite store takes the plan and rules types when it syncs the plan into its tables.
  store: ['config'],
  // Snapshots on disk; their index and hash chain live in the store.
  evidence: ['store'],
  // Fetches pages, extracts them, keeps the evidence and records visits.
  crawl: ['config', 'extract', 'evidence', 'store'],
  // Computes findings and scores from what the store holds, under the rules.
  assess: ['config', 'store'],
  // Decides and sends warnings from stored observations; the run layer hands it the assessor's figures.
  alerts: ['config', 'store'],
  // The dashboard shows what assess computed and the snapshots that prove it.
  web: ['assess', 'config', 'evidence', 'store'],
  // The demo portal is a fake government site: it knows nothing of the auditor.
  demo: [],
  // Job locking, steps and the cron trigger over the job_runs table; the jobs themselves are injected.
  schedule: ['config', 'store'],
  // The use cases (runCrawl, runAssess, runAlerts) and the nightly job table over one loaded {rules, plan,
  // settings}: wires the pipeline stages and hands the jobs to the scheduler.
  run: ['alerts', 'assess', 'config', 'crawl', 'evidence', 'schedule', 'store'],
  // Top: parses argv, serves the dashboard, starts the demo; the only caller of process.exit.
  cli: ['alerts', 'assess', 'config', 'crawl', 'demo', 'evidence', 'extract', 'run', 'schedule', 'store', 'web'],
};
const stages = [...Object.keys(allowed), 'shared'];

export default defineConfig(
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { parser: tseslint.parser },
    // src/alerts/render.ts carries a directive for a core rule this config does not run.
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    plugins: { boundaries },
    settings: {
      'boundaries/root-path': import.meta.dirname,
      'boundaries/elements': stages.map((stage) => ({ type: stage, pattern: `src/${stage}` })),
    },
    rules: {
      // A file under src/ outside every known stage would escape the table: a new stage must be added to it.
      'boundaries/no-unknown-files': 'error',
      'boundaries/dependencies': ['error', {
        default: 'disallow',
        message: 'src/{{from.element.type}}/ may not import src/{{to.element.type}}/ (DESIGN §3; the table in eslint.config.js)',
        policies: [
          { allow: { to: { element: { type: 'shared' } } } },
          ...Object.entries(allowed).filter(([, deps]) => deps.length > 0).map(([stage, deps]) => ({
            from: { element: { type: stage } },
            allow: { to: { element: { types: { anyOf: deps } } } },
          })),
          // Last match wins: a stage that may be imported is still reached through its index.ts only.
          {
            disallow: { to: { element: { types: { noneOf: ['shared'] }, fileInternalPath: '!index.{ts,tsx}' } } },
            message: 'import src/{{to.element.type}}/ through its index.ts only (DESIGN §3)',
          },
        ],
      }],
    },
  },
);
