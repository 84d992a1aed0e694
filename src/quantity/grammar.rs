//! The quantity grammar over [`LexedText`]: reads a number (digits or words), then what follows
//! it (range partner, unit, currency, percent sign, counted noun), then what precedes it
//! (qualifier, `entre`, currency prefix, sign), and finally applies the vetoes that keep
//! years, dates, times, ordinals, identifiers and proper names out.
//!
//! Only tokens that can start a number are examined (digit runs, number words, collective
//! nouns), so the cost is one pass of the lexer plus a little work per number.

use super::lexer::{Case, Gap, Kind, LexedText};
use super::lexicon::{self as lx, Dim, NumWord, Unit};

/// The four kinds of [`crate::document::QuantityValue::kind`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum QKind {
    Cardinal,
    Money,
    Percent,
    Measure,
}

impl QKind {
    pub fn as_str(self) -> &'static str {
        match self {
            QKind::Cardinal => "CARDINAL",
            QKind::Money => "MONEY",
            QKind::Percent => "PERCENT",
            QKind::Measure => "MEASURE",
        }
    }
}

/// One recognized quantity, as a token range `start..end`.
#[derive(Clone, Debug)]
pub(crate) struct Found {
    pub start: usize,
    pub end: usize,
    pub kind: QKind,
    pub value: f64,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub unit: Option<String>,
    pub approx: bool,
    pub qualifier: Option<&'static str>,
}

/// A number as read, before anything after it is known.
#[derive(Clone, Debug, Default)]
struct Amount {
    start: usize,
    end: usize,
    value: f64,
    /// Value before a trailing scale word, so "entre 2 et 3 millions" can scale the 2.
    raw: f64,
    /// Power of ten of a trailing `million(s)`/`milliard(s)`/`mille` after digits or words.
    scale: Option<i32>,
    /// Collective noun ("une dizaine", "des milliers"): approximate, nouns follow "de".
    collective: bool,
    /// Written in words only.
    words: bool,
    /// The lone word "un"/"une": an article unless something bigger follows.
    only_un: bool,
    /// Four plain digits between 1000 and 2100.
    year_like: bool,
    /// Plain integer 1–31 without grouping: could be a day of the month.
    day_like: bool,
    /// A letter run glued after the digits ("3M", "5km"): only a unit may take it.
    glued_word: bool,
    /// Decimal text of the digits, to scale by a power of ten without rounding error.
    digits: Option<String>,
    /// Value if a lone ",ddd" was thousands grouping (historic text; used for money).
    comma_alt: Option<f64>,
}

impl Amount {
    /// Nouns, currencies and units come after "de" ("2 millions de personnes").
    fn needs_de(&self) -> bool {
        self.collective || self.scale.is_some_and(|e| e >= 6)
    }

    /// The value times `10^e`, exact for decimal input ("3,5" × 10⁹).
    fn scaled(&self, e: i32) -> f64 {
        match &self.digits {
            Some(d) => format!("{d}e{e}")
                .parse::<f64>()
                .map(|v| if self.value < 0.0 { -v } else { v })
                .unwrap_or(self.value * 10f64.powi(e)),
            None => self.value * 10f64.powi(e),
        }
    }
}

/// What follows a number: a unit of some kind, or the noun it counts.
#[derive(Clone, Debug)]
struct UnitHit {
    kind: QKind,
    unit: Option<String>,
    /// Token after the unit; for a counted noun, the amount's own end (the noun is not part
    /// of the span).
    end: usize,
    noun: bool,
    /// Money multiplier written before the currency ("M€").
    mult: f64,
    /// Added after multiplying: "et demi", "fr. 50".
    add: f64,
    /// `centimes`: the amount is hundredths.
    cents: bool,
    measure: Option<Unit>,
    /// Value of a compound measure ("1 min 44 s 79"), replacing the amount's value.
    compound: Option<f64>,
    /// A compound "N h MM" with minutes: a clock time unless the context says duration.
    clock_like: bool,
    /// More number follows the unit ("et demie", "et sept minutes"): even "une" counts then.
    extended: bool,
}

impl UnitHit {
    fn new(kind: QKind, unit: &str, end: usize) -> UnitHit {
        UnitHit {
            kind,
            unit: Some(unit.to_string()),
            end,
            noun: false,
            mult: 1.0,
            add: 0.0,
            cents: false,
            measure: None,
            compound: None,
            clock_like: false,
            extended: false,
        }
    }

    fn apply(&self, v: f64) -> f64 {
        let v = v * self.mult + self.add;
        if self.cents {
            v / 100.0
        } else {
            v
        }
    }

    fn same_as(&self, o: &UnitHit) -> bool {
        self.kind == o.kind && self.unit == o.unit && self.noun == o.noun
    }

    fn is_hours(&self) -> bool {
        self.measure.is_some_and(|u| u.sym == "h")
    }
}

enum Res<T> {
    Ok(T),
    /// Not a quantity; resume scanning at this token.
    Skip(usize),
    No,
}

enum Step {
    Found(Found),
    Skip(usize),
    Pass,
}

enum Range {
    Not,
    /// "passé de 7 à 8 %": the first value takes the second's unit but stays alone.
    Borrow(UnitHit),
    Done(Step),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Conn {
    A,
    Ou,
    Et,
    Dash,
}

/// How a qualifier bounds the value.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Bound {
    Approx,
    Min,
    Max,
}

/// Qualifiers in front of a number, longest first; `de` also matches elided `d'`.
const QUALIFIERS: &[(&[&str], &str, Bound)] = &[
    (&["un", "peu", "plus", "de"], "un peu plus de", Bound::Min),
    (&["un", "peu", "moins", "de"], "un peu moins de", Bound::Max),
    (&["pas", "moins", "de"], "pas moins de", Bound::Min),
    (&["pas", "plus", "de"], "pas plus de", Bound::Max),
    (&["pas", "loin", "de"], "pas loin de", Bound::Approx),
    (
        &["aux", "alentours", "de"],
        "aux alentours de",
        Bound::Approx,
    ),
    (&["à", "peu", "près"], "à peu près", Bound::Approx),
    (&["autour", "de"], "autour de", Bound::Approx),
    (&["près", "de"], "près de", Bound::Approx),
    (&["plus", "de"], "plus de", Bound::Min),
    (&["moins", "de"], "moins de", Bound::Max),
    (&["au", "moins"], "au moins", Bound::Min),
    (&["au", "plus"], "au plus", Bound::Max),
    (&["au", "maximum"], "au maximum", Bound::Max),
    (&["au", "minimum"], "au minimum", Bound::Min),
    (&["jusqu'à"], "jusqu'à", Bound::Max),
    (&["environ"], "environ", Bound::Approx),
    (&["quelque"], "quelque", Bound::Approx),
    (&["presque"], "presque", Bound::Approx),
    (&["quasiment"], "quasiment", Bound::Approx),
    (&["approximativement"], "approximativement", Bound::Approx),
    (&["pratiquement"], "pratiquement", Bound::Approx),
];

/// All quantities of `t`, in order, as token ranges that never overlap.
pub(crate) fn scan(t: &LexedText<'_>) -> Vec<Found> {
    let mut p = Parser {
        t,
        floor: 0,
        last_currency: None,
        comma_grouping: uses_comma_grouping(t),
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        if p.is_trigger(i) {
            match p.at(i) {
                Step::Found(f) => {
                    i = f.end.max(i + 1);
                    p.floor = f.end;
                    if f.kind == QKind::Money {
                        p.last_currency.clone_from(&f.unit);
                    }
                    out.push(f);
                    continue;
                }
                Step::Skip(j) => {
                    i = j.max(i + 1);
                    continue;
                }
                Step::Pass => {}
            }
        }
        i += 1;
    }
    out
}

/// Whether the text groups thousands with commas somewhere ("9,563,830"): historic and
/// Swiss-German style. Then a lone ",ddd" is grouping too ("174,754 hectolitres").
fn uses_comma_grouping(t: &LexedText<'_>) -> bool {
    let group = |k: usize| {
        t.punct(k) == Some(',')
            && t.gap(k) == Gap::None
            && t.is_digits(k + 1)
            && t.gap(k + 1) == Gap::None
            && t.raw(k + 1).len() == 3
    };
    (0..t.len()).any(|i| t.is_digits(i) && t.raw(i).len() <= 3 && group(i + 1) && group(i + 3))
}

