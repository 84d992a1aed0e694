#!/usr/bin/env python3
"""Write an N-record JSONL corpus of synthetic French news texts for robustness runs.

About 1% of the lines are malformed, cycling through every kind the reader must survive
(see docs/formats.md): malformed JSON, missing "text", invalid UTF-8 bytes, empty text,
text not a string, a top-level array, a blank line, an invalid id. Lines that must be tagged
normally are mixed in too: a NUL character (JSON "\\u0000"), CRLF line ends, a ~10 MB text.

The texts are composed here from templates and word lists (no outside data). The output is
deterministic for a given --seed.

    scripts/make_corpus.py 10000 corpus.jsonl [--seed 1] [--bad-rate 0.01] [--huge 1]
"""

import argparse
import json
import random

PEOPLE = [
    "Emmanuel Macron", "Élisabeth Borne", "Gabriel Attal", "Anne Hidalgo", "Bruno Le Maire",
    "Marine Le Pen", "Jean-Luc Mélenchon", "Christine Lagarde", "Olaf Scholz", "Ursula von der Leyen",
    "Kylian Mbappé", "Thomas Pesquet", "Annie Ernaux", "Martine Aubry", "Édouard Philippe",
    "Rachida Dati", "François Bayrou", "Laurent Berger", "Sophie Binet", "Didier Deschamps",
]
ORGS = [
    "la SNCF", "l'Assemblée nationale", "le Sénat", "la CGT", "Airbus", "TotalEnergies",
    "l'Insee", "la Banque de France", "l'OMS", "l'ONU", "Renault", "le Conseil constitutionnel",
    "Météo-France", "l'Union européenne", "la Cour des comptes", "l'Olympique de Marseille",
    "le CNRS", "Radio France", "la RATP", "Michelin",
]
PLACES = [
    "Paris", "Marseille", "Lyon", "Toulouse", "Nice", "Nantes", "Strasbourg", "Montpellier",
    "Bordeaux", "Lille", "Rennes", "Brest", "Ajaccio", "Besançon", "Saint-Étienne", "Bruxelles",
    "Berlin", "Genève", "la Bretagne", "l'Occitanie", "la Seine-Saint-Denis", "Pointe-à-Pitre",
]
TOPICS = [
    "la réforme des retraites", "le budget 2025", "la sécheresse", "les transports publics",
    "la hausse des loyers", "l'intelligence artificielle", "les élections européennes",
    "la filière nucléaire", "l'hôpital public", "la rentrée scolaire",
]

TEMPLATES = [
    "{P1} s'est rendu à {L1} {DAY} pour évoquer {T}. « Nous tiendrons nos engagements », a-t-il affirmé devant les élus locaux.",
    "Selon {O1}, le nombre de demandeurs d'emploi a reculé de {PCT} % au dernier trimestre, soit environ {N} personnes de moins qu'un an plus tôt.",
    "À {L1}, près de {N} manifestants ont défilé {DAY} à l'appel de {O1}. La préfecture en a compté {N2}.",
    "{O1} a annoncé un investissement de {AMT} millions d'euros dans son site de {L1}, où travaillent déjà {N} salariés.",
    "M. {SURNAME} a été reçu par {P1}. Les deux responsables ont discuté de {T} pendant plus de {H} heures.",
    "Les températures ont atteint {DEG} °C à {L1} {DAY}, un record pour un mois de juin selon Météo-France.",
    "« C'est une décision historique », a réagi {P1} après le vote de {O1}, adopté par {N} voix contre {N2}.",
    "Le Dr. {SURNAME}, chef de service à l'hôpital de {L1}, alerte sur le manque de personnel : {PCT} % des postes restent vacants.",
    "Entre {L1} et {L2}, le trafic sera interrompu pendant {H} jours, a prévenu {O1} dans un communiqué.",
    "{P1} et {P2} se sont entretenus à {L1} sur {T}. Aucun accord n'a été trouvé, mais une nouvelle réunion est prévue.",
    "Le prix du litre de gazole s'établit à {EUR},{CENTS} € en moyenne, d'après les relevés publiés par {O1}.",
    "L'enquête, confiée à la police judiciaire de {L1}, porte sur des faits survenus en {YEAR}. {P1} n'a pas souhaité commenter.",
    "Plus de {N} spectateurs sont attendus ce week-end à {L1} pour le festival, qui fête sa {ORD} édition.",
    "D'après l'Insee, la population de {L1} a progressé de {PCT} % en dix ans, portée par l'arrivée de jeunes actifs.",
    "{O1} et {O2} ont signé un partenariat de {H} ans portant sur {T}, pour un montant estimé à {AMT} millions d'euros.",
    "Interrogée sur {T}, {P1} a estimé qu'il fallait « aller plus vite et plus loin », lors d'un déplacement à {L1}.",
    "Le tribunal de {L1} a condamné l'ancien dirigeant de {O1} à {H} ans de prison avec sursis.",
    "La ligne à grande vitesse reliant {L1} à {L2} devrait être mise en service en {YEAR}, avec un an de retard.",
    "Qu'adviendra-t-il de {T} ? Les syndicats, dont {O1}, réclament un débat au Parlement avant l'été.",
    "Mme {SURNAME}, maire de {L1}, a inauguré {DAY} une crèche de {N3} places, financée à {PCT} % par la région.",
    "Selon un sondage publié par {O1}, {PCT} % des Français jugent la situation économique « préoccupante ».",
    "L'astronaute {P1} a raconté sa mission devant {N} élèves réunis à {L1}.",
    "Les pompiers de {L1} sont intervenus {DAY} pour un incendie qui a parcouru près de {N3} hectares.",
    "{P1} a quitté ses fonctions à la tête de {O1} après {H} ans de mandat ; son successeur sera désigné en {YEAR}.",
    "La Commission européenne, présidée par {P1}, a validé l'aide de {AMT} millions d'euros accordée à {O1}.",
    "Jusqu'à {N3} mm de pluie sont attendus en {L1}, placée en vigilance orange par Météo-France.",
    "Au Stade Vélodrome de Marseille, {P1} a inscrit un doublé face à {L1} devant {N} spectateurs.",
    "Lors d'une conférence de presse à {L1}, {P1} a détaillé le plan « {T} », doté de {AMT} millions d'euros.",
]
DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "hier", "ce matin"]
SURNAMES = ["Dupont", "Martin", "Bernard", "Lefebvre", "Nguyen", "Benali", "Moreau", "Fournier", "Girard", "Lambert"]


