import type { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import type { CliContext } from '../context.ts';
import { parseFlags } from '../flags.ts';
import { InputError } from '../../shared/errors.ts';
import { exportWarc } from '../../evidence/index.ts';
import { unitExists } from '../../store/index.ts';

const Flags = z.object({
  unit: z.string().min(1, '单位 ID 不能为空').optional(),
  out: z
    .string()
    .min(1, '请用 --out 指定输出文件')
    .regex(/\.warc(\.gz)?$/, '输出文件名应以 .warc 或 .warc.gz 结尾（以 .gz 结尾时逐条压缩），例如 --out evidence.warc.gz'),
});

export function register(program: Command, ctx: CliContext): void {
  const exp = program.command('export').description('导出证据');
  exp
    .command('warc')
    .description('把证据导出为 WARC 1.1 文件，供标准网页存档回放工具打开')
    .option('--unit <单位ID>', '只导出该单位的证据')
    .requiredOption('--out <文件>', '输出文件')
    .action(async (opts: unknown) => {
      const flags = parseFlags('export warc', Flags, opts);
      const out = resolve(flags.out);
      if (!existsSync(dirname(out)) || !statSync(dirname(out)).isDirectory()) {
        throw new InputError(`--out：目录 ${dirname(out)} 不存在，请先创建它或换一个输出位置。`);
      }
      const db = ctx.db();
      if (flags.unit && !unitExists(db, flags.unit)) {
        throw new InputError(`--unit：数据库里没有 ID 为“${flags.unit}”的单位，请核对考核计划中 units[].id 的写法。`);
      }
      const r = await exportWarc(db, ctx.snapshotsDir(), { unitId: flags.unit }, out);
      ctx.print(`已导出 ${r.fetches} 次抓取、共 ${r.records} 条 WARC 记录到 ${out}`);
    });
}
