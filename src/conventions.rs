//! News conventions applied to the model's entities of one document, after decoding. The model
//! learned Wikipedia sentences; French news writes long institution names with lowercase
//! words ("Office central de lutte contre la corruption"), lowercase generic nouns in front of
//! institutions ("la préfecture du Gard"), portfolios after ministers' titles ("la ministre de
//! la Culture"), capitalized nationality nouns ("l'Espagnol Carlos Alcaraz"). Each rule is one
//! convention of the annotation guide (data/news-dev/README.md), is tested below, and is
//! measured by `frner eval` on every gold set; the word lists live in `french`.

use crate::document::{CharIndex, Entity};
use crate::french;

/// The rules, in order: join the parts of one name, trim what a name never ends or starts
/// with, take an institution's generic noun into its span, drop ministers' portfolios and
/// nationality nouns.
pub fn apply(text: &str, index: &CharIndex, mut entities: Vec<Entity>) -> Vec<Entity> {
    if entities.is_empty() {
        return entities;
    }
    entities.sort_by_key(|e| (e.start_byte, e.end_byte));
    let entities = join_name_parts(text, index, entities);
    let entities: Vec<Entity> = entities
        .into_iter()
        .filter_map(|e| trim_edges(text, index, e))
        .collect();
    let entities = institutions(text, index, entities);
    let entities = drop_portfolios(text, entities);
    entities.into_iter().filter(|e| !is_demonym(e)).collect()
}

/// Names the rules reshape: persons, organisations, places.
fn is_name(e: &Entity) -> bool {
    matches!(e.label.as_str(), "PER" | "ORG" | "LOC")
}

/// A word as the French word lists write it: lower case, every apostrophe of
/// [`french::is_apostrophe`] as ASCII, a trailing apostrophe dropped ("l’" → "l").
fn key(word: &str) -> String {
    let key: String = word
        .to_lowercase()
        .chars()
        .map(|c| if french::is_apostrophe(c) { '\'' } else { c })
        .collect();
    key.trim_end_matches('\'').to_string()
}