struct Parser<'a, 't> {
    t: &'a LexedText<'t>,
    /// First token a new quantity may include: the end of the previous one.
    floor: usize,
    /// Currency of the last money amount, for `centimes`.
    last_currency: Option<String>,
    /// See [`uses_comma_grouping`].
    comma_grouping: bool,
}

impl Parser<'_, '_> {
    fn is_trigger(&self, i: usize) -> bool {
        match self.t.kind(i) {
            Some(Kind::Digits) => true,
            Some(Kind::Word) => {
                let w = self.t.norm(i);
                let b = w.as_bytes();
                // Cheap first-byte filter before the table lookups: every number word and
                // collective noun starts with one of these letters.
                b.len() >= 2
                    && b.len() <= 14
                    && matches!(
                        b[0],
                        b'b' | b'c'
                            | b'd'
                            | b'h'
                            | b'm'
                            | b'n'
                            | b'o'
                            | b'q'
                            | b's'
                            | b't'
                            | b'u'
                            | b'v'
                            | b'z'
                    )
                    && (lx::number_word(w).is_some() || lx::collective(w).is_some())
            }
            _ => false,
        }
    }

    fn at(&self, i: usize) -> Step {
        let a = match self.t.kind(i) {
            Some(Kind::Digits) => self.digit_amount(i, true),
            Some(Kind::Word) => self.word_start(i),
            _ => Res::No,
        };
        match a {
            Res::Ok(a) => self.finish(a),
            Res::Skip(j) => Step::Skip(j),
            Res::No => Step::Pass,
        }
    }

    /// End of a run of glued letters, digits and inner separators ("COVID-19", "3/03/2024",
    /// "10.5.3", "A320") and of phone-number groups ("01 23 45 67 89").
    fn skip_chain(&self, i: usize) -> usize {
        let t = self.t;
        let mut j = i + 1;
        while j < t.len() {
            let glued = t.gap(j) == Gap::None;
            match t.kind(j) {
                Some(Kind::Word | Kind::Digits) if glued => j += 1,
                Some(Kind::Digits)
                    if t.gap(j) == Gap::Space
                        && t.raw(j).len() <= 2
                        && t.is_digits(j - 1)
                        && t.raw(j - 1).len() <= 2 =>
                {
                    j += 1
                }
                Some(Kind::Punct('.' | ',' | '/' | ':' | '-' | '\'' | '’' | '_' | '–' | '‑'))
                    if glued
                        && t.gap(j + 1) == Gap::None
                        && matches!(t.kind(j + 1), Some(Kind::Word | Kind::Digits)) =>
                {
                    j += 2
                }
                _ => break,
            }
        }
        j
    }

    /// A number in digits at `i`. `context` is false for the second number of a range,
    /// whose glued dash belongs to the range.
    fn digit_amount(&self, i: usize, context: bool) -> Res<Amount> {
        let t = self.t;
        let mut start = i;
        let mut negative = false;
        if context && t.gap(i) == Gap::None {
            if let Some(p) = i.checked_sub(1) {
                match t.kind(p) {
                    Some(Kind::Word | Kind::Digits) => return Res::Skip(self.skip_chain(i)),
                    Some(Kind::Punct(c @ ('-' | '−' | '+' | '–'))) => {
                        // A sign only when the dash is not glued to a word or number before.
                        let free = match p.checked_sub(1) {
                            None => true,
                            Some(q) => {
                                t.gap(p) != Gap::None
                                    || matches!(t.punct(q), Some('(' | '[' | '«' | '"' | '/'))
                            }
                        };
                        if !free {
                            return Res::Skip(self.skip_chain(i));
                        }
                        if p >= self.floor {
                            start = p;
                            negative = c != '+';
                        }
                    }
                    Some(Kind::Punct(
                        '.' | ',' | '/' | ':' | '\'' | '’' | '#' | '_' | '@' | '&' | '=' | '^'
                        | '*' | '\\' | '|',
                    )) => return Res::Skip(self.skip_chain(i)),
                    _ => {}
                }
            }
        }
        let first = t.raw(i);
        if first.len() > 15 || (first.len() > 1 && first.starts_with('0')) {
            // Identifiers, phone numbers, zero-padded dates.
            return Res::Skip(self.skip_chain(i));
        }
        let mut int = String::with_capacity(24);
        int.push_str(first);
        let mut j = i + 1;
        let mut grouped = false;
        if first.len() <= 3 {
            // French grouping: (no-break) space, dot or Swiss apostrophe before exactly three
            // digits. A dot before three digits is always grouping ("12.000" = 12 000).
            loop {
                if t.is_digits(j) && t.gap(j) == Gap::Space && t.raw(j).len() == 3 {
                    int.push_str(t.raw(j));
                    j += 1;
                } else if matches!(t.punct(j), Some('.' | '\'' | '’'))
                    && t.gap(j) == Gap::None
                    && t.is_digits(j + 1)
                    && t.gap(j + 1) == Gap::None
                    && t.raw(j + 1).len() == 3
                {
                    int.push_str(t.raw(j + 1));
                    j += 2;
                } else {
                    break;
                }
                grouped = true;
            }
            if !grouped {
                // Historic text groups with commas ("fr. 9,563,830"): two or more ",ddd"
                // groups, or ",000", are grouping; one other ",ddd" stays a decimal.
                let mut k = j;
                let mut n = 0;
                while t.punct(k) == Some(',')
                    && t.gap(k) == Gap::None
                    && t.is_digits(k + 1)
                    && t.gap(k + 1) == Gap::None
                    && t.raw(k + 1).len() == 3
                {
                    n += 1;
                    k += 2;
                }
                if n >= 2 || (n == 1 && (t.raw(j + 1) == "000" || self.comma_grouping)) {
                    let mut m = j;
                    while m < k {
                        int.push_str(t.raw(m + 1));
                        m += 2;
                    }
                    j = k;
                    grouped = true;
                }
            }
        }
        if !grouped
            && first.len() <= 3
            && (0..2).all(|k| {
                t.is_digits(j + k) && t.gap(j + k) == Gap::Space && t.raw(j + k).len() <= 2
            })
        {
            // Phone numbers: "+33 1 23 45 67 89".
            return Res::Skip(self.skip_chain(i));
        }
        if !grouped && first.len() <= 2 && t.punct(j) == Some(',') {
            // "les 10,11 et 12 novembre": a list of days written without spaces.
            if let Some(k) = self.date_after(j) {
                return Res::Skip(k);
            }
        }
        let mut frac = "";
        let mut comma_alt = None;
        if matches!(t.punct(j), Some(',' | '.'))
            && t.gap(j) == Gap::None
            && t.is_digits(j + 1)
            && t.gap(j + 1) == Gap::None
        {
            frac = t.raw(j + 1);
            if t.punct(j) == Some(',') && frac.len() == 3 && !grouped && first != "0" {
                comma_alt = format!("{int}{frac}").parse::<f64>().ok();
            }
            j += 2;
        }
        if matches!(t.punct(j), Some('.' | ',' | '/' | ':' | '\'' | '’' | '·'))
            && t.gap(j) == Gap::None
            && t.is_digits(j + 1)
            && t.gap(j + 1) == Gap::None
        {
            // Versions, dates, times, Swiss minutes'seconds: "10.5.3", "3/03/2024", "2'24".
            return Res::Skip(self.skip_chain(i));
        }
        if t.punct(j) == Some('/') {
            // Ratings and fractions: "8,5 / 10", "24/7", "les 3/4".
            return Res::Skip(j + 1 + usize::from(t.is_digits(j + 1)));
        }
        if (t.is(j, "x") || t.punct(j) == Some('×')) && t.is_digits(j + 1) {
            // "4 x 100 m": the factor is not a quantity of its own.
            return Res::Skip(j);
        }
        let mut glued_word = false;
        if t.is_word(j) && t.gap(j) == Gap::None {
            let raw = t.raw(j);
            let w = t.norm(j);
            if lx::is_ordinal_suffix(w) {
                return Res::Skip(j + 1);
            }
            if w == "h" && t.is_digits(j + 1) && t.gap(j + 1) == Gap::None {
                return Res::Skip(j + 2); // "14h30"
            }
            let unitish = lx::unit_symbol(raw).is_some()
                || lx::money_multiplier(raw).is_some()
                || lx::currency_code(raw).is_some()
                || matches!(w, "fr" | "frs");
            if !unitish {
                return Res::Skip(self.skip_chain(i));
            }
            glued_word = true;
        }
        let mut text = int;
        if !frac.is_empty() {
            text.push('.');
            text.push_str(frac);
        }
        let Ok(mut value) = text.parse::<f64>() else {
            return Res::Skip(j);
        };
        if !value.is_finite() {
            return Res::Skip(j);
        }
        if negative {
            value = -value;
        }
        let plain = !grouped && frac.is_empty() && !negative;
        let mut a = Amount {
            start,
            end: j,
            value,
            raw: value,
            year_like: plain && first.len() == 4 && (1000.0..=2100.0).contains(&value),
            day_like: plain && first.len() <= 2 && (1.0..=31.0).contains(&value),
            glued_word,
            digits: Some(text),
            comma_alt,
            ..Amount::default()
        };
        if !glued_word && t.gap(j) != Gap::Break {
            let e = match t.word(j).and_then(lx::number_word) {
                Some(NumWord::Scale(e)) => Some(i32::from(e)),
                Some(NumWord::Mille) => Some(3),
                _ => None,
            };
            if let Some(e) = e {
                a.value = a.scaled(e);
                a.scale = Some(e);
                a.end = j + 1;
                a.year_like = false;
                a.day_like = false;
                a.comma_alt = None;
                self.et_demi(&mut a, e);
            }
        }
        Res::Ok(a)
    }

