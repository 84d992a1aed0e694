//! Word lists of the quantity grammar. Every function takes a word already lower-cased by the
//! lexer, except the `*_symbol`/`*_code` ones, which are case-sensitive because case carries
//! meaning there (`MW` megawatt vs `mW`, `Mo` megabyte vs `mo`, `EUR` vs the word "eur").

/// One French number word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NumWord {
    Zero,
    /// 1–9 (`un`, `une` included).
    Unit(u8),
    /// `dix`: can take `sept`, `huit`, `neuf` after it.
    Dix,
    /// 11–16.
    Teen(u8),
    /// 20, 30, … 90 (`septante`, `huitante`, `octante`, `nonante` included).
    Ten(u8),
    Cent,
    Mille,
    /// `million(s)` (6), `milliard(s)` (9), `billion(s)` (12): power of ten.
    Scale(u8),
}

pub(crate) fn number_word(w: &str) -> Option<NumWord> {
    use NumWord::*;
    Some(match w {
        "zéro" => Zero,
        "un" | "une" => Unit(1),
        "deux" => Unit(2),
        "trois" => Unit(3),
        "quatre" => Unit(4),
        "cinq" => Unit(5),
        "six" => Unit(6),
        "sept" => Unit(7),
        "huit" => Unit(8),
        "neuf" => Unit(9),
        "dix" => Dix,
        "onze" => Teen(11),
        "douze" => Teen(12),
        "treize" => Teen(13),
        "quatorze" => Teen(14),
        "quinze" => Teen(15),
        "seize" => Teen(16),
        "vingt" | "vingts" => Ten(20),
        "trente" => Ten(30),
        "quarante" => Ten(40),
        "cinquante" => Ten(50),
        "soixante" => Ten(60),
        "septante" => Ten(70),
        "huitante" | "octante" => Ten(80),
        "nonante" => Ten(90),
        "cent" | "cents" => Cent,
        "mille" => Mille,
        "million" | "millions" => Scale(6),
        "milliard" | "milliards" => Scale(9),
        "billion" | "billions" => Scale(12),
        _ => return None,
    })
}

/// Collective nouns of approximate counts: base value and whether the form is plural.
pub(crate) fn collective(w: &str) -> Option<(f64, bool)> {
    let (stem, plural) = match w.strip_suffix('s') {
        Some(s) => (s, true),
        None => (w, false),
    };
    let base = match stem {
        "huitaine" => 8.0,
        "dizaine" => 10.0,
        "douzaine" => 12.0,
        "quinzaine" => 15.0,
        "vingtaine" => 20.0,
        "trentaine" => 30.0,
        "quarantaine" => 40.0,
        "cinquantaine" => 50.0,
        "soixantaine" => 60.0,
        "centaine" => 100.0,
        "millier" => 1000.0,
        _ => return None,
    };
    Some((base, plural))
}

/// Words that can open a collective with an indefinite plural count ("des centaines").
pub(crate) fn is_plural_determiner(w: &str) -> bool {
    matches!(w, "des" | "plusieurs" | "quelques" | "ces")
}

