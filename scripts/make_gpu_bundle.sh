#!/usr/bin/env bash
# Builds the GPU-check bundle (`make gpu-bundle`): everything scripts/gpu_check.sh needs on a
# machine with torch and transformers but no Rust toolchain and no network.
#   make_gpu_bundle.sh BIN TOKENIZER_DIR CONLL FALLBACK_LINES OUT_DIR PYTHON
# OUT_DIR/: frner (stripped BIN), gpu_check.sh, gpu_check.py, corpus.jsonl (the sentences of
# CONLL, or of FALLBACK_LINES when CONLL is absent, with a warning), tokenizer/ (tokenizer.json,
# tokenizer_config.json, special_tokens_map.json), MANIFEST.json.
set -euo pipefail
[[ $# -eq 6 ]] || { echo "usage: $0 BIN TOKENIZER_DIR CONLL FALLBACK_LINES OUT_DIR PYTHON" >&2; exit 2; }
bin=$1 tok=$2 conll=$3 fallback=$4 out=$5 py=$6
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

rm -rf "$out"
mkdir -p "$out/tokenizer"
strip -o "$out/frner" "$bin"
cp "$here/gpu_check.sh" "$here/gpu_check.py" "$out/"
chmod +x "$out/gpu_check.sh"
for f in tokenizer.json tokenizer_config.json special_tokens_map.json; do
    cp "$tok/$f" "$out/tokenizer/"
done
if [[ -f $conll ]]; then
    "$py" "$here/gpu_check.py" corpus --conll "$conll" --out "$out/corpus.jsonl"
    source=$conll
else
    echo "make_gpu_bundle: warning: $conll not found; the bundle's corpus is $fallback instead" >&2
    "$py" "$here/gpu_check.py" corpus --lines "$fallback" --out "$out/corpus.jsonl"
    source=$fallback
fi
# The newest glibc symbol version the binary needs: gpu_check.sh refuses an older glibc with
# that message rather than the loader's.
glibc_min=$(objdump -T "$out/frner" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1)
needed=$(readelf -d "$out/frner" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | paste -sd, -)
"$py" - "$out" "$source" "$glibc_min" "$needed" <<'EOF'
import json, os, subprocess, sys, datetime
out, source, glibc_min, needed = sys.argv[1:5]
def git(*a):
    try:
        return subprocess.run(["git", *a], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
files = {}
for root, _, names in os.walk(out):
    for n in names:
        p = os.path.join(root, n)
        files[os.path.relpath(p, out)] = os.path.getsize(p)
with open(os.path.join(out, "corpus.jsonl"), encoding="utf-8") as f:
    sentences = sum(1 for line in f if line.strip())
manifest = {
    "built_utc": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    "git_commit": git("rev-parse", "HEAD"),
    "git_dirty": bool(git("status", "--porcelain", "--untracked-files=no")),
    "corpus_source": source, "corpus_sentences": sentences,
    "glibc_min": glibc_min, "frner_needs": needed.split(","),
    "files": files, "bytes": sum(files.values()),
}
with open(os.path.join(out, "MANIFEST.json"), "w") as f:
    json.dump(manifest, f, indent=2)
    f.write("\n")
EOF
echo "gpu bundle: $out, $(du -sh "$out" | cut -f1) ($(du -sb "$out" | cut -f1) bytes), corpus $source, needs glibc >= $glibc_min"