    /// "1 million et demi": half the scale more.
    fn et_demi(&self, a: &mut Amount, e: i32) {
        if self.t.is(a.end, "et") && matches!(self.t.word(a.end + 1), Some("demi" | "demie")) {
            a.value += 0.5 * 10f64.powi(e);
            a.end += 2;
        }
    }

    /// A number word or collective noun at `i`.
    fn word_start(&self, i: usize) -> Res<Amount> {
        let t = self.t;
        let w = t.norm(i);
        if t.case(i) == Case::Mixed {
            return Res::No;
        }
        if let Some(p) = i.checked_sub(1) {
            // Second half of a hyphenated name: "Pont-Neuf", "Saint-Cinq".
            if t.gap(i) == Gap::None
                && t.punct(p) == Some('-')
                && t.gap(p) == Gap::None
                && p.checked_sub(1).is_some_and(|q| t.is_word(q))
            {
                return Res::Skip(i + 1);
            }
        }
        if lx::collective(w).is_some() {
            return self.collective_amount(None, i);
        }
        let Some(nw) = lx::number_word(w) else {
            return Res::No;
        };
        if matches!(nw, NumWord::Scale(_)) {
            // "des millions de personnes": an indefinite count of millions.
            return self.collective_amount(None, i);
        }
        let Some(a) = self.word_number(i) else {
            return Res::No;
        };
        if t.case(i) == Case::Title && !self.sentence_start(i) {
            // "Les Trois Mousquetaires", "les Quatre Cents Coups": part of a name.
            return Res::Skip(a.end);
        }
        if t.punct(a.end) == Some('-')
            && t.gap(a.end) == Gap::None
            && t.is_word(a.end + 1)
            && t.gap(a.end + 1) == Gap::None
        {
            // Compounds: "deux-roues", "Trois-Rivières", "mille-pattes".
            return Res::Skip(a.end + 2);
        }
        if a.scale.is_none() && t.word(a.end).and_then(lx::collective).is_some() {
            let end = a.end;
            return self.collective_amount(Some(a), end);
        }
        Res::Ok(a)
    }

    /// Reads French number words from `i`: "vingt et un", "quatre-vingt-dix-neuf",
    /// "deux cent mille", "trois milliards", Belgian/Swiss "septante", 1990 hyphenation.
    fn word_number(&self, i: usize) -> Option<Amount> {
        #[derive(Clone, Copy, PartialEq, Eq)]
        enum Last {
            Start,
            Zero,
            Unit(u8),
            Dix,
            DixUnit,
            Teen,
            Ten(u8),
            TenUnit,
            Cent,
            Mille,
            Scale,
        }
        use NumWord as N;
        let t = self.t;
        let mut last = Last::Start;
        let (mut total, mut thousands, mut cur) = (0f64, 0u64, 0u64);
        let (mut j, mut end, mut n_words) = (i, i, 0usize);
        let mut last_scale = None;
        let mut before_scale = 0u64;
        while let Some(nw) = t.word(j).and_then(lx::number_word) {
            let ok = match (last, nw) {
                (Last::Start, _) => true,
                (Last::Zero, _) | (_, N::Zero) => false,
                (Last::Unit(4), N::Ten(20)) => true,
                (Last::Unit(_) | Last::Teen | Last::Dix | Last::DixUnit, N::Cent) => cur < 100,
                (Last::Ten(_), N::Unit(_)) => true,
                (Last::Ten(60 | 80), N::Dix | N::Teen(_)) => true,
                (Last::Dix, N::Unit(7..=9)) => true,
                (Last::Cent | Last::Mille | Last::Scale, N::Unit(_) | N::Dix | N::Teen(_)) => true,
                (Last::Cent | Last::Mille | Last::Scale, N::Ten(_)) => true,
                (Last::Mille | Last::Scale, N::Cent) => cur < 100,
                (Last::Mille, N::Mille) => false,
                (_, N::Mille) => thousands == 0,
                (Last::Scale, N::Scale(_)) => false,
                (_, N::Scale(_)) => true,
                _ => false,
            };
            if !ok {
                break;
            }
            match nw {
                N::Zero => last = Last::Zero,
                N::Unit(u) => {
                    cur += u64::from(u);
                    last = match last {
                        Last::Ten(_) => Last::TenUnit,
                        Last::Dix => Last::DixUnit,
                        _ => Last::Unit(u),
                    };
                }
                N::Dix => {
                    cur += 10;
                    last = Last::Dix;
                }
                N::Teen(v) => {
                    cur += u64::from(v);
                    last = Last::Teen;
                }
                N::Ten(20) if last == Last::Unit(4) => {
                    cur += 76;
                    last = Last::Ten(80);
                }
                N::Ten(v) => {
                    cur += u64::from(v);
                    last = Last::Ten(v);
                }
                N::Cent => {
                    cur = cur.max(1) * 100;
                    last = Last::Cent;
                }
                N::Mille => {
                    thousands = cur.max(1) * 1000;
                    cur = 0;
                    last = Last::Mille;
                }
                N::Scale(e) => {
                    before_scale = (thousands + cur).max(1);
                    total += before_scale as f64 * 10f64.powi(i32::from(e));
                    thousands = 0;
                    cur = 0;
                    last = Last::Scale;
                    last_scale = Some(i32::from(e));
                }
            }
            end = j + 1;
            n_words += 1;
            let nx = j + 1;
            if t.punct(nx) == Some('-') && t.gap(nx) == Gap::None && t.gap(nx + 1) == Gap::None {
                // 1990 spelling joins everything with hyphens: "vingt-et-un", "deux-cents".
                if t.is(nx + 1, "et") && t.punct(nx + 2) == Some('-') {
                    j = nx + 3;
                } else {
                    j = nx + 1;
                }
            } else if t.is(nx, "et")
                && matches!(last, Last::Ten(_) | Last::Cent | Last::Mille)
                && matches!(t.word(nx + 1), Some("un" | "une" | "onze"))
            {
                j = nx + 1;
            } else if t.is_word(nx) && matches!(t.gap(nx), Gap::Space | Gap::Wide) {
                j = nx;
            } else {
                break;
            }
        }
        if n_words == 0 {
            return None;
        }
        let value = total + (thousands + cur) as f64;
        let mut a = Amount {
            start: i,
            end,
            value,
            raw: value,
            words: true,
            only_un: n_words == 1 && value == 1.0,
            ..Amount::default()
        };
        if last == Last::Scale {
            a.scale = last_scale;
            a.raw = before_scale as f64;
            if let Some(e) = last_scale {
                self.et_demi(&mut a, e);
            }
        }
        Some(a)
    }