/// Function words that are never the noun a number counts.
pub(crate) fn is_stop(w: &str) -> bool {
    matches!(
        w,
        "de" | "des"
            | "du"
            | "d"
            | "et"
            | "ou"
            | "à"
            | "a"
            | "au"
            | "aux"
            | "en"
            | "le"
            | "la"
            | "les"
            | "l"
            | "un"
            | "une"
            | "par"
            | "pour"
            | "sur"
            | "sous"
            | "dans"
            | "avec"
            | "sans"
            | "chez"
            | "vers"
            | "entre"
            | "contre"
            | "selon"
            | "depuis"
            | "pendant"
            | "durant"
            | "après"
            | "avant"
            | "parmi"
            | "jusqu"
            | "dont"
            | "qui"
            | "que"
            | "qu"
            | "quoi"
            | "où"
            | "ne"
            | "n"
            | "se"
            | "s"
            | "sa"
            | "son"
            | "ses"
            | "leur"
            | "leurs"
            | "lui"
            | "il"
            | "ils"
            | "elle"
            | "elles"
            | "on"
            | "nous"
            | "vous"
            | "je"
            | "j"
            | "tu"
            | "me"
            | "m"
            | "te"
            | "t"
            | "ce"
            | "c"
            | "cet"
            | "cette"
            | "ces"
            | "ceux"
            | "celles"
            | "cela"
            | "ça"
            | "est"
            | "sont"
            | "était"
            | "étaient"
            | "sera"
            | "seront"
            | "serait"
            | "seraient"
            | "fut"
            | "furent"
            | "été"
            | "être"
            | "avait"
            | "avaient"
            | "aura"
            | "auront"
            | "ont"
            | "avoir"
            | "y"
            | "plus"
            | "moins"
            | "très"
            | "trop"
            | "bien"
            | "mais"
            | "donc"
            | "car"
            | "comme"
            | "si"
            | "pas"
            | "tous"
            | "toutes"
            | "tout"
            | "toute"
            | "chacun"
            | "chacune"
            | "ci"
            | "là"
            | "ainsi"
            | "aussi"
            | "alors"
            | "encore"
            | "déjà"
            | "seulement"
            | "environ"
            | "autres"
            | "mêmes"
            | "même"
            | "puis"
            | "soit"
            | "soient"
            | "respectivement"
            | "chaque"
            | "quelques"
            | "plusieurs"
            | "certains"
            | "certaines"
            | "nombreux"
            | "nombreuses"
            | "près"
            | "loin"
            | "hier"
            | "aujourd"
            | "demain"
            | "jamais"
            | "toujours"
            | "ensuite"
            | "enfin"
            | "cependant"
            | "pourtant"
            | "notamment"
            | "dernier"
            | "dernière"
            | "suivant"
            | "suivante"
            | "passé"
            | "prochain"
            | "prochaine"
            | "fin"
            | "mi"
            | "début"
    )
}

pub(crate) fn is_month(w: &str) -> bool {
    matches!(
        w,
        "janvier"
            | "février"
            | "fevrier"
            | "mars"
            | "avril"
            | "mai"
            | "juin"
            | "juillet"
            | "août"
            | "aout"
            | "septembre"
            | "octobre"
            | "novembre"
            | "décembre"
            | "decembre"
            | "janv"
            | "févr"
            | "fév"
            | "fevr"
            | "avr"
            | "juil"
            | "oct"
            | "nov"
            | "déc"
            | "dec"
            | "brumaire"
            | "frimaire"
            | "nivôse"
            | "pluviôse"
            | "ventôse"
            | "germinal"
            | "floréal"
            | "prairial"
            | "messidor"
            | "thermidor"
            | "fructidor"
            | "vendémiaire"
    )
}

/// Street types: "au 12 rue de Rivoli" is an address, not twelve streets.
pub(crate) fn is_street(w: &str) -> bool {
    matches!(
        w,
        "rue"
            | "avenue"
            | "av"
            | "boulevard"
            | "bd"
            | "bld"
            | "place"
            | "quai"
            | "impasse"
            | "allée"
            | "chemin"
            | "route"
            | "cours"
            | "passage"
            | "faubourg"
            | "square"
            | "bis"
            | "ter"
    )
}

/// Words after which a number names something rather than counts it ("article 49.3",
/// "page 12", "saison 3", "l'an 2000").
pub(crate) fn is_designator(w: &str) -> bool {
    matches!(
        w,
        "article"
            | "articles"
            | "art"
            | "alinéa"
            | "alinéas"
            | "loi"
            | "décret"
            | "ordonnance"
            | "directive"
            | "règlement"
            | "n"
            | "no"
            | "nº"
            | "numéro"
            | "numéros"
            | "num"
            | "page"
            | "pages"
            | "p"
            | "pp"
            | "chapitre"
            | "chap"
            | "tome"
            | "vol"
            | "volume"
            | "section"
            | "paragraphe"
            | "titre"
            | "annexe"
            | "ligne"
            | "lignes"
            | "route"
            | "autoroute"
            | "rn"
            | "rd"
            | "nationale"
            | "départementale"
            | "étape"
            | "saison"
            | "saisons"
            | "épisode"
            | "acte"
            | "scène"
            | "partie"
            | "figure"
            | "fig"
            | "tableau"
            | "version"
            | "niveau"
            | "catégorie"
            | "groupe"
            | "division"
            | "poule"
            | "zone"
            | "secteur"
            | "bâtiment"
            | "bloc"
            | "appartement"
            | "porte"
            | "quai"
            | "voie"
            | "salle"
            | "chambre"
            | "lot"
            | "parcelle"
            | "matricule"
            | "dossard"
            | "maillot"
            | "série"
            | "opus"
            | "op"
            | "manche"
            | "jour"
            | "classe"
            | "type"
            | "modèle"
            | "session"
            | "canal"
            | "chaîne"
            | "terminal"
            | "phase"
            | "rang"
            | "an"
            | "année"
            | "années"
            | "score"
            | "match"
            | "tour"
            | "rue"
            | "avenue"
            | "boulevard"
            | "place"
            | "quartier"
            | "arrondissement"
            | "secteurs"
            | "district"
            | "promotion"
            | "édition"
            | "mission"
            | "vol."
            | "taille"
            | "pointure"
            | "code"
            | "indice"
            | "coefficient"
            | "note"
            | "moyenne"
            | "top"
            | "lundi"
            | "mardi"
            | "mercredi"
            | "jeudi"
            | "vendredi"
            | "samedi"
            | "dimanche"
    )
}

