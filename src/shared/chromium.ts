import { existsSync } from 'node:fs';
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';

// Chromium's headless build first (Debian's chromium-headless-shell; what Playwright itself runs headless): it renders
// the same pages with the same engine, and on the demo's JS lists with 4 tabs and screenshots rendered 3.6–4.1 pages/s
// against the full browser's 2.6, in ~150 MB less memory. Debian's /usr/bin wrapper is a shell that stays between us and the browser, so its
// binary is named directly.
const CANDIDATES = [
  '/usr/lib/chromium/chromium-headless-shell',
  '/usr/bin/chromium-headless-shell',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

/**
 * The browser binary: ZWGK_CHROMIUM if set, else a system Chromium (its headless build where installed), else
 * undefined so that playwright-core falls back to its own cache (servers where `playwright install` works).
 */
export function chromiumPath(): string | undefined {
  const fromEnv = process.env.ZWGK_CHROMIUM;
  if (fromEnv) return fromEnv;
  return CANDIDATES.find((p) => existsSync(p));
}

/**
 * Whether captured pages run without Chromium's sandbox. Chromium refuses its sandbox to root, so only a root
 * process turns it off (doctor warns about that); the service runs as its own user with the sandbox on.
 */
export const runsWithoutSandbox = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

// Without the background-networking flags Chromium keeps calling home, which a closed server network refuses.
const BASE_ARGS = [
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
];

export async function launchChromium(opts: LaunchOptions = {}): Promise<Browser> {
  const executablePath = chromiumPath();
  try {
    // Playwright would close the browser on the process's first SIGTERM/SIGINT, cutting the pages in flight short
    // while the crawl winds down; the crawl closes it itself, last.
    // Playwright turns the sandbox off unless told otherwise: it is asked for wherever Chromium allows it.
    const sandbox = !runsWithoutSandbox();
    return await chromium.launch({ headless: true, executablePath, args: BASE_ARGS, chromiumSandbox: sandbox, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false, ...opts });
  } catch (err) {
    if (/sandbox/i.test((err as Error).message)) {
      throw new Error(
        `Chromium 浏览器无法在沙箱中启动（${(err as Error).message.split('\n')[0]}）。` +
          `请开启非特权用户命名空间（sudo sysctl -w kernel.unprivileged_userns_clone=1，并写入 /etc/sysctl.d/ 以便重启后仍有效），再运行 zwgk doctor 检查。`,
      );
    }
    throw new Error(
      `无法启动 Chromium 浏览器（${executablePath ?? 'Playwright 缓存'}）：${(err as Error).message.split('\n')[0]}。` +
        `请运行 bash scripts/setup.sh 安装 chromium，或用环境变量 ZWGK_CHROMIUM 指定浏览器路径。`,
    );
  }
}
