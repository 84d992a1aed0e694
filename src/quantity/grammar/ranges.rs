//! Ranges and lists of numbers sharing one unit: "entre 3 000 et 4 000 personnes", "de 5 à 6 %".

use super::*;

impl Parser<'_, '_> {
    /// A second number after `k` ("à", "ou", "et" after "entre", a dash) making a range.
    pub(super) fn range(
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
            Some(Kind::Digits) if !a.in_words() || a.lone_un() => self.digit_amount(k + 1, false),
            Some(Kind::Word) if conn != Conn::Dash => match self.word_number(k + 1) {
                Some(b) => Res::Ok(b),
                None => Res::No,
            },
            _ => Res::No,
        };
        let Res::Ok(b) = b else {
            return Range::Not;
        };
        if b.lone_un() {
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
        } else if !a.in_words()
            && !b.in_words()
            && (1.0..1000.0).contains(&lo)
            && lo.fract() == 0.0
            && hi % 1000.0 == 0.0
            && hi / 1000.0 > lo
            && hi / 1000.0 <= 10.0 * lo
        {
            // "de 50 à 60 000 Français": the thousands are shared, like a scale word.
            lo *= 1000.0;
        }
        let digits = !a.in_words() && !b.in_words();
        if unitless && digits && (a.year_like() || b.year_like()) {
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
        if unitless && unit.is_none() && (a.in_words() || b.in_words()) && hi < 100.0 {
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
}
