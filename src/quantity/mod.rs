//! Rule-based recognizer of quantities in French news text: `CARDINAL`, `MONEY`, `PERCENT`
//! and `MEASURE` entities with a normalized [`QuantityValue`].
//!
//! [`find_quantities`] lexes the text once (words, ASCII digit runs, punctuation; see
//! `lexer`), looks only at tokens that can start a number (digits, number words, collective
//! nouns) and reads each number with a small French grammar (`grammar`) over word lists
//! (`lexicon`). There is no backtracking regex; the cost is linear in the text.
//! [`merge`] combines its spans with the model's.
//!
//! # What counts as a quantity
//!
//! * **Numbers in digits.** Grouping by a single space, no-break space (U+00A0), narrow
//!   no-break space (U+202F), thin space, dot or apostrophe before *exactly three* digits:
//!   "12 000", "12.000", "12'000" are twelve thousand. A dot before any other number of digits
//!   is a decimal point ("3.5", "49.3"); a comma is the decimal separator ("3,5"). Historic
//!   text writes "9,563,830": two or more ",ddd" groups, or ",000", are grouping; a single
//!   other ",ddd" stays decimal ("50,291 km/h") unless the same text groups with commas
//!   somewhere else ("174,754 hectolitres, valant fr. 9,563,830"), or it is money, which
//!   never has three decimals ("70,000 marks"). A sign glued before digits counts ("-3 °C", "+2 %"), and
//!   so does the word "moins" before a temperature.
//! * **Numbers in words**, full French grammar: "vingt et un", "soixante-dix",
//!   "quatre-vingt-dix-neuf", "deux cents", "deux cent mille", Belgian and Swiss "septante",
//!   "huitante", "octante", "nonante", 1990 hyphenation ("vingt-et-un", "deux-cents"), and
//!   scale words after digits or words ("1,5 million", "trois milliards"; "billion" = 10¹²).
//! * **Collective nouns** ("une dizaine", "une vingtaine", "une centaine", "un millier",
//!   "deux centaines") give `approx: true` and the count times the base. An indefinite
//!   plural ("des centaines", "plusieurs milliers", "quelques dizaines", "des millions")
//!   means at least two, so the value is twice the base: it is the lower bound a reader can
//!   rely on. Chains multiply: "des dizaines de milliers" = 20 × 1 000 = 20 000.
//! * **Kinds.** `PERCENT`: "%", "pour cent", "pour 100", "p. 100" (unit `%`), "‰" and
//!   "pour mille" (unit `‰`), "points de pourcentage" (unit `pp`). `MONEY`: symbols before
//!   or after ("$5", "5 €", "5 M€", "3 Md$", "20 k€"), ISO codes ("10 000 USD", "CHF 5"),
//!   currency names ("dollars", "roubles", "yens", "yuans", …, adjectives refine: "dollars
//!   canadiens" CAD, "francs suisses" CHF, "francs CFA" XOF, "livres sterling" GBP). Plain
//!   "francs" and "fr." are the French franc (FRF): it is what they mean in the historic
//!   press, and modern Swiss text can be told apart only by its adjective. Plain "livres"
//!   are pounds only after "millions de"/"milliards de" (otherwise they are books); plain
//!   "couronnes" need an adjective. "sh"/"schillings" are Austrian schillings (ATS).
//!   "centimes" divide by 100 and take the currency of the previous money amount of the
//!   text (EUR if none). `MEASURE`: length, area, volume,
//!   mass, speed, temperature, energy, power, data, durations, as a normalized symbol
//!   ("kilomètres" → `km`, "km2" → `km²`, "degrés" → `°C`, "hectares" → `ha`,
//!   "kilomètres à l'heure" → `km/h`). Compound values ("1 min 44 s 79", "2 m 50") are
//!   expressed in their last named unit (104.79 `s`, 2.5 `m`). `CARDINAL`: everything else.
//! * **Durations and ages are measures**: "trois heures" (`h`), "deux semaines" (`wk`),
//!   "âgé de 45 ans" (`a`), likewise `s`, `min`, `d` (jours), `mo` (mois). Clock times are not
//!   quantities: "14 h 30", "14h30", and "N h"/"N heures" (N ≤ 24) after "à", "vers", "dès",
//!   "avant", "après", "jusqu'à", "à partir de", "le", or before "du matin", "GMT"…
//! * **Counted nouns.** A cardinal's `unit` is the noun it counts, lower-cased as written
//!   ("12 000 soldats" → `soldats`), skipping one plural adjective ("trois jeunes hommes" →
//!   `hommes`) — but an adjective before a unit keeps the measure ("les trois dernières
//!   années" is 3 `a`, span included); after a scale or collective the noun follows "de"
//!   ("une dizaine de morts"). The
//!   noun is *not* part of the span (OntoNotes convention: the span is the number), unlike
//!   currencies, units and percent signs, which are. A noun after a number ≥ 2 must look
//!   plural (ends in s, x or z), which keeps out "un immeuble neuf construit".
//! * **Bare numbers.** Digits with nothing after them are a `CARDINAL` without unit ("le
//!   bilan s'élève à 12 000."). Numbers in words need a noun, a unit, a qualifier, a scale
//!   word or a value ≥ 100: "ils sont trois", "tous les deux", "l'un des deux" are not
//!   quantities. The lone "un"/"une" is an article ("un homme", "un an") unless it is part of
//!   a larger number ("vingt et un", "un million"), of a collective ("une dizaine") or of a
//!   range ("un ou deux jours").
//! * **Ranges** — "entre 10 000 et 12 000", "de 3 à 5 %", "10 à 15 morts", "deux ou trois
//!   jours", "3-4 km" — give `min` and `max`, and `value` is their midpoint. The span
//!   includes "entre" (then `qualifier` is `entre`) but not a "de" before the first number,
//!   which usually belongs to what precedes ("une hausse de 3 à 5 %"). A scale word after the
//!   second number also scales the first ("entre 2 et 3 millions") when the first is
//!   smaller, and so do shared thousands ("de 50 à 60 000" = 50 000–60 000, when the first
//!   number is between a tenth of and the thousands of the second). After a verb of change ("passé de 7 % à 8 %", "grimpé de 2 à 3 %") the two
//!   numbers are separate quantities, the first borrowing the second's unit. A tight dash
//!   ("3-4") is a range only before a unit, currency or percent sign: "2-1" is a score,
//!   "2022-2023" a season, "10-15 morts" is left out rather than guessed.
//! * **Qualifiers** in front of the number are part of the span and reported normalized:
//!   "près de", "environ", "quelque", "presque", "quasiment", "approximativement",
//!   "pratiquement", "autour de", "aux alentours de", "à peu près", "pas loin de" (these set
//!   `approx: true`), "plus de", "moins de", "au moins", "au plus", "au maximum", "au
//!   minimum", "jusqu'à" (straight or typographic apostrophe), "un peu plus de", "un peu moins
//!   de", "pas moins de", "pas plus de". Elided forms match ("près d'un million" → `près de`).
//!   `min`/`max` are only set for ranges, never from a qualifier.
//!
//! # What is not a quantity
//!
//! * Years: four plain digits from 1000 to 2100 with nothing counted after them ("en 2023",
//!   "septembre 2023"), or after a year cue ("en", "depuis", "année", a month…) even with a
//!   noun; any plain number right after "en", "depuis", "dès", "vers", "an" ("en 570"); year ranges ("de 1904 à 1905", "2022-2023"); "52 av. J.-C.". "2000 manifestants"
//!   stays a cardinal.
//! * Dates: a day number before a month or "courant", also in lists ("le 3 mars", "les 3 et
//!   4 mai", "les 10,11 et 12 novembre", "le 12 courant");
//!   "1er janvier" (ordinal); numeric dates ("3/03/2024", "03.03.2024").
//! * Ordinals: digits with a glued or OCR-split suffix ("3e", "1er", "2nde", "IIIe" has no
//!   digits), ordinal words ("premier", "deuxième") are not number words.
//! * Identifiers: digits glued to letters ("A320", "COVID-19", "G7", "3D"), numbers after a
//!   designator word ("article 49.3", "loi n° 2021-1109", "page 12", "pages 3 et 4",
//!   "saison 3", "l'an 2000", "mardi 3") or right after a capitalized or all-caps word ("Formule 1", "CAC 40",
//!   "Windows 10"), zero-padded or phone numbers ("01 23 45 67 89"), ratings and fractions
//!   ("8,5/10", "56 sur 100"), "le 3"/"au 12" with nothing after (dates, jerseys, addresses), footnotes
//!   "(2)", ranking lists ("1. Guidi"), datelines ("PARIS, 15 (Havas)"), scores ("2-1",
//!   "3 à 1").
//! * Names: number words capitalized mid-sentence ("les Trois Mousquetaires") or joined by a
//!   hyphen to a non-number word ("Trois-Rivières", "Pont-Neuf", "deux-roues").
//! * Fractions ("deux tiers des électeurs") and "4 x 100 m" factors.
//!
//! Numbers in other scripts' digits are ignored; malformed and OCR-damaged text never
//! panics (property-tested).
//!
//! # Merging with the model's spans
//!
//! [`merge`] keeps the model's spans and adds the quantities that do not conflict:
//!
//! 1. A quantity overlapping no model span is added.
//! 2. A quantity overlapping a `PER`, `ORG` or `LOC` span is dropped: the named entity wins
//!    ("Les 3 Suisses", "Trois-Rivières", "Peugeot 208" stay names).
//! 3. A quantity overlapping only other spans (`MISC`, …) replaces them if each of them is
//!    *numeric* — made only of digits, punctuation and number, unit or currency words, such
//!    as a model `MISC` on "3 000 euros" — or lies inside the quantity. Otherwise the model
//!    span wins ("Coupe du monde 2010", "Windows 10").
//!
//! The result is sorted by `start_byte` and never overlaps.

