#!/usr/bin/env python3
"""Synthetic sentences in French news register, labelled in IOB2, for training frner's model.

WikiNEuRal (the main training set) is Wikipedia prose. News copy names things the way
Wikipedia rarely does, and the model trained on it alone misses them:
  * institutions led by a lowercase noun, one span with their complement: "le ministère de
    l'Intérieur", "la préfecture du Gard", "le conseil régional de Bretagne", "le tribunal
    correctionnel de Lyon";
  * long capitalized names with lowercase words, then their acronym in parentheses, then the
    acronym alone: "l'Agence nationale de la sécurité du médicament (ANSM) … l'ANSM";
  * sports clubs named by their city in results ("Toulouse s'est imposé face à Clermont");
  * the seats that stand for a government (Élysée, Matignon, Kremlin, …) as ORG;
  * honorifics before surnames ("Mme Dupont"), all-caps datelines with an agency credit.

Sentences are built from templates written for this script and slot fillers taken from the
training data itself (PER, ORG and LOC spans of WikiNEuRal train) plus generic French
institution nouns and domains listed below. Nothing comes from any evaluation set. The
labelling conventions are the project's annotation guide (data/news-dev/README.md).

    python3 scripts/news_synth.py --train ../shared/data/wikineural-fr/train.conllu --n 20 --seed 1
"""
import argparse
import random

from conll import entity_spans as spans, read_conll

# Institution heads: (noun, gender, capitalized?) — the article comes from the gender and the
# first letter. Lowercase heads are how French news writes them.
HEADS_LOWER = [
    ("ministère", "m"), ("préfecture", "f"), ("conseil régional", "m"),
    ("conseil départemental", "m"), ("tribunal correctionnel", "m"), ("tribunal judiciaire", "m"),
    ("tribunal administratif", "m"), ("cour d'appel", "f"), ("parquet", "m"), ("musée", "m"),
    ("centre hospitalier universitaire", "m"), ("hôpital", "m"), ("université", "f"),
    ("rectorat", "m"), ("agence régionale de santé", "f"), ("mairie", "f"),
    ("chambre de commerce et d'industrie", "f"), ("conseil municipal", "m"),
]
MINISTRY_DOMAINS = [
    "l'Intérieur", "la Justice", "l'Économie", "la Santé", "l'Éducation nationale", "la Culture",
    "l'Agriculture", "la Transition écologique", "des Armées", "des Affaires étrangères",
    "du Travail", "des Sports", "du Logement", "des Transports", "de l'Enseignement supérieur",
    "de la Défense", "des Finances", "de l'Industrie", "des Outre-mer", "de la Ville",
]
LONG_HEADS = [
    ("Agence nationale", "f"), ("Office central", "m"), ("Institut national", "m"),
    ("Haut Conseil", "m"), ("Centre national", "m"), ("Autorité", "f"),
    ("Commission nationale", "f"), ("Observatoire national", "m"), ("Conseil supérieur", "m"),
    ("Direction générale", "f"), ("Fédération française", "f"), ("Caisse nationale", "f"),
    ("Syndicat national", "m"), ("Union nationale", "f"), ("Association française", "f"),
    ("Conseil national", "m"), ("Établissement public", "m"), ("Fondation nationale", "f"),
]
LONG_DOMAINS = [
    "de la recherche scientifique", "de la sécurité sanitaire de l'alimentation",
    "de lutte contre la criminalité organisée", "pour l'amélioration de l'habitat",
    "de la statistique et des études économiques", "des fréquences", "du cinéma et de l'audiovisuel",
    "de la protection des données personnelles", "pour la rénovation urbaine",
    "de l'environnement et de la maîtrise de l'énergie", "des droits de l'enfant",
    "de la sécurité des systèmes d'information", "de lutte contre le trafic d'armes",
    "de la santé publique", "des biens culturels", "de la magistrature", "de l'eau et des milieux aquatiques",
    "des transports terrestres", "de l'assurance maladie", "des producteurs de lait",
    "du sport universitaire", "de la prévention des risques naturels", "de l'aviation civile",
    "de l'évaluation de la recherche et de l'enseignement supérieur", "des exploitants forestiers",
    "de l'énergie et du climat", "des entreprises de travaux publics", "des jeunes agriculteurs",
]
SPORTS = ["de football", "de rugby", "de cyclisme", "de tennis", "de handball", "d'athlétisme",
          "de natation", "de basket-ball", "de judo", "de ski"]