    /// A collective noun at `c` ("dizaine", "centaines", "milliers", or "millions" after an
    /// indefinite determiner), counted by `count` or by the determiner before it, and
    /// multiplied along "de" chains: "des dizaines de milliers" = 20 × 1000.
    fn collective_amount(&self, count: Option<Amount>, c: usize) -> Res<Amount> {
        let t = self.t;
        let w = t.norm(c);
        let (base, plural, is_scale) = match lx::collective(w) {
            Some((b, p)) => (b, p, false),
            None => match lx::number_word(w) {
                Some(NumWord::Scale(e)) => (10f64.powi(i32::from(e)), w.ends_with('s'), true),
                _ => return Res::No,
            },
        };
        let (start, n) = match count {
            Some(a) => (a.start, a.value),
            None => {
                let det = c.checked_sub(1).filter(|&p| {
                    p >= self.floor && t.word(p).is_some_and(lx::is_plural_determiner)
                });
                match det {
                    // An indefinite plural means at least two of them.
                    Some(p) if plural => (p, 2.0),
                    None if plural && !is_scale => (c, 2.0),
                    _ => return Res::No,
                }
            }
        };
        let mut value = n * base;
        let mut j = c + 1;
        while let Some(k) = t.de_at(j) {
            let Some(w2) = t.word(k) else { break };
            let mult = match lx::collective(w2) {
                Some((b, true)) => b,
                _ => match lx::number_word(w2) {
                    Some(NumWord::Scale(e)) if w2.ends_with('s') => 10f64.powi(i32::from(e)),
                    _ => break,
                },
            };
            value *= mult;
            j = k + 1;
        }
        Res::Ok(Amount {
            start,
            end: j,
            value,
            raw: value,
            collective: true,
            words: true,
            ..Amount::default()
        })
    }

    fn sentence_start(&self, i: usize) -> bool {
        let t = self.t;
        match i.checked_sub(1) {
            None => true,
            Some(p) => {
                t.gap(i) == Gap::Break
                    || matches!(
                        t.punct(p),
                        Some(
                            '.' | '!'
                                | '?'
                                | ':'
                                | ';'
                                | '«'
                                | '»'
                                | '"'
                                | '“'
                                | '”'
                                | '—'
                                | '–'
                                | '-'
                                | '…'
                                | '('
                                | '['
                                | '*'
                                | '•'
                        )
                    )
            }
        }
    }

    /// Everything after the number: range, unit, then the vetoes and the qualifier.
    fn finish(&self, a: Amount) -> Step {
        let t = self.t;
        if a.day_like {
            if let Some(k) = self.date_after(a.end) {
                return Step::Skip(k);
            }
        }
        let prefix = self.prefix_currency(a.start);
        let mut ua = match prefix {
            Some((_, code)) => Some(UnitHit::new(QKind::Money, code, a.end)),
            None => self.unit_after(&a),
        };
        let first = prefix.map_or(a.start, |p| p.0);
        let entre = first
            .checked_sub(1)
            .filter(|&p| p >= self.floor && t.is(p, "entre"));
        // A range partner follows the unit ("3 % à 5 %") or the bare number, never a noun.
        let conn_at = match &ua {
            Some(u) if u.noun => None,
            Some(u) => Some(u.end),
            None => Some(a.end),
        };
        let mut borrowed = false;
        if let Some(k) = conn_at {
            match self.range(&a, ua.as_ref(), k, entre, first) {
                Range::Done(s) => return s,
                Range::Borrow(u) => {
                    ua = Some(u);
                    borrowed = true;
                }
                Range::Not => {}
            }
        }
        self.single(a, ua, first, borrowed)
    }

    /// A second number after `k` ("à", "ou", "et" after "entre", a dash) making a range.
    fn range(
        &self,
        a: &Amount,
        ua: Option<&UnitHit>,
        k: usize,
        entre: Option<usize>,
        first: usize,
    ) -> Range {
        let t = self.t;
        let conn = if t.is(k, "à") {
            Conn::A
        } else if t.is(k, "ou") {
            Conn::Ou
        } else if t.is(k, "et") && entre.is_some() {
            Conn::Et
        } else if matches!(t.punct(k), Some('-' | '–'))
            && ((t.gap(k) == Gap::None && t.gap(k + 1) == Gap::None)
                || (t.gap(k) != Gap::None && t.gap(k + 1) != Gap::None))
        {
            Conn::Dash
        } else {
            return Range::Not;
        };
        if a.collective || (a.glued_word && ua.is_none()) {
            return Range::Not;
        }
        let b = match t.kind(k + 1) {
            Some(Kind::Digits) if !a.words || a.only_un => self.digit_amount(k + 1, false),
            Some(Kind::Word) if conn != Conn::Dash => match self.word_number(k + 1) {
                Some(b) => Res::Ok(b),
                None => Res::No,
            },
            _ => Res::No,
        };
        let Res::Ok(b) = b else {
            return Range::Not;
        };
        if b.only_un {
            return Range::Not;
        }
        let ub = self.unit_after(&b);
        let a_real = ua.filter(|u| !u.noun);
        let unit = match (a_real, &ub) {
            (Some(u), None) => Some(u.clone()),
            (Some(u), Some(v)) if u.same_as(v) => Some(v.clone()),
            (Some(_), Some(_)) => return Range::Not,
            (None, v) => v.clone(),
        };
        let unitless = unit.as_ref().is_none_or(|u| u.noun);
        if conn == Conn::A && self.change_verb_before(a.start) {
            return match (&ua, &ub) {
                (None, Some(v)) if !v.noun => Range::Borrow(v.clone()),
                _ => Range::Not,
            };
        }
        let mut lo = a.value;
        let hi = b.value;
        if let (Some(e), None) = (b.scale, a.scale) {
            if lo < b.raw {
                lo = a.scaled(e);
            }
        } else if !a.words
            && !b.words
            && (1.0..1000.0).contains(&lo)
            && lo.fract() == 0.0
            && hi % 1000.0 == 0.0
            && hi / 1000.0 > lo
            && hi / 1000.0 <= 10.0 * lo
        {
            // "de 50 à 60 000 Français": the thousands are shared, like a scale word.
            lo *= 1000.0;
        }
        let digits = !a.words && !b.words;
        if unitless && digits && (a.year_like || b.year_like) {
            return Range::Done(Step::Skip(b.end)); // "de 1904 à 1905", "1951-1952"
        }
        if conn == Conn::Dash && unitless {
            return Range::Done(Step::Skip(b.end)); // scores "2-1", identifiers
        }
        if hi <= lo {
            if matches!(conn, Conn::A | Conn::Dash) && unitless && digits {
                return Range::Done(Step::Skip(b.end)); // "3 à 1": a score
            }
            return Range::Not;
        }
        if conn == Conn::Ou && hi > 2.0 * lo + 10.0 {
            return Range::Not;
        }
        if unitless && unit.is_none() && (a.words || b.words) && hi < 100.0 {
            return Range::Not; // "deux ou trois" alone
        }
        let end = match &unit {
            Some(u) if !u.noun => u.end.max(b.end),
            _ => b.end,
        };
        if unitless && (self.designator_before(first, unit.is_none()) || self.article_before(first))
        {
            return Range::Done(Step::Skip(end));
        }
        if unit.as_ref().is_some_and(UnitHit::is_hours)
            && hi <= 24.0
            && first
                .checked_sub(1)
                .is_some_and(|p| t.is(p, "de") || t.word(p).is_some_and(lx::is_time_cue))
        {
            return Range::Done(Step::Skip(end)); // "de 8 h à 12 h": opening hours
        }
        let (kind, lo, hi, unit_name) = match &unit {
            Some(u) => (u.kind, u.apply(lo), u.apply(hi), u.unit.clone()),
            None => (QKind::Cardinal, lo, hi, None),
        };
        let (start, qualifier, q_approx) = match entre {
            Some(e) => (e, Some("entre"), false),
            None => match self.qualifier(first) {
                Some((s, q, b)) => (s, Some(q), b == Bound::Approx),
                None => (first, None, false),
            },
        };
        Range::Done(Step::Found(Found {
            start,
            end,
            kind,
            value: (lo + hi) / 2.0,
            min: Some(lo),
            max: Some(hi),
            unit: unit_name,
            approx: q_approx,
            qualifier,
        }))
    }

