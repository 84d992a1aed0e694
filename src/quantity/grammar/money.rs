//! Currencies: after the amount ("3,5 milliards d'euros", "M€") and before it ("$ 40", "fr. 50").

use super::*;

impl Parser<'_, '_> {
    /// A currency symbol or code before the number: "$5", "€ 10", "CHF 5", "fr. 650".
    pub(super) fn prefix_currency(&self, s: usize) -> Option<(usize, &'static str)> {
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

    pub(super) fn money_at(&self, j: usize, a: &Amount) -> Option<UnitHit> {
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
}