/// Words before a 4-digit number that make it a year ("en 2023", "septembre 2023").
pub(crate) fn is_year_cue(w: &str) -> bool {
    is_month(w)
        || matches!(
            w,
            "en" | "depuis"
                | "dès"
                | "année"
                | "années"
                | "an"
                | "printemps"
                | "été"
                | "automne"
                | "hiver"
                | "fin"
                | "début"
                | "mi"
                | "courant"
                | "vers"
                | "avant"
                | "après"
                | "jusqu"
                | "saison"
                | "né"
                | "née"
                | "mort"
                | "morte"
                | "décédé"
                | "décédée"
        )
}

/// Words before "N h"/"N heures" that make it a clock time ("à 8 heures", "vers 14 h").
pub(crate) fn is_time_cue(w: &str) -> bool {
    matches!(
        w,
        "à" | "vers" | "dès" | "avant" | "après" | "jusqu" | "partir" | "alentours" | "le"
    )
}

/// Verbs of change: "passé de 7 à 8 %" gives two values, not the range 7–8 %.
pub(crate) fn is_change_verb(w: &str) -> bool {
    const STEMS: [&str; 20] = [
        "pass", "augment", "baiss", "grimp", "chut", "recul", "progress", "diminu", "bondi",
        "tomb", "ramen", "relev", "abaiss", "évolu", "rédui", "réduit", "envol", "effondr",
        "gonfl", "hauss",
    ];
    matches!(
        w,
        "monté" | "montée" | "montés" | "montées" | "monter" | "monte" | "porté" | "portée"
    ) || (STEMS.iter().any(|s| w.starts_with(s))
        && !matches!(
            w,
            "passage" | "passages" | "baisse" | "hausse" | "hausses" | "baisses"
        ))
}

/// Plural adjectives that may stand between a number and the noun it counts.
pub(crate) fn is_prenominal_adjective(w: &str) -> bool {
    matches!(
        w,
        "autres"
            | "nouveaux"
            | "nouvelles"
            | "jeunes"
            | "petits"
            | "petites"
            | "grands"
            | "grandes"
            | "gros"
            | "grosses"
            | "premiers"
            | "premières"
            | "derniers"
            | "dernières"
            | "anciens"
            | "anciennes"
            | "principaux"
            | "principales"
            | "vrais"
            | "vraies"
            | "seuls"
            | "seules"
            | "bons"
            | "bonnes"
            | "mauvais"
            | "mauvaises"
            | "hauts"
            | "hautes"
            | "longs"
            | "longues"
            | "beaux"
            | "belles"
            | "vieux"
            | "vieilles"
            | "prochains"
            | "prochaines"
            | "courts"
            | "courtes"
            | "meilleurs"
            | "meilleures"
            | "pleins"
            | "pleines"
            | "faux"
            | "fausses"
            | "simples"
    )
}

/// Suffixes that turn a number into an ordinal ("3e", "1er", "2nde"), also when OCR split
/// them off ("1 er mai").
pub(crate) fn is_ordinal_suffix(w: &str) -> bool {
    matches!(
        w,
        "e" | "er"
            | "re"
            | "ère"
            | "ème"
            | "eme"
            | "è"
            | "èr"
            | "nd"
            | "nde"
            | "es"
            | "ers"
            | "res"
            | "ères"
            | "èmes"
            | "emes"
            | "nds"
            | "ndes"
            | "ᵉ"
            | "ᵉʳ"
            | "ʳᵉ"
            | "o"
            | "º"
    )
}

