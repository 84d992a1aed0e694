//! What keeps a number out: years, dates, clock times, ordinals, designators ("article 3"),
//! sentence starts, and the qualifiers read before a number ("près de", "plus de").

use super::*;

impl Parser<'_, '_> {
    pub(super) fn sentence_start(&self, i: usize) -> bool {
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

    /// Vetoes for a plain number in digits that counts nothing or an ordinary noun.
    pub(super) fn digit_veto(&self, a: &Amount, bare: bool) -> Option<Step> {
        let t = self.t;
        let skip = Some(Step::Skip(a.end));
        let prev = a.start.checked_sub(1);
        if a.year_like() && (bare || prev.is_some_and(|p| t.word(p).is_some_and(lx::is_year_cue))) {
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
    pub(super) fn tous_before(&self, s: usize) -> bool {
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
    pub(super) fn article_before(&self, s: usize) -> bool {
        let t = self.t;
        s.checked_sub(1).is_some_and(|p| {
            matches!(t.word(p), Some("le" | "la" | "du" | "au"))
                || (t.is_apostrophe(p) && p.checked_sub(1).is_some_and(|q| t.is(q, "l")))
        })
    }

    /// Whether "N h" is a clock time: "à 8 heures", "14 h 30", "vers 20 h".
    pub(super) fn clock_time(
        &self,
        a: &Amount,
        u: &UnitHit,
        first: usize,
        qualified: bool,
    ) -> bool {
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
    pub(super) fn date_after(&self, j: usize) -> Option<usize> {
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

    /// "passé de 7 à 8 %": a change, two values rather than a range.
    pub(super) fn change_verb_before(&self, s: usize) -> bool {
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
    pub(super) fn designator_before(&self, s: usize, bare: bool) -> bool {
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
    pub(super) fn designated_list_before(&self, s: usize) -> bool {
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
    pub(super) fn qualifier(&self, s: usize) -> Option<(usize, &'static str, Bound)> {
        QUALIFIERS
            .iter()
            .find_map(|(pat, text, bound)| self.match_back(s, pat).map(|k| (k, *text, *bound)))
    }

    pub(super) fn match_back(&self, s: usize, pat: &[&str]) -> Option<usize> {
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
}
