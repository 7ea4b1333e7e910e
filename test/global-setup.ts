import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Every temporary directory a test makes (databases, snapshots, plans, browser profiles) goes under one
 * directory for the run, removed when the run ends: repeated runs on a developer's machine or a CI runner
 * leave nothing behind in /tmp.
 */
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'zwgk-tests-'));
  process.env.TMPDIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