/// Nouns of fractions: "deux tiers des électeurs" is a proportion, not two things.
pub(crate) fn is_fraction_noun(w: &str) -> bool {
    matches!(
        w,
        "tiers" | "quart" | "quarts" | "cinquièmes" | "dixièmes" | "centièmes" | "moitié" | "demi"
    )
}

/// Currency symbols, written before or after the amount.
pub(crate) fn currency_symbol(c: char) -> Option<&'static str> {
    Some(match c {
        '€' => "EUR",
        '$' => "USD",
        '£' => "GBP",
        '¥' => "JPY",
        '₽' => "RUB",
        '₹' => "INR",
        '₣' => "FRF",
        '₩' => "KRW",
        '₺' => "TRY",
        '₪' => "ILS",
        '₴' => "UAH",
        '₿' => "BTC",
        _ => return None,
    })
}

/// ISO 4217 codes written as such ("10 000 USD", "CHF 5"), plus FCFA.
pub(crate) fn currency_code(w: &str) -> Option<&'static str> {
    Some(match w {
        "EUR" => "EUR",
        "USD" => "USD",
        "GBP" => "GBP",
        "CHF" => "CHF",
        "JPY" => "JPY",
        "CNY" => "CNY",
        "RMB" => "CNY",
        "RUB" => "RUB",
        "CAD" => "CAD",
        "AUD" => "AUD",
        "XOF" => "XOF",
        "XAF" => "XAF",
        "FCFA" => "XOF",
        "INR" => "INR",
        "BRL" => "BRL",
        "MAD" => "MAD",
        "DZD" => "DZD",
        "TND" => "TND",
        "SEK" => "SEK",
        "NOK" => "NOK",
        "DKK" => "DKK",
        "PLN" => "PLN",
        "CZK" => "CZK",
        "HUF" => "HUF",
        "TRY" => "TRY",
        "ILS" => "ILS",
        "UAH" => "UAH",
        "KRW" => "KRW",
        "MXN" => "MXN",
        "ZAR" => "ZAR",
        "HKD" => "HKD",
        "SGD" => "SGD",
        "NZD" => "NZD",
        "SAR" => "SAR",
        "AED" => "AED",
        "QAR" => "QAR",
        "EGP" => "EGP",
        "NGN" => "NGN",
        "XPF" => "XPF",
        "BTC" => "BTC",
        _ => return None,
    })
}

/// A currency named by a word; `code` is the default, refined by the adjective after it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct CurrencyWord {
    pub code: Option<&'static str>,
    /// Only money after "millions de"/"milliards de" (plain "livres" are mostly books).
    pub needs_scale: bool,
    /// Only money with a qualifying adjective ("couronnes suédoises", not royal crowns).
    pub needs_adjective: bool,
    /// Sub-unit: the amount is divided by 100 (`centimes`).
    pub cents: bool,
    family: Family,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    Plain,
    Dollar,
    Franc,
    Livre,
    Dinar,
    Peso,
    Couronne,
    Riyal,
    Dirham,
}

