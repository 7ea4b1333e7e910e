export { createEvidenceStore, type Alongside, type EvidenceStore, type EvidenceStoreOptions } from './store.ts';
export { verifyEvidence, formatVerifyReport, type VerifyReport, type VerifyProblem, type ProblemKind } from './verify.ts';
export type { WarcExportResult } from './warc.ts';
/** warcio loads with the first export: the crawl and its page threads, which import this stage, never write WARC. */
export const exportWarc: typeof import('./warc.ts').exportWarc = async (...args) => (await import('./warc.ts')).exportWarc(...args);
export { readSnapshot, snapshotPath, writeSnapshotAsync } from './snapshots.ts';
export { recordHash } from './chain.ts';
export { SnapshotWriteError, snapshotsDirProblem } from './storage-errors.ts';
