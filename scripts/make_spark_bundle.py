"""Builds the relocatable frner bundle for Spark executors (`make spark-bundle`, issue 18).

    .venv/bin/python scripts/make_spark_bundle.py --frner target/release/frner \
        --model models/e5-small-fr-ner --fast-model models/e5-small-fr-ner-fast \
        --patchelf .venv/bin/patchelf --out out/spark-bundle [--tar out/frner-bundle.tar.gz]

OUT/ (runs from any path, without the venv or the checkout):
- bin/frner: the launcher (POSIX sh). It sets FRNER_MODEL to the bundled default model and
  FRNER_LIBTORCH_LIB to lib/ unless they are set, maps `--model fast|accurate` to the bundled
  models, and runs bin/frner-bin.
- bin/frner-bin: the stripped binary, its RUNPATH rewritten from the build venv's torch
  directory to `$ORIGIN/../lib`.
- lib/: every library the binary resolves outside the system's own directories (ldd): the
  CPU libtorch (libtorch_cpu.so, libc10.so), its OpenMP runtime (libgomp.so.1), and the two
  CUDA libraries the PyPI wheel's libtorch_cpu.so links (libcudart, libcupti; they load without
  a GPU or driver). No other CUDA library. Their RPATH is rewritten to `$ORIGIN`.
- models/e5-small-fr-ner/, models/e5-small-fr-ner-fast/: the default and the fast model.
- MANIFEST.json: commit, libtorch version, the newest glibc / libstdc++ symbol versions needed,
  every file with its size.
Files are 0644, directories and executables 0755, whoever builds it. The system libraries
(glibc, libstdc++, libgcc_s) come from the node.

The directory is rebuilt only when an input changed (the binary, a library, a model file, this
script: path, size, mtime; unchanged libraries and models are hard-linked from the previous
build), and the tarball (`--tar`, gzip, entries under `./`, owner 0) only when
older than the directory's stamp. The build checks its own result: ldd of the bundled binary
and libraries (LD_LIBRARY_PATH unset) resolves every non-system library inside the bundle.
"""

import argparse
import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile

STAMP = ".inputs.json"
# Where the node's own libraries live: what ldd resolves there is not bundled.
SYSTEM_DIRS = ("/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/", "/usr/lib32/")
LAUNCHER = r"""#!/bin/sh
# frner from the relocatable bundle (`make spark-bundle`): runs bin/frner-bin, which finds its
# libtorch in ../lib by RUNPATH ($ORIGIN/../lib), with the bundled models. FRNER_MODEL and
# FRNER_LIBTORCH_LIB are respected when set; `--model fast` / `--model accurate` name the
# bundled models (a path given to --model is taken as it is).
self=$(readlink -f "$0") || exit 2
here=$(cd "$(dirname "$self")/.." && pwd -P) || exit 2
FRNER_MODEL=${FRNER_MODEL:-$here/models/e5-small-fr-ner}
FRNER_LIBTORCH_LIB=${FRNER_LIBTORCH_LIB:-$here/lib}
export FRNER_MODEL FRNER_LIBTORCH_LIB
named() {
    if [ -e "$1" ]; then
        printf '%s' "$1"
        return
    fi
    case $1 in
        [Ff][Aa][Ss][Tt]) printf '%s' "$here/models/e5-small-fr-ner-fast" ;;
        [Aa][Cc][Cc][Uu][Rr][Aa][Tt][Ee]) printf '%s' "$here/models/e5-small-fr-ner" ;;
        *) printf '%s' "$1" ;;
    esac
}
prev=
for arg do
    shift
    case $prev in
        --model) arg=$(named "$arg") ;;
        *) case $arg in --model=*) arg=--model=$(named "${arg#--model=}") ;; esac ;;
    esac
    set -- "$@" "$arg"
    prev=$arg
done
exec "$here/bin/frner-bin" "$@"
"""


def run(*cmd, env=None):
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        sys.exit(f"make_spark_bundle: {' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr}")
    return proc.stdout


def ldd(path):
    """(name, resolved path or None) for every library ldd lists for `path`, the dynamic
    loader and the vDSO left out; LD_LIBRARY_PATH is not used."""
    env = {k: v for k, v in os.environ.items() if k != "LD_LIBRARY_PATH"}
    out = run("ldd", path, env=env)
    libs = []
    for line in out.splitlines():
        m = re.match(r"\s*(\S+) => (.*?)(?: \(0x[0-9a-f]+\))?$", line)
        if not m:
            continue  # linux-vdso, ld-linux (no `=>`)
        name, where = m.groups()
        libs.append((name, None if where == "not found" else where))
    return libs


