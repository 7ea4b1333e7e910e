export { createEvidenceStore, type Alongside, type EvidenceStore, type EvidenceStoreOptions } from './store.ts';
export { verifyEvidence, formatVerifyReport, type VerifyReport, type VerifyProblem, type ProblemKind } from './verify.ts';
export { exportWarc, type WarcExportResult } from './warc.ts';
export { readSnapshot, snapshotPath, writeSnapshotAsync } from './snapshots.ts';
export { recordHash } from './chain.ts';
export { SnapshotWriteError, snapshotsDirProblem } from './storage-errors.ts';
