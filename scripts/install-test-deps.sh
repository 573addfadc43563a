#!/usr/bin/env bash
# Installs what the tests need, only if it is missing (quiet when all is present):
#  - Chromium at /usr/bin/chromium (Debian package `chromium`; needs root), for the chart-rendering tests,
#  - bubblewrap at /usr/bin/bwrap (Debian package `bubblewrap`; needs root), the sandbox `course grade` runs kernels in,
#  - nbformat for Debian's /usr/bin/python3 (package `python3-nbformat`), which validates every notebook against its schema,
#  - the pinned plotly.js and require.js in tests/browser/node_modules (`npm ci` from package-lock.json).
# Safe to run any number of times.
set -euo pipefail
cd "$(dirname "$0")/.."

# apt_install PACKAGE: installs one Debian package, quietly (needs root).
apt_install() {
    if [ "$(id -u)" -ne 0 ]; then
        echo "install-test-deps: the Debian package '$1' is missing; run this script as root (or install it)." >&2
        exit 1
    fi
    echo "install-test-deps: installing $1 (apt-get)..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "$1" >/dev/null
}

if [ ! -x /usr/bin/chromium ] && [ -z "${COURSE_CHROMIUM:-}" ]; then apt_install chromium; fi
if [ ! -x /usr/bin/bwrap ]; then apt_install bubblewrap; fi
if ! /usr/bin/python3 -c 'import nbformat' 2>/dev/null; then apt_install python3-nbformat; fi

if [ ! -f tests/browser/node_modules/plotly.js-dist-min/plotly.min.js ] || [ ! -f tests/browser/node_modules/requirejs/require.js ]; then
    if ! command -v npm >/dev/null 2>&1; then
        echo "install-test-deps: npm is missing; install Node.js (Debian package 'npm') and run this script again." >&2
        exit 1
    fi
    echo "install-test-deps: installing the pinned plotly.js (npm ci in tests/browser)..."
    (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
