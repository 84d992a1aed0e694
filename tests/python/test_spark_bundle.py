"""The relocatable Spark bundle (`make spark-bundle`, issue 18) runs from any path, without the
venv or the checkout, as an unprivileged user, and gives the normal binary's output byte for
byte.

1. Layout: bin/frner-bin's RUNPATH is `$ORIGIN/../lib` and nothing else; lib/ holds
   libtorch_cpu and libc10 and, of CUDA, only the runtime libraries the wheel's libtorch_cpu
   links (libcudart, libcupti); every directory is 0755, every file 0644 or 0755.
2. The bundle is copied (hard links where the filesystem allows) into a fresh temporary
   directory.
3. As root, in a private mount namespace (`unshare -m`) where the checkout, the venv's real
   directory and the models' and build's real directories are covered by empty directories,
   as uid 65534 (`setpriv`), with PATH=/usr/bin:/bin, no LD_LIBRARY_PATH, HOME=/nonexistent,
   from `/`:
   a. a copy of the normal binary fails to load its libraries (the hiding works);
   b. `ldd` of the copy's binary and libraries resolves every library to the system or to the
      copy's lib/, and names no path into the venv or the checkout;
   c. the copy's launcher tags a few records (one invalid) with the default model and with
      `--model fast`; the output equals the normal binary's (run beforehand, outside, on the
      same records and models) byte for byte.
   Not root, or no `unshare`: step 3 runs as the current user with the same environment but
   the venv visible, and says so.

    .venv/bin/python tests/python/test_spark_bundle.py --bundle out/spark-bundle \
        --frner target/release/frner
"""