    /// One number with its unit (or none): vetoes, qualifier, value.
    fn single(&self, a: Amount, ua: Option<UnitHit>, first: usize, borrowed: bool) -> Step {
        let t = self.t;
        let cardinal = ua.as_ref().is_none_or(|u| u.noun);
        let bare = ua.is_none();
        if a.only_un && !ua.as_ref().is_some_and(|u| u.extended) {
            return Step::Pass; // "un homme", "une fois", "un an": an article
        }
        if a.glued_word && ua.as_ref().is_none_or(|u| u.noun || u.end == a.end) {
            return Step::Skip(self.skip_chain(a.start)); // "3M", "5G"
        }
        let qual = self.qualifier(first);
        if cardinal {
            if a.words
                && !a.collective
                && bare
                && a.scale.is_none()
                && a.value < 100.0
                && qual.is_none()
            {
                return Step::Pass; // "tous les deux", "ils sont trois"
            }
            // A singular word after "Formule 1" is no counted noun ("Formule 1 revient").
            let weak = ua.as_ref().is_none_or(|u| {
                a.value.abs() < 2.0 && !u.unit.as_deref().is_some_and(|n| n.ends_with(['s', 'x']))
            });
            if self.designator_before(first, weak) || (bare && self.designated_list_before(first)) {
                return Step::Skip(a.end);
            }
            if a.words && self.tous_before(first) {
                return Step::Pass; // "tous les deux", "toutes trois": a pronoun
            }
            if !a.words {
                if let Some(s) = self.digit_veto(&a, bare) {
                    return s;
                }
            }
        }
        let mut start = qual.map_or(first, |q| q.0);
        let mut value = a.value;
        let (kind, unit, end) = match &ua {
            None => (QKind::Cardinal, None, a.end),
            Some(u) if u.noun => (QKind::Cardinal, u.unit.clone(), a.end),
            Some(u) => {
                if u.kind == QKind::Money {
                    if let Some(alt) = a.comma_alt {
                        value = alt; // "500,000 francs": money never has three decimals
                    }
                }
                value = u.compound.unwrap_or_else(|| u.apply(value));
                let end = if borrowed { a.end } else { u.end };
                (u.kind, u.unit.clone(), end)
            }
        };
        if let Some(u) = ua.as_ref().filter(|u| u.is_hours()) {
            if self.clock_time(&a, u, first, qual.is_some()) {
                return Step::Skip(end);
            }
        }
        if ua
            .as_ref()
            .and_then(|u| u.measure)
            .is_some_and(|m| m.dim == Dim::Temperature)
            && qual.is_none()
        {
            // "moins 5 degrés": the word minus as a sign.
            if let Some(p) = first.checked_sub(1) {
                if p >= self.floor
                    && t.is(p, "moins")
                    && !p.checked_sub(1).is_some_and(|q| t.is(q, "au"))
                    && value > 0.0
                {
                    value = -value;
                    start = p;
                }
            }
        }
        if !value.is_finite() {
            return Step::Skip(end);
        }
        let (qualifier, q_approx) = match qual {
            Some((_, q, b)) => (Some(q), b == Bound::Approx),
            None => (None, false),
        };
        Step::Found(Found {
            start,
            end,
            kind,
            value,
            min: None,
            max: None,
            unit,
            approx: a.collective || q_approx,
            qualifier,
        })
    }

    /// Vetoes for a plain number in digits that counts nothing or an ordinary noun.
    fn digit_veto(&self, a: &Amount, bare: bool) -> Option<Step> {
        let t = self.t;
        let skip = Some(Step::Skip(a.end));
        let prev = a.start.checked_sub(1);
        if a.year_like && (bare || prev.is_some_and(|p| t.word(p).is_some_and(lx::is_year_cue))) {
            return skip; // "en 2023", "septembre 2023"
        }
        if t.is(a.end, "av") || t.is(a.end, "apr") || t.raw(a.end) == "J" {
            return skip; // "52 av. J.-C."
        }
        if !bare {
            return None;
        }
        if self.article_before(a.start) {
            return skip; // "le 3", "au 12 rue de Rivoli"
        }
        if let Some(w) = prev.and_then(|p| t.word(p)) {
            if matches!(w, "en" | "depuis" | "dès" | "an" | "vers") {
                return skip; // years of any length: "en 570", "vers 1850", "l'an 1000"
            }
            if w == "sur"
                && prev
                    .and_then(|p| p.checked_sub(1))
                    .is_some_and(|q| t.is_digits(q))
            {
                return skip; // the scale of a rating: "56 sur 100"
            }
        }
        let next = t.punct(a.end);
        if let Some(p) = prev {
            if matches!(
                (t.punct(p), next),
                (Some('('), Some(')')) | (Some('['), Some(']'))
            ) {
                return Some(Step::Skip(a.end + 1)); // footnotes "(2)", "[3]"
            }
        }
        if next == Some('.')
            && t.gap(a.end) == Gap::None
            && matches!(t.case(a.end + 1), Case::Title | Case::Upper)
            && self.sentence_start(a.start)
        {
            return skip; // "1. Guidi": a ranking
        }
        if next == Some('(') {
            // Dateline "PARIS, 15 (Havas)", also with OCR doubling "15 (( Havas)".
            let k = a.end + 1 + usize::from(t.punct(a.end + 1) == Some('('));
            if matches!(t.case(k), Case::Title | Case::Upper) && t.punct(k + 1) == Some(')') {
                return skip;
            }
        }
        if t.is(a.end, "sur") && t.is_digits(a.end + 1) {
            return Some(Step::Skip(a.end + 2)); // ratings and ratios: "56 sur 100"
        }
        if t.word(a.end).is_some_and(lx::is_ordinal_suffix) {
            return Some(Step::Skip(a.end + 1)); // OCR "1 er mai"
        }
        if matches!(next, Some('"' | '″' | '\'' | '’')) && t.gap(a.end) != Gap::Break {
            return skip; // "41 "" seconds, film titles in quotes
        }
        None
    }

    /// "tous les deux", "toutes trois".
    fn tous_before(&self, s: usize) -> bool {
        let t = self.t;
        let Some(p) = s.checked_sub(1) else {
            return false;
        };
        let p = if t.is(p, "les") {
            match p.checked_sub(1) {
                Some(q) => q,
                None => return false,
            }
        } else {
            p
        };
        matches!(t.word(p), Some("tous" | "toutes"))
    }

    /// "le 3", "du 12", "au 4": a date, a jersey, an address.
    fn article_before(&self, s: usize) -> bool {
        let t = self.t;
        s.checked_sub(1).is_some_and(|p| {
            matches!(t.word(p), Some("le" | "la" | "du" | "au"))
                || (t.is_apostrophe(p) && p.checked_sub(1).is_some_and(|q| t.is(q, "l")))
        })
    }

    /// Whether "N h" is a clock time: "à 8 heures", "14 h 30", "vers 20 h".
    fn clock_time(&self, a: &Amount, u: &UnitHit, first: usize, qualified: bool) -> bool {
        let t = self.t;
        if a.value > 24.0 || a.value.fract() != 0.0 || qualified {
            return false;
        }
        let prev = first.checked_sub(1);
        // Old and OCR text drop the accent of a capital "À".
        let prev_word = prev.and_then(|p| {
            if t.raw(p) == "A" {
                Some("à")
            } else {
                t.word(p)
            }
        });
        if u.clock_like {
            let duration = matches!(prev_word, Some("en" | "pendant" | "durant"))
                || (prev_word == Some("de") && !t.is(u.end, "à") && !t.is(u.end, "et"));
            return !duration;
        }
        if prev_word.is_some_and(lx::is_time_cue) {
            return true;
        }
        if prev_word == Some("de")
            && prev
                .and_then(|p| p.checked_sub(1))
                .is_some_and(|q| matches!(t.word(q), Some("partir" | "alentours" | "autour")))
        {
            return true;
        }
        let e = u.end;
        (t.is(e, "du") && matches!(t.word(e + 1), Some("matin" | "soir")))
            || (t.is(e, "de")
                && t.is(e + 1, "l")
                && t.is_word(e + 3)
                && t.norm(e + 3).starts_with("après"))
            || matches!(t.raw(e), "GMT" | "UTC")
            || matches!(t.word(e), Some("locale" | "précises" | "pile"))
            || (t.is(e, "heure") && t.is(e + 1, "locale"))
    }

