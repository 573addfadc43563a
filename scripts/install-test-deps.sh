#!/usr/bin/env bash
# Installs what the tests need, only if it is missing (quiet when all is present):
#  - Chromium at /usr/bin/chromium (Debian package `chromium`; needs root), for the chart-rendering tests,
#  - bubblewrap at /usr/bin/bwrap (Debian package `bubblewrap`; needs root), the sandbox `course grade` runs kernels in,
#  - the pinned plotly.js and require.js in tests/browser/node_modules (`npm ci` from package-lock.json),
#  - Debian's nbformat (which validates every notebook against its schema), nbclient, jupyter_client and the
#    jupyter-notebook server, for /usr/bin/python3 (the Jupyter tests),
#  - the pinned .NET Interactive kernel, Microsoft.dotnet-interactive, and dotnet-repl, the peer `course bench engine`
#    compares with (`dotnet tool restore`, .config/dotnet-tools.json).
# Safe to run any number of times.
set -euo pipefail
cd "$(dirname "$0")/.."

# apt_install PACKAGE...: installs Debian packages, quietly (needs root).
apt_install() {
    if [ "$(id -u)" -ne 0 ]; then
        echo "install-test-deps: the Debian package(s) '$*' are missing; run this script as root (or install them)." >&2
        exit 1
    fi
    echo "install-test-deps: installing $* (apt-get)..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

if [ ! -x /usr/bin/chromium ] && [ -z "${COURSE_CHROMIUM:-}" ]; then apt_install chromium; fi
if [ ! -x /usr/bin/bwrap ]; then apt_install bubblewrap; fi
# Debian's own python: the python3 first on PATH may be another one, without these packages.
if ! /usr/bin/python3 -c "import nbclient, jupyter_client, nbformat" >/dev/null 2>&1; then
    apt_install python3-nbclient python3-jupyter-client python3-nbformat
fi
if [ ! -x /usr/bin/jupyter-notebook ]; then apt_install jupyter-notebook; fi
# The tool's package goes to the NuGet cache; the kernelspec that runs it is installed by each test into a temporary dir.
dotnet tool restore >/dev/null

if [ ! -f tests/browser/node_modules/plotly.js-dist-min/plotly.min.js ] || [ ! -f tests/browser/node_modules/requirejs/require.js ]; then
    if ! command -v npm >/dev/null 2>&1; then
        echo "install-test-deps: npm is missing; install Node.js (Debian package 'npm') and run this script again." >&2
        exit 1
    fi
    echo "install-test-deps: installing the pinned plotly.js (npm ci in tests/browser)..."
    (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
