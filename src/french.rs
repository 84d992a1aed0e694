//! French text knowledge shared by the stages, one place per concept: honorifics and titles,
//! elisions and apostrophes, articles, name particles. The sentence splitter that uses them is
//! `segment`.

/// Honorifics and titles written before a person's name ("M. Macron", "Mme Borne",
/// "Mgr Aupetit"). They are never part of a PER span (annotation guide in data/news-dev).
pub const HONORIFICS: &[&str] = &[
    "M.", "MM.", "Mme", "Mmes", "Mlle", "Mlles", "Mgr", "Me", "Dr", "Dr.", "Pr", "Pr.", "Mr",
    "Mr.", "Mrs", "Mrs.", "Ms", "Ms.",
];

/// Elided articles, pronouns and conjunctions, lowercase, without their apostrophe
/// ("l'Élysée", "d'Ivoire", "jusqu'à").
pub const ELISIONS: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu",
];

/// Apostrophes as French text writes them: ASCII, typographic, modifier letter.
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}')
}

/// Byte length of a lowercase elision and its apostrophe opening `text` when a letter
/// follows: "d’Israël" → 4 ("d’"), "l'ONU" → 2. Capitalized ones belong to names ("L’Oréal").
pub fn elision_prefix_len(text: &str) -> Option<usize> {
    let apostrophe = text.find(is_apostrophe)?;
    let word = &text[..apostrophe];
    if word.is_empty() || !ELISIONS.contains(&word) {
        return None;
    }
    let after = apostrophe + text[apostrophe..].chars().next()?.len_utf8();
    text[after..]
        .chars()
        .next()
        .is_some_and(char::is_alphabetic)
        .then_some(after)
}

/// Byte length of the honorific (and the whitespace after it) that opens `text`, if any:
/// "M. Mensch" → 3. An honorific alone is not counted (nothing would remain of the name).
pub fn honorific_prefix_len(text: &str) -> Option<usize> {
    let word_end = text.find(char::is_whitespace)?;
    let word = &text[..word_end];
    if !HONORIFICS.contains(&word) {
        return None;
    }
    let rest = &text[word_end..];
    let skip = rest.len() - rest.trim_start().len();
    (word_end + skip < text.len()).then_some(word_end + skip)
}

/// Byte length of an elided prefix (apostrophe included) of `word`, when a word or a number
/// follows it, in any case ("L'ONU" → 2): how the sentence splitter cuts words. Unlike
/// [`elision_prefix_len`], a capitalized elision counts and only ' and ’ are apostrophes.
pub fn word_elision_len(word: &str) -> Option<usize> {
    let apostrophe = word.find(['\'', '’'])?;
    let prefix = &word[..apostrophe];
    let apostrophe_len = word[apostrophe..].chars().next()?.len_utf8();
    let rest = &word[apostrophe + apostrophe_len..];
    let is_elision = ELISIONS.contains(&prefix.to_lowercase().as_str());
    let word_follows = rest.chars().next().is_some_and(char::is_alphanumeric);
    (is_elision && word_follows).then_some(apostrophe + apostrophe_len)
}

/// Words skipped when building an acronym from a name ("Banque centrale européenne" → BCE).
pub const ACRONYM_STOPWORDS: [&str; 12] = [
    "de", "du", "des", "la", "le", "les", "l", "d", "et", "pour", "en", "a",
];

/// Name particles kept in front of a person's surname ("de Gaulle", "von der Leyen").
pub const NAME_PARTICLES: [&str; 14] = [
    "de", "du", "des", "d'", "d’", "von", "van", "der", "den", "da", "di", "al", "el", "ben",
];

/// Leading articles and elisions dropped from a normalized name key (`link::normalize`):
/// "la Russie" → "russie".
pub const KEY_LEADING_ARTICLES: [&str; 5] = ["le ", "la ", "les ", "the ", "l "];

/// Titles and honorifics as normalized keys write them (accents dropped, lower case): words
/// that precede a name in a mention but are not part of it ("M.", "le général",
/// "président"). Stripped from the front of mention keys only, one after the other.
pub const KEY_TITLES: &[&str] = &[
    "m",
    "mm",
    "mme",
    "mmes",
    "mlle",
    "mr",
    "mrs",
    "ms",
    "dr",
    "me",
    "mgr",
    "st",
    "ste",
    "monsieur",
    "messieurs",
    "madame",
    "mademoiselle",
    "sir",
    "lord",
    "lady",
    "docteur",
    "professeur",
    "president",
    "presidente",
    "vice",
    "general",
    "generale",
    "marechal",
    "colonel",
    "capitaine",
    "lieutenant",
    "commandant",
    "amiral",
    "sergent",
    "roi",
    "reine",
    "prince",
    "princesse",
    "duc",
    "duchesse",
    "comte",
    "comtesse",
    "baron",
    "baronne",
    "empereur",
    "imperatrice",
    "tsar",
    "pape",
    "cardinal",
    "eveque",
    "abbe",
    "pere",
    "chancelier",
    "chanceliere",
    "ministre",
    "premier",
    "premiere",
    "secretaire",
    "senateur",
    "depute",
    "maire",
    "juge",
    "conseiller",
    "conseillere",
    "citoyen",
    "feu",
    "ayatollah",
    "cheikh",
    "emir",
    "sultan",
    "le",
    "la",
    "les",
    "l",
    "du",
    "des",
];