mod grammar;
mod lexer;
mod lexicon;

use crate::document::{CharIndex, Entity, QuantityValue};

/// All quantities in `text`, sorted, non-overlapping, with exact byte and char offsets.
pub fn find_quantities(text: &str, index: &CharIndex) -> Vec<Entity> {
    let toks = lexer::tokenize(text);
    grammar::scan(&toks)
        .into_iter()
        .filter(|f| f.start < f.end)
        .map(|f| {
            let (start_byte, end_byte) = toks.bytes(f.start, f.end);
            let mut e = Entity::from_byte_span(text, index, start_byte, end_byte, "QUANTITY", 1.0);
            e.quantity = Some(Box::new(QuantityValue {
                kind: f.kind.as_str().to_string(),
                value: f.value,
                min: f.min,
                max: f.max,
                unit: f.unit,
                approx: f.approx,
                qualifier: f.qualifier.map(str::to_string),
            }));
            e
        })
        .collect()
}

/// Merges quantity spans into the model's spans (both sorted, non-overlapping): a quantity
/// overlapping `PER`/`ORG`/`LOC` is dropped; one overlapping only other labels replaces them
/// when they are numeric or inside it, and is dropped otherwise (see the module docs).
pub fn merge(model: Vec<Entity>, quantities: Vec<Entity>) -> Vec<Entity> {
    let mut model = model;
    let mut quantities = quantities;
    // Inputs are documented as sorted; sorting again is cheap and keeps the output
    // invariant even for a careless caller.
    model.sort_by_key(|e| (e.start_byte, e.end_byte));
    quantities.sort_by_key(|e| (e.start_byte, e.end_byte));
    let mut dropped = vec![false; model.len()];
    let mut kept = Vec::with_capacity(quantities.len());
    let mut first = 0; // first model span that may still overlap a later quantity
    for q in quantities {
        while first < model.len() && model[first].end_byte <= q.start_byte {
            first += 1;
        }
        let overlapping: Vec<usize> = (first..model.len())
            .take_while(|&m| model[m].start_byte < q.end_byte)
            .filter(|&m| !dropped[m] && model[m].end_byte > q.start_byte)
            .collect();
        let blocked = overlapping.iter().any(|&m| !yields(&model[m], &q));
        if blocked {
            continue;
        }
        if kept
            .last()
            .is_some_and(|k: &Entity| k.end_byte > q.start_byte)
        {
            continue; // overlapping quantities: keep the first
        }
        for m in overlapping {
            dropped[m] = true;
        }
        kept.push(q);
    }
    let mut out: Vec<Entity> = model
        .into_iter()
        .zip(dropped)
        .filter_map(|(e, d)| (!d).then_some(e))
        .collect();
    out.extend(kept);
    out.sort_by_key(|e| (e.start_byte, e.end_byte));
    out
}

/// Whether model span `m` gives way to quantity `q` (rule 3 of the module docs).
fn yields(m: &Entity, q: &Entity) -> bool {
    if crate::labels::is_name_type(&m.label) {
        return false;
    }
    let inside = m.start_byte >= q.start_byte && m.end_byte <= q.end_byte;
    inside || is_numeric(&m.text)
}

/// Text made only of digits, punctuation and number/unit/currency words, with at least one
/// digit or number word.
fn is_numeric(text: &str) -> bool {
    let toks = lexer::tokenize(text);
    let mut any_number = false;
    for i in 0..toks.len() {
        match toks.kind(i) {
            Some(lexer::Kind::Digits) => any_number = true,
            Some(lexer::Kind::Word) => {
                let w = toks.norm(i);
                if !lexicon::is_quantity_word(w) && lexicon::unit_symbol(toks.raw(i)).is_none() {
                    return false;
                }
                any_number |= lexicon::number_word(w).is_some();
            }
            _ => {}
        }
    }
    any_number
}

#[cfg(test)]
mod tests;
