// The run layer's public API: what one job does over one context (rules and plan read once, the plan synced
// once), for the CLI, the scheduler (its job table), the demo and the crawl bench. No argv, no process.exit:
// errors are typed (InputError, UnavailableError) and the CLI maps them to exit codes.
export { loadRunInput, openRun, type RunContext, type RunInput } from './context.ts';
export { crawlSummaryText, planFetcherOptions, planHosts, runCrawl, type CrawlOptions, type CrawlProgress } from './crawl.ts';
export { assessOptions, futureAsOf, isPastDay, runAssess, type AssessRunResult } from './assess.ts';
export { requireSmtp, runAlerts, type AlertsRunOptions, type AlertsRunResult, type SmtpSettings } from './alerts.ts';
export { choreTable, jobTable, type ChoreWiring, type JobWiring } from './jobs.ts';
