import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The boundary lint is run here on files that exist only in memory, placed inside src/ so that the stage rules
// apply to them; the imports they make point at real files.
const root = join(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return result.messages.filter((m) => m.ruleId?.startsWith('boundaries/')).map((m) => m.message);
}

describe('stage boundary lint', () => {
  it('reports a stage reaching into another stage past its index.ts', async () => {
    const errors = await boundaryErrors('src/web/probe.ts', "import { createFetcher } from '../crawl/fetcher.ts';\n");
    expect(errors).toEqual([expect.stringContaining('index.ts')]);
  });

  it('reports an upward import even through the index', async () => {
    const errors = await boundaryErrors('src/store/probe.ts', "import { runAssess } from '../assess/index.ts';\n");
    expect(errors).toEqual([expect.stringContaining('src/store/ may not import src/assess/')]);
  });

  it('reports a re-export and a dynamic import like an import', async () => {
    expect(await boundaryErrors('src/extract/probe.ts', "export { syncPlan } from '../store/index.ts';\n")).toHaveLength(1);
    expect(await boundaryErrors('src/evidence/probe.ts', "export const f = () => import('../crawl/index.ts');\n")).toHaveLength(1);
  });

  it('accepts an allowed stage through its index and any shared module', async () => {
    const code = "import { runAssess } from '../assess/index.ts';\nimport { shanghaiDay } from '../shared/time.ts';\n";
    expect(await boundaryErrors('src/web/probe.ts', code)).toEqual([]);
  });

  it('accepts a stage reaching its own internals', async () => {
    expect(await boundaryErrors('src/crawl/probe.ts', "import { createFetcher } from './fetcher.ts';\n")).toEqual([]);
  });

  it('allows no cycle between stages', async () => {
    const src = join(root, 'src');
    const stages = readdirSync(src).filter((d) => statSync(join(src, d)).isDirectory());
    // The door to each stage; a stage without an index (the CLI) is entered through any file, which the lint refuses.
    const door = (s: string) => (existsSync(join(src, s, 'index.ts')) ? 'index.ts' : readdirSync(join(src, s)).find((f) => f.endsWith('.ts')));
    const allowed = new Map<string, string[]>();
    for (const from of stages) {
      const to: string[] = [];
      for (const target of stages.filter((s) => s !== from)) {
        const errors = await boundaryErrors(`src/${from}/probe.ts`, `import '../${target}/${door(target)}';\n`);
        if (errors.length === 0) to.push(target);
      }
      allowed.set(from, to);
    }
    // Peel off stages that may import nothing left; whatever remains is on a cycle or above one.
    const left = new Set(stages);
    for (let peeled = true; peeled; ) {
      peeled = false;
      for (const s of left) if (allowed.get(s)!.every((t) => !left.has(t))) (left.delete(s), (peeled = true));
    }
    expect([...left]).toEqual([]);
    // Sanity: the table is really consulted (everyone sees shared, nobody sees the CLI).
    for (const s of stages.filter((x) => x !== 'shared')) expect(allowed.get(s)).toContain('shared');
    for (const s of stages) expect(allowed.get(s)).not.toContain('cli');
  });
});