/// Small words that link the parts of a long name ("Office central de lutte contre la
/// corruption", "Commissariat à l'énergie atomique et aux énergies alternatives"): a name never
/// ends with one, so an entity that does continues into the next one or loses the word.
/// Elided forms are written without their apostrophe.
pub const NAME_LINKS: &[&str] = &[
    "de", "du", "des", "d", "à", "au", "aux", "la", "le", "les", "l", "pour", "dans", "contre",
    "sur", "en", "entre", "chez", "par", "sans", "avec",
];

/// Conjunctions an entity never ends with ("Horizons et" is "Horizons"); unlike
/// [`NAME_LINKS`] they do not join two entities ("Horizons et Renaissance" are two).
pub const NAME_CONJUNCTIONS: &[&str] = &["et", "ou", "ni"];

/// Lowercase generic nouns that head an institution's name, as the annotation guide writes
/// them ("[ministère de l'Intérieur]", "[préfecture du Gard]", "[musée du Louvre]"): the noun
/// and the name after it are one ORG.
pub const INSTITUTION_HEADS: &[&str] = &[
    "ministère",
    "préfecture",
    "sous-préfecture",
    "ambassade",
    "consulat",
    "mairie",
    "musée",
    "hôpital",
    "parquet",
    "tribunal",
    "rectorat",
    "université",
];

/// Generic nouns that head an institution only with one of these adjectives
/// ("[conseil régional de Bretagne]", "[centre hospitalier intercommunal de Créteil]", not
/// "le centre de Paris").
pub const INSTITUTION_HEADS_WITH_ADJECTIVE: &[(&str, &[&str])] = &[
    (
        "conseil",
        &[
            "régional",
            "départemental",
            "municipal",
            "général",
            "territorial",
        ],
    ),
    ("centre", &["hospitalier"]),
    ("cour", &["administrative", "d'appel", "d’appel"]),
];

/// Titles whose portfolio follows them ("la ministre de la Culture", "le commissaire au
/// Commerce"): the portfolio is part of the title, not an organisation (the ministry is:
/// "le ministère de la Culture").
pub const PORTFOLIO_TITLES: &[&str] = &[
    "ministre",
    "ministres",
    "commissaire",
    "commissaires",
    "haut-commissaire",
    "haute-commissaire",
    "secrétaire",
];

/// Lowercase words allowed between a title or an institution noun and its complement
/// ("ministre ukrainien des Affaires étrangères", "ministre déléguée chargée de
/// l'Intelligence artificielle", "secrétaire d'État chargé du Numérique").
pub const TITLE_QUALIFIERS: &[&str] = &[
    "délégué",
    "déléguée",
    "délégués",
    "chargé",
    "chargée",
    "chargés",
    "chargées",
    "d'état",
    "d’état",
    "adjoint",
    "adjointe",
    "fédéral",
    "fédérale",
    "européen",
    "européenne",
    "national",
    "nationale",
    "régional",
    "régionale",
    "départemental",
    "départementale",
    "municipal",
    "municipale",
    "intercommunal",
    "universitaire",
    "hospitalier",
    "correctionnel",
    "administratif",
    "judiciaire",
    "général",
    "générale",
    "territorial",
    "d'appel",
    "d’appel",
    "administrative",
];

/// Type nouns written in apposition before a place's own name: the name alone is the place
/// ("le stade [Ernest-Wallon]", "le lac [Tanganyika]", "l'hôtel [King Fahd Palace]").
pub const PLACE_TYPE_NOUNS: &[&str] = &[
    "stade",
    "lac",
    "fleuve",
    "rivière",
    "hôtel",
    "bâtiment",
    "vélodrome",
    "volcan",
];

/// Division nouns that may open a place mention ("province Nord", "région Bretagne"), with
/// the words a French row's description must have for the mention to be that row: the
/// Caledonian "province Nord" is not the French département of Nord. Keys are normalized
/// (lowercase, no accents).
pub const DIVISION_NOUNS: &[(&str, &[&str])] = &[
    ("province", &["province"]),
    ("departement", &["department"]),
    ("region", &["region"]),
    ("etat", &["state"]),
    ("canton", &["canton"]),
    ("comte", &["county"]),
];

