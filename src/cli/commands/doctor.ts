import type { Command } from 'commander';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createTransport } from 'nodemailer';
import { loadRules } from '../../config/index.ts';
import { snapshotsDirProblem } from '../../evidence/index.ts';
import { loadSettings, type Settings } from '../../config/index.ts';
import { CalendarCoverageError, isWorkday } from '../../assess/index.ts';
import { chromiumPath, launchChromium, runsWithoutSandbox } from '../../shared/chromium.ts';
import { shanghaiDay } from '../../shared/time.ts';
import { databaseHealth } from '../../store/index.ts';
import type { CliContext } from '../context.ts';

type Level = 'ok' | 'warn' | 'fail';

export interface CheckResult {
  name: string;
  level: Level;
  message: string;
  /** What to do about a warning or failure, in Chinese. */
  fix?: string;
}

const ok = (name: string, message: string): CheckResult => ({ name, level: 'ok', message });
const warn = (name: string, message: string, fix: string): CheckResult => ({ name, level: 'warn', message, fix });
const fail = (name: string, message: string, fix: string): CheckResult => ({ name, level: 'fail', message, fix });

const FONT_FIX = '安装中文字体：sudo apt-get install fonts-noto-cjk（或运行 bash scripts/setup.sh），然后重新运行 zwgk doctor';

function checkSettings(): { result: CheckResult; settings: Settings | null } {
  try {
    const settings = loadSettings();
    return { result: ok('设置', '设置文件与环境变量有效'), settings };
  } catch (e) {
    return {
      result: fail('设置', (e as Error).message, '按提示修改设置文件（ZWGK_SETTINGS，默认 zwgk.settings.yaml）或对应的环境变量'),
      settings: null,
    };
  }
}

/** Renders Chinese in the real browser: CJK ideographs are exactly 1em wide, a missing-glyph box is not. */
async function checkChromium(): Promise<{ browser: CheckResult; glyphs: boolean | null }> {
  const path = chromiumPath();
  if (process.env.ZWGK_CHROMIUM && !existsSync(process.env.ZWGK_CHROMIUM)) {
    return {
      browser: fail(
        '浏览器',
        `环境变量 ZWGK_CHROMIUM 指向的浏览器 ${process.env.ZWGK_CHROMIUM} 不存在`,
        '把 ZWGK_CHROMIUM 改为 chromium 的实际路径（如 /usr/bin/chromium），或删除该变量并运行 bash scripts/setup.sh 安装 chromium',
      ),
      glyphs: null,
    };
  }
  let browser;
  try {
    browser = await launchChromium({ timeout: 30_000 });
  } catch (e) {
    return {
      browser: fail('浏览器', (e as Error).message, '运行 bash scripts/setup.sh 安装 chromium，或用环境变量 ZWGK_CHROMIUM 指定浏览器路径'),
      glyphs: null,
    };
  }
  try {
    const page = await browser.newPage();
    const size = 100;
    await page.setContent(
      `<!doctype html><meta charset="utf-8"><body style="margin:0;font-size:${size}px;white-space:nowrap">` +
        `<span id="zh">政务公开</span><br><span id="tofu">\u{10FFFD}\u{10FFFD}\u{10FFFD}\u{10FFFD}</span></body>`,
    );
    const [zh, tofu] = await page.evaluate(() => ['zh', 'tofu'].map((id) => document.getElementById(id)!.getBoundingClientRect().width));
    const glyphs = Math.abs(zh - 4 * size) < 4 && Math.abs(zh - tofu) > 1;
    return { browser: ok('浏览器', `Chromium ${browser.version()}（${path ?? 'Playwright 缓存'}）可以启动并渲染页面`), glyphs };
  } catch (e) {
    return { browser: fail('浏览器', `Chromium 启动后无法渲染页面：${(e as Error).message.split('\n')[0]}`, '重新安装 chromium（bash scripts/setup.sh）'), glyphs: null };
  } finally {
    await browser.close();
  }
}