# Seats that stand for a government: ORG in the project's guide when they act.
METONYMS = ["Élysée", "Matignon", "Kremlin", "Maison-Blanche", "Quai d'Orsay", "Bercy",
            "Pentagone", "Downing Street", "Beauvau"]
HONORIFICS = ["M.", "M.", "M.", "Mme", "Mme", "Mme", "Dr", "Pr", "Me", "Mgr"]
AGENCIES = ["AFP", "AFP", "AFP", "Reuters", "AP", "Belga", "ATS", "APS"]
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre"]
SKIP = {"de", "du", "des", "la", "le", "les", "l'", "d'", "et", "pour", "en", "à", "au", "aux",
        "sur", "contre", "par"}

# Templates: {X} slots; O words are split on spaces. Slots:
#   P person, S honorific + surname, L place, C city, I institution (lowercase head),
#   G long institution + (ACRONYM), A its acronym alone, O organisation from the data,
#   K / K2 clubs named by their city, M government seat, F sport federation, N number,
#   DE_I / DE_G "du/de la/de l'/des" + institution, SC a score.
TEMPLATES = [
    "{I} a annoncé jeudi l'ouverture d'une enquête après les incidents survenus à {C} .",
    "Selon {I} , {N} personnes ont été interpellées dans la nuit de samedi à dimanche .",
    "« Nous ne céderons pas » , a déclaré {S} devant {I} , mardi .",
    "Le rapport {DE_G} , publié lundi , recommande une hausse des moyens . {A} réclame {N} postes supplémentaires .",
    "{G} a été saisie par {S} , qui dénonce des pratiques « inacceptables » .",
    "L'enquête a été confiée à {G} , a précisé {I} .",
    "{P} , directeur général {DE_G} , a été reçu à {M} mercredi .",
    "{M} a confirmé la nouvelle dans un communiqué , tandis que {O} se refusait à tout commentaire .",
    "{M} a démenti toute négociation avec {O} .",
    "Interrogé par l' {AG} , un porte-parole {DE_I} a indiqué que le dossier était « à l'étude » .",
    "{K} s'est imposé face à {K2} ( {SC} ) samedi , au terme d'un match tendu .",
    "{K} a battu {K2} {SC} et prend la tête du classement .",
    "Battu à domicile par {K2} , {K} recule au classement .",
    "{K} et {K2} se sont quittés sur un match nul ( {SC} ) .",
    "{F} a annoncé la suspension de {P} pour {N} matches .",
    "{S} a été condamné par {I} à {N} mois de prison avec sursis .",
    "Le parquet a fait appel , a indiqué {S} , avocat de la famille , à l' {AG} .",
    "{S} , président {DE_I} , a présenté le budget devant les élus jeudi .",
    "{O} a publié jeudi un chiffre d'affaires en hausse de {N} % , porté par ses activités en {L} .",
    "Les salariés {DE_O} manifestaient devant le siège du groupe à {C} .",
    "{A} a rendu public mardi son rapport annuel .",
    "D'après {A} , la situation s'est dégradée à {C} depuis le début de l'année .",
    "{S} a rencontré {P} à {C} pour évoquer la coopération entre {O} et {A} .",
    "{P} s'est entretenu avec {S} au sujet de la situation à {C} .",
    "La délégation conduite par {S} est arrivée à {C} dimanche soir .",
    "{I} a été placée en vigilance orange en raison des orages .",
    "Au {M} , on assure que la décision sera prise « dans les prochains jours » .",
    "Le conseil d'administration {DE_O} a validé l'opération , selon un communiqué .",
    "{S} a quitté {O} pour rejoindre {A} .",
    "Les élus {DE_I} ont adopté le texte par {N} voix contre {N2} .",
]