    /// Digits 1–31 followed by a month, possibly through a list: "3 mai", "les 3 et 4 mai",
    /// "du 3 au 5 mai". Returns the token after the month.
    fn date_after(&self, j: usize) -> Option<usize> {
        let t = self.t;
        let mut k = j;
        loop {
            // "le 12 courant": of the current month.
            if t.word(k).is_some_and(|w| lx::is_month(w) || w == "courant") {
                return Some(k + 1);
            }
            let conn = matches!(t.punct(k), Some(',' | '-' | '/'))
                || matches!(t.word(k), Some("et" | "au" | "ou" | "à"));
            if conn && t.is_digits(k + 1) && t.raw(k + 1).len() <= 2 {
                k += 2;
            } else {
                return None;
            }
        }
    }

    /// A currency symbol or code before the number: "$5", "€ 10", "CHF 5", "fr. 650".
    fn prefix_currency(&self, s: usize) -> Option<(usize, &'static str)> {
        let t = self.t;
        let p = s.checked_sub(1).filter(|&p| p >= self.floor)?;
        if !matches!(t.gap(s), Gap::None | Gap::Space) {
            return None;
        }
        if let Some(code) = t.punct(p).and_then(lx::currency_symbol) {
            if code == "USD" && t.gap(p) == Gap::None {
                if let Some(q) = p.checked_sub(1).filter(|&q| q >= self.floor) {
                    match t.raw(q) {
                        "US" => return Some((q, "USD")),
                        "CA" | "C" => return Some((q, "CAD")),
                        "AU" | "A" => return Some((q, "AUD")),
                        _ => {}
                    }
                }
            }
            return Some((p, code));
        }
        if t.is_word(p) {
            if let Some(code) = lx::currency_code(t.raw(p)) {
                return Some((p, code));
            }
            if matches!(t.raw(p), "fr" | "Fr" | "frs" | "Frs" | "FR") {
                return Some((p, "FRF"));
            }
        }
        if t.punct(p) == Some('.') && t.gap(p) == Gap::None {
            if let Some(q) = p.checked_sub(1).filter(|&q| q >= self.floor) {
                if matches!(t.raw(q), "fr" | "Fr" | "frs" | "Frs") {
                    return Some((q, "FRF"));
                }
            }
        }
        None
    }

    /// "passé de 7 à 8 %": a change, two values rather than a range.
    fn change_verb_before(&self, s: usize) -> bool {
        let t = self.t;
        let Some(p) = s.checked_sub(1) else {
            return false;
        };
        let verb = if t.is(p, "de") {
            p.checked_sub(1)
        } else if t.is_apostrophe(p) && p.checked_sub(1).is_some_and(|q| t.is(q, "d")) {
            p.checked_sub(2)
        } else {
            None
        };
        verb.and_then(|v| t.word(v)).is_some_and(lx::is_change_verb)
    }

    /// Something naming rather than counting comes right before: "article 49.3", "n° 5",
    /// "Formule 1", "CAC 40", "saison 3".
    fn designator_before(&self, s: usize, bare: bool) -> bool {
        let t = self.t;
        let Some(p) = s.checked_sub(1) else {
            return false;
        };
        if t.gap(s) == Gap::Break {
            return false;
        }
        match t.kind(p) {
            Some(Kind::Word) => {
                let w = t.norm(p);
                if lx::is_designator(w) {
                    return true;
                }
                // A name right before a number that counts nothing names it: "Windows 10",
                // "CAC 40". With a noun after, it is a count: "à Wœrth 60 hommes".
                let named = bare
                    && match t.case(p) {
                        Case::Upper => w.chars().count() > 1,
                        Case::Title | Case::Mixed => true,
                        Case::Lower => false,
                    };
                named
                    && !lx::is_stop(w)
                    && lx::number_word(w).is_none()
                    && lx::currency_code(t.raw(p)).is_none()
                    && !QUALIFIERS.iter().any(|q| q.0.last() == Some(&w))
            }
            Some(Kind::Punct('°' | 'º' | '#' | '§' | '№')) => true,
            _ => false,
        }
    }

    /// The second number of a designated list: "pages 3 et 4", "Jonctions 22 et 25".
    fn designated_list_before(&self, s: usize) -> bool {
        let t = self.t;
        let Some(c) = s.checked_sub(1) else {
            return false;
        };
        let conn = matches!(t.word(c), Some("et" | "à" | "ou" | "au")) || t.punct(c) == Some(',');
        conn && c
            .checked_sub(1)
            .is_some_and(|n| t.is_digits(n) && self.designator_before(n, true))
    }

    /// The qualifier ending right before token `s`, if any: (first token, text, bound).
    fn qualifier(&self, s: usize) -> Option<(usize, &'static str, Bound)> {
        QUALIFIERS
            .iter()
            .find_map(|(pat, text, bound)| self.match_back(s, pat).map(|k| (k, *text, *bound)))
    }

    fn match_back(&self, s: usize, pat: &[&str]) -> Option<usize> {
        let t = self.t;
        let mut k = s;
        for w in pat.iter().rev() {
            match *w {
                "de" => {
                    if k >= 1 && t.is(k - 1, "de") {
                        k -= 1;
                    } else if k >= 2 && t.is_apostrophe(k - 1) && t.is(k - 2, "d") {
                        k -= 2;
                    } else {
                        return None;
                    }
                }
                "jusqu'à" => {
                    if k >= 3 && t.is(k - 1, "à") && t.is_apostrophe(k - 2) && t.is(k - 3, "jusqu")
                    {
                        k -= 3;
                    } else {
                        return None;
                    }
                }
                w => {
                    if k >= 1 && t.is(k - 1, w) {
                        k -= 1;
                    } else {
                        return None;
                    }
                }
            }
        }
        (k >= self.floor).then_some(k)
    }

    /// What follows the amount: percent, money, measure, or the counted noun.
    fn unit_after(&self, a: &Amount) -> Option<UnitHit> {
        let j = a.end;
        self.percent_at(j)
            .or_else(|| self.money_at(j, a))
            .or_else(|| self.measure_at(j, a))
            .or_else(|| self.noun_at(j, a))
    }

    fn percent_at(&self, j: usize) -> Option<UnitHit> {
        let t = self.t;
        let pct = |end| Some(UnitHit::new(QKind::Percent, "%", end));
        match t.punct(j) {
            Some('%') => return pct(j + 1),
            Some('‰') => return Some(UnitHit::new(QKind::Percent, "‰", j + 1)),
            _ => {}
        }
        if t.is(j, "pour") {
            if t.is(j + 1, "cent") || t.raw(j + 1) == "100" {
                return pct(j + 2);
            }
            if t.is(j + 1, "mille") || t.raw(j + 1) == "1000" {
                return Some(UnitHit::new(QKind::Percent, "‰", j + 2));
            }
        }
        if t.is(j, "p")
            && t.punct(j + 1) == Some('.')
            && (t.raw(j + 2) == "100" || t.is(j + 2, "cent"))
        {
            return pct(j + 3);
        }
        if t.is(j, "pourcent") || t.is(j, "pourcents") {
            return pct(j + 1);
        }
        if t.is(j, "point") || t.is(j, "points") {
            if let Some(k) = t.de_at(j + 1) {
                if t.is(k, "pourcentage") || t.punct(k) == Some('%') {
                    return Some(UnitHit::new(QKind::Percent, "pp", k + 1));
                }
            }
        }
        None
    }