function checkFonts(glyphs: boolean | null): CheckResult {
  let families: string[] = [];
  try {
    families = execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8', timeout: 10_000 })
      .split('\n')
      .map((l) => l.split(',')[0].trim())
      .filter(Boolean);
  } catch {
    if (glyphs === null) return fail('中文字体', '无法检查中文字体：fc-list 不可用，浏览器也未能启动', `安装 fontconfig 与中文字体：sudo apt-get install fontconfig fonts-noto-cjk`);
  }
  if (glyphs === false) {
    return fail('中文字体', '浏览器渲染中文时显示为方框（缺字），网页截图证据将无法辨认', FONT_FIX);
  }
  if (!families.length && glyphs === null) return fail('中文字体', '系统中没有支持中文的字体', FONT_FIX);
  const sample = families.find((f) => /SC|CN|Hans/i.test(f)) ?? families[0];
  return ok('中文字体', `${sample ? `已安装 ${sample} 等 ${families.length} 种中文字体` : '已安装中文字体'}${glyphs ? '，浏览器能正确渲染中文' : ''}`);
}

function checkDb(ctx: CliContext): CheckResult {
  const file = ctx.dbPath();
  try {
    const db = ctx.db();
    const { integrity, journalMode: mode } = databaseHealth(db);
    if (integrity !== 'ok') {
      return fail('数据库', `${file} 快速完整性检查未通过：${String(integrity)}`, '停止 zwgk serve，用 data/backups/ 中最新的备份替换该文件后重试');
    }
    if (mode !== 'wal') {
      return fail('数据库', `${file} 未能启用 WAL 模式（当前为 ${String(mode)}），看板与夜间任务会互相阻塞`, '把数据库放在本地磁盘上（WAL 不支持网络文件系统），用 --db 或 ZWGK_DB 指定');
    }
    return ok('数据库', `${file} 可以打开，结构已是最新版本，完整性检查通过，WAL 模式`);
  } catch (e) {
    return fail('数据库', `无法打开 ${file}：${(e as Error).message}`, '检查文件与所在目录的读写权限，或用 --db / ZWGK_DB 指定另一个数据库文件');
  }
}

function checkSnapshots(dir: string): CheckResult {
  const p = snapshotsDirProblem(dir);
  return p ? fail('快照目录', p.problem, p.fix) : ok('快照目录', `${dir} 可写`);
}

function smtpError(e: NodeJS.ErrnoException): string {
  // nodemailer wraps socket errors as ESOCKET/ECONNECTION; the system error code is in the message.
  const code = e.code === 'ESOCKET' || e.code === 'ECONNECTION' ? (/\b(E[A-Z]{4,})\b/.exec(e.message)?.[1] ?? e.code) : e.code;
  switch (code) {
    case 'ECONNREFUSED':
      return '连接被拒绝（该主机的端口上没有邮件服务）';
    case 'ETIMEDOUT':
    case 'ECONNECTION':
      return '连接超时（主机不可达或被防火墙拦截）';
    case 'EDNS':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return '无法解析主机名';
    case 'EAUTH':
      return '用户名或密码被拒绝';
    default:
      return `${e.message}（${e.code ?? '未知错误'}）`;
  }
}

async function checkSmtp(settings: Settings | null): Promise<CheckResult[]> {
  const url = settings?.smtpUrl ?? process.env.ZWGK_SMTP_URL;
  if (!url) {
    return [warn('邮件服务器', '未设置 ZWGK_SMTP_URL：预警邮件不会发送（其他功能不受影响）', '需要发送预警时设置 ZWGK_SMTP_URL=smtp://用户名:密码@主机:587，并设置发件人 ZWGK_MAIL_FROM')];
  }
  const shown = url.replace(/\/\/[^@/]*@/, '//***@');
  const out: CheckResult[] = [];
  const transport = createTransport({ url, connectionTimeout: 5000, greetingTimeout: 5000, socketTimeout: 5000 });
  try {
    await transport.verify();
    out.push(ok('邮件服务器', `${shown} 可以连接（EHLO 成功）`));
  } catch (e) {
    out.push(fail('邮件服务器', `无法连接 ${shown}：${smtpError(e as NodeJS.ErrnoException)}`, '检查 ZWGK_SMTP_URL 的主机、端口、用户名和密码，以及本机到邮件服务器的网络与防火墙'));
  } finally {
    transport.close();
  }
  if (!(settings?.mailFrom ?? process.env.ZWGK_MAIL_FROM)) out.push(warn('发件人', '未设置 ZWGK_MAIL_FROM', '设置 ZWGK_MAIL_FROM 为预警邮件的发件地址，例如 zwgk@example.gov.cn'));
  if (!(settings?.officeEmail ?? process.env.ZWGK_OFFICE_EMAIL)) out.push(warn('政务公开办邮箱', '未设置 ZWGK_OFFICE_EMAIL：超期预警不会抄送区政务公开办', '设置 ZWGK_OFFICE_EMAIL 为区政务公开办的邮箱'));
  if (!(settings?.baseUrl ?? process.env.ZWGK_BASE_URL)) out.push(warn('看板网址', '未设置 ZWGK_BASE_URL：预警邮件中没有看板链接', '设置 ZWGK_BASE_URL 为看板的完整网址，例如 https://zwgk.example.gov.cn'));
  return out;
}