# Results and lists (sport classifications, lists of elected members): a name followed by a
# country, a team, a town or a party in parentheses. Countries as French news writes them in
# results: IOC code, short French abbreviation, or the French name (all LOC in the guide).
COUNTRIES = [
    ("FRA", "Fra", "France"), ("ESP", "Esp", "Espagne"), ("ITA", "Ita", "Italie"),
    ("BEL", "Bel", "Belgique"), ("SUI", "Sui", "Suisse"), ("GER", "All", "Allemagne"),
    ("NED", "P-B", "Pays-Bas"), ("GBR", "GB", "Grande-Bretagne"), ("DEN", "Dan", "Danemark"),
    ("NOR", "Nor", "Norvège"), ("SWE", "Suè", "Suède"), ("USA", "EU", "États-Unis"),
    ("COL", "Col", "Colombie"), ("SLO", "Slo", "Slovénie"), ("UKR", "Ukr", "Ukraine"),
    ("POR", "Por", "Portugal"), ("AUT", "Aut", "Autriche"), ("AUS", "Aus", "Australie"),
    ("CAN", "Can", "Canada"), ("KAZ", "Kaz", "Kazakhstan"), ("ERI", "Éry", "Érythrée"),
    ("IRL", "Irl", "Irlande"), ("LUX", "Lux", "Luxembourg"), ("POL", "Pol", "Pologne"),
    ("CZE", "Tch", "Tchéquie"), ("SVK", "Svq", "Slovaquie"), ("JPN", "Jap", "Japon"),
    ("CHN", "Chn", "Chine"), ("KEN", "Ken", "Kenya"), ("ETH", "Éth", "Éthiopie"),
    ("MAR", "Mar", "Maroc"), ("ALG", "Alg", "Algérie"), ("TUN", "Tun", "Tunisie"),
    ("SEN", "Sén", "Sénégal"), ("CMR", "Cam", "Cameroun"), ("CIV", "CIV", "Côte d'Ivoire"),
    ("BRA", "Bré", "Brésil"), ("ARG", "Arg", "Argentine"), ("MEX", "Mex", "Mexique"),
    ("NZL", "NZ", "Nouvelle-Zélande"), ("RSA", "AfS", "Afrique du Sud"), ("JAM", "Jam", "Jamaïque"),
    ("ECU", "Équ", "Équateur"), ("EST", "Esto", "Estonie"), ("LAT", "Let", "Lettonie"),
    ("CRO", "Cro", "Croatie"), ("SRB", "Ser", "Serbie"), ("HUN", "Hon", "Hongrie"),
    ("ROU", "Rou", "Roumanie"), ("GRE", "Grè", "Grèce"), ("TUR", "Tur", "Turquie"),
]
PARTIES = ["LR", "PS", "RN", "LFI", "EELV", "MoDem", "PCF", "Renaissance", "Horizons", "UDI",
           "Les Écologistes", "Reconquête", "PLR", "UDC", "PDC"]
# Desk rubrics and page headings in capitals, not entities.
RUBRICS = ["SPORTS", "FOOTBALL", "CYCLISME", "RUGBY", "TENNIS", "ÉCONOMIE", "POLITIQUE",
           "FAITS DIVERS", "CULTURE", "MUSIQUE", "JUSTICE", "SOCIÉTÉ", "INTERNATIONAL", "MÉTÉO",
           "CONJONCTURE", "ENTRETIEN", "REPORTAGE", "ANALYSE", "DÉCRYPTAGE", "ÉDITORIAL",
           "SANTÉ", "ENVIRONNEMENT", "DERNIÈRE HEURE", "EN BREF", "LE POINT", "CLASSEMENTS",
           "RÉSULTATS", "SUITE DE LA PAGE 3", "MUSIQUE ET THÉÂTRE", "LA CHRONIQUE"]
STAGES = ["étape", "manche", "course", "descente", "finale"]


class Pools:
    """Slot fillers from the training data: entity spans by type."""

    def __init__(self, sents):
        typed, after_a = [], {}
        for toks, tags in sents:
            for s, e, typ in spans(tags):
                if typ == "LOC" and s > 0 and toks[s - 1] == "à" and e - s <= 2:
                    key = tuple(toks[s:e])
                    after_a[key] = after_a.get(key, 0) + 1
                typed.append((tuple(toks[s:e]), typ))
        self.fill(typed, org_words=5)
        # Cities: places the data writes after "à" at least twice (French puts countries and
        # regions after "en" / "au").
        self.city = sorted(x for x, n in after_a.items() if n >= 2 and all(t[:1].isupper() for t in x))

    def fill(self, typed, org_words):
        """per / org / loc / acr from (span, type) pairs: persons of 2-3 capitalized words,
        organisations of at most `org_words` words (one-word all-caps ones are acronyms too),
        places of at most 3 words."""
        per, org, loc, acr = set(), set(), set(), set()
        for span, typ in typed:
            if typ == "PER" and 2 <= len(span) <= 3 and all(t[:1].isupper() for t in span):
                per.add(span)
            elif typ == "ORG" and len(span) <= org_words:
                org.add(span)
                if len(span) == 1 and span[0].isupper() and 2 <= len(span[0]) <= 6:
                    acr.add(span)
            elif typ == "LOC" and len(span) <= 3:
                loc.add(span)
        self.per, self.org, self.loc, self.acr = sorted(per), sorted(org), sorted(loc), sorted(acr)


