"""The built default model is readable by any user (issue 18): a Spark executor or a service
running as another user than the one who ran `make` must be able to load it.

1. Every file of the model directory is world-readable, the directory world-searchable.
2. Run as root (as CI and `make` here are), a process switched to an unprivileged user
   (nobody, uid 65534) reads every model file, then, where that user can reach the binary
   and its libraries, tags a sentence with frner.

    .venv/bin/python tests/python/test_model_files.py --model models/e5-small-fr-ner \
        --frner target/release/frner
"""

import argparse
import json
import os
import stat
import subprocess

NOBODY = 65534


def as_nobody():
    os.setgroups([])
    os.setgid(NOBODY)
    os.setuid(NOBODY)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", required=True)
    ap.add_argument("--frner", required=True)
    args = ap.parse_args()
    model = os.path.realpath(args.model)
    mode = os.stat(model).st_mode
    assert mode & stat.S_IROTH and mode & stat.S_IXOTH, f"{model} is {oct(mode)}"
    files = [os.path.join(model, n) for n in sorted(os.listdir(model))]
    files = [f for f in files if os.path.isfile(f)]
    for f in files:
        mode = os.stat(f).st_mode
        assert mode & stat.S_IROTH, f"{f} is {oct(stat.S_IMODE(mode))}, not world-readable"
    print(f"model files: {len(files)} files world-readable in {model}")
    if os.geteuid() != 0:
        print("not root: the read as another user is skipped")
        return
    # cat, not this Python: the venv's interpreter may live under a private home directory.
    proc = subprocess.run(["cat", *files], preexec_fn=as_nobody, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    assert proc.returncode == 0, f"uid {NOBODY} cannot read the model: {proc.stderr}"
    print(f"uid {NOBODY} reads every model file")
    frner = os.path.realpath(args.frner)
    probe = subprocess.run([frner, "--version"], preexec_fn=as_nobody, capture_output=True)
    if probe.returncode != 0:
        print(f"uid {NOBODY} cannot run {frner} from here (its path or libraries are not "
              "reachable): the tagging run is skipped")
        return
    proc = subprocess.run(
        [frner, "tag", "-q", "--threads", "1", "--model", model, "--input", "-",
         "--output", "-"],
        input='{"id":"a","text":"Emmanuel Macron est à Paris."}\n',
        preexec_fn=as_nobody, capture_output=True, text=True, cwd="/",
        env={**os.environ, "HOME": "/nonexistent"})
    assert proc.returncode == 0, f"frner as uid {NOBODY}: exit {proc.returncode}\n{proc.stderr}"
    labels = [e["label"] for e in json.loads(proc.stdout)["entities"]]
    assert labels == ["PER", "LOC"], labels
    print(f"uid {NOBODY} tags with the model: {labels}")


if __name__ == "__main__":
    main()