def is_system(path):
    return os.path.realpath(path).startswith(SYSTEM_DIRS) or path.startswith(SYSTEM_DIRS)


def model_files(model):
    """The files of a model directory, dotfiles (make's .done stamp) left out."""
    names = sorted(n for n in os.listdir(model) if not n.startswith("."))
    return [os.path.join(model, n) for n in names if os.path.isfile(os.path.join(model, n))]


def file_sig(path):
    st = os.stat(path)
    return [os.path.realpath(path), st.st_size, st.st_mtime_ns]


def signature(args):
    """What the directory is built from, by part: path, size, mtime of every input. A part
    whose inputs did not change is hard-linked from the previous build (patchelf on
    libtorch_cpu.so and a GB of copies are most of the time)."""
    script = file_sig(os.path.abspath(__file__))
    libs = [[name, *file_sig(where)] for name, where in ldd(args.frner)
            if where is not None and not is_system(where)]
    return {
        "binary": file_sig(args.frner), "script": script, "libs": libs,
        "models": [file_sig(p) for p in model_files(args.model) + model_files(args.fast_model)],
    }


def reusable(old, new, part, out, sub):
    """Whether OUT/sub, built before, can be linked into the new build unchanged."""
    return (isinstance(old, dict) and old.get("script") == new["script"]
            and old.get(part) == new[part] and os.path.isdir(os.path.join(out, sub)))


def link_tree(src, dst):
    shutil.copytree(src, dst, copy_function=os.link)


def symbol_floor(paths, prefix):
    """The newest `prefix`_x.y symbol version the files need (objdump -T), or None."""
    versions = set()
    for p in paths:
        out = run("objdump", "-T", p)
        versions.update(re.findall(rf"\b{prefix}_([0-9][0-9.]*)\b", out))
    if not versions:
        return None
    return max(versions, key=lambda v: tuple(int(x) for x in v.split(".") if x))


def torch_version(lib_dir):
    """libtorch's version from the torch package the libraries came from, if found."""
    version_py = os.path.join(os.path.dirname(lib_dir), "version.py")
    try:
        with open(version_py, encoding="utf-8") as f:
            m = re.search(r"__version__\s*=\s*['\"]([^'\"]+)", f.read())
    except OSError:
        return None
    return m.group(1) if m else None


