#!/usr/bin/env bash
# Installs what the chart-rendering tests need, only if it is missing (quiet when all is present):
#  - Chromium at /usr/bin/chromium (Debian package `chromium`; needs root),
#  - the pinned plotly.js and require.js in tests/browser/node_modules (`npm ci` from package-lock.json).
# Safe to run any number of times.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ] && [ -z "${COURSE_CHROMIUM:-}" ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "install-test-deps: /usr/bin/chromium is missing; run this script as root (or install the Debian package 'chromium')." >&2
        exit 1
    fi
    echo "install-test-deps: installing chromium (apt-get)..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi

if [ ! -f tests/browser/node_modules/plotly.js-dist-min/plotly.min.js ] || [ ! -f tests/browser/node_modules/requirejs/require.js ]; then
    if ! command -v npm >/dev/null 2>&1; then
        echo "install-test-deps: npm is missing; install Node.js (Debian package 'npm') and run this script again." >&2
        exit 1
    fi
    echo "install-test-deps: installing the pinned plotly.js (npm ci in tests/browser)..."
    (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
