#!/usr/bin/env bash
# Times training epochs of the seed's MLP with PyTorch and through Trainer.Train, taking turns in the same run, on
# every kernel path the CPU has, and prints the best seconds per epoch of each side and their ratio
# (target: ours at most 0.5 × PyTorch). A wrapper around `course bench train --against pytorch`, which does the work.
#
# usage: tests/bench/compare-pytorch.sh [EPOCHS] [--install]
#   EPOCHS     epochs per side and round (default 2); the best epoch of each side is compared
#   --install  first install PyTorch from Debian (as root):
#              apt-get install -y --no-install-recommends python3-torch python3-numpy libopenblas0-pthread
#              (without OpenBLAS, PyTorch falls back to the reference BLAS and is many times slower)
# Environment: ROUNDS (default 2): the two sides take turns this many times; PYTHON picks the interpreter
#   (default /usr/bin/python3, Debian's, which sees the python3-torch package); COURSE_ARTIFACTS moves the build output.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
epochs=2 install=0
for arg in "$@"; do
  case "$arg" in
    --install) install=1 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) epochs="$arg" ;;
  esac
done
[[ "$epochs" =~ ^[1-9][0-9]*$ ]] || { echo "compare-pytorch: EPOCHS must be a positive whole number, got '$epochs'" >&2; exit 2; }
rounds="${ROUNDS:-2}"
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "compare-pytorch: ROUNDS must be a positive whole number, got '$rounds'" >&2; exit 2; }

if [[ $install == 1 ]]; then
  apt-get update -qq
  apt-get install -y --no-install-recommends python3-torch python3-numpy libopenblas0-pthread
fi

artifacts="${COURSE_ARTIFACTS:-$repo/artifacts}"
dotnet build "$repo/lib/Course.Cli" -c Release -nologo -v q >/dev/null
entry="$artifacts/bin/Course.Cli/release/Course.Cli.dll"
[[ -f "$entry" ]] || { echo "compare-pytorch: no built course command at $entry" >&2; exit 1; }
cd "$repo"
exec dotnet "$entry" bench train --against pytorch --epochs "$epochs" --rounds "$rounds" --folder "$repo/data/mnist"
