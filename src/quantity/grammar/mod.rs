//! The quantity grammar over [`LexedText`]: reads a number (digits or words), then what follows
//! it (range partner, unit, currency, percent sign, counted noun), then what precedes it
//! (qualifier, `entre`, currency prefix, sign), and finally applies the vetoes that keep
//! years, dates, times, ordinals, identifiers and proper names out.
//!
//! Only tokens that can start a number are examined (digit runs, number words, collective
//! nouns), so the cost is one pass of the lexer plus a little work per number.
//!
//! One `Parser`, its methods by concern: this file drives (`scan`, `finish`, `single`);
//! `numbers` reads a number, `ranges` its range or list partner, `units` what follows it
//! (percent, measure, counted noun), `money` currencies before and after, `vetoes` what keeps
//! it out (years, dates, clock times, designators) and the qualifiers before it.

use super::lexer::{Case, Gap, Kind, LexedText};
use super::lexicon::{self as lx, Dim, NumWord, Unit};

mod money;
mod numbers;
mod ranges;
mod units;
mod vetoes;

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
    spelling: Spelling,
    date_shape: DateShape,
    /// A letter run glued after the digits ("3M", "5km"): only a unit may take it.
    glued_word: bool,
    /// Decimal text of the digits, to scale by a power of ten without rounding error.
    digits: Option<String>,
    /// Value if a lone ",ddd" was thousands grouping (historic text; used for money).
    comma_alt: Option<f64>,
}

/// How an [`Amount`] is written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Spelling {
    #[default]
    Digits,
    /// In words only.
    Words,
    /// The lone word "un"/"une": an article unless something bigger follows.
    LoneUn,
}

/// Whether a plain number (no grouping, decimals, sign or scale) could be part of a date.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum DateShape {
    #[default]
    NotDate,
    /// Four plain digits between 1000 and 2100.
    Year,
    /// A plain integer 1–31: could be a day of the month.
    Day,
}

impl Amount {
    fn in_words(&self) -> bool {
        self.spelling != Spelling::Digits
    }

    fn lone_un(&self) -> bool {
        self.spelling == Spelling::LoneUn
    }

    fn year_like(&self) -> bool {
        self.date_shape == DateShape::Year
    }
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

    /// Everything after the number: range, unit, then the vetoes and the qualifier.
    fn finish(&self, a: Amount) -> Step {
        let t = self.t;
        if a.date_shape == DateShape::Day {
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

    /// One number with its unit (or none): vetoes, qualifier, value.
    fn single(&self, a: Amount, ua: Option<UnitHit>, first: usize, borrowed: bool) -> Step {
        let t = self.t;
        let cardinal = ua.as_ref().is_none_or(|u| u.noun);
        let bare = ua.is_none();
        if a.lone_un() && !ua.as_ref().is_some_and(|u| u.extended) {
            return Step::Pass; // "un homme", "une fois", "un an": an article
        }
        if a.glued_word && ua.as_ref().is_none_or(|u| u.noun || u.end == a.end) {
            return Step::Skip(self.skip_chain(a.start)); // "3M", "5G"
        }
        let qual = self.qualifier(first);
        if cardinal {
            if a.in_words()
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
            if a.in_words() && self.tous_before(first) {
                return Step::Pass; // "tous les deux", "toutes trois": a pronoun
            }
            if !a.in_words() {
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
}
