#!/usr/bin/env bash
# Times training epochs of notebook 09's recurrent language model with PyTorch (nn.Embedding + nn.RNN + nn.Linear)
# and with `course bench rnn` in the same run, on the same token ids, sizes and batches, and prints seconds per
# epoch, tokens per second and the ratio of the times (target: ours at most 0.7 × PyTorch).
#
# usage: tests/bench/compare-pytorch-rnn.sh [EPOCHS] [TORCH_THREADS]
#   EPOCHS         epochs per side and round (default 2); the best epoch of each side is compared
#   TORCH_THREADS  PyTorch's threads (default 1)
# Environment: ROUNDS (default 2): the two sides take turns this many times; COURSE_ARTIFACTS, PYTHON as in
#   compare-pytorch.sh (install PyTorch with its --install). Writes only a temporary folder and the Release build.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
epochs="${1:-2}" threads="${2:-1}" rounds="${ROUNDS:-2}"
for value in "$epochs" "$threads" "$rounds"; do
  [[ "$value" =~ ^[1-9][0-9]*$ ]] || { echo "compare-pytorch-rnn: EPOCHS, TORCH_THREADS and ROUNDS must be positive whole numbers, got '$value'" >&2; exit 2; }
done
python="${PYTHON:-/usr/bin/python3}"
if ! "$python" -c 'import torch, numpy' 2>/dev/null; then
  echo "compare-pytorch-rnn: PyTorch is not installed; see tests/bench/compare-pytorch.sh --install" >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
artifacts="${COURSE_ARTIFACTS:-$repo/artifacts}"
dotnet build "$repo/lib/Course.Cli" -c Release -nologo -v q >/dev/null
course=(dotnet "$artifacts/bin/Course.Cli/release/Course.Cli.dll")
[[ -f "${course[1]}" ]] || { echo "compare-pytorch-rnn: no built course command at ${course[1]}" >&2; exit 1; }

torch_log="$work/torch.log" ours_log="$work/ours.log"
for round in $(seq 1 "$rounds"); do
  echo "== round $round/$rounds: course bench rnn, $epochs epochs"
  "${course[@]}" bench rnn --epochs "$epochs" --write-tokens "$work/tokens.i32" | tee -a "$ours_log"
  echo "== round $round/$rounds: PyTorch $("$python" -c 'import torch; print(torch.__version__)'), $threads thread(s), $epochs epochs"
  "$python" "$repo/tests/bench/pytorch_rnn_loop.py" "$work/tokens.i32" 501 "$threads" "$epochs" | tee -a "$torch_log"
done

torch_best=$(grep -o 'time [0-9.]* s' "$torch_log" | awk '{print $2}' | sort -g | head -1)
ours_best=$(grep -E '^  epoch [0-9]+:' "$ours_log" | grep -o ': [0-9.]* s ' | awk '{print $2}' | sort -g | head -1)
tokens=$(grep -o '^course bench rnn: [0-9]*' "$ours_log" | head -1 | awk '{print $4}')
awk -v t="$torch_best" -v o="$ours_best" 'BEGIN {
  printf "== best seconds per epoch over all rounds: PyTorch %.3f, ours %.3f, ratio ours/PyTorch %.2f (target <= 0.70)\n", t, o, o / t }'
echo "   (wall-clock on a shared machine: noisy; run it again before drawing conclusions)"
