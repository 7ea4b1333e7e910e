import type { Command } from 'commander';
import { z } from 'zod';
import type { CliContext } from '../context.ts';
import { parseFlags } from '../flags.ts';
import { InputError } from '../../shared/errors.ts';
import { ROLES } from '../../shared/vocabulary.ts';
import { createUser, unitExists, userNameTaken } from '../../store/index.ts';
import { hashPassword, passwordProblem } from '../../web/index.ts';

const Flags = z
  .object({
    role: z.enum(['admin', 'assessor', 'unit'], { error: '角色只能是 admin、assessor 或 unit' }),
    unit: z.string().min(1).optional(),
  })
  .refine((f) => f.role !== 'unit' || f.unit, { path: ['unit'], message: '单位账号必须用 --unit 指定所属单位 ID' })
  .refine((f) => f.role === 'unit' || !f.unit, { path: ['unit'], message: '只有 unit 角色可以指定 --unit' });

const NAME = /^[\p{L}\p{N}_.@-]{2,40}$/u;

/** The first line of stdin: the password must not appear in argv (visible in ps and shell history). */
async function readPassword(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

export function register(program: Command, ctx: CliContext): void {
  const user = program.command('user').description('看板账号管理');
  user
    .command('add')
    .description('创建看板登录账号（密码从标准输入读取，例如 echo "密码" | zwgk user add 张三 --role assessor）')
    .argument('<用户名>', '登录名')
    .requiredOption('--role <角色>', 'admin | assessor | unit')
    .option('--unit <单位ID>', '单位账号所属单位（role 为 unit 时必填）')
    .action(async (name: string, opts: unknown) => {
      const f = parseFlags('user add', Flags, opts);
      if (!NAME.test(name)) throw new InputError(`用户名“${name}”无效：应为 2–40 个字母、汉字、数字或 _ . @ -。`);
      const db = ctx.db();
      if (userNameTaken(db, name)) throw new InputError(`用户名“${name}”已存在，请换一个名字。`);
      if (f.unit && !unitExists(db, f.unit)) {
        throw new InputError(`--unit：找不到单位“${f.unit}”。请先载入包含该单位的考核计划，或检查单位 ID 拼写。`);
      }
      if (process.stdin.isTTY) process.stderr.write('请输入密码后按回车：');
      const pw = await readPassword();
      const problem = passwordProblem(pw);
      if (problem) throw new InputError(`标准输入中的密码不可用：${problem}`);
      const u = createUser(db, { name, role: f.role, unitId: f.unit ?? null, passwordHash: await hashPassword(pw) });
      ctx.print(`已创建账号“${u.name}”（${ROLES[u.role]}${u.unitId ? `，单位 ${u.unitId}` : ''}）。`);
    });
}
