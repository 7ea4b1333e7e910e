#!/usr/bin/env bash
# One-time set-up on a Debian machine with Node 20: npm packages, Chromium and CJK fonts.
# Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
if [ -z "${ZWGK_CHROMIUM:-}" ] && ! command -v chromium >/dev/null 2>&1; then need_apt+=(chromium); fi
# Captured first: `fc-list | grep -q` under pipefail fails at random when grep exits early (SIGPIPE to fc-list).
cjk_fonts="$(fc-list :lang=zh family 2>/dev/null || true)"
if [[ "$cjk_fonts" != *"Noto Sans CJK"* && "$cjk_fonts" != *"Noto Serif CJK"* ]]; then need_apt+=(fonts-noto-cjk); fi
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "安装系统软件包：${need_apt[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" fontconfig >/dev/null
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "安装 npm 依赖（npm ci）"
  npm ci --no-audit --no-fund
fi
