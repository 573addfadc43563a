#!/usr/bin/env bash
# The test command: installs what the tests need when it is missing (Chromium and a pinned
# plotly.js, for the chart-rendering tests), then runs every test project in the solution
# and ends with one summary line over all of them.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-deps.sh
log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test Course.sln -c Release "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
count() { grep -oE "$1: +[0-9]+" "$log" | awk '{ n += $2 } END { print n + 0 }'; }
echo "tests: $(count Passed) passed, $(count Failed) failed, $(count Skipped) skipped"
exit "$status"