def paragraph(rng: random.Random) -> str:
    p1, p2 = rng.sample(PEOPLE, 2)
    o1, o2 = rng.sample(ORGS, 2)
    l1, l2 = rng.sample(PLACES, 2)
    text = rng.choice(TEMPLATES).format(
        P1=p1, P2=p2, O1=o1, O2=o2, L1=l1, L2=l2, T=rng.choice(TOPICS), DAY=rng.choice(DAYS),
        SURNAME=rng.choice(SURNAMES), N=f"{rng.randint(2, 950) * 100:,}".replace(",", "\u202f"),
        N2=rng.randint(100, 9000), N3=rng.randint(10, 400), PCT=f"{rng.randint(1, 60)},{rng.randint(0, 9)}",
        AMT=rng.randint(2, 900), H=rng.randint(2, 12), DEG=rng.randint(30, 44), EUR=rng.randint(1, 2),
        CENTS=f"{rng.randint(0, 99):02d}", YEAR=rng.randint(1995, 2027), ORD=f"{rng.randint(2, 60)}e",
    )
    # Capitalise an article that starts the sentence ("la SNCF a…" → "La SNCF a…").
    return text[0].upper() + text[1:]


def article(rng: random.Random) -> str:
    return "\n\n".join(paragraph(rng) for _ in range(rng.randint(1, 6)))


def record_line(i: int, rng: random.Random) -> bytes:
    rec = {"id": f"art-{i:08d}", "text": article(rng), "source": rng.choice(["AFP", "Ouest-France", "Le Monde", "Libération"]),
           "date": f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"}
    return json.dumps(rec, ensure_ascii=rng.random() < 0.5).encode("utf-8")


def bad_line(kind: str, i: int, rng: random.Random) -> bytes:
    """A line of the given kind; the kinds with an `ok_` prefix must be tagged normally."""
    good = record_line(i, rng)
    if kind == "invalid_json":
        return good[: len(good) // 2]
    if kind == "missing_text":
        return json.dumps({"id": f"art-{i:08d}", "title": "Sans texte"}).encode()
    if kind == "invalid_utf8":
        return b'{"id": "art-%08d", "text": "caf\xe9 \xff\xfe cr\xe8me \xc3"}' % i
    if kind == "empty":
        return json.dumps({"id": f"art-{i:08d}", "text": ""}).encode()
    if kind == "text_not_string":
        return json.dumps({"id": f"art-{i:08d}", "text": rng.choice([42, None, ["a"], {"fr": "b"}, True])}).encode()
    if kind == "not_an_object":
        return rng.choice([b'["texte"]', b'"texte seul"', b"17", b"null"])
    if kind == "blank_line":
        return rng.choice([b"", b"   ", b"\t"])
    if kind == "invalid_id":
        return json.dumps({"id": {"n": i}, "text": "Identifiant invalide à Paris."}).encode()
    if kind == "ok_nul":
        return json.dumps({"id": f"art-{i:08d}", "text": "Avant\u0000après, à Lyon."}).encode()
    if kind == "ok_crlf":
        return good + b"\r"
    if kind == "ok_huge":
        para = paragraph(rng) + "\n\n"
        text = para * (10_000_000 // len(para.encode()) + 1)
        return json.dumps({"id": f"art-{i:08d}-huge", "text": text}, ensure_ascii=False).encode()
    raise ValueError(kind)


BAD_KINDS = ["invalid_json", "missing_text", "invalid_utf8", "empty", "text_not_string",
             "not_an_object", "blank_line", "invalid_id", "ok_nul", "ok_crlf"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int, help="number of records (lines)")
    ap.add_argument("output", help="JSONL file to write")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--bad-rate", type=float, default=0.01, help="share of special lines (default 1%%)")
    ap.add_argument("--huge", type=int, default=1, help="number of ~10 MB records (default 1)")
    args = ap.parse_args()

    rng = random.Random(args.seed)
    n_special = max(len(BAD_KINDS), round(args.n * args.bad_rate)) if args.n >= len(BAD_KINDS) else 0
    special = rng.sample(range(args.n), n_special + min(args.huge, args.n - n_special))
    kinds = {line: BAD_KINDS[k % len(BAD_KINDS)] for k, line in enumerate(special[:n_special])}
    kinds.update({line: "ok_huge" for line in special[n_special:]})
    counts: dict = {}
    with open(args.output, "wb") as out:
        for i in range(args.n):
            kind = kinds.get(i)
            out.write((bad_line(kind, i, rng) if kind else record_line(i, rng)) + b"\n")
            if kind:
                counts[kind] = counts.get(kind, 0) + 1
    print(f"wrote {args.n} lines to {args.output}; special lines: {dict(sorted(counts.items()))}")


if __name__ == "__main__":
    main()
