#!/usr/bin/env bash
# The fast model's distillation on the device machine (issue 17), in one command. From the
# repository root there, with out/distill-bundle carried (`make distill-bundle` builds it):
#
#   bash scripts/distill_device.sh            # on the GPU: MINUTES of training (default 6)
#   DEVICE=cpu MINUTES=1 bash scripts/distill_device.sh   # the same steps here, as a check
#
# Steps: unpack the bundle (scripts/distill_bundle.py unpack); continue the committed student
# with scripts/distill_fast.py (the sixth round's loss: soft labels, hidden states of the
# teacher, all layers trained; bf16 autocast on the GPU); export the best and the last
# checkpoints as artifacts and write them to $OUT in parts the device can send back:
#   $OUT/best/{fast.json,weights.NN}, $OUT/last/{…}, $OUT/train_log.jsonl, $OUT/run.log
# Back here: scripts/distill_bundle.py receive --parts DIR/best --artifact A, then
# build_fast_model.py --base build/e5-small --artifact A --out M and `frner eval --model M`.
# Environment: OUT (default ./distill-out), WORK (scratch, default a temporary directory),
# DEVICE (cuda), MINUTES (6), LR (1e-4), BATCH_TOKENS (8192), EVAL_EVERY (300), PYTHON,
# INIT (committed: continue the committed student; teacher: start again from the teacher's
# layers LAYERS, as the first round did), LAYERS (the teacher layers the student's layers
# start from or are matched to, default 0,4,7,11; a deeper student such as 0,3,6,9,11 trades
# speed for accuracy, models/fast/README.md "Deeper students"), INIT_LAYERS (with
# INIT=committed and other LAYERS: for each student layer, the committed student's layer it
# starts from or - for the teacher's, e.g. LAYERS=0,4,5,7,11 INIT_LAYERS=0,1,-,2,3).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
BUNDLE=${BUNDLE:-$root/out/distill-bundle}
ARTIFACT=${ARTIFACT:-$root/models/fast/e5-small-fr-ner-fast}
OUT=${OUT:-$PWD/distill-out}
DEVICE=${DEVICE:-cuda}
MINUTES=${MINUTES:-6}
LR=${LR:-1e-4}
BATCH_TOKENS=${BATCH_TOKENS:-8192}
EVAL_EVERY=${EVAL_EVERY:-300}
PYTHON=${PYTHON:-python3}
INIT=${INIT:-committed}
LAYERS=${LAYERS:-0,4,7,11}
INIT_LAYERS=${INIT_LAYERS:-}
for f in "$BUNDLE/MANIFEST.json" "$ARTIFACT/weights.safetensors.gz"; do
    [[ -f $f ]] || { echo "distill_device: $f is missing (make distill-bundle; carry out/distill-bundle)" >&2; exit 2; }
done
if [[ -z ${WORK:-} ]]; then
    WORK=$(mktemp -d)
    trap 'rm -rf "$WORK"' EXIT
fi
case $INIT in
    committed)
        init=(--init-student "$WORK/student" --layers "$LAYERS")
        if [[ -n $INIT_LAYERS ]]; then
            init+=(--init-student-layers "$INIT_LAYERS")
        elif [[ $LAYERS != 0,4,7,11 ]]; then
            echo "distill_device: LAYERS other than the committed student's 0,4,7,11 needs INIT_LAYERS or INIT=teacher" >&2
            exit 2
        fi ;;
    teacher)
        [[ -z $INIT_LAYERS ]] || { echo "distill_device: INIT_LAYERS goes with INIT=committed" >&2; exit 2; }
        init=(--layers "$LAYERS") ;;
    *) echo "distill_device: INIT is committed or teacher, not $INIT" >&2; exit 2 ;;
esac
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
export PYTHONPATH="$here:$BUNDLE${PYTHONPATH:+:$PYTHONPATH}" PYTHONUNBUFFERED=1
log="$OUT/run.log"
{
    echo "distill_device: $(date -u +%FT%TZ) device $DEVICE, $MINUTES min, lr $LR, batch $BATCH_TOKENS tokens, init $INIT${INIT_LAYERS:+ ($INIT_LAYERS)}, layers $LAYERS"
    "$PYTHON" -c 'import torch, transformers; print("torch", torch.__version__, "transformers", transformers.__version__, "cuda", torch.cuda.is_available())'
    "$PYTHON" "$here/distill_bundle.py" unpack --bundle "$BUNDLE" --artifact "$ARTIFACT" --work "$WORK"
} 2>&1 | tee "$log"
# The training stage stops itself after MINUTES (the learning rate decays over them).
"$PYTHON" "$here/distill_fast.py" --out "$WORK/distill" --teacher "$WORK/teacher" \
    ${init[@]+"${init[@]}"} --dev "$BUNDLE/dev.conllu" --dev-limit 300 \
    --hidden-beta 0.5 --freeze-layers 0 --minutes "$MINUTES" --lr "$LR" --warmup 50 \
    --batch-tokens "$BATCH_TOKENS" --eval-every "$EVAL_EVERY" --device "$DEVICE" 2>&1 \
    | { grep -v -i 'warn\|quantiz\|torchao\|migrat' || true; } | tee -a "$log"
cp "$WORK/distill/train_log.jsonl" "$OUT/"
for which in best last; do
    [[ -f $WORK/distill/$which/state.json ]] || continue
    "$PYTHON" "$here/build_fast_model.py" --export "$WORK/distill/$which" --kept "$BUNDLE/kept_base.json" \
        --temperature 1.5 --artifact "$WORK/art-$which" 2>&1 | tee -a "$log"
    "$PYTHON" "$here/distill_bundle.py" send --artifact "$WORK/art-$which" --parts "$OUT/$which"
done
echo "distill_device: done $(date -u +%FT%TZ); results in $OUT" | tee -a "$log"
