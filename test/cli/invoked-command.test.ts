import { describe, expect, it } from 'vitest';
import { invokedCommand } from '../../src/cli/commands/index.ts';

describe('invokedCommand: which command module to load', () => {
  it('finds the command after global options, valued or not', () => {
    expect(invokedCommand(['crawl', '--plan', 'p.yaml'])).toBe('crawl');
    expect(invokedCommand(['--db', 'x.db', '--snapshots', 's', 'verify'])).toBe('verify');
    expect(invokedCommand(['--db', 'crawl', 'assess'])).toBe('assess');
  });

  it('loads everything for help, no command or an unknown one (so commander can say so)', () => {
    expect(invokedCommand([])).toBeNull();
    expect(invokedCommand(['--help'])).toBeNull();
    expect(invokedCommand(['help', 'crawl'])).toBeNull();
    expect(invokedCommand(['nosuch'])).toBeNull();
  });
});