    fn money_at(&self, j: usize, a: &Amount) -> Option<UnitHit> {
        let t = self.t;
        let money = |code: &str, end| UnitHit::new(QKind::Money, code, end);
        // Symbols and codes, possibly after a multiplier: "5 M€", "3 Md$", "20 k€".
        let mut k = j;
        let mut mult = 1.0;
        if t.is_word(k) {
            if let Some(m) = lx::money_multiplier(t.raw(k)) {
                let next_is_currency = t.punct(k + 1).and_then(lx::currency_symbol).is_some()
                    || (t.is_word(k + 1) && lx::currency_code(t.raw(k + 1)).is_some());
                if next_is_currency && matches!(t.gap(k + 1), Gap::None | Gap::Space) {
                    mult = m;
                    k += 1;
                }
            }
        }
        if let Some(code) = t.punct(k).and_then(lx::currency_symbol) {
            let mut end = k + 1;
            let mut code = code;
            if code == "USD" && matches!(t.gap(end), Gap::None | Gap::Space) {
                match t.raw(end) {
                    "US" => end += 1,
                    "CA" | "CAN" | "C" => {
                        code = "CAD";
                        end += 1;
                    }
                    "AU" | "AUD" => {
                        code = "AUD";
                        end += 1;
                    }
                    _ => {}
                }
            }
            let mut h = money(code, end);
            h.mult = mult;
            return Some(h);
        }
        if t.is_word(k) {
            if let Some(code) = lx::currency_code(t.raw(k)) {
                let mut h = money(code, k + 1);
                h.mult = mult;
                return Some(h);
            }
            if t.raw(k) == "US" && t.punct(k + 1) == Some('$') && t.gap(k + 1) == Gap::None {
                let mut h = money("USD", k + 2);
                h.mult = mult;
                return Some(h);
            }
        }
        // Currency names: "10 000 dollars", "2 millions d'euros", "francs suisses".
        // "1 000 000 de dollars" is written like "un million de dollars".
        let k = if a.needs_de() || a.value >= 1e6 {
            t.de_at(j).unwrap_or(j)
        } else {
            j
        };
        if t.gap(k) == Gap::None && k == j {
            return None;
        }
        if t.case(k) == Case::Title {
            return None; // "Formule 3 Euro Series": currency names are lower case
        }
        let w = t.word(k)?;
        let cw = lx::currency_word(w)?;
        let mut end = k + 1;
        let mut code = cw.code;
        if matches!(w, "fr" | "frs") && t.punct(end) == Some('.') && t.gap(end) == Gap::None {
            end += 1;
        }
        let adjective = t.word(end).and_then(|adj| cw.with_adjective(adj));
        if let Some(c) = adjective {
            code = Some(c);
            end += 1;
        } else if (t.is(end, "de") || t.is(end, "d")) && matches!(w, "dollar" | "dollars") {
            // "dollars de Hong Kong": keep USD out of it, the code is unknown here.
            if t.raw(end + 1) == "Hong" {
                code = Some("HKD");
                end += 3;
            } else if t.raw(end + 1) == "Singapour" {
                code = Some("SGD");
                end += 2;
            }
        }
        if adjective.is_none()
            && (cw.needs_adjective || (cw.needs_scale && a.scale.is_none_or(|e| e < 6)))
        {
            return None;
        }
        let mut h = UnitHit::new(QKind::Money, "", end);
        h.unit = code.map(str::to_string);
        if cw.cents {
            h.cents = true;
            h.unit = Some(self.last_currency.clone().unwrap_or_else(|| "EUR".into()));
        }
        if matches!(w, "franc" | "francs" | "fr" | "frs")
            && t.is_digits(end)
            && t.raw(end).len() == 2
            && t.gap(end) == Gap::Space
            && !t.is_digits(end + 1)
            && t.word(end + 1).is_none_or(lx::is_stop)
        {
            // "5 fr. 50": francs and centimes.
            h.add = t.raw(end).parse::<f64>().unwrap_or(0.0) / 100.0;
            h.end = end + 1;
        }
        Some(h)
    }

    fn measure_at(&self, j: usize, a: &Amount) -> Option<UnitHit> {
        let t = self.t;
        let deg = |sym: &str, end| {
            let mut h = UnitHit::new(QKind::Measure, sym, end);
            h.measure = Some(Unit {
                sym: "°C",
                dim: Dim::Temperature,
                base: 1.0,
            });
            Some(h)
        };
        match t.punct(j) {
            Some('°') if t.gap(j) != Gap::Break => {
                let k = j + 1;
                if matches!(t.gap(k), Gap::None | Gap::Space) && t.is_word(k) {
                    match t.raw(k) {
                        "C" => return deg("°C", k + 1),
                        "F" => return deg("°F", k + 1),
                        _ => {}
                    }
                }
                return deg("°", k);
            }
            Some('℃') => return deg("°C", j + 1),
            Some('℉') => return deg("°F", j + 1),
            _ => {}
        }
        // Symbols, case-sensitive: "30 km", "2 GW", "1,5 t", "m²", "km/h".
        if t.is_word(j) && t.gap(j) != Gap::Break {
            if let Some(u) = lx::unit_symbol(t.raw(j)) {
                let mut end = j + 1;
                let mut u = u;
                if t.is_apostrophe(end) && t.gap(end) == Gap::None {
                    return None; // "3 l'an", "2 s'il"
                }
                if u.dim == Dim::Length {
                    u = self.length_suffix(u, &mut end, true);
                }
                if matches!(t.kind(end), Some(Kind::Word | Kind::Digits)) && t.gap(end) == Gap::None
                {
                    return None;
                }
                return Some(self.measure_hit(u, end, a));
            }
        }
        let k = if a.needs_de() {
            t.de_at(j).unwrap_or(j)
        } else {
            j
        };
        if k == j && t.gap(j) == Gap::None {
            return None;
        }
        if t.case(k) == Case::Title {
            return None;
        }
        let w = t.word(k)?;
        if matches!(w, "milles" | "mille") && matches!(t.word(k + 1), Some("nautiques" | "marins"))
        {
            let u = Unit {
                sym: "nmi",
                dim: Dim::Length,
                base: 1852.0,
            };
            return Some(self.measure_hit(u, k + 2, a));
        }
        let mut u = lx::unit_word(w)?;
        let mut end = k + 1;
        match u.dim {
            Dim::Length => u = self.length_suffix(u, &mut end, false),
            Dim::Temperature => match t.word(end) {
                Some("celsius" | "centigrades" | "c") => end += 1,
                Some("fahrenheit" | "f") => {
                    u.sym = "°F";
                    end += 1;
                }
                _ => {}
            },
            _ => {}
        }
        Some(self.measure_hit(u, end, a))
    }

