import { existsSync } from 'node:fs';
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/**
 * The browser binary: ZWGK_CHROMIUM if set, else a system Chromium, else undefined so that
 * playwright-core falls back to its own cache (servers where `playwright install` works).
 */
export function chromiumPath(): string | undefined {
  const fromEnv = process.env.ZWGK_CHROMIUM;
  if (fromEnv) return fromEnv;
  return CANDIDATES.find((p) => existsSync(p));
}

// Without the background-networking flags Chromium keeps calling home, which a closed server network refuses.
const ARGS = [
  '--no-sandbox',
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
    return await chromium.launch({ headless: true, executablePath, args: ARGS, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false, ...opts });
  } catch (err) {
    throw new Error(
      `无法启动 Chromium 浏览器（${executablePath ?? 'Playwright 缓存'}）：${(err as Error).message.split('\n')[0]}。` +
        `请运行 bash scripts/setup.sh 安装 chromium，或用环境变量 ZWGK_CHROMIUM 指定浏览器路径。`,
    );
  }
}