/// Byte ranges of the whitespace-separated words of `s`.
fn words(s: &str) -> Vec<(usize, usize)> {
    let mut out = vec![];
    let mut start = None;
    for (i, c) in s.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(a)) => {
                out.push((a, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(a) = start {
        out.push((a, s.len()));
    }
    out
}

fn starts_lowercase(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_lowercase)
}

fn starts_uppercase(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// One entity from `a` to `b`, with `label`, scored as the word-weighted mean of both.
fn joined(text: &str, index: &CharIndex, a: &Entity, b: &Entity, label: &str) -> Entity {
    let (na, nb) = (words(&a.text).len().max(1), words(&b.text).len().max(1));
    let score = (a.score * na as f32 + b.score * nb as f32) / (na + nb) as f32;
    Entity::from_byte_span(text, index, a.start_byte, b.end_byte, label, score)
}

/// Joins neighbouring entities that are parts of one name:
/// - across an apostrophe inside a word, whatever their types: "Côtes-d" + "Armor";
/// - after a linking word that no name ends with: "Office central de lutte contre la" +
///   "corruption", "ambassade des" + "États-Unis", "… dans" + "le" + "Proche-Orient";
/// - a same-type continuation that starts lowercase: "Commission de l'Union" + "africaine".
///
/// The first part's type wins: it is where the name starts.
fn join_name_parts(text: &str, index: &CharIndex, entities: Vec<Entity>) -> Vec<Entity> {
    let mut out: Vec<Entity> = Vec::with_capacity(entities.len());
    for e in entities {
        if let Some(prev) = out.last_mut() {
            if is_name(prev) && is_name(&e) && e.start_byte >= prev.end_byte {
                let gap = &text[prev.end_byte..e.start_byte];
                let last = words(&prev.text)
                    .last()
                    .map(|&(a, b)| &prev.text[a..b])
                    .unwrap_or("");
                let elided_tail = last.rsplit('-').next().unwrap_or("");
                let mut gap_chars = gap.chars();
                let one_apostrophe = gap_chars.next().is_some_and(french::is_apostrophe)
                    && gap_chars.next().is_none();
                let inside_word = one_apostrophe
                    && french::ELISIONS.contains(&key(elided_tail).as_str())
                    && e.text.starts_with(char::is_alphabetic);
                let same_line = !gap.contains('\n') && gap.len() <= 16;
                let gap_is_links = same_line
                    && gap.starts_with(char::is_whitespace)
                    && words(gap)
                        .iter()
                        .all(|&(a, b)| is_link(&gap[a..b]) && starts_lowercase(&gap[a..b]));
                let after_link = gap_is_links
                    && words(&prev.text).len() >= 2
                    && is_link(last)
                    && starts_lowercase(last);
                let continuation = prev.label == e.label
                    && same_line
                    && !gap.is_empty()
                    && gap.chars().all(char::is_whitespace)
                    && starts_lowercase(&e.text);
                if inside_word || after_link || continuation {
                    let label = prev.label.clone();
                    *prev = joined(text, index, prev, &e, &label);
                    continue;
                }
            }
        }
        out.push(e);
    }
    out
}

/// A word that links the parts of a name ("de", "l’", "aux"), elided or not.
fn is_link(word: &str) -> bool {
    french::NAME_LINKS.contains(&key(word).as_str())
}

/// Cuts what a name never ends with (a linking word or a conjunction: "Horizons et") or
/// starts with ("du Bas-Rhin", not for persons: "de Gaulle"), a
/// foreign nationality adjective after an organisation's name ("Sénat congolais" → "Sénat"),
/// and a type noun in front of a place's own name ("stade Ernest-Wallon" → "Ernest-Wallon").
/// `None` when nothing is left.
fn trim_edges(text: &str, index: &CharIndex, e: Entity) -> Option<Entity> {
    if !is_name(&e) {
        return Some(e);
    }
    let ws = words(&e.text);
    // "à", "de l’air": a span that opens with a linking word and has no capital is no name.
    if ws.first().is_some_and(|&(a, b)| is_link(&e.text[a..b]))
        && !e.text.chars().any(char::is_uppercase)
    {
        return None;
    }
    let mut first = 0;
    let mut last = ws.len();
    if e.label == "ORG" {
        // The adjective and any lowercase words after it: "Parlement libanais de réformes".
        if let Some(k) = (1..last).find(|&k| {
            french::is_foreign_nationality_adjective(&e.text[ws[k].0..ws[k].1])
                && ws[k..last]
                    .iter()
                    .all(|&(a, b)| !starts_uppercase(&e.text[a..b]))
        }) {
            last = k;
        }
    }
    while last > 1 {
        let w = &e.text[ws[last - 1].0..ws[last - 1].1];
        let k = key(w);
        let lowercase = starts_lowercase(w);
        if lowercase
            && (french::NAME_LINKS.contains(&k.as_str())
                || french::NAME_CONJUNCTIONS.contains(&k.as_str()))
        {
            last -= 1;
        } else {
            break;
        }
    }
    // "du Bas-Rhin": a linking word opens no place or organisation.
    if e.label != "PER" {
        while first + 1 < last {
            let w = &e.text[ws[first].0..ws[first].1];
            if starts_lowercase(w) && is_link(w) {
                first += 1;
            } else {
                break;
            }
        }
        if first > 0 && !starts_uppercase(&e.text[ws[first].0..ws[first].1]) {
            first = 0;
        }
    }
    if e.label == "LOC"
        && first == 0
        && last >= 2
        && french::PLACE_TYPE_NOUNS.contains(&&e.text[ws[0].0..ws[0].1])
        && starts_uppercase(&e.text[ws[1].0..ws[1].1])
    {
        first = 1;
    }
    if last == 0 || first >= last {
        return None;
    }
    if (first, last) == (0, ws.len()) {
        return Some(e);
    }
    let start = e.start_byte + ws[first].0;
    let end = e.start_byte + ws[last - 1].1;
    Some(Entity::from_byte_span(
        text, index, start, end, e.label, e.score,
    ))
}

/// Words before byte `end` on its line (at most 12), as `(start, end)` byte ranges in `text`,
/// nearest first.
fn words_before(text: &str, end: usize) -> Vec<(usize, usize)> {
    let mut from = end.saturating_sub(160);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let line = text[from..end].rfind('\n').map_or(from, |k| from + k + 1);
    words(&text[line..end])
        .into_iter()
        .rev()
        .take(12)
        .map(|(a, b)| (line + a, line + b))
        .collect()
}

/// Where a phrase "HEAD [qualifiers] [links]" ends just before a name: walks back from the
/// name over linking words (at least `min_links`), then lowercase qualifiers, and returns the
/// byte range of the word before them with the qualifiers nearest to it (first = the one
/// right after the head word). An elided article glued to the head ("l’hôpital") is not part
/// of the head word.
fn head_before(
    text: &str,
    name_start: usize,
    leading_links: usize,
    min_links: usize,
) -> Option<((usize, usize), Vec<String>)> {
    let ws = words_before(text, name_start);
    let mut k = 0;
    let mut links = leading_links;
    // "de l’Intérieur": the elision is glued to the name, not a word of its own.
    let glued = text[..name_start]
        .chars()
        .next_back()
        .is_some_and(french::is_apostrophe);
    if glued {
        let (a, b) = *ws.first()?;
        let word = &text[a..b];
        if !is_link(word) {
            return None;
        }
        links += 1;
        k = 1;
    }
    while k < ws.len() && k < 3 + usize::from(glued) {
        let w = &text[ws[k].0..ws[k].1];
        if is_link(w) && starts_lowercase(w) && !is_qualifier(w) {
            links += 1;
            k += 1;
        } else {
            break;
        }
    }
    if links < min_links {
        return None;
    }
    let mut qualifiers = vec![];
    while k < ws.len() && qualifiers.len() < 3 {
        let w = &text[ws[k].0..ws[k].1];
        if is_qualifier(w) {
            qualifiers.push(key(w));
            k += 1;
        } else {
            break;
        }
    }
    let (a, b) = *ws.get(k)?;
    // Only letters: "musée," ends a clause, it does not head the name after it.
    let word = &text[a..b];
    let start = a + french::word_elision_len(word).unwrap_or(0);
    if !text[start..b]
        .chars()
        .all(|c| c.is_alphabetic() || c == '-')
    {
        return None;
    }
    qualifiers.reverse();
    Some(((start, b), qualifiers))
}

/// Lowercase words that may stand between a title or an institution noun and what follows:
/// "délégué", "chargée", "régional", or a nationality adjective ("ministère russe").
fn is_qualifier(word: &str) -> bool {
    let k = key(word);
    starts_lowercase(word)
        && (french::TITLE_QUALIFIERS.contains(&k.as_str()) || french::nationality(&k).is_some())
}

/// Whether `head` (with the qualifiers after it) names an institution by a generic noun.
fn is_institution_head(head: &str, qualifiers: &[String]) -> bool {
    let h = key(head);
    french::INSTITUTION_HEADS.contains(&h.as_str())
        || french::INSTITUTION_HEADS_WITH_ADJECTIVE
            .iter()
            .any(|(noun, adjectives)| {
                *noun == h
                    && qualifiers
                        .first()
                        .is_some_and(|q| adjectives.contains(&q.as_str()))
            })
}

/// Number of lowercase linking words that open `e` ("du Bas-Rhin") and the byte where its name
/// proper starts.
fn leading_links(e: &Entity) -> (usize, usize) {
    let mut n = 0;
    let mut start = e.start_byte;
    for (a, b) in words(&e.text) {
        let w = &e.text[a..b];
        if is_link(w) && starts_lowercase(w) {
            n += 1;
            start = e.start_byte + b;
        } else {
            break;
        }
    }
    (n, start)
}

/// An institution named by a lowercase generic noun is one ORG with that noun ("la
/// [préfecture du Bas-Rhin]", "le [ministère russe de la Défense]", "l’[hôpital Bichat]"):
/// a place or organisation right after such a noun (and its qualifiers and linking words)
/// takes the noun into its span; fragments the model tagged in between are dropped. A span
/// the model already opened with the noun ("musée du Louvre" as LOC) becomes ORG.
fn institutions(text: &str, index: &CharIndex, entities: Vec<Entity>) -> Vec<Entity> {
    let mut out: Vec<Entity> = Vec::with_capacity(entities.len());
    for e in entities {
        if !matches!(e.label.as_str(), "ORG" | "LOC") {
            out.push(e);
            continue;
        }
        let ws = words(&e.text);
        if ws.len() >= 2
            && starts_lowercase(&e.text)
            && is_institution_head(&e.text[ws[0].0..ws[0].1], &[key(&e.text[ws[1].0..ws[1].1])])
            && ws[1..]
                .iter()
                .any(|&(a, b)| starts_uppercase(&e.text[a..b]))
        {
            let mut e = e;
            e.label = "ORG".to_string();
            out.push(e);
            continue;
        }
        let (links, name_start) = leading_links(&e);
        if links == ws.len() {
            out.push(e);
            continue;
        }
        // The name itself must look like one: "du Bas-Rhin", not "du vote".
        let Some(((head_start, head_end), qualifiers)) = head_before(text, e.start_byte, links, 0)
            .filter(|_| {
                text[name_start..e.end_byte]
                    .trim_start()
                    .starts_with(char::is_uppercase)
            })
        else {
            out.push(e);
            continue;
        };
        if !is_institution_head(&text[head_start..head_end], &qualifiers) {
            out.push(e);
            continue;
        }
        // Fragments between the noun and the name: dropped, unless one is a person.
        let fragments = out
            .iter()
            .rev()
            .take_while(|f| f.end_byte > head_start)
            .count();
        if out[out.len() - fragments..]
            .iter()
            .any(|f| f.label == "PER" || f.start_byte < head_start)
        {
            out.push(e);
            continue;
        }
        out.truncate(out.len() - fragments);
        out.push(Entity::from_byte_span(
            text, index, head_start, e.end_byte, "ORG", e.score,
        ));
    }
    out
}

/// A minister's portfolio is part of the title, not an organisation ("la ministre de la
/// [Culture]" has no entity; "le [ministère de la Culture]" is one): an ORG right after
/// "ministre|commissaire|secrétaire d’État [qualifiers] de la|du|des|au…" is dropped, and so
/// is the next one when a conjunction or linking words join it ("de l’Action et des Comptes
/// publics", "des Finances et du Budget").
fn drop_portfolios(text: &str, entities: Vec<Entity>) -> Vec<Entity> {
    let mut out: Vec<Entity> = Vec::with_capacity(entities.len());
    let mut last_dropped: Option<usize> = None;
    for e in entities {
        if e.label != "ORG" {
            out.push(e);
            continue;
        }
        let chained = last_dropped.is_some_and(|end| {
            e.start_byte >= end && {
                let gap = &text[end..e.start_byte];
                !gap.contains('\n')
                    && words(gap).iter().all(|&(a, b)| {
                        let w = &gap[a..b];
                        starts_lowercase(w)
                            && (is_link(w) || french::NAME_CONJUNCTIONS.contains(&key(w).as_str()))
                    })
            }
        });
        let (links, _) = leading_links(&e);
        let after_title =
            head_before(text, e.start_byte, links, 1).is_some_and(|((a, b), qualifiers)| {
                let title = key(&text[a..b]);
                french::PORTFOLIO_TITLES.contains(&title.as_str())
                    && (title != "secrétaire" || qualifiers.iter().any(|q| q == "d'état"))
            });
        if chained || after_title {
            last_dropped = Some(e.end_byte);
            continue;
        }
        out.push(e);
    }
    out
}

/// A capitalized nationality or inhabitant noun alone ("l’Espagnol", "les Gazaouis") is not
/// an entity in the guide (the model, trained on Wikipedia, often reads it as a place).
fn is_demonym(e: &Entity) -> bool {
    is_name(e)
        && !e.text.contains(char::is_whitespace)
        && starts_uppercase(&e.text)
        && french::nationality(&e.text).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Entities given as (surface, label, occurrence) on `text`, in text order.
    fn ents(text: &str, spans: &[(&str, &str)]) -> Vec<Entity> {
        let index = CharIndex::new(text);
        let mut from = 0;
        spans
            .iter()
            .map(|&(s, label)| {
                let start = from + text[from..].find(s).expect("surface in text");
                from = start + s.len();
                Entity::from_byte_span(text, &index, start, start + s.len(), label, 0.9)
            })
            .collect()
    }

    fn run(text: &str, spans: &[(&str, &str)]) -> Vec<(String, String)> {
        let index = CharIndex::new(text);
        apply(text, &index, ents(text, spans))
            .into_iter()
            .map(|e| {
                assert_eq!(&text[e.start_byte..e.end_byte], e.text);
                (e.text, e.label)
            })
            .collect()
    }

    fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter()
            .map(|&(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn parts_of_a_name_join() {
        let t = "Dans les Côtes-d’Armor, la préfecture des Côtes-d’Armor a annoncé.";
        assert_eq!(
            run(
                t,
                &[
                    ("Côtes-d", "LOC"),
                    ("Armor", "ORG"),
                    ("préfecture des", "ORG"),
                    ("Côtes-d", "LOC"),
                    ("Armor", "ORG")
                ]
            ),
            pairs(&[
                ("Côtes-d’Armor", "LOC"),
                ("préfecture des Côtes-d’Armor", "ORG")
            ])
        );
        let t = "confiée à l’Office central de lutte contre la corruption et les autres.";
        assert_eq!(
            run(
                t,
                &[
                    ("Office central de lutte contre la", "ORG"),
                    ("corruption et", "ORG")
                ]
            ),
            pairs(&[("Office central de lutte contre la corruption", "ORG")])
        );
        let t = "Le président de la Commission de l’Union africaine, M. Youssouf.";
        assert_eq!(
            run(t, &[("Commission de l’Union", "ORG"), ("africaine", "ORG")]),
            pairs(&[("Commission de l’Union africaine", "ORG")])
        );
        let t = "L’Office des Nations unies pour les réfugiés dans le Proche-Orient (UNRWA).";
        assert_eq!(
            run(
                t,
                &[
                    ("Office des Nations unies pour les réfugiés dans", "ORG"),
                    ("Proche-Orient", "LOC"),
                    ("UNRWA", "ORG")
                ]
            ),
            pairs(&[
                (
                    "Office des Nations unies pour les réfugiés dans le Proche-Orient",
                    "ORG"
                ),
                ("UNRWA", "ORG")
            ])
        );
    }

    #[test]
    fn two_names_stay_two() {
        // A conjunction does not join, it is trimmed.
        let t = "soutenu par Horizons et Renaissance, mis.";
        assert_eq!(
            run(t, &[("Horizons et", "ORG"), ("Renaissance", "ORG")]),
            pairs(&[("Horizons", "ORG"), ("Renaissance", "ORG")])
        );
        // Capitalized neighbours of one type are two names; a comma separates.
        let t = "Google Apple, Paris, Lyon";
        assert_eq!(
            run(
                t,
                &[
                    ("Google", "ORG"),
                    ("Apple", "ORG"),
                    ("Paris", "LOC"),
                    ("Lyon", "LOC")
                ]
            ),
            pairs(&[
                ("Google", "ORG"),
                ("Apple", "ORG"),
                ("Paris", "LOC"),
                ("Lyon", "LOC")
            ])
        );
        // A link word inside a name is kept.
        let t = "la Banque de France a dit";
        assert_eq!(
            run(t, &[("Banque de France", "ORG")]),
            pairs(&[("Banque de France", "ORG")])
        );
    }

    #[test]
    fn edges_are_trimmed() {
        let t = "devant le Sénat congolais, en annonçant";
        assert_eq!(
            run(t, &[("Sénat congolais", "ORG")]),
            pairs(&[("Sénat", "ORG")])
        );
        let t = "la Cour des comptes sénégalaise, publié";
        assert_eq!(
            run(t, &[("Cour des comptes sénégalaise", "ORG")]),
            pairs(&[("Cour des comptes", "ORG")])
        );
        // Names that end with an adjective of their own keep it.
        let t = "l’Union africaine et la Commission européenne et l’Olympique lyonnais";
        let spans = [
            ("Union africaine", "ORG"),
            ("Commission européenne", "ORG"),
            ("Olympique lyonnais", "ORG"),
        ];
        assert_eq!(run(t, &spans), pairs(&spans));
        let t = "(ISS) à Dakar, l’armée de l’air";
        assert_eq!(
            run(t, &[("à", "ORG"), ("Dakar", "LOC"), ("de l’air", "ORG")]),
            pairs(&[("Dakar", "LOC")])
        );
        let t = "au stade Ernest-Wallon, sur les rives du lac Tanganyika.";
        assert_eq!(
            run(
                t,
                &[("stade Ernest-Wallon", "LOC"), ("lac Tanganyika", "LOC")]
            ),
            pairs(&[("Ernest-Wallon", "LOC"), ("Tanganyika", "LOC")])
        );
        // "X de Y" naming another place is whole.
        let t = "la centrale de Zaporijjia et le palais de la République";
        let spans = [
            ("centrale de Zaporijjia", "LOC"),
            ("palais de la République", "LOC"),
        ];
        assert_eq!(run(t, &spans), pairs(&spans));
    }

    #[test]
    fn institutions_take_their_generic_noun() {
        let t = "selon la préfecture du Bas-Rhin. Puis";
        assert_eq!(
            run(t, &[("préfecture", "ORG"), ("du Bas-Rhin", "LOC")]),
            pairs(&[("préfecture du Bas-Rhin", "ORG")])
        );
        let t = "Le ministère russe de la Défense a fait état";
        assert_eq!(
            run(t, &[("Défense", "ORG")]),
            pairs(&[("ministère russe de la Défense", "ORG")])
        );
        let t = "Le conseil régional de Bretagne a adopté";
        assert_eq!(
            run(t, &[("conseil régional de", "ORG"), ("Bretagne", "ORG")]),
            pairs(&[("conseil régional de Bretagne", "ORG")])
        );
        let t = "au centre hospitalier intercommunal de Créteil (Val-de-Marne)";
        assert_eq!(
            run(t, &[("Créteil", "LOC"), ("Val-de-Marne", "LOC")]),
            pairs(&[
                ("centre hospitalier intercommunal de Créteil", "ORG"),
                ("Val-de-Marne", "LOC")
            ])
        );
        let t = "l’ambassade des États-Unis à Bamako et le musée du Louvre";
        assert_eq!(
            run(
                t,
                &[
                    ("États-Unis", "LOC"),
                    ("Bamako", "LOC"),
                    ("musée du Louvre", "LOC")
                ]
            ),
            pairs(&[
                ("ambassade des États-Unis", "ORG"),
                ("Bamako", "LOC"),
                ("musée du Louvre", "ORG")
            ])
        );
        let t = "transféré à l’hôpital Bichat lundi";
        assert_eq!(
            run(t, &[("Bichat", "ORG")]),
            pairs(&[("hôpital Bichat", "ORG")])
        );
    }

    #[test]
    fn generic_nouns_without_an_institution_change_nothing() {
        let spans = [("Paris", "LOC")];
        for t in [
            "dans le centre de Paris",
            "au musée, à Paris",
            "le musée a accueilli la délégation de Paris",
            "le conseil de Paris",
        ] {
            assert_eq!(run(t, &spans), pairs(&spans), "{t}");
        }
        // A person after the noun stays a person.
        let t = "le musée Rodin";
        assert_eq!(run(t, &[("Rodin", "PER")]), pairs(&[("Rodin", "PER")]));
    }

    #[test]
    fn portfolios_are_not_organisations() {
        let t = "La ministre de la Culture, Rachida Dati, et le ministre ukrainien des Affaires \
                 étrangères, Andriï Sybiha.";
        assert_eq!(
            run(
                t,
                &[
                    ("Culture", "ORG"),
                    ("Rachida Dati", "PER"),
                    ("Affaires étrangères", "ORG"),
                    ("Andriï Sybiha", "PER")
                ]
            ),
            pairs(&[("Rachida Dati", "PER"), ("Andriï Sybiha", "PER")])
        );
        let t = "La ministre de l’Action et des Comptes publics, le ministre des Finances et du \
                 Budget, la ministre déléguée chargée de l’Intelligence artificielle, le \
                 commissaire au Commerce, le secrétaire d’État chargé du Numérique.";
        assert_eq!(
            run(
                t,
                &[
                    ("Action", "ORG"),
                    ("des Comptes publics", "ORG"),
                    ("Finances et", "ORG"),
                    ("Budget", "ORG"),
                    ("Intelligence artificielle", "ORG"),
                    ("Commerce", "ORG"),
                    ("Numérique", "ORG"),
                ]
            ),
            vec![]
        );
        // The ministry is an organisation; so is what follows another title.
        let t = "le ministère de la Culture et le secrétaire général de l’ONU";
        assert_eq!(
            run(t, &[("Culture", "ORG"), ("ONU", "ORG")]),
            pairs(&[("ministère de la Culture", "ORG"), ("ONU", "ORG")])
        );
        // A country after a title is a place, kept.
        let t = "le Premier ministre du Canada";
        assert_eq!(run(t, &[("Canada", "LOC")]), pairs(&[("Canada", "LOC")]));
    }

    #[test]
    fn nationality_nouns_are_not_entities() {
        let t =
            "l’Espagnol Carlos Alcaraz, le Danois Jonas Vingegaard, les Gazaouis et l’Argentine";
        assert_eq!(
            run(
                t,
                &[
                    ("Espagnol", "LOC"),
                    ("Carlos Alcaraz", "PER"),
                    ("Danois", "LOC"),
                    ("Jonas Vingegaard", "PER"),
                    ("Gazaouis", "LOC"),
                    ("Argentine", "LOC")
                ]
            ),
            pairs(&[
                ("Carlos Alcaraz", "PER"),
                ("Jonas Vingegaard", "PER"),
                ("Argentine", "LOC")
            ])
        );
    }

    #[test]
    fn other_labels_pass_through() {
        let t = "8 milliards d’euros";
        let index = CharIndex::new(t);
        let e = Entity::from_byte_span(t, &index, 0, t.len(), "QUANTITY", 1.0);
        assert_eq!(apply(t, &index, vec![e.clone()]), vec![e]);
    }
}