pub(crate) fn currency_word(w: &str) -> Option<CurrencyWord> {
    let c = |code, family| CurrencyWord {
        code,
        needs_scale: false,
        needs_adjective: false,
        cents: false,
        family,
    };
    use Family::*;
    Some(match w {
        "euro" | "euros" => c(Some("EUR"), Plain),
        "dollar" | "dollars" => c(Some("USD"), Dollar),
        // Plain "francs": the French franc (historic text); Swiss and CFA francs are named.
        "franc" | "francs" | "fr" | "frs" => c(Some("FRF"), Franc),
        "livre" | "livres" => CurrencyWord {
            needs_scale: true,
            ..c(Some("GBP"), Livre)
        },
        "yen" | "yens" => c(Some("JPY"), Plain),
        "yuan" | "yuans" | "renminbi" | "renminbis" => c(Some("CNY"), Plain),
        "rouble" | "roubles" => c(Some("RUB"), Plain),
        "roupie" | "roupies" => c(Some("INR"), Plain),
        "mark" | "marks" | "deutschemark" | "deutschemarks" => c(Some("DEM"), Plain),
        "peseta" | "pesetas" => c(Some("ESP"), Plain),
        "lire" | "lires" => c(Some("ITL"), Plain),
        "florin" | "florins" => c(Some("NLG"), Plain),
        "dinar" | "dinars" => c(None, Dinar),
        "dirham" | "dirhams" => c(Some("MAD"), Dirham),
        "peso" | "pesos" => c(None, Peso),
        "riyal" | "riyals" | "rial" | "rials" => c(None, Riyal),
        "couronne" | "couronnes" => CurrencyWord {
            needs_adjective: true,
            ..c(None, Couronne)
        },
        "shekel" | "shekels" | "shekalim" | "sheqel" | "sheqels" => c(Some("ILS"), Plain),
        "hryvnia" | "hryvnias" | "hryvnas" => c(Some("UAH"), Plain),
        "zloty" | "zlotys" | "zlotys-or" => c(Some("PLN"), Plain),
        "forint" | "forints" => c(Some("HUF"), Plain),
        "rand" | "rands" => c(Some("ZAR"), Plain),
        "reais" | "réals" | "réaux" => c(Some("BRL"), Plain),
        "naira" | "nairas" => c(Some("NGN"), Plain),
        "won" | "wons" => c(Some("KRW"), Plain),
        "baht" | "bahts" => c(Some("THB"), Plain),
        "ringgit" | "ringgits" => c(Some("MYR"), Plain),
        "roupiah" | "rupiah" | "rupiahs" | "roupiahs" => c(Some("IDR"), Plain),
        "bitcoin" | "bitcoins" => c(Some("BTC"), Plain),
        // Austrian schilling, and its usual abbreviation in the French-language press.
        "schilling" | "schillings" | "sh" => c(Some("ATS"), Plain),
        "centime" | "centimes" => CurrencyWord {
            cents: true,
            ..c(None, Plain)
        },
        _ => return None,
    })
}

impl CurrencyWord {
    /// The code once the word after the currency is known ("dollars canadiens" → CAD);
    /// `None` when `adj` does not qualify this currency.
    pub fn with_adjective(&self, adj: &str) -> Option<&'static str> {
        use Family::*;
        Some(match (self.family, adj) {
            (Dollar, "américain" | "américains" | "us") => "USD",
            (Dollar, "canadien" | "canadiens") => "CAD",
            (Dollar, "australien" | "australiens") => "AUD",
            (Dollar, "néo-zélandais") => "NZD",
            (Dollar, "zimbabwéen" | "zimbabwéens") => "ZWL",
            (Franc, "suisse" | "suisses") => "CHF",
            (Franc, "cfa") => "XOF",
            (Franc, "cfp") => "XPF",
            (Franc, "belge" | "belges") => "BEF",
            (Franc, "français" | "lourds" | "nouveaux") => "FRF",
            (Livre, "sterling") => "GBP",
            (Livre, "turque" | "turques") => "TRY",
            (Livre, "libanaise" | "libanaises") => "LBP",
            (Livre, "égyptienne" | "égyptiennes") => "EGP",
            (Livre, "syrienne" | "syriennes") => "SYP",
            (Dinar, "algérien" | "algériens") => "DZD",
            (Dinar, "tunisien" | "tunisiens") => "TND",
            (Dinar, "irakien" | "irakiens") => "IQD",
            (Dinar, "koweïtien" | "koweïtiens") => "KWD",
            (Dinar, "jordanien" | "jordaniens") => "JOD",
            (Dinar, "libyen" | "libyens") => "LYD",
            (Dinar, "serbe" | "serbes") => "RSD",
            (Peso, "argentin" | "argentins") => "ARS",
            (Peso, "mexicain" | "mexicains") => "MXN",
            (Peso, "chilien" | "chiliens") => "CLP",
            (Peso, "colombien" | "colombiens") => "COP",
            (Peso, "cubain" | "cubains") => "CUP",
            (Peso, "philippin" | "philippins") => "PHP",
            (Couronne, "suédoise" | "suédoises") => "SEK",
            (Couronne, "danoise" | "danoises") => "DKK",
            (Couronne, "norvégienne" | "norvégiennes") => "NOK",
            (Couronne, "tchèque" | "tchèques") => "CZK",
            (Couronne, "islandaise" | "islandaises") => "ISK",
            (Riyal, "saoudien" | "saoudiens") => "SAR",
            (Riyal, "qatari" | "qataris" | "qatarien" | "qatariens") => "QAR",
            (Riyal, "iranien" | "iraniens") => "IRR",
            (Riyal, "omanais") => "OMR",
            (Dirham, "marocain" | "marocains") => "MAD",
            (Dirham, "émirati" | "émiratis") => "AED",
            _ => return None,
        })
    }
}

