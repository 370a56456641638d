#!/usr/bin/env bash
# Headless Chromium for the console's browser tests (test/console): Debian's `chromium` package and a CJK font,
# so the screenshots show Chinese text. puppeteer-core drives it and never downloads a browser of its own.
#   bash scripts/chromium.sh install   # installs it when missing (needs root or sudo: apt-get)
#   bash scripts/chromium.sh path      # prints the executable, exit 1 when missing
set -euo pipefail

find_chromium() {
  if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then echo "$CHROMIUM_PATH"; return 0; fi
  for p in /usr/bin/chromium /usr/bin/chromium-browser /usr/lib/chromium/chromium; do
    if [ -x "$p" ]; then echo "$p"; return 0; fi
  done
  return 1
}

case "${1:-install}" in
  path)
    find_chromium
    ;;
  install)
    if path=$(find_chromium) && fc-list 2>/dev/null | grep -qi -E 'noto sans cjk|wenquanyi|wqy'; then
      echo "chromium: $path"
      exit 0
    fi
    if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo -n"; else
      echo "chromium: missing, and installing it needs root (apt-get install chromium fonts-wqy-microhei)" >&2; exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-wqy-microhei >/dev/null
    path=$(find_chromium) || { echo "chromium: apt-get install did not provide an executable" >&2; exit 1; }
    echo "chromium: $path (installed)"
    ;;
  *)
    echo "usage: $0 install|path" >&2; exit 2
    ;;
esac
