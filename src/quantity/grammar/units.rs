//! What follows a number: percent signs, units of measure (compounds such as "1 min 44 s"),
//! and the noun a cardinal counts.

use super::*;

impl Parser<'_, '_> {
    /// What follows the amount: percent, money, measure, or the counted noun.
    pub(super) fn unit_after(&self, a: &Amount) -> Option<UnitHit> {
        let j = a.end;
        self.percent_at(j)
            .or_else(|| self.money_at(j, a))
            .or_else(|| self.measure_at(j, a))
            .or_else(|| self.noun_at(j, a))
    }

    pub(super) fn percent_at(&self, j: usize) -> Option<UnitHit> {
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

    pub(super) fn measure_at(&self, j: usize, a: &Amount) -> Option<UnitHit> {
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
    pub(super) fn length_suffix(&self, u: Unit, end: &mut usize, symbol: bool) -> Unit {
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
    pub(super) fn measure_hit(&self, u: Unit, end: usize, a: &Amount) -> UnitHit {
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
        while !a.in_words() && t.is_digits(k) && matches!(t.gap(k), Gap::Space | Gap::Wide) {
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

    /// A one-token unit at `k`, symbol or word.
    pub(super) fn unit_token(&self, k: usize) -> Option<Unit> {
        let t = self.t;
        if !t.is_word(k) || t.is_apostrophe(k + 1) {
            return None;
        }
        lx::unit_symbol(t.raw(k)).or_else(|| lx::unit_word(t.norm(k)))
    }

    /// The noun a cardinal counts: "12 000 soldats", "trois jeunes hommes", "une dizaine de
    /// morts". The noun is reported as the unit but stays outside the span.
    pub(super) fn noun_at(&self, j: usize, a: &Amount) -> Option<UnitHit> {
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

    pub(super) fn noun_ok(&self, n: usize, a: &Amount, via_de: bool) -> bool {
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
    pub(super) fn compound_end(&self, n: usize) -> usize {
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