/// Nationalities and the inhabitants of a few large places, masculine and feminine singular
/// (plurals add "s" where French does). As capitalized nouns ("l'Espagnol Carlos Alcaraz",
/// "les Gazaouis") they are not entities in the annotation guide, and a nationality
/// adjective after an organisation's name stays outside it ("le [Sénat] congolais").
/// Forms that are also a country's name ("Argentine", "Suisse") are left out.
pub const NATIONALITIES: &[(&str, &str)] = &[
    ("français", "française"),
    ("allemand", "allemande"),
    ("américain", "américaine"),
    ("anglais", "anglaise"),
    ("britannique", "britannique"),
    ("espagnol", "espagnole"),
    ("italien", "italienne"),
    ("portugais", "portugaise"),
    ("belge", "belge"),
    ("néerlandais", "néerlandaise"),
    ("danois", "danoise"),
    ("suédois", "suédoise"),
    ("norvégien", "norvégienne"),
    ("finlandais", "finlandaise"),
    ("islandais", "islandaise"),
    ("polonais", "polonaise"),
    ("russe", "russe"),
    ("ukrainien", "ukrainienne"),
    ("biélorusse", "biélorusse"),
    ("grec", "grecque"),
    ("turc", "turque"),
    ("autrichien", "autrichienne"),
    ("hongrois", "hongroise"),
    ("tchèque", "tchèque"),
    ("slovaque", "slovaque"),
    ("roumain", "roumaine"),
    ("bulgare", "bulgare"),
    ("serbe", "serbe"),
    ("croate", "croate"),
    ("irlandais", "irlandaise"),
    ("écossais", "écossaise"),
    ("gallois", "galloise"),
    ("luxembourgeois", "luxembourgeoise"),
    ("canadien", "canadienne"),
    ("québécois", "québécoise"),
    ("mexicain", "mexicaine"),
    ("brésilien", "brésilienne"),
    ("colombien", "colombienne"),
    ("chilien", "chilienne"),
    ("péruvien", "péruvienne"),
    ("vénézuélien", "vénézuélienne"),
    ("cubain", "cubaine"),
    ("marocain", "marocaine"),
    ("algérien", "algérienne"),
    ("tunisien", "tunisienne"),
    ("libyen", "libyenne"),
    ("égyptien", "égyptienne"),
    ("sénégalais", "sénégalaise"),
    ("ivoirien", "ivoirienne"),
    ("malien", "malienne"),
    ("burkinabé", "burkinabée"),
    ("nigérien", "nigérienne"),
    ("nigérian", "nigériane"),
    ("camerounais", "camerounaise"),
    ("congolais", "congolaise"),
    ("gabonais", "gabonaise"),
    ("rwandais", "rwandaise"),
    ("éthiopien", "éthiopienne"),
    ("kényan", "kényane"),
    ("sud-africain", "sud-africaine"),
    ("israélien", "israélienne"),
    ("palestinien", "palestinienne"),
    ("libanais", "libanaise"),
    ("syrien", "syrienne"),
    ("irakien", "irakienne"),
    ("iranien", "iranienne"),
    ("saoudien", "saoudienne"),
    ("qatari", "qatarie"),
    ("afghan", "afghane"),
    ("pakistanais", "pakistanaise"),
    ("indien", "indienne"),
    ("chinois", "chinoise"),
    ("japonais", "japonaise"),
    ("coréen", "coréenne"),
    ("sud-coréen", "sud-coréenne"),
    ("nord-coréen", "nord-coréenne"),
    ("vietnamien", "vietnamienne"),
    ("taïwanais", "taïwanaise"),
    ("australien", "australienne"),
    ("néo-zélandais", "néo-zélandaise"),
    ("européen", "européenne"),
    ("africain", "africaine"),
    ("asiatique", "asiatique"),
    ("gazaoui", "gazaouie"),
    ("parisien", "parisienne"),
    ("marseillais", "marseillaise"),
    ("lyonnais", "lyonnaise"),
    ("toulousain", "toulousaine"),
    ("bordelais", "bordelaise"),
    ("nantais", "nantaise"),
    ("lillois", "lilloise"),
    ("niçois", "niçoise"),
    ("breton", "bretonne"),
    ("alsacien", "alsacienne"),
    ("normand", "normande"),
    ("basque", "basque"),
    ("catalan", "catalane"),
    ("francilien", "francilienne"),
    ("londonien", "londonienne"),
    ("new-yorkais", "new-yorkaise"),
    ("berlinois", "berlinoise"),
    ("moscovite", "moscovite"),
    ("kiévien", "kiévienne"),
    ("arabe", "arabe"),
    ("genevois", "genevoise"),
    ("vaudois", "vaudoise"),
    ("neuchâtelois", "neuchâteloise"),
    ("fribourgeois", "fribourgeoise"),
    ("bernois", "bernoise"),
    ("zurichois", "zurichoise"),
    ("valaisan", "valaisanne"),
    ("jurassien", "jurassienne"),
    ("bruxellois", "bruxelloise"),
    ("wallon", "wallonne"),
    ("flamand", "flamande"),
];