def git(*a):
    try:
        return subprocess.run(["git", *a], capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def copy_model(src, dst):
    os.makedirs(dst, mode=0o755)
    for f in model_files(src):
        target = os.path.join(dst, os.path.basename(f))
        shutil.copyfile(f, target)
        os.chmod(target, 0o644)


def check_resolution(bundle):
    """Every library of the bundled binary and of lib/*.so resolves to the system or into
    the bundle's lib/; returns the bundle's ELF files."""
    lib = os.path.join(bundle, "lib")
    elfs = [os.path.join(bundle, "bin", "frner-bin")]
    elfs += [os.path.join(lib, n) for n in sorted(os.listdir(lib))]
    for elf in elfs:
        for name, where in ldd(elf):
            if where is None:
                sys.exit(f"make_spark_bundle: {elf}: {name} not found")
            if not is_system(where) and os.path.dirname(os.path.realpath(where)) != \
                    os.path.realpath(lib):
                sys.exit(f"make_spark_bundle: {elf}: {name} resolves to {where}, "
                         "outside the bundle")
    return elfs


def build_dir(args, out, reuse_libs=False, reuse_models=False):
    tmp = out + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(os.path.join(tmp, "bin"), mode=0o755)
    if reuse_libs:
        link_tree(os.path.join(out, "lib"), os.path.join(tmp, "lib"))
    else:
        os.makedirs(os.path.join(tmp, "lib"), mode=0o755)
    exe = os.path.join(tmp, "bin", "frner-bin")
    run("strip", "-o", exe, args.frner)
    os.chmod(exe, 0o755)
    bundled = []
    torch_lib = None
    for name, where in ldd(args.frner):
        if where is None:
            sys.exit(f"make_spark_bundle: {args.frner} needs {name}, which ldd does not find")
        if is_system(where):
            continue
        bundled.append(name)
        if name.startswith("libtorch_cpu"):
            torch_lib = os.path.dirname(os.path.realpath(where))
        if reuse_libs:
            continue
        target = os.path.join(tmp, "lib", name)
        shutil.copyfile(where, target)
        os.chmod(target, 0o755)
        # The wheel's RPATH points into the venv's nvidia/ packages and $ORIGIN: $ORIGIN only.
        run(args.patchelf, "--force-rpath", "--set-rpath", "$ORIGIN", target)
    if not any(n.startswith("libtorch_cpu") for n in bundled):
        sys.exit(f"make_spark_bundle: {args.frner} does not resolve libtorch_cpu.so: {bundled}")
    run(args.patchelf, "--set-rpath", "$ORIGIN/../lib", exe)
    launcher = os.path.join(tmp, "bin", "frner")
    with open(launcher, "w", encoding="utf-8") as f:
        f.write(LAUNCHER)
    os.chmod(launcher, 0o755)
    if reuse_models:
        link_tree(os.path.join(out, "models"), os.path.join(tmp, "models"))
    else:
        os.makedirs(os.path.join(tmp, "models"), mode=0o755)
        copy_model(args.model, os.path.join(tmp, "models", "e5-small-fr-ner"))
        copy_model(args.fast_model, os.path.join(tmp, "models", "e5-small-fr-ner-fast"))
    elfs = check_resolution(tmp)

    files = {}
    for root, _, names in os.walk(tmp):
        for n in names:
            p = os.path.join(root, n)
            files[os.path.relpath(p, tmp)] = os.path.getsize(p)
    manifest = {
        "built_utc": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "git_commit": git("rev-parse", "HEAD"),
        "git_dirty": bool(git("status", "--porcelain", "--untracked-files=no")),
        "libtorch": torch_version(torch_lib),
        "libraries": bundled,
        "runpath": "$ORIGIN/../lib",
        "glibc_min": symbol_floor(elfs, "GLIBC"),
        "glibcxx_min": symbol_floor(elfs, "GLIBCXX"),
        "files": dict(sorted(files.items())),
        "bytes": sum(files.values()),
    }
    with open(os.path.join(tmp, "MANIFEST.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    os.chmod(os.path.join(tmp, "MANIFEST.json"), 0o644)
    os.chmod(tmp, 0o755)
    shutil.rmtree(out, ignore_errors=True)
    os.rename(tmp, out)
    return manifest


def reset_owner(info):
    info.uid = info.gid = 0
    info.uname = info.gname = "root"
    return info


def build_tar(out, tar):
    tmp = tar + ".tmp"
    with tarfile.open(tmp, "w:gz", compresslevel=6) as t:
        for name in sorted(os.listdir(out)):
            if name == STAMP:
                continue
            t.add(os.path.join(out, name), arcname=f"./{name}", filter=reset_owner)
    os.chmod(tmp, 0o644)
    os.replace(tmp, tar)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--frner", required=True)
    ap.add_argument("--model", required=True)
    ap.add_argument("--fast-model", required=True)
    ap.add_argument("--patchelf", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--tar", default=None)
    ap.add_argument("--force", action="store_true", help="rebuild even if up to date")
    args = ap.parse_args()
    out = os.path.abspath(args.out)
    stamp = os.path.join(out, STAMP)
    sig = signature(args)
    try:
        with open(stamp, encoding="utf-8") as f:
            old = json.load(f)
    except (OSError, ValueError):
        old = None
    if args.force:
        old = None
    if old == sig:
        print(f"spark bundle: {out} is up to date")
    else:
        reuse = [part for part, sub in (("libs", "lib"), ("models", "models"))
                 if reusable(old, sig, part, out, sub)]
        manifest = build_dir(args, out, "libs" in reuse, "models" in reuse)
        if reuse:
            print(f"spark bundle: {', '.join(reuse)} unchanged, linked from the previous build")
        with open(stamp, "w", encoding="utf-8") as f:
            json.dump(sig, f)
        print(f"spark bundle: {out}, {manifest['bytes'] / 1e6:.0f} MB, libraries "
              f"{', '.join(manifest['libraries'])}, glibc >= {manifest['glibc_min']}, "
              f"libstdc++ GLIBCXX >= {manifest['glibcxx_min']}")
    if args.tar:
        tar = os.path.abspath(args.tar)
        if os.path.exists(tar) and os.path.getmtime(tar) > os.path.getmtime(stamp):
            print(f"spark bundle: {tar} is up to date")
        else:
            build_tar(out, tar)
            print(f"spark bundle: {tar}, {os.path.getsize(tar) / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
