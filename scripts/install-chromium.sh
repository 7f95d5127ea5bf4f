#!/usr/bin/env bash
# The browser the HTML report's tests drive (tests/html-report.test.ts): Debian's chromium package, at
# /usr/bin/chromium. A no-op once installed; otherwise apt-get (CI runs as root with apt access).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
/usr/bin/chromium --version