class TablePools(Pools):
    """Slot fillers from the linking table (data/kb.tsv): the names and aliases of its PER,
    ORG and LOC rows, so that sentences name what French news names (clubs, agencies,
    companies, régions) and not only what Wikipedia does. Only capitalized names: the
    lowercase-headed institutions come from HEADS_LOWER."""

    def __init__(self, kb_path):
        typed, city = [], set()
        with open(kb_path, encoding="utf-8") as f:
            lines = [line.rstrip("\n").split("\t") for line in f if line.strip() and not line.startswith("#")]
        for cells in lines[1:]:
            r = dict(zip(lines[0], cells))
            typ, desc = r["type"], r["description"].lower()
            for name in [r["name"]] + [a for a in r["aliases"].split("|") if a]:
                name = name.lstrip("?")
                if not name[:1].isupper() and not name[:1].isdigit():
                    continue
                span = tuple(Generator.fix_elision(name.replace("\u2019", "'").split()))
                typed.append((span, typ))
                if typ == "LOC" and len(span) <= 3 and any(w in desc for w in ("city", "commune", "capital")):
                    city.add(span)
        self.fill(typed, org_words=6)
        self.city = sorted(city)


def article(noun_tokens, gender, plural=False):
    """(le|la|l'|les) for a noun phrase, and the "de" contraction."""
    first = noun_tokens[0].lower()
    if plural:
        return "les", "des"
    if first[:1] in "aeiouyéèêàâîïôûh":
        return "l'", "de l'"
    return ("le", "du") if gender == "m" else ("la", "de la")


def acronym(tokens):
    letters = [t[0] for t in tokens if t[:1].isalpha() and t.lower() not in SKIP and "'" not in t[1:2]]
    return "".join(letters).upper() if 2 <= len(letters) <= 7 else None


def words(s):
    return s.split()


class Tagged:
    """A sentence being built: tokens and their IOB2 tags."""

    def __init__(self):
        self.toks, self.tags = [], []

    def ent(self, tokens, typ):
        self.toks.extend(tokens)
        self.tags.extend(["B-" + typ] + ["I-" + typ] * (len(tokens) - 1))

    def o(self, tokens):
        self.toks.extend(tokens)
        self.tags.extend(["O"] * len(tokens))