/// Nationalities whose singular is also a country's name ("la Suisse", "l'Argentine"): only
/// their plurals are read as nationality nouns ("les Suisses").
const PLURAL_ONLY_NATIONALITIES: &[(&str, (&str, &str))] = &[
    ("suisses", ("suisse", "suisse")),
    ("argentins", ("argentin", "argentine")),
    ("argentines", ("argentin", "argentine")),
];

/// Continental and city adjectives that end many organisations' own names ("Union
/// africaine", "Commission européenne", "Olympique lyonnais"): never cut from an ORG.
const NAME_FORMING_NATIONALITIES: &[&str] = &[
    "français",
    "européen",
    "africain",
    "américain",
    "asiatique",
    "gazaoui",
    "parisien",
    "marseillais",
    "lyonnais",
    "toulousain",
    "bordelais",
    "nantais",
    "lillois",
    "niçois",
    "breton",
    "alsacien",
    "normand",
    "basque",
    "catalan",
    "francilien",
    "londonien",
    "new-yorkais",
    "berlinois",
    "moscovite",
    "kiévien",
    "britannique",
];

/// The nationality or inhabitant entry `word` is a form of (any case, singular or plural):
/// "Espagnols" → ("espagnol", "espagnole").
pub fn nationality(word: &str) -> Option<(&'static str, &'static str)> {
    let w = word.to_lowercase();
    if let Some(&(_, entry)) = PLURAL_ONLY_NATIONALITIES.iter().find(|(p, _)| *p == w) {
        return Some(entry);
    }
    let singular = w.strip_suffix('s').filter(|s| !s.is_empty());
    NATIONALITIES.iter().copied().find(|&(m, f)| {
        w == m || w == f || singular == Some(f) || (singular == Some(m) && !m.ends_with('s'))
    })
}

/// Whether `word` (lowercase) is a country's nationality adjective that is not commonly part
/// of an organisation's own name, so it can be cut from the end of an ORG span ("le [Sénat]
/// congolais", "la [Cour des comptes] sénégalaise").
pub fn is_foreign_nationality_adjective(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_lowercase)
        && nationality(word).is_some_and(|(m, _)| !NAME_FORMING_NATIONALITIES.contains(&m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn honorific_prefixes() {
        assert_eq!(honorific_prefix_len("M. Mensch"), Some(3));
        assert_eq!(honorific_prefix_len("Mme\u{a0}Neuder"), Some(5));
        assert_eq!(honorific_prefix_len("Mgr  Aupetit"), Some(5));
        assert_eq!(honorific_prefix_len("Marine Le Pen"), None);
        assert_eq!(honorific_prefix_len("Me"), None);
        assert_eq!(honorific_prefix_len("M. "), None);
        assert_eq!(honorific_prefix_len("Mme"), None);
    }

    #[test]
    fn elision_prefixes() {
        assert_eq!(elision_prefix_len("d\u{2019}Israël"), Some(4));
        assert_eq!(elision_prefix_len("l'ONU"), Some(2));
        assert_eq!(elision_prefix_len("qu'il"), Some(3));
        assert_eq!(elision_prefix_len("L\u{2019}Oréal"), None);
        assert_eq!(elision_prefix_len("Côte d'Ivoire"), None);
        assert_eq!(elision_prefix_len("d'"), None);
    }

    #[test]
    fn nationalities_in_every_form() {
        assert_eq!(nationality("Espagnol"), Some(("espagnol", "espagnole")));
        assert_eq!(
            nationality("Américaines"),
            Some(("américain", "américaine"))
        );
        assert_eq!(nationality("Danois"), Some(("danois", "danoise")));
        assert_eq!(nationality("Gazaouis"), Some(("gazaoui", "gazaouie")));
        assert_eq!(nationality("Argentine"), None);
        assert_eq!(nationality("Suisse"), None);
        assert_eq!(nationality("Suisses"), Some(("suisse", "suisse")));
        assert_eq!(nationality("Argentins"), Some(("argentin", "argentine")));
        assert!(!is_foreign_nationality_adjective("suisse"));
        assert_eq!(nationality("Paris"), None);
        assert!(is_foreign_nationality_adjective("congolais"));
        assert!(is_foreign_nationality_adjective("sénégalaise"));
        assert!(!is_foreign_nationality_adjective("africaine"));
        assert!(!is_foreign_nationality_adjective("française"));
        assert!(!is_foreign_nationality_adjective("Congolais"));
    }
}
