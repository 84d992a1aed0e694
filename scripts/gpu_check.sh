#!/usr/bin/env bash
# frner on a borrowed GPU machine, in one command and at most 6 minutes (issue 15):
#   1. builds an e5-small-shaped token-classification checkpoint there (random, seeded weights,
#      made by that machine's transformers; nothing is downloaded);
#   2. parity: frner on CUDA in fp32, fp16 and bf16 against frner on the CPU, 300 sentences
#      (fp32: identical entities; fp16/bf16: >= 99 % of entities agree; max |Δ| of scores);
#   3. throughput: frner fp16/bf16/fp32 over a sweep of --max-batch-tokens against the
#      transformers token-classification pipeline (fp16, its best batch size) in the same run,
#      with peak GPU memory and the share of time in frner's CPU stages.
# It runs from the directory `make gpu-bundle` builds (out/gpu-bundle: frner, this script,
# gpu_check.py, corpus.jsonl, tokenizer/):
#
#   bash out/gpu-bundle/gpu_check.sh          # on the GPU machine
#   bash out/gpu-bundle/gpu_check.sh --cpu    # the same steps on the CPU, small slice (make test)
#
# Writes $OUT/gpu_report.json (OUT defaults to ./gpu-check-out), rewritten after every step so
# that a failure or the time limit still leaves a partial report, and prints a short table.
# Exit status: 0 all checks passed, 1 a check or step failed, 2 setup error.
# Environment: OUT; PYTHON (a Python with torch and transformers; default: python3, python);
# WORK (scratch directory for the ~0.5 GB checkpoint; default: a temporary one, removed at
# the end; a kept WORK lets a rerun reuse the checkpoint); GPU_CHECK_BUDGET_S (seconds for the
# steps; default 320 on the GPU, 150 with --cpu).
set -euo pipefail

die() { echo "gpu_check: error: $*" >&2; exit 2; }

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
mode=gpu
while [[ $# -gt 0 ]]; do
    case $1 in
        --cpu) mode=cpu ;;
        -h | --help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown option $1 (use --cpu or --help)" ;;
    esac
    shift
done

FRNER=${FRNER:-$here/frner}
CORPUS=${CORPUS:-$here/corpus.jsonl}
TOKENIZER=${TOKENIZER:-$here/tokenizer}
for f in "$FRNER" "$CORPUS" "$TOKENIZER/tokenizer.json" "$here/gpu_check.py"; do
    [[ -e $f ]] || die "$f is missing: run this script from the directory \`make gpu-bundle\` builds"
done
[[ -x $FRNER ]] || die "$FRNER is not executable"
OUT=${OUT:-$PWD/gpu-check-out}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

# A Python with torch and transformers (the GPU machine's own). Found without importing them
# (seconds each); a broken install shows in the first step that imports them.
has_torch='import importlib.util as u, sys; sys.exit(not (u.find_spec("torch") and u.find_spec("transformers")))'
if [[ -z ${PYTHON:-} ]]; then
    for p in python3 python; do
        if command -v "$p" >/dev/null && timeout 60 "$p" -c "$has_torch" 2>/dev/null; then
            PYTHON=$(command -v "$p")
            break
        fi
    done
fi
[[ -n ${PYTHON:-} ]] || die "no python with torch and transformers found (set PYTHON=...)"
timeout 60 "$PYTHON" -c "$has_torch" || die "$PYTHON has no torch or no transformers"
# torch.__file__'s directory, /lib: where the wheel keeps libtorch_cpu.so, libc10.so, libtorch_cuda.so.
torch_lib=$(timeout 60 "$PYTHON" -c 'import importlib.util as u, os; print(os.path.join(os.path.dirname(u.find_spec("torch").origin), "lib"))') \
    || die "$PYTHON cannot locate torch"
[[ -f $torch_lib/libtorch_cpu.so ]] || die "no libtorch_cpu.so in $torch_lib"

# frner links libtorch_cpu and libc10 by name (rpath to the build machine's venv): point the
# loader at this machine's torch instead, and tell frner where to dlopen libtorch_cuda from
# (src/model/cuda.rs; the binary does not link it, so CUDA registers only when it is loaded).
export LD_LIBRARY_PATH="$torch_lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export FRNER_LIBTORCH_LIB=$torch_lib

# The binary needs the glibc it was built against (MANIFEST.json: glibc_min) or newer.
need=$(sed -n 's/.*"glibc_min": *"\([0-9.]*\)".*/\1/p' "$here/MANIFEST.json" 2>/dev/null || true)
have=$(getconf GNU_LIBC_VERSION 2>/dev/null | awk '{print $2}' || true)
if [[ -n $need && -n $have ]] && [[ $(printf '%s\n%s\n' "$need" "$have" | sort -V | head -1) != "$need" ]]; then
    die "this machine has glibc $have; the bundled frner needs $need or newer"
fi
if ! version=$(timeout 30 "$FRNER" --version 2>&1); then
    echo "$version" >&2
    echo "libraries frner cannot find:" >&2
    ldd "$FRNER" | grep "not found" >&2 || true
    die "the bundled frner does not start (LD_LIBRARY_PATH=$LD_LIBRARY_PATH)"
fi
if [[ $mode == gpu ]] && ! command -v nvidia-smi >/dev/null; then
    echo "gpu_check: warning: no nvidia-smi: no GPU memory figures (is this the GPU machine?)" >&2
fi

if [[ -z ${WORK:-} ]]; then
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/gpu_check.XXXXXX")
    trap 'rm -rf "$WORK"' EXIT
fi
mkdir -p "$WORK"
export GPU_CHECK_TMP=$WORK

if [[ $mode == gpu ]]; then budget=${GPU_CHECK_BUDGET_S:-320}; else budget=${GPU_CHECK_BUDGET_S:-150}; fi
echo "gpu_check: $mode mode, $version, torch from $torch_lib, report in $OUT, at most $((budget + 30)) s"
rc=0
# Every step inside has its own timeout; this one bounds the whole (the report is saved after
# each step, so a kill here still leaves one).
timeout --kill-after=10 $((budget + 20)) "$PYTHON" "$here/gpu_check.py" run --mode "$mode" \
    --frner "$FRNER" --corpus "$CORPUS" --tokenizer "$TOKENIZER" --out "$OUT" --work "$WORK" \
    --budget-s "$budget" || rc=$?
# The table also marks a report the time limit cut short; a failed check makes rc non-zero.
"$PYTHON" "$here/gpu_check.py" table "$OUT/gpu_report.json" --rc "$rc" || { [[ $rc -ne 0 ]] || rc=1; }
exit "$rc"
