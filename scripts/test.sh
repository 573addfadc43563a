#!/usr/bin/env bash
# The test command: installs what the tests need (if missing), then runs every test project.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet test Course.sln -c Release "$@"