/// Multipliers written before a currency symbol or code: "5 M€", "3 Md$", "20 k€".
pub(crate) fn money_multiplier(w: &str) -> Option<f64> {
    Some(match w {
        "k" | "K" => 1e3,
        "M" | "Mio" | "mio" | "MM" => 1e6,
        "Md" | "Mds" | "Mrd" | "Mrds" | "Mdr" | "Mdrs" | "G" | "mds" | "md" => 1e9,
        _ => return None,
    })
}

/// Physical dimension of a measure unit; compound values ("1 min 44 s") only join units of
/// the same dimension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Dim {
    Length,
    Area,
    Volume,
    Mass,
    Time,
    Speed,
    Temperature,
    Energy,
    Power,
    Data,
    Other,
}

/// A measure unit: normalized symbol, dimension and size in the dimension's base unit
/// (metre, second, gram) for compound values.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Unit {
    pub sym: &'static str,
    pub dim: Dim,
    pub base: f64,
}

const fn u(sym: &'static str, dim: Dim, base: f64) -> Unit {
    Unit { sym, dim, base }
}

/// Unit symbols as written after a number (case-sensitive).
pub(crate) fn unit_symbol(w: &str) -> Option<Unit> {
    use Dim::*;
    Some(match w {
        "km" => u("km", Length, 1000.0),
        "m" => u("m", Length, 1.0),
        "cm" => u("cm", Length, 0.01),
        "mm" => u("mm", Length, 0.001),
        "µm" | "μm" => u("µm", Length, 1e-6),
        "ha" => u("ha", Area, 1.0),
        "kg" => u("kg", Mass, 1000.0),
        "g" => u("g", Mass, 1.0),
        "mg" => u("mg", Mass, 0.001),
        "µg" | "μg" => u("µg", Mass, 1e-6),
        "t" => u("t", Mass, 1e6),
        "Mt" => u("Mt", Mass, 1e12),
        "l" | "L" => u("L", Volume, 1.0),
        "cl" | "cL" => u("cL", Volume, 0.01),
        "ml" | "mL" => u("mL", Volume, 0.001),
        "hl" | "hL" => u("hL", Volume, 100.0),
        "dl" | "dL" => u("dL", Volume, 0.1),
        "Wh" => u("Wh", Energy, 1.0),
        "kWh" => u("kWh", Energy, 1e3),
        "MWh" => u("MWh", Energy, 1e6),
        "GWh" => u("GWh", Energy, 1e9),
        "TWh" => u("TWh", Energy, 1e12),
        "kJ" => u("kJ", Energy, 1.0),
        "MJ" => u("MJ", Energy, 1.0),
        "GJ" => u("GJ", Energy, 1.0),
        "kcal" => u("kcal", Energy, 1.0),
        "W" => u("W", Power, 1.0),
        "kW" => u("kW", Power, 1e3),
        "MW" => u("MW", Power, 1e6),
        "GW" => u("GW", Power, 1e9),
        "TW" => u("TW", Power, 1e12),
        "ch" | "CV" | "cv" => u("ch", Power, 1.0),
        "Go" => u("Go", Data, 1.0),
        "Mo" => u("Mo", Data, 1.0),
        "Ko" | "ko" => u("ko", Data, 1.0),
        "To" => u("To", Data, 1.0),
        "h" => u("h", Time, 3600.0),
        "min" | "mn" => u("min", Time, 60.0),
        "s" | "sec" => u("s", Time, 1.0),
        "ms" => u("ms", Time, 0.001),
        "V" => u("V", Other, 1.0),
        "kV" => u("kV", Other, 1.0),
        "Hz" => u("Hz", Other, 1.0),
        "kHz" => u("kHz", Other, 1.0),
        "MHz" => u("MHz", Other, 1.0),
        "GHz" => u("GHz", Other, 1.0),
        "dB" => u("dB", Other, 1.0),
        "hPa" => u("hPa", Other, 1.0),
        "kn" => u("kn", Speed, 1.0),
        _ => return None,
    })
}