class Generator:
    def __init__(self, pools, rng):
        self.p = pools
        self.rng = rng

    def choice(self, xs):
        return xs[self.rng.randrange(len(xs))]

    def place_phrase(self):
        """ "de Bretagne" / "du Gard" style complements: de + a place of the data."""
        loc = list(self.choice(self.p.city))
        return (["d'"] if loc[0][:1].lower() in "aeiouyéèêàâîïôûh" else ["de"]) + loc

    def institution(self):
        """Lowercase-headed institution: (tokens, gender)."""
        head, gender = self.choice(HEADS_LOWER)
        if head == "ministère":
            dom = self.choice(MINISTRY_DOMAINS)
            toks = ["ministère"] + (words(dom) if dom[:2] in ("de", "du") else ["de"] + words(dom))
        elif head == "musée" and self.rng.random() < 0.4:
            toks = ["musée"] + list(self.choice(self.p.loc))
        else:
            toks = words(head) + self.place_phrase()
        return self.fix_elision(toks), gender

    def long_org(self):
        head, gender = self.choice(LONG_HEADS)
        dom = self.choice(SPORTS) if head == "Fédération française" else self.choice(LONG_DOMAINS)
        toks = self.fix_elision(words(head) + words(dom))
        return toks, gender

    @staticmethod
    def fix_elision(toks):
        """Splits "l'Intérieur" into "l'" + "Intérieur", as the training data writes elisions."""
        out = []
        for t in toks:
            if len(t) > 2 and t[1] == "'" and t[0].lower() in "ld":
                out += [t[:2], t[2:]]
            elif t.startswith("qu'") and len(t) > 3:
                out += ["qu'", t[3:]]
            else:
                out.append(t)
        return out

    def sentence(self):
        tpl = self.choice(TEMPLATES)
        seq = Tagged()
        toks, tags, ent, o = seq.toks, seq.tags, seq.ent, seq.o
        state = {}

        def long_org():
            if "G" not in state:
                t, g = self.long_org()
                state["G"] = (t, g, acronym(t))
            return state["G"]

        for piece in tpl.split():
            if not (piece.startswith("{") and piece.endswith("}")):
                o(self.fix_elision([piece]))
                continue
            slot = piece[1:-1]
            cap = not toks or toks[-1] in (".", "»", "«")
            if slot == "P":
                ent(list(self.choice(self.p.per)), "PER")
            elif slot == "S":
                o([self.choice(HONORIFICS)])
                ent([self.choice(self.p.per)[-1]], "PER")
            elif slot in ("L", "C"):
                ent(list(self.choice(self.p.loc if slot == "L" else self.p.city)), "LOC")
            elif slot in ("I", "DE_I"):
                t, g = self.institution()
                art, de = article(t, g)
                o(words(de if slot == "DE_I" else (art.capitalize() if cap else art)))
                ent(t, "ORG")
            elif slot in ("G", "DE_G"):
                t, g, acr = long_org()
                art, de = article(t, g)
                o(words(de if slot == "DE_G" else (art.capitalize() if cap else art)))
                ent(t, "ORG")
                if acr and self.rng.random() < 0.7:
                    o(["("])
                    ent([acr], "ORG")
                    o([")"])
            elif slot == "A":
                _, g, acr = long_org()
                if not acr:
                    acr = self.choice(self.p.acr)[0] if self.p.acr else "ONU"
                art, _ = article([acr], g)
                # Acronyms read as words take an article; a third of them go bare.
                if self.rng.random() < 0.6:
                    o([art.capitalize() if cap else art])
                ent([acr], "ORG")
            elif slot in ("O", "DE_O"):
                org = list(self.choice(self.p.org))
                if slot == "DE_O":
                    o(["de"])
                ent(org, "ORG")
            elif slot in ("K", "K2"):
                ent(list(self.choice(self.p.city)), "ORG")
            elif slot == "M":
                m = self.fix_elision(words(self.choice(METONYMS)))
                if toks and toks[-1] == "Au" and m[0] not in ("Kremlin", "Pentagone", "Quai"):
                    toks[-1] = "À"
                art = {"Matignon": None, "Bercy": None, "Beauvau": None, "Downing": None}.get(m[0], "le")
                if m[0] in ("Élysée",):
                    art = "l'"
                if m[0] == "Maison-Blanche":
                    art = "la"
                if toks and toks[-1] == "à" and art == "le":
                    toks[-1] = "au"
                    art = None
                if toks and toks[-1] == "Au" and art == "le":
                    art = None
                if art:
                    o([art.capitalize() if cap else art])
                ent(m, "ORG")
            elif slot == "F":
                head = ["Fédération", "française"] + words(self.choice(SPORTS))
                o(["La" if cap else "la"])
                ent(self.fix_elision(head), "ORG")
            elif slot == "AG":
                ent([self.choice(AGENCIES)], "ORG")
            elif slot == "SC":
                o([f"{self.rng.randint(0, 40)}-{self.rng.randint(0, 40)}"])
            elif slot in ("N", "N2"):
                o([str(self.rng.randint(1, 40))])
            else:
                raise ValueError(f"unknown slot {slot}")
        return toks, tags