/**
 * This year's calendar is needed now (working-day limits); next year's only from 1 January, and the State
 * Council publishes it late in the year, so its absence is a warning with the fix.
 */
function checkCalendar(year: number): CheckResult[] {
  let rules;
  try {
    rules = loadRules();
  } catch (e) {
    return [fail('节假日日历', (e as Error).message, '按提示修改 rules/ 下的规则文件')];
  }
  return [year, year + 1].map((y) => {
    const name = `${y} 年节假日日历`;
    try {
      isWorkday(rules, `${y}-01-01`);
      return ok(name, `已收录 ${y} 年的放假与调休安排`);
    } catch (e) {
      if (!(e instanceof CalendarCoverageError)) return fail(name, (e as Error).message, '检查 rules/holidays.yaml');
      const [problem, ...fix] = e.message.split('。');
      const fixText = fix.join('。').trim();
      return y === year ? fail(name, `${problem}。`, fixText) : warn(name, `${problem}。下一年度开始前须补齐`, fixText);
    }
  });
}

/** Captured pages are strangers' code: Chromium should run them in its sandbox, which it refuses to root. */
function checkSandbox(): CheckResult {
  if (!runsWithoutSandbox()) return ok('浏览器沙箱', '以普通用户运行，抓取的页面在 Chromium 沙箱中执行');
  return warn(
    '浏览器沙箱',
    '当前以 root 运行：Chromium 不允许 root 使用沙箱，抓取到的页面脚本将在沙箱外执行',
    '为本程序建立专用的普通用户（如 sudo useradd --system --create-home zwgk），用该用户运行 zwgk serve / zwgk crawl（systemd 单元中的 User=zwgk）',
  );
}

export async function runChecks(ctx: CliContext): Promise<CheckResult[]> {
  const { result: settingsResult, settings } = checkSettings();
  const { browser, glyphs } = await checkChromium();
  const year = Number(shanghaiDay().slice(0, 4));
  return [
    settingsResult,
    browser,
    checkSandbox(),
    checkFonts(glyphs),
    checkDb(ctx),
    checkSnapshots(ctx.snapshotsDir()),
    ...(await checkSmtp(settings)),
    ...checkCalendar(year),
  ];
}

const MARK: Record<Level, string> = { ok: '✓', warn: '!', fail: '✗' };

export function register(program: Command, ctx: CliContext): void {
  program
    .command('doctor')
    .description('检查安装环境：浏览器、中文字体、数据库、快照目录、邮件服务器、节假日日历')
    .action(async () => {
      const results = await runChecks(ctx);
      for (const r of results) {
        ctx.print(`${MARK[r.level]} ${r.name}：${r.message}`);
        if (r.fix) ctx.print(`    解决办法：${r.fix}`);
      }
      const n = (l: Level) => results.filter((r) => r.level === l).length;
      ctx.print(`\n检查完成：${n('ok')} 项正常，${n('warn')} 项警告，${n('fail')} 项失败。${n('fail') ? '请按上面的解决办法处理失败项。' : ''}`);
      if (n('fail')) ctx.exitCode = 1;
    });
}