/// Unit names written out (lower case, singular or plural).
pub(crate) fn unit_word(w: &str) -> Option<Unit> {
    use Dim::*;
    Some(match w {
        "kilomètre" | "kilomètres" | "kilometre" | "kilometres" | "kilom" => {
            u("km", Length, 1000.0)
        }
        "mètre" | "mètres" | "metre" | "metres" => u("m", Length, 1.0),
        "centimètre" | "centimètres" => u("cm", Length, 0.01),
        "millimètre" | "millimètres" => u("mm", Length, 0.001),
        "mile" | "miles" => u("mi", Length, 1609.344),
        "hectare" | "hectares" => u("ha", Area, 1.0),
        "kilogramme" | "kilogrammes" | "kilo" | "kilos" => u("kg", Mass, 1000.0),
        "gramme" | "grammes" => u("g", Mass, 1.0),
        "milligramme" | "milligrammes" => u("mg", Mass, 0.001),
        "tonne" | "tonnes" => u("t", Mass, 1e6),
        "mégatonne" | "mégatonnes" => u("Mt", Mass, 1e12),
        "quintal" | "quintaux" => u("q", Mass, 1e5),
        "carat" | "carats" => u("ct", Mass, 0.2),
        "litre" | "litres" => u("L", Volume, 1.0),
        "centilitre" | "centilitres" => u("cL", Volume, 0.01),
        "millilitre" | "millilitres" => u("mL", Volume, 0.001),
        "hectolitre" | "hectolitres" => u("hL", Volume, 100.0),
        "baril" | "barils" => u("bbl", Volume, 158.987),
        "watt" | "watts" => u("W", Power, 1.0),
        "kilowatt" | "kilowatts" => u("kW", Power, 1e3),
        "mégawatt" | "mégawatts" => u("MW", Power, 1e6),
        "gigawatt" | "gigawatts" => u("GW", Power, 1e9),
        "térawatt" | "térawatts" => u("TW", Power, 1e12),
        "kilowattheure" | "kilowattheures" | "kilowatt-heure" | "kilowatts-heure" => {
            u("kWh", Energy, 1e3)
        }
        "mégawattheure" | "mégawattheures" => u("MWh", Energy, 1e6),
        "gigawattheure" | "gigawattheures" => u("GWh", Energy, 1e9),
        "térawattheure" | "térawattheures" => u("TWh", Energy, 1e12),
        "joule" | "joules" => u("J", Energy, 1.0),
        "calorie" | "calories" => u("cal", Energy, 1.0),
        "kilocalorie" | "kilocalories" => u("kcal", Energy, 1.0),
        "volt" | "volts" => u("V", Other, 1.0),
        "kilovolt" | "kilovolts" => u("kV", Other, 1.0),
        "décibel" | "décibels" => u("dB", Other, 1.0),
        "hectopascal" | "hectopascals" => u("hPa", Other, 1.0),
        "octet" | "octets" => u("o", Data, 1.0),
        "kilooctet" | "kilooctets" => u("ko", Data, 1.0),
        "mégaoctet" | "mégaoctets" => u("Mo", Data, 1.0),
        "gigaoctet" | "gigaoctets" => u("Go", Data, 1.0),
        "téraoctet" | "téraoctets" => u("To", Data, 1.0),
        "nœud" | "nœuds" | "noeud" | "noeuds" => u("kn", Speed, 1.0),
        "seconde" | "secondes" => u("s", Time, 1.0),
        "minute" | "minutes" => u("min", Time, 60.0),
        "heure" | "heures" => u("h", Time, 3600.0),
        "jour" | "jours" => u("d", Time, 86400.0),
        "semaine" | "semaines" => u("wk", Time, 604800.0),
        "mois" => u("mo", Time, 2_629_800.0),
        "an" | "ans" | "année" | "années" => u("a", Time, 31_557_600.0),
        "degré" | "degrés" => u("°C", Temperature, 1.0),
        _ => return None,
    })
}

/// True for lower-case words the merge step treats as part of a number ("trois", "millions",
/// "euros", "km"), so a model span made only of them yields to the quantity.
pub(crate) fn is_quantity_word(w: &str) -> bool {
    number_word(w).is_some()
        || collective(w).is_some()
        || currency_word(w).is_some()
        || unit_word(w).is_some()
        || matches!(w, "et" | "de" | "d" | "pour" | "cent" | "environ")
}
