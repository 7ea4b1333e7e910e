import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');

/**
 * scripts/setup.sh on a machine that has everything: it must decide so every time, never reaching for apt
 * (which fails on servers without apt access). Its font check once raced (fc-list | grep -q under pipefail).
 */
describe('scripts/setup.sh', () => {
  it('run 50 times with everything installed, never calls apt-get or sudo', () => {
    const bin = mkdtempSync(join(tmpdir(), 'zwgk-fakeapt-'));
    const log = join(bin, 'calls.log');
    for (const tool of ['apt-get', 'sudo']) {
      writeFileSync(join(bin, tool), `#!/bin/sh\necho "${tool} $*" >> "${log}"\nexit 1\n`);
      chmodSync(join(bin, tool), 0o755);
    }
    const env = { ...process.env, PATH: `${bin}:${process.env.PATH}` };
    for (let i = 0; i < 50; i++) execFileSync('bash', [join(ROOT, 'scripts/setup.sh')], { env, stdio: 'pipe' });
    expect(existsSync(log) ? readFileSync(log, 'utf8') : '').toBe('');
  }, 120_000);
});