    /// Turns a length unit into area, volume or speed when the text says so: "km²", "km2",
    /// "mètres carrés", "km/h", "kilomètres à l'heure", "kilomètres-heure".
    fn length_suffix(&self, u: Unit, end: &mut usize, symbol: bool) -> Unit {
        let t = self.t;
        let e = *end;
        let power = |exp: u8| -> Option<&'static str> {
            Some(match (u.sym, exp) {
                ("km", 2) => "km²",
                ("m", 2) => "m²",
                ("cm", 2) => "cm²",
                ("mm", 2) => "mm²",
                ("km", 3) => "km³",
                ("m", 3) => "m³",
                ("cm", 3) => "cm³",
                _ => return None,
            })
        };
        let area = |sym| Unit {
            sym,
            dim: Dim::Area,
            base: 1.0,
        };
        let volume = |sym| Unit {
            sym,
            dim: Dim::Volume,
            base: 1.0,
        };
        let speed = |sym| Unit {
            sym,
            dim: Dim::Speed,
            base: 1.0,
        };
        if symbol && t.gap(e) == Gap::None {
            let exp = match (t.punct(e), t.raw(e)) {
                (Some('²'), _) | (_, "2") => 2,
                (Some('³'), _) | (_, "3") => 3,
                _ => 0,
            };
            if exp > 0 {
                if let Some(sym) = power(exp) {
                    *end = e + 1;
                    return if exp == 2 { area(sym) } else { volume(sym) };
                }
            }
        }
        let per = |k: usize| -> Option<(usize, &'static str)> {
            match (u.sym, t.raw(k)) {
                ("km", "h") | ("km", "heure") => Some((k + 1, "km/h")),
                ("m", "s") | ("m", "seconde") => Some((k + 1, "m/s")),
                _ => None,
            }
        };
        if t.punct(e) == Some('/') && t.gap(e + 1) != Gap::Break {
            if let Some((k, sym)) = per(e + 1) {
                *end = k;
                return speed(sym);
            }
        }
        if !symbol {
            match t.word(e) {
                Some("carré" | "carrés") => {
                    if let Some(sym) = power(2) {
                        *end = e + 1;
                        return area(sym);
                    }
                }
                Some("cube" | "cubes") => {
                    if let Some(sym) = power(3) {
                        *end = e + 1;
                        return volume(sym);
                    }
                }
                Some("par") => {
                    if let Some((k, sym)) = per(e + 1) {
                        *end = k;
                        return speed(sym);
                    }
                }
                Some("heure") if u.sym == "km" => {
                    *end = e + 1;
                    return speed("km/h");
                }
                Some("à") if u.sym == "km" && t.is(e + 1, "l") && t.is(e + 3, "heure") => {
                    *end = e + 4;
                    return speed("km/h");
                }
                _ => {}
            }
            if t.punct(e) == Some('-') && t.is(e + 1, "heure") && u.sym == "km" {
                *end = e + 2;
                return speed("km/h");
            }
        }
        u
    }

    /// A measure hit, extended by compound parts ("1 min 44 s 79", "2 m 50", "2 h 30")
    /// and "et demi". A compound's value is in its last named unit.
    fn measure_hit(&self, u: Unit, end: usize, a: &Amount) -> UnitHit {
        let t = self.t;
        let mut h = UnitHit::new(QKind::Measure, u.sym, end);
        h.measure = Some(u);
        if t.is(end, "et") && matches!(t.word(end + 1), Some("demi" | "demie")) {
            h.add = 0.5;
            h.end = end + 2;
            h.extended = true;
            return h;
        }
        if a.scale.is_some() || !matches!(u.dim, Dim::Length | Dim::Time | Dim::Mass) {
            return h;
        }
        let mut total = a.value * u.base;
        let mut named = u;
        let mut k = end;
        let mut parts = 0;
        // "104 minutes et 46 secondes", "une heure et sept minutes".
        while t.is(k, "et") {
            let Some((n, after)) = self.plain_number(k + 1) else {
                break;
            };
            let Some(nu) = self
                .unit_token(after)
                .filter(|nu| nu.dim == u.dim && nu.base < named.base)
            else {
                break;
            };
            total += n * nu.base;
            named = nu;
            k = after + 1;
            parts += 1;
        }
        while !a.words && t.is_digits(k) && matches!(t.gap(k), Gap::Space | Gap::Wide) {
            let d = t.raw(k);
            let Ok(n) = d.parse::<f64>() else { break };
            let next_unit = self
                .unit_token(k + 1)
                .filter(|nu| nu.dim == u.dim && nu.base < named.base);
            if let Some(nu) = next_unit {
                total += n * nu.base;
                named = nu;
                k += 2;
                parts += 1;
                continue;
            }
            // An unnamed last part is the next smaller unit: minutes after hours, hundredths
            // after seconds, centimetres after metres, grams after kilograms.
            let implied = match (named.sym, d.len()) {
                ("h", 2) => 60.0,
                ("min", 2) => 1.0,
                ("s", 1 | 2) => 10f64.powi(-(d.len() as i32)),
                ("m", 2) => 0.01,
                ("km" | "kg", 3) => 1.0,
                _ => break,
            };
            // The part must end the number: "3 km 300 personnes" is two numbers. Only the
            // three-digit parts of km and kg are ambiguous enough to need a clear end.
            let terminal = match t.kind(k + 1) {
                None | Some(Kind::Punct(_)) => true,
                Some(Kind::Digits) => false,
                Some(Kind::Word) => {
                    let w = t.norm(k + 1);
                    lx::is_stop(w)
                        || (d.len() < 3
                            && self.unit_token(k + 1).is_none()
                            && lx::currency_word(w).is_none()
                            && !matches!(w, "pour" | "points"))
                }
            };
            if !terminal {
                break;
            }
            total += n * implied;
            // "14 h 30": the shape of a clock time.
            h.clock_like = named.sym == "h";
            k += 1;
            parts += 1;
            break;
        }
        if parts > 0 {
            h.extended = true;
            h.compound = Some(total / named.base);
            h.unit = Some(named.sym.to_string());
            h.measure = Some(named);
            h.end = k;
        }
        h
    }

    /// A plain integer at `k`, in digits or words: its value and the token after it.
    fn plain_number(&self, k: usize) -> Option<(f64, usize)> {
        let t = self.t;
        if t.is_digits(k) {
            let v = t.raw(k).parse::<f64>().ok()?;
            return Some((v, k + 1));
        }
        let a = self.word_number(k)?;
        (a.scale.is_none()).then_some((a.value, a.end))
    }

    /// A one-token unit at `k`, symbol or word.
    fn unit_token(&self, k: usize) -> Option<Unit> {
        let t = self.t;
        if !t.is_word(k) || t.is_apostrophe(k + 1) {
            return None;
        }
        lx::unit_symbol(t.raw(k)).or_else(|| lx::unit_word(t.norm(k)))
    }

    /// The noun a cardinal counts: "12 000 soldats", "trois jeunes hommes", "une dizaine de
    /// morts". The noun is reported as the unit but stays outside the span.
    fn noun_at(&self, j: usize, a: &Amount) -> Option<UnitHit> {
        let t = self.t;
        let (k, via_de) = if a.needs_de() {
            (t.de_at(j)?, true)
        } else {
            (j, false)
        };
        if !via_de && t.gap(k) == Gap::None {
            return None;
        }
        let mut n = k;
        if t.word(n).is_some_and(lx::is_prenominal_adjective) && t.case(n) == Case::Lower {
            n += 1;
            // "les trois dernières années", "les 12 premiers kilomètres": still a measure.
            if let Some(u) = t.word(n).and_then(lx::unit_word) {
                if t.case(n) == Case::Lower && a.value.abs() >= 2.0 {
                    return Some(self.measure_hit(u, n + 1, a));
                }
            }
        }
        if !self.noun_ok(n, a, via_de) {
            return None;
        }
        let (b0, b1) = t.bytes(n, self.compound_end(n));
        let noun = t.text.get(b0..b1).unwrap_or_default().to_lowercase();
        let mut h = UnitHit::new(QKind::Cardinal, &noun, a.end);
        h.noun = true;
        Some(h)
    }

    fn noun_ok(&self, n: usize, a: &Amount, via_de: bool) -> bool {
        let t = self.t;
        let Some(w) = t.word(n) else {
            return false;
        };
        // Compound nouns agree on either part: "porte-drapeaux", "grands-parents".
        let last = self.compound_end(n) - 1;
        let plural = |w: &str| w.ends_with(['s', 'x', 'z']);
        let plural_ok = a.value.abs() < 2.0 || plural(w) || plural(t.norm(last));
        let case_ok = match t.case(n) {
            Case::Lower => plural_ok,
            // Demonyms: "3 Français", "des milliers de Parisiens".
            Case::Title => plural(w) && (via_de || a.value >= 2.0),
            // Acronyms and headlines: "quatre CD", "TROIS MORTS".
            Case::Upper => (2..=5).contains(&w.chars().count()) || plural_ok,
            Case::Mixed => false,
        };
        case_ok
            && w.chars().nth(1).is_some()
            && !lx::is_stop(w)
            && !lx::is_month(w)
            && !lx::is_street(w)
            && !lx::is_fraction_noun(w)
            && !lx::is_ordinal_suffix(w)
            && lx::number_word(w).is_none()
            && lx::collective(w).is_none()
            && !(t.is_apostrophe(n + 1) && t.gap(n + 1) == Gap::None)
    }

    /// One past the last word of a hyphenated compound starting at word `n`.
    fn compound_end(&self, n: usize) -> usize {
        let t = self.t;
        let mut e = n + 1;
        while t.punct(e) == Some('-')
            && t.gap(e) == Gap::None
            && t.is_word(e + 1)
            && t.gap(e + 1) == Gap::None
        {
            e += 2;
        }
        e
    }
}
