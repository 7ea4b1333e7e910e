#!/usr/bin/env bash
# One-time set-up on a Debian machine with Node 20: npm packages, Chromium and CJK fonts.
# Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
want_shell=""
if [ -z "${ZWGK_CHROMIUM:-}" ]; then
  command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
  # The crawl's browser where the release has it: Chromium's headless build, faster and lighter (see src/shared/chromium.ts).
  [ -x /usr/lib/chromium/chromium-headless-shell ] || command -v chromium-headless-shell >/dev/null 2>&1 || want_shell=1
fi
# Captured first: `fc-list | grep -q` under pipefail fails at random when grep exits early (SIGPIPE to fc-list).
cjk_fonts="$(fc-list :lang=zh family 2>/dev/null || true)"
if [[ "$cjk_fonts" != *"Noto Sans CJK"* && "$cjk_fonts" != *"Noto Serif CJK"* ]]; then need_apt+=(fonts-noto-cjk); fi
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "安装系统软件包：${need_apt[*]}"
  $SUDO apt-get update -qq
  if [ -n "$want_shell" ] && apt-cache show chromium-headless-shell >/dev/null 2>&1; then need_apt+=(chromium-headless-shell); fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" fontconfig >/dev/null
elif [ -n "$want_shell" ]; then
  # Optional: without it the crawl uses the full chromium; a server without apt access is not stopped here.
  if $SUDO apt-get update -qq 2>/dev/null && apt-cache show chromium-headless-shell >/dev/null 2>&1 &&
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium-headless-shell >/dev/null 2>&1; then
    echo "已安装 chromium-headless-shell"
  else
    echo "提示：未能安装 chromium-headless-shell（可选，抓取将使用完整的 chromium，内存与耗时略多）"
  fi
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "安装 npm 依赖（npm ci）"
  npm ci --no-audit --no-fund
fi
