#!/usr/bin/env bash
# The test command: installs what the tests need when it is missing (Chromium and a pinned
# plotly.js, for the chart-rendering tests), then runs every test project in the solution.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -f scripts/install-test-deps.sh ]; then bash scripts/install-test-deps.sh; fi
dotnet test Course.sln -c Release "$@"