class ResultsGenerator(Generator):
    """Results and lists: sport classifications ("1. Olano (ESP) 47'07''"), tennis scores,
    lists of elected members with their town or party, under an optional rubric in capitals.
    Labels follow the guide: a person PER, a country, town or constituency in parentheses LOC,
    a team or party ORG; ranks, times, demonyms ("Puis les Français :") and rubrics O."""

    def surname_form(self):
        per = list(self.choice(self.p.per))
        r = self.rng.random()
        if r < 0.4:
            return per[-1:]
        if r < 0.6:
            return [per[0][0] + ".", per[-1]]
        return per

    def country(self):
        code, abbr, name = self.choice(COUNTRIES)
        r = self.rng.random()
        return words(code if r < 0.4 else abbr if r < 0.7 else name)

    def time(self, first):
        m, sec = self.rng.randint(0, 59), self.rng.randint(0, 59)
        if first:
            return self.choice([[str(self.rng.randint(1, 5)), "h", f"{m:02d}'{sec:02d}''"],
                                [f"{m}'{sec:02d}''"], [f"{self.rng.randint(9, 59)}''{sec:02d}"],
                                [str(self.rng.randint(50, 300)), "pts"]])
        return self.choice([["à", f"{sec}''"], ["à", f"{m}'{sec:02d}''"], ["m.t."],
                            ["à", str(self.rng.randint(1, 40)), "pts"], []])

    def entry(self, seq, rank, first, timed=True):
        ent, o = seq.ent, seq.o

        if rank is not None:
            o([f"{rank}."])
        ent(self.surname_form(), "PER")
        r = self.rng.random()
        o(["("])
        if r < 0.6:
            ent(self.country(), "LOC")
        elif r < 0.75:
            ent(self.country(), "LOC")
            o(["/"])
            ent(list(self.choice(self.p.org)), "ORG")
        elif r < 0.9:
            ent(list(self.choice(self.p.org)), "ORG")
        else:
            ent(list(self.choice(self.p.city)), "LOC")
        o([")"])
        if timed:
            o(self.time(first))

    def sentence(self):
        seq = Tagged()
        toks, tags, ent, o = seq.toks, seq.tags, seq.ent, seq.o

        if self.rng.random() < 0.3:
            o(words(self.choice(RUBRICS)) + ([self.choice(["–", ":"])] if self.rng.random() < 0.5 else []))
        kind = self.rng.random()
        if kind < 0.55:
            # A classification: a heading, then ranked entries.
            heading = self.choice([
                ["Classement", "de", "la", f"{self.rng.randint(1, 21)}e", self.choice(STAGES), ":"],
                ["Classement", "général", ":"], ["Messieurs", ":"], ["Dames", ":"], []])
            o(heading)
            start = 1 if self.rng.random() < 0.7 else self.rng.randint(4, 150)
            if start > 1:
                o(["Puis", "les", self.choice(["Français", "Suisses", "Belges", "autres", "Italiens"]), ":"])
            for k in range(self.rng.randint(2, 6)):
                self.entry(seq, start + k, k == 0 and start == 1)
                o([self.choice([".", ";", ","])])
        elif kind < 0.75:
            # A match: two players and their countries, a score.
            self.entry(seq, None, False, timed=False)
            o(self.choice(["bat", "bat", "s'impose face à", "élimine"]).split())
            self.entry(seq, None, False, timed=False)
            o([f"{self.rng.randint(0, 7)}-{self.rng.randint(0, 7)}", ",",
               f"{self.rng.randint(0, 7)}-{self.rng.randint(0, 7)}", "."])
        else:
            # Elected members or signatories with their town or party.
            o(self.choice([["Ont", "été", "élus", ":"], ["MM."], ["Les", "députés"],
                           ["La", "motion", "est", "signée", "par"], ["Sont", "nommés", ":"]]))
            n = self.rng.randint(2, 5)
            for k in range(n):
                ent(self.surname_form(), "PER")
                r = self.rng.random()
                o(["("])
                if r < 0.45:
                    ent(list(self.choice(self.p.city)), "LOC")
                elif r < 0.75:
                    ent(words(self.choice(PARTIES)), "ORG")
                else:
                    ent(words(self.choice(PARTIES)), "ORG")
                    o([","])
                    ent(list(self.choice(self.p.city)), "LOC")
                o([")"])
                o(["et"] if k == n - 2 else [","] if k < n - 2 else ["."])
        return toks, tags


def generate_results(train_sents, n, seed, pools=None):
    """n results/list sentences (ResultsGenerator), seeded."""
    rng = random.Random(seed)
    gen = ResultsGenerator(pools or Pools(train_sents), rng)
    return [gen.sentence() for _ in range(n)]


def generate(train_sents, n, seed, pools=None):
    """n template sentences, seeded; fillers from `pools` (default: the training data's)."""
    rng = random.Random(seed)
    gen = Generator(pools or Pools(train_sents), rng)
    return [gen.sentence() for _ in range(n)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", required=True)
    ap.add_argument("--n", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--results", action="store_true", help="results and lists instead of templates")
    ap.add_argument("--table", default="", help="fillers from this linking table (data/kb.tsv)")
    args = ap.parse_args()
    gen = generate_results if args.results else generate
    pools = TablePools(args.table) if args.table else None
    for toks, tags in gen(read_conll(args.train), args.n, args.seed, pools):
        print(" ".join(f"{t}/{g}" if g != "O" else t for t, g in zip(toks, tags)))


if __name__ == "__main__":
    main()
