//! Reading a number: digits (grouping, decimals, scale words), number words, collective
//! nouns ("une dizaine"), "et demi".

use super::*;

impl Parser<'_, '_> {
    /// A number in digits at `i`. `context` is false for the second number of a range,
    /// whose glued dash belongs to the range.
    pub(super) fn digit_amount(&self, i: usize, context: bool) -> Res<Amount> {
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
            date_shape: if plain && first.len() == 4 && (1000.0..=2100.0).contains(&value) {
                DateShape::Year
            } else if plain && first.len() <= 2 && (1.0..=31.0).contains(&value) {
                DateShape::Day
            } else {
                DateShape::NotDate
            },
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
                a.date_shape = DateShape::NotDate;
                a.comma_alt = None;
                self.et_demi(&mut a, e);
            }
        }
        Res::Ok(a)
    }

    /// "1 million et demi": half the scale more.
    pub(super) fn et_demi(&self, a: &mut Amount, e: i32) {
        if self.t.is(a.end, "et") && matches!(self.t.word(a.end + 1), Some("demi" | "demie")) {
            a.value += 0.5 * 10f64.powi(e);
            a.end += 2;
        }
    }

    /// A number word or collective noun at `i`.
    pub(super) fn word_start(&self, i: usize) -> Res<Amount> {
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
    pub(super) fn word_number(&self, i: usize) -> Option<Amount> {
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
            spelling: if n_words == 1 && value == 1.0 {
                Spelling::LoneUn
            } else {
                Spelling::Words
            },
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
    pub(super) fn collective_amount(&self, count: Option<Amount>, c: usize) -> Res<Amount> {
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
            spelling: Spelling::Words,
            ..Amount::default()
        })
    }

    /// A plain integer at `k`, in digits or words: its value and the token after it.
    pub(super) fn plain_number(&self, k: usize) -> Option<(f64, usize)> {
        let t = self.t;
        if t.is_digits(k) {
            let v = t.raw(k).parse::<f64>().ok()?;
            return Some((v, k + 1));
        }
        let a = self.word_number(k)?;
        (a.scale.is_none()).then_some((a.value, a.end))
    }
}
