#!/usr/bin/env bash
# Times training epochs of the seed's MLP with PyTorch and with `course bench train` in the same run,
# and prints both seconds per epoch and their ratio (target: ours at most 0.5 × PyTorch).
#
# usage: tests/bench/compare-pytorch.sh [EPOCHS] [TORCH_THREADS] [OUR_THREADS] [--install]
#   EPOCHS         epochs per side (default 3); the best epoch of each side is compared
#   TORCH_THREADS  PyTorch's threads (default 1: with OpenBLAS on 2 cores, 1 is its fastest)
#   OUR_THREADS    threads per matrix product for ours (default: the library's, 1; 2 pays only on an idle machine)
#   --install  first install PyTorch from Debian (as root):
#              apt-get install -y --no-install-recommends python3-torch python3-numpy libopenblas0-pthread
#              (without OpenBLAS, PyTorch falls back to the reference BLAS and is many times slower)
# Environment: COURSE_ARTIFACTS moves the build output (default: artifacts/ in the repository);
#   ROUNDS (default 2): the two sides take turns this many times;
#   PYTHON picks the interpreter (default /usr/bin/python3, Debian's, which sees the python3-torch package).
# Nothing outside a temporary folder is written besides the Release build; the MNIST files in data/mnist are only read.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
epochs=3 threads=1 ours_threads="" rounds="${ROUNDS:-2}" install=0 positional=()
for arg in "$@"; do
  case "$arg" in
    --install) install=1 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) positional+=("$arg") ;;
  esac
done
[[ ${#positional[@]} -ge 1 ]] && epochs="${positional[0]}"
[[ ${#positional[@]} -ge 2 ]] && threads="${positional[1]}"
[[ ${#positional[@]} -ge 3 ]] && ours_threads="${positional[2]}"
[[ "$epochs" =~ ^[1-9][0-9]*$ ]] || { echo "compare-pytorch: EPOCHS must be a positive whole number, got '$epochs'" >&2; exit 2; }
[[ "$threads" =~ ^[1-9][0-9]*$ ]] || { echo "compare-pytorch: TORCH_THREADS must be a positive whole number, got '$threads'" >&2; exit 2; }
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "compare-pytorch: ROUNDS must be a positive whole number, got '$rounds'" >&2; exit 2; }
[[ -z "$ours_threads" || "$ours_threads" =~ ^[1-9][0-9]*$ ]] || { echo "compare-pytorch: OUR_THREADS must be a positive whole number, got '$ours_threads'" >&2; exit 2; }

if [[ $install == 1 ]]; then
  apt-get update -qq
  apt-get install -y --no-install-recommends python3-torch python3-numpy libopenblas0-pthread
fi
python="${PYTHON:-/usr/bin/python3}"
if ! "$python" -c 'import torch, numpy' 2>/dev/null; then
  echo "compare-pytorch: PyTorch is not installed. Run with --install (as root), or:" >&2
  echo "  apt-get install -y --no-install-recommends python3-torch python3-numpy libopenblas0-pthread" >&2
  exit 1
fi

# 1) the training images, uncompressed where torchvision-style scripts look for them: DATA_ROOT/MNIST/raw/
data_root="$(mktemp -d)"
trap 'rm -rf "$data_root"' EXIT
mkdir -p "$data_root/MNIST/raw"
for name in train-images-idx3-ubyte train-labels-idx1-ubyte; do
  gzip -dc "$repo/data/mnist/$name.gz" > "$data_root/MNIST/raw/$name"
done

# 2) our side, built once in Release
artifacts="${COURSE_ARTIFACTS:-$repo/artifacts}"
dotnet build "$repo/lib/Course.Cli" -c Release -nologo -v q >/dev/null
# the command's entry assembly: Course.Cli.dll (named course.dll before it was renamed)
course=()
for name in Course.Cli course; do
  entry="$artifacts/bin/Course.Cli/release/$name.dll"
  if [[ -f "$entry" && -f "${entry%.dll}.runtimeconfig.json" ]]; then course=(dotnet "$entry"); break; fi
done
[[ ${#course[@]} -gt 0 ]] || { echo "compare-pytorch: no built course command in $artifacts/bin/Course.Cli/release" >&2; exit 1; }

# 3) both sides, taking turns for ROUNDS rounds in the same run, so that a burst of load from other
#    programs hits both rather than one; the best epoch of each side over all rounds is compared
torch_log="$data_root/torch.log" ours_log="$data_root/ours.log"
thread_option=()
[[ -n "$ours_threads" ]] && thread_option=(--threads "$ours_threads")
for round in $(seq 1 "$rounds"); do
  echo "== round $round/$rounds: PyTorch $("$python" -c 'import torch; print(torch.__version__)'), $threads thread(s), $epochs epochs"
  "$python" "$repo/tests/bench/pytorch_train_loop.py" "$data_root" "$threads" "$epochs" | tee -a "$torch_log"
  echo "== round $round/$rounds: course bench train, $epochs epochs"
  "${course[@]}" bench train --epochs "$epochs" "${thread_option[@]}" --folder "$repo/data/mnist" | tee -a "$ours_log"
done

# 4) best epoch of each side and the ratio
torch_best=$(grep -o 'time [0-9.]* s' "$torch_log" | awk '{print $2}' | sort -g | head -1)
ours_best=$(grep -E '^  epoch [0-9]+:' "$ours_log" | grep -o '[0-9.]* s ' | awk '{print $1}' | sort -g | head -1)
awk -v t="$torch_best" -v o="$ours_best" 'BEGIN {
  printf "== best seconds per epoch over all rounds: PyTorch %.3f, ours %.3f, ratio ours/PyTorch %.2f (target <= 0.50)\n", t, o, o / t }'
echo "   (wall-clock on a shared machine: noisy; run it again before drawing conclusions)"