import argparse
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOBODY = 65534
SYSTEM_DIRS = ("/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/", "/usr/lib32/")
CUDA_ALLOWED = ("libcudart.so", "libcupti.so")
RECORDS = [
    {"id": "a", "text": "Emmanuel Macron a reçu Olaf Scholz à l'Élysée mardi."},
    {"id": "b", "text": "La SNCF annonce 3,5 millions d'euros d'investissements à Lyon."},
    {"text": "Le Conseil constitutionnel siège rue de Montpensier, à Paris."},
    {"id": "d", "text": "Selon l'AFP, Airbus livrera 720 appareils en 2027."},
]
CLEAN_ENV = {"PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "LANG": "C.UTF-8"}


def check_layout(bundle: Path) -> None:
    exe = bundle / "bin" / "frner-bin"
    dyn = subprocess.run(["readelf", "-d", str(exe)], capture_output=True, text=True,
                         check=True).stdout
    paths = re.findall(r"\((?:RUNPATH|RPATH)\)\s+Library (?:runpath|rpath): \[(.*)\]", dyn)
    assert paths == ["$ORIGIN/../lib"], f"{exe}: run paths {paths}"
    libs = sorted(p.name for p in (bundle / "lib").iterdir())
    for want in ("libtorch_cpu.so", "libc10.so"):
        assert want in libs, f"{want} missing from lib/: {libs}"
    for name in libs:
        if re.search(r"cuda|cublas|cudnn|nccl|nvrtc|cufft|curand|cusparse|cusolver|nvshmem", name):
            assert name.startswith(CUDA_ALLOWED), f"CUDA library {name} in the bundle"
    n = 0
    for dirpath, dirnames, filenames in os.walk(bundle):
        for d in dirnames:
            mode = stat.S_IMODE(os.stat(os.path.join(dirpath, d)).st_mode)
            assert mode == 0o755, f"{dirpath}/{d} is {oct(mode)}"
        for f in filenames:
            p = os.path.join(dirpath, f)
            mode = stat.S_IMODE(os.lstat(p).st_mode)
            assert mode in (0o644, 0o755), f"{p} is {oct(mode)}"
            n += 1
    print(f"layout: RUNPATH $ORIGIN/../lib, lib/ = {', '.join(libs)}; {n} files 0644/0755")


def copy_tree(src: Path, dst: Path) -> None:
    """Hard links where possible (same filesystem), copies otherwise: a new path either way."""
    def link_or_copy(s, d):
        try:
            os.link(s, d)
        except OSError:
            shutil.copy2(s, d)
        return d

    shutil.copytree(src, dst, copy_function=link_or_copy)
    os.chmod(dst, 0o755)


def hidden_dirs(frner: Path, keep: Path) -> list[str]:
    """The checkout and every real directory the normal build reaches through it, but none
    that holds `keep` (the test's own directory)."""
    found = {str(ROOT), os.path.realpath(sys.prefix), os.path.dirname(os.path.realpath(frner))}
    for sub in ("models", "build"):
        base = ROOT / sub
        if base.is_dir():
            found.update(os.path.realpath(p) for p in base.iterdir() if p.is_dir())
    venv = ROOT / ".venv"
    if venv.exists():
        found.add(os.path.realpath(venv))
    keep = os.path.realpath(keep) + "/"
    found = sorted(d for d in found if os.path.isdir(d) and not keep.startswith(d + "/"))
    # Drop the ones inside another: covering the outer one hides them.
    return [d for d in found if not any(d != o and d.startswith(o + "/") for o in found)]


def isolated(command: list[str], hide: list[str], empty: str) -> list[str]:
    """`command` in a new mount namespace with `hide` covered by `empty`, as uid 65534."""
    script = ('empty=$1; n=$2; shift 2; while [ "$n" -gt 0 ]; do '
              'mount --bind "$empty" "$1" || exit 97; shift; n=$((n-1)); done; '
              f'exec setpriv --reuid {NOBODY} --regid {NOBODY} --clear-groups "$@"')
    return ["unshare", "-m", "--", "sh", "-c", script, "sh", empty, str(len(hide)), *hide,
            *command]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bundle", required=True)
    ap.add_argument("--frner", required=True)
    args = ap.parse_args()
    bundle = Path(args.bundle).resolve()
    frner = Path(args.frner).resolve()
    check_layout(bundle)

    work = Path(tempfile.mkdtemp(prefix="frner-bundle-test-"))
    os.chmod(work, 0o755)
    try:
        copy = work / "somewhere" / "frner"
        copy.parent.mkdir(mode=0o755)
        copy_tree(bundle, copy)
        plain = work / "frner-plain"
        shutil.copy2(frner, plain)
        empty = work / "empty"
        empty.mkdir(mode=0o755)
        src = work / "in.jsonl"
        lines = [json.dumps(r, ensure_ascii=False) for r in RECORDS]
        lines.insert(2, '{"id": "broken", "text": "no end')
        src.write_text("\n".join(lines) + "\n", encoding="utf-8")
        os.chmod(src, 0o644)

        env = {k: v for k, v in os.environ.items() if k not in ("FRNER_MODEL", "FRNER_LOG")}
        runs = {"default": [], "fast": ["--model", "fast"]}
        want = {}
        for name, extra in runs.items():
            proc = subprocess.run([str(frner), "tag", "-q", "--threads", "1", *extra,
                                   "--input", str(src), "--output", "-"],
                                  capture_output=True, env=env)
            assert proc.returncode == 3, f"normal binary: exit {proc.returncode}\n{proc.stderr}"
            want[name] = proc.stdout

        hide = hidden_dirs(frner, work)
        can_isolate = os.geteuid() == 0 and shutil.which("unshare") and shutil.which("setpriv")
        if can_isolate:
            wrap = lambda cmd: isolated(cmd, hide, str(empty))  # noqa: E731
            proc = subprocess.run(wrap([str(plain), "--version"]), capture_output=True,
                                  text=True, env=CLEAN_ENV, cwd="/")
            assert proc.returncode != 0 and "shared libraries" in proc.stderr, (
                f"the normal binary still loads with {hide} hidden: exit {proc.returncode} "
                f"{proc.stderr}")
            print(f"hidden: {', '.join(hide)}; the normal binary no longer loads")
        else:
            wrap = lambda cmd: cmd  # noqa: E731
            print("not root or no unshare/setpriv: the bundle runs as this user, venv visible")

        exe = copy / "bin" / "frner-bin"
        elfs = [exe, *sorted((copy / "lib").iterdir())]
        for elf in elfs:
            proc = subprocess.run(wrap(["ldd", str(elf)]), capture_output=True, text=True,
                                  env=CLEAN_ENV, cwd="/")
            assert proc.returncode == 0, f"ldd {elf}: {proc.stderr}"
            for line in proc.stdout.splitlines():
                assert "not found" not in line, f"ldd {elf}: {line}"
                m = re.search(r"=> (/\S+)", line)
                if not m:
                    continue
                where = os.path.realpath(m.group(1))
                inside = os.path.dirname(where) == os.path.realpath(copy / "lib")
                assert inside or where.startswith(SYSTEM_DIRS), f"ldd {elf}: {line.strip()}"
                for bad in (os.path.realpath(sys.prefix), str(ROOT)):
                    assert not where.startswith(bad + "/"), f"ldd {elf}: {line.strip()}"
        print(f"ldd: {len(elfs)} ELF files of the copy resolve to the system or {copy}/lib")

        for name, extra in runs.items():
            cmd = [str(copy / "bin" / "frner"), "tag", "-q", "--threads", "1", *extra,
                   "--input", str(src), "--output", "-"]
            proc = subprocess.run(wrap(cmd), capture_output=True, env=CLEAN_ENV, cwd="/")
            assert proc.returncode == 3, (
                f"bundle ({name}): exit {proc.returncode}\n{proc.stderr.decode()}")
            got = proc.stdout
            assert got == want[name], (
                f"bundle ({name}) differs from the normal binary:\n{got.decode()}\n---\n"
                f"{want[name].decode()}")
            entities = sum(len(json.loads(line).get("entities", [])) for line in got.splitlines())
            print(f"bundle, {name} model: {len(got.splitlines())} records, {entities} entities, "
                  "byte-identical to the normal binary"
                  + (f" (uid {NOBODY}, venv and checkout hidden)" if can_isolate else ""))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("test_spark_bundle: all checks passed")


if __name__ == "__main__":
    main()
