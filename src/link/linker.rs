//! Mention → table row resolution for one document: alias index, fuzzy matching,
//! type compatibility, context for ambiguous aliases, in-document coreference, NIL clusters.

use std::collections::{HashMap, HashSet};

use crate::document::{Document, Link, Linking};

use super::kb::{AliasKind, EntityType, KbRow, KnowledgeBase};
use super::normalize::{fold_chars, head_of_mention, normalize, strip_titles};

/// Default Jaro-Winkler threshold for spelling variants; chosen by the sweep documented in
/// docs/linking.md (HIPE-2020 dev gold mentions + generated misspellings).
pub const DEFAULT_FUZZY_THRESHOLD: f64 = 0.92;

/// Shortest key (in chars) tried by fuzzy matching: shorter names are too easily confused.
const FUZZY_MIN_CHARS: usize = 5;

/// Most alias keys one fuzzy lookup compares: bounds the cost per mention for very large
/// user tables (the built-in table never reaches it: its largest bucket group is a few
/// hundred keys).
const MAX_FUZZY_COMPARISONS: usize = 1024;

/// In a fuzzy match, the least similarity between corresponding words.
const MIN_WORD_SIMILARITY: f64 = 0.8;

/// Evidence weights: how much a match of each kind is trusted.
const WEIGHT_METONYM: f32 = 0.9;
const WEIGHT_DEMONYM: f32 = 0.85;
const WEIGHT_TITLE_STRIPPED: f32 = 0.97;
const WEIGHT_FUZZY: f32 = 0.9;
const WEIGHT_COREFERENCE: f32 = 0.95;
const PENALTY_PRIORITY_ONLY: f32 = 0.9;
const PENALTY_CONTEXT: f32 = 0.95;
/// A country abbreviated in a results table ("Olano (Esp)").
const WEIGHT_RESULTS_ABBREVIATION: f32 = 0.8;
/// A name read back from the long-s OCR confusion ("Ruffie" for "Ruſſie").
const WEIGHT_LONG_S: f32 = 0.9;
/// How many abbreviated place mentions make a document a results table.
const RESULTS_TABLE_MIN_MENTIONS: usize = 3;
/// Entity score below which the table's type replaces the model's, for a name the table
/// knows under one other type only. Sure entities score about 0.99; the mistyped names of
/// the news dev set ("Hezbollah" as a place, "Kinshasa" as a person) scored 0.39–0.93.
const TABLE_TYPE_MAX_SCORE: f32 = 0.95;

/// One way an alias key points at a row.
#[derive(Debug, Clone, Copy)]
struct AliasRef {
    row: u32,
    kind: AliasKind,
    needs_context: bool,
    /// A two-letter uppercase alias ("L.A.", "UE", "PS") matches only a mention written
    /// without lowercase letters: otherwise the article "La" would be Los Angeles.
    upper_only: bool,
}

/// The rows claiming one alias key: almost always one, so no vector is allocated for it
/// (a million-row table has millions of keys).
#[derive(Debug, Clone)]
enum AliasRefs {
    One(AliasRef),
    Many(Vec<AliasRef>),
}

impl AliasRefs {
    fn push(&mut self, r: AliasRef) {
        match self {
            AliasRefs::One(first) => *self = AliasRefs::Many(vec![*first, r]),
            AliasRefs::Many(all) => all.push(r),
        }
    }

    fn as_slice(&self) -> &[AliasRef] {
        match self {
            AliasRefs::One(r) => std::slice::from_ref(r),
            AliasRefs::Many(all) => all,
        }
    }
}

/// A possible row for a mention, with the strength of the textual evidence.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    row: u32,
    base: f32,
    needs_context: bool,
}

/// Links entity mentions to rows of a [`KnowledgeBase`]. Immutable once built, so one
/// linker serves all rayon workers.
pub struct Linker {
    kb: KnowledgeBase,
    /// Normalized alias → rows claiming it.
    index: HashMap<String, AliasRefs>,
    /// Alias keys usable by fuzzy matching, grouped by (first char, length in chars), in
    /// table order: (row, alias position) pairs, so keys are not copied.
    fuzzy_buckets: HashMap<(char, usize), Vec<(u32, u32)>>,
    row_by_id: HashMap<String, u32>,
    /// Normalized French names of the rows described as countries (`country…`), for
    /// abbreviations in results tables.
    countries: Vec<(String, u32)>,
    fuzzy_threshold: f64,
}

/// What a mention resolved to.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Outcome {
    Linked { row: u32, score: f32 },
    Nil { cluster: u32 },
}

/// A linkable entity of the document being processed.
struct Mention {
    entity: usize,
    etype: EntityType,
    /// Normalized key of the mention head, titles included.
    full_key: String,
    /// `full_key` without leading titles ("m le general de gaulle" → "de gaulle").
    key: String,
    /// Mention head as written, for acronym detection.
    head: String,
}

/// Document-level evidence for ambiguous aliases.
struct DocContext {
    /// Context words of each candidate row found in the document, counted once per row
    /// (a long document is searched once per row, not once per mention).
    word_hits: HashMap<u32, usize>,
    /// Rows linked without ambiguity somewhere in the document.
    linked_rows: HashSet<u32>,
}

impl Linker {
    pub fn new(kb: KnowledgeBase) -> Linker {
        let alias_count = kb.rows().iter().map(|r| r.aliases.len()).sum();
        let mut index: HashMap<String, AliasRefs> = HashMap::with_capacity(alias_count);
        let mut fuzzy_buckets: HashMap<(char, usize), Vec<(u32, u32)>> = HashMap::new();
        for (i, row) in kb.rows().iter().enumerate() {
            let row_index = u32::try_from(i).unwrap_or(u32::MAX);
            for (a, alias) in row.aliases.iter().enumerate() {
                let r = AliasRef {
                    row: row_index,
                    kind: alias.kind,
                    needs_context: alias.needs_context,
                    upper_only: is_short_acronym(&alias.text),
                };
                match index.get_mut(alias.key.as_str()) {
                    Some(refs) => refs.push(r),
                    None => {
                        index.insert(alias.key.clone(), AliasRefs::One(r));
                    }
                }
                let length = alias.key.chars().count();
                if alias.kind != AliasKind::Demonym
                    && !alias.needs_context
                    && row.priority >= 0
                    && length >= FUZZY_MIN_CHARS
                {
                    if let Some(first) = alias.key.chars().next() {
                        fuzzy_buckets
                            .entry((first, length))
                            .or_default()
                            .push((row_index, u32::try_from(a).unwrap_or(u32::MAX)));
                    }
                }
            }
        }
        // Buckets keep table order (deterministic); a key several rows share appears once
        // per row, and fuzzy_candidates drops the repeated rows.
        // Only ids that some row's context names (`@id`) are ever looked up.
        let referenced: HashSet<&str> = kb
            .rows()
            .iter()
            .flat_map(|row| row.context_ids.iter().map(String::as_str))
            .collect();
        let row_by_id = kb
            .rows()
            .iter()
            .enumerate()
            .filter(|(_, row)| referenced.contains(row.id.as_str()))
            .map(|(i, row)| (row.id.clone(), u32::try_from(i).unwrap_or(u32::MAX)))
            .collect();
        let countries = kb
            .rows()
            .iter()
            .enumerate()
            .filter(|(_, row)| {
                row.etype == EntityType::Loc && row.description.starts_with("country")
            })
            .map(|(i, row)| (normalize(&row.name), u32::try_from(i).unwrap_or(u32::MAX)))
            .collect();
        Linker {
            kb,
            index,
            fuzzy_buckets,
            row_by_id,
            countries,
            fuzzy_threshold: DEFAULT_FUZZY_THRESHOLD,
        }
    }

    /// Sets the Jaro-Winkler threshold for spelling variants (> 1.0 disables fuzzy matching).
    pub fn with_fuzzy_threshold(mut self, threshold: f64) -> Linker {
        self.fuzzy_threshold = threshold;
        self
    }

    pub fn knowledge_base(&self) -> &KnowledgeBase {
        &self.kb
    }

    /// Sets `link` (a row, or `Linking::Nil`) and `nil_cluster` on every PER/ORG/LOC
    /// entity of `doc`; other labels are left untouched.
    pub fn link_document(&self, doc: &mut Document) {
        let mut mentions: Vec<Mention> = doc
            .entities
            .iter()
            .enumerate()
            .filter_map(|(i, entity)| {
                let etype = EntityType::from_label(&entity.label)?;
                Some(Mention::new(i, etype, &entity.text))
            })
            .collect();
        if mentions.is_empty() {
            return;
        }
        let mut candidates: Vec<Vec<Candidate>> =
            mentions.iter().map(|m| self.candidates(m)).collect();
        self.retype_from_table(doc, &mut mentions, &mut candidates);
        self.add_results_table_abbreviations(&mentions, &mut candidates);
        self.prefer_departments_in_parentheses(doc, &mentions, &mut candidates);
        let context = self.document_context(&doc.text, &candidates);
        let outcomes = self.resolve_in_order(&mentions, &candidates, context.as_ref());
        for (mention, outcome) in mentions.iter().zip(outcomes) {
            let entity = &mut doc.entities[mention.entity];
            match outcome {
                Outcome::Linked { row, score } => {
                    entity.link = Linking::Linked(Box::new(self.link_for(row, score)));
                    entity.nil_cluster = None;
                }
                Outcome::Nil { cluster } => {
                    entity.link = Linking::Nil;
                    entity.nil_cluster = Some(cluster);
                }
            }
        }
    }

    /// A name that matches no row of its type, that the table knows under one other type
    /// only, and that the model typed without being sure takes the table's type: "Hezbollah"
    /// read as a place becomes the organisation, "Kinshasa" read as a person the city. A
    /// name the table gives several types ("Lens": the commune, the club) keeps the model's.
    fn retype_from_table(
        &self,
        doc: &mut Document,
        mentions: &mut [Mention],
        candidates: &mut [Vec<Candidate>],
    ) {
        for (mention, found) in mentions.iter_mut().zip(candidates.iter_mut()) {
            let entity = &mut doc.entities[mention.entity];
            if !found.is_empty() || entity.score >= TABLE_TYPE_MAX_SCORE {
                continue;
            }
            let Some(etype) = self.table_type(mention) else {
                continue;
            };
            entity.label = etype.as_str().to_string();
            *mention = Mention::new(mention.entity, etype, &entity.text);
            *found = self.candidates(mention);
        }
    }

    /// The type of every row whose name or alias the whole mention is (demonyms aside),
    /// when they agree and differ from the mention's. Only capitalized mentions: a
    /// lowercase word ("canton") is not a name the table can vouch for.
    fn table_type(&self, mention: &Mention) -> Option<EntityType> {
        if !mention.head.chars().any(char::is_uppercase) {
            return None;
        }
        let upper = !mention.head.chars().any(char::is_lowercase);
        let refs = self.index.get(&mention.full_key)?;
        let mut types = refs
            .as_slice()
            .iter()
            .filter(|r| r.kind != AliasKind::Demonym && (upper || !r.upper_only))
            .map(|r| self.row(r.row).etype);
        let first = types.next()?;
        (first != mention.etype && types.all(|t| t == first)).then_some(first)
    }

    /// Sports results and election tables abbreviate countries to their first letters
    /// ("1. Abraham Olano (Esp) … 3. Laurent Jalabert (Fr)"). When a document has at least
    /// [`RESULTS_TABLE_MIN_MENTIONS`] place mentions written that way (two or three letters,
    /// capital first, then lowercase), each one that matches nothing else links to the only
    /// country whose French name starts with it; an abbreviation shared by several countries
    /// ("Be": Belgique, Bénin, Belize) stays NIL.
    fn add_results_table_abbreviations(
        &self,
        mentions: &[Mention],
        candidates: &mut [Vec<Candidate>],
    ) {
        let abbreviated =
            |m: &Mention| m.etype == EntityType::Loc && is_title_case_abbreviation(&m.head);
        if mentions.iter().filter(|m| abbreviated(m)).count() < RESULTS_TABLE_MIN_MENTIONS {
            return;
        }
        for (mention, found) in mentions.iter().zip(candidates.iter_mut()) {
            if !found.is_empty() || mention.etype != EntityType::Loc {
                continue;
            }
            // "Esp", "Fr": the start of the French name; "EU", "RU": the initials of a
            // country named in several words (États-Unis, Royaume-Uni).
            let by_initials = is_upper_initials(&mention.head);
            if !abbreviated(mention) && !by_initials {
                continue;
            }
            let mut rows = self
                .countries
                .iter()
                .filter(|(name, _)| {
                    if by_initials {
                        name.contains(' ') && word_initials(name) == mention.key
                    } else {
                        name.starts_with(mention.key.as_str())
                    }
                })
                .map(|&(_, row)| row);
            if let (Some(row), None) = (rows.next(), rows.next()) {
                found.push(Candidate {
                    row,
                    base: WEIGHT_RESULTS_ABBREVIATION,
                    needs_context: false,
                });
            }
        }
    }

    /// "Flamanville (Manche)": a place in parentheses after another place is the French
    /// département of that name where the table has one (its name is otherwise context-only
    /// where it is also a sea or a river: "la Manche", "le Rhône"), in preference to the rest.
    fn prefer_departments_in_parentheses(
        &self,
        doc: &Document,
        mentions: &[Mention],
        candidates: &mut [Vec<Candidate>],
    ) {
        for (mention, found) in mentions.iter().zip(candidates.iter_mut()) {
            if mention.etype != EntityType::Loc || !in_parentheses_after_place(doc, mention.entity)
            {
                continue;
            }
            let departments: Vec<Candidate> = found
                .iter()
                .filter(|c| self.french_row_of_kind(c.row, &["department"]) == Some(true))
                .map(|c| Candidate {
                    needs_context: false,
                    ..*c
                })
                .collect();
            if !departments.is_empty() {
                *found = departments;
            }
        }
    }

    fn row(&self, row: u32) -> &KbRow {
        &self.kb.rows()[row as usize]
    }

    /// For a French row (its description starts "French …": "French department, Manche (50)"),
    /// whether the description names one of `kinds` of division; None for any other row.
    fn french_row_of_kind(&self, row: u32, kinds: &[&str]) -> Option<bool> {
        let description = self.row(row).description.to_lowercase();
        description
            .starts_with("french")
            .then(|| kinds.iter().any(|k| description.contains(k)))
    }

    fn link_for(&self, row: u32, score: f32) -> Link {
        let row = self.row(row);
        Link {
            id: row.id.clone(),
            wikidata: row.wikidata.clone(),
            name: row.name.clone(),
            score: (score * 1000.0).round() / 1000.0,
        }
    }

    /// Rows whose aliases match the mention exactly (with or without titles), else the
    /// closest spelling variants; only rows compatible with the mention type.
    fn candidates(&self, mention: &Mention) -> Vec<Candidate> {
        let (full_key, key, etype) = (&mention.full_key, &mention.key, mention.etype);
        let upper = !mention.head.chars().any(char::is_lowercase);
        let exact = self.exact_candidates(full_key, etype, 1.0, upper);
        if !exact.is_empty() || key == full_key {
            return if exact.is_empty() {
                self.fuzzy_or_long_s(key, etype)
            } else {
                exact
            };
        }
        let mut stripped = self.exact_candidates(key, etype, WEIGHT_TITLE_STRIPPED, upper);
        if let (Some(kinds), false) = (division_kinds(full_key, key), stripped.is_empty()) {
            // "province Nord" is not the French département of Nord: a French row must be the
            // kind of division the mention names. Foreign rows are kept, whatever the noun
            // ("état d'Alberta" is the Canadian province).
            stripped.retain(|c| self.french_row_of_kind(c.row, kinds) != Some(false));
            return stripped;
        }
        if !stripped.is_empty() {
            return stripped;
        }
        // A misspelt mention with its descriptor ("canton de Neuohâtel") is closer to an
        // alias with the same descriptor ("canton de Neuchâtel") than its bare name is to
        // a homonym (the city).
        let full = self.fuzzy_candidates(full_key, etype);
        if full.is_empty() {
            self.fuzzy_or_long_s(key, etype)
        } else {
            full
        }
    }

    /// Spelling variants of `key`; failing those, the key read with `f` as `s`: OCR of books
    /// and newspapers printed before about 1820 reads the long s (ſ) as f ("Ruffie", "Afie").
    fn fuzzy_or_long_s(&self, key: &str, etype: EntityType) -> Vec<Candidate> {
        let fuzzy = self.fuzzy_candidates(key, etype);
        if !fuzzy.is_empty() || !key.contains('f') {
            return fuzzy;
        }
        let variant = key.replace('f', "s");
        let mut found = self.exact_candidates(&variant, etype, WEIGHT_LONG_S, false);
        if found.is_empty() {
            found = self.fuzzy_candidates(&variant, etype);
        }
        for c in &mut found {
            c.base = c.base.min(WEIGHT_LONG_S);
        }
        found.retain(|c| !c.needs_context);
        found
    }

    fn exact_candidates(
        &self,
        key: &str,
        etype: EntityType,
        weight: f32,
        mention_upper: bool,
    ) -> Vec<Candidate> {
        let Some(refs) = self.index.get(key) else {
            return Vec::new();
        };
        refs.as_slice()
            .iter()
            .filter(|r| mention_upper || !r.upper_only)
            .filter_map(|r| {
                let type_weight = self.type_weight(r.row, r.kind, etype)?;
                Some(Candidate {
                    row: r.row,
                    base: weight * type_weight,
                    needs_context: r.needs_context,
                })
            })
            .collect()
    }

    /// How well a row of some type fits a mention type: same type 1.0, a declared metonym
    /// less, anything else not at all. Demonyms never name a person.
    fn type_weight(&self, row: u32, kind: AliasKind, etype: EntityType) -> Option<f32> {
        let row = self.row(row);
        let kind_weight = match kind {
            AliasKind::Demonym if etype == EntityType::Per => return None,
            AliasKind::Demonym => WEIGHT_DEMONYM,
            AliasKind::Name | AliasKind::Alias => 1.0,
        };
        if row.etype == etype {
            Some(kind_weight)
        } else if row.metonym.contains(&etype) {
            Some(kind_weight * WEIGHT_METONYM)
        } else {
            None
        }
    }

    /// Spelling variants: the alias keys most similar to `key` by Jaro-Winkler, among keys
    /// with the same first letter and a similar length (cheap pre-filter, at most
    /// [`MAX_FUZZY_COMPARISONS`] keys, so the cost per mention is bounded whatever the
    /// table size).
    fn fuzzy_candidates(&self, key: &str, etype: EntityType) -> Vec<Candidate> {
        let length = key.chars().count();
        if self.fuzzy_threshold > 1.0 || length < FUZZY_MIN_CHARS {
            return Vec::new();
        }
        // A surname one letter away from a known one is as often another person ("Cotti" is
        // not "Ciotti"): one-word person mentions match exactly or through coreference only.
        if etype == EntityType::Per && !key.contains(' ') {
            return Vec::new();
        }
        let Some(first) = key.chars().next() else {
            return Vec::new();
        };
        let slack = (length / 4).max(2);
        let keys = (length.saturating_sub(slack)..=length + slack)
            .filter_map(|len| self.fuzzy_buckets.get(&(first, len)))
            .flatten()
            .take(MAX_FUZZY_COMPARISONS)
            .map(|&(row, a)| {
                self.kb.rows()[row as usize].aliases[a as usize]
                    .key
                    .as_str()
            });
        let mut best: Option<(f64, Vec<Candidate>)> = None;
        for alias_key in keys {
            let similarity = strsim::jaro_winkler(key, alias_key);
            if similarity < self.fuzzy_threshold
                || best.as_ref().is_some_and(|(s, _)| similarity < *s)
                || !words_align(key, alias_key)
            {
                continue;
            }
            let found =
                self.exact_candidates(alias_key, etype, similarity as f32 * WEIGHT_FUZZY, false);
            let found: Vec<Candidate> = found.into_iter().filter(|c| !c.needs_context).collect();
            if found.is_empty() {
                continue;
            }
            match &mut best {
                Some((s, list)) if *s == similarity => list.extend(found),
                _ => best = Some((similarity, found)),
            }
        }
        let mut list = best.map(|(_, list)| list).unwrap_or_default();
        list.sort_by_key(|c| c.row);
        list.dedup_by_key(|c| c.row);
        list
    }

    /// Builds the document context only when some mention needs it (ambiguous or
    /// context-only aliases), since folding the whole text costs more than linking.
    fn document_context(&self, text: &str, candidates: &[Vec<Candidate>]) -> Option<DocContext> {
        let needed = candidates
            .iter()
            .any(|c| distinct_rows(c) > 1 || c.iter().any(|x| x.needs_context));
        if !needed {
            return None;
        }
        let linked_rows = candidates
            .iter()
            .filter(|c| distinct_rows(c) == 1 && !c[0].needs_context)
            .map(|c| c[0].row)
            .collect();
        // Built in place: `format!` over the folded text held a 10 MB text twice.
        let mut folded = String::with_capacity(text.len() + 2);
        folded.push(' ');
        folded.push_str(&fold_chars(text));
        folded.push(' ');
        let mut word_hits = HashMap::new();
        for c in candidates.iter().flatten() {
            word_hits.entry(c.row).or_insert_with(|| {
                self.row(c.row)
                    .context_words
                    .iter()
                    .filter(|w| folded.contains(&format!(" {w} ")))
                    .count()
            });
        }
        Some(DocContext {
            word_hits,
            linked_rows,
        })
    }

    fn context_hits(&self, row: u32, context: Option<&DocContext>) -> usize {
        let Some(context) = context else {
            return 0;
        };
        let words = context.word_hits.get(&row).copied().unwrap_or(0);
        let ids = self
            .row(row)
            .context_ids
            .iter()
            .filter_map(|id| self.row_by_id.get(id))
            .filter(|r| context.linked_rows.contains(r))
            .count();
        words + ids
    }

    /// Picks one row among the candidates: stronger evidence first (exact type over
    /// metonym over demonym), then context found in the document, then table priority.
    /// Returns None when the best two cannot be told apart.
    fn choose(&self, candidates: &[Candidate], context: Option<&DocContext>) -> Option<(u32, f32)> {
        let mut ranked: Vec<(Candidate, usize, i32)> = candidates
            .iter()
            .map(|c| {
                (
                    *c,
                    self.context_hits(c.row, context),
                    self.row(c.row).priority,
                )
            })
            .filter(|(c, hits, _)| !c.needs_context || *hits > 0)
            .collect();
        ranked.sort_by(|a, b| {
            b.0.base
                .total_cmp(&a.0.base)
                .then(b.1.cmp(&a.1))
                .then(b.2.cmp(&a.2))
        });
        ranked.dedup_by_key(|(c, _, _)| c.row);
        let (best, best_hits, best_priority) = *ranked.first()?;
        let Some(&(runner_up, runner_hits, runner_priority)) = ranked.get(1) else {
            return Some((best.row, best.base));
        };
        if best.base > runner_up.base {
            Some((best.row, best.base))
        } else if best_hits > runner_hits {
            Some((best.row, best.base * PENALTY_CONTEXT))
        } else if best_priority > runner_priority {
            Some((best.row, best.base * PENALTY_PRIORITY_ONLY))
        } else {
            None
        }
    }

    /// Resolves mentions in document order so that a short form can take the resolution
    /// of a fuller mention seen earlier ("Vladimir Poutine … Poutine").
    fn resolve_in_order(
        &self,
        mentions: &[Mention],
        candidates: &[Vec<Candidate>],
        context: Option<&DocContext>,
    ) -> Vec<Outcome> {
        let mut outcomes: Vec<Outcome> = Vec::with_capacity(mentions.len());
        let mut nil_clusters: HashMap<(EntityType, &str), u32> = HashMap::new();
        let mut antecedents = Antecedents::default();
        for (i, mention) in mentions.iter().enumerate() {
            let mut antecedent = antecedents.find(mention).map(|j| outcomes[j]);
            if antecedent.is_none()
                && mention.etype != EntityType::Per
                && candidates[i].iter().all(|c| self.row(c.row).priority < 0)
            {
                // The tagger sometimes types a person's surname as a place or organisation
                // ("Poutine a menacé" after "Vladimir Poutine"): a mention that matches no
                // row of its type, or only generated rows (priority < 0: "Beaune" the
                // commune after "Clément Beaune"), takes the resolution of an earlier
                // linked person whose surname it is.
                antecedent = antecedents
                    .person_by_surname(&mention.key)
                    .map(|j| outcomes[j])
                    .filter(|o| matches!(o, Outcome::Linked { .. }));
            }
            // A linked antecedent wins over the table (the document says who "Clinton" is);
            // a NIL antecedent only when the table has nothing for the mention itself.
            let outcome = match (antecedent, self.choose(&candidates[i], context)) {
                (Some(Outcome::Linked { row, score }), _) => Outcome::Linked {
                    row,
                    score: score * WEIGHT_COREFERENCE,
                },
                (_, Some((row, score))) => Outcome::Linked { row, score },
                (Some(nil @ Outcome::Nil { .. }), None) => nil,
                (None, None) => {
                    let next = u32::try_from(nil_clusters.len()).unwrap_or(u32::MAX);
                    let cluster = *nil_clusters
                        .entry((mention.etype, mention.key.as_str()))
                        .or_insert(next);
                    Outcome::Nil { cluster }
                }
            };
            antecedents.add(mention, outcomes.len());
            outcomes.push(outcome);
        }
        outcomes
    }
}

impl Mention {
    fn new(entity: usize, etype: EntityType, text: &str) -> Mention {
        let head = head_of_mention(text);
        let full_key = normalize(head);
        let key = strip_titles(&normalize(drop_descriptors(head, etype))).to_string();
        Mention {
            entity,
            etype,
            full_key,
            key,
            head: head.to_string(),
        }
    }

    /// Uppercase acronym as written ("BCE", "OTAN"), if the mention is one.
    fn acronym(&self) -> Option<&str> {
        let head = self.head.trim();
        let letters = head.chars().count();
        ((2..=6).contains(&letters) && head.chars().all(|c| c.is_uppercase())).then_some(head)
    }

    /// Initials of the significant words ("banque centrale europeenne" → "BCE").
    fn initials(&self) -> String {
        self.key
            .split(' ')
            .filter(|w| !crate::french::ACRONYM_STOPWORDS.contains(w))
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_uppercase)
            .collect()
    }
}

/// "Esp", "Fr", "It.": two or three letters, the first uppercase, the others lowercase.
/// Two or three uppercase letters ("EU", "RU"), as results tables abbreviate countries
/// named in several words.
fn is_upper_initials(head: &str) -> bool {
    let letters = head.chars().count();
    (2..=3).contains(&letters) && head.chars().all(|c| c.is_uppercase())
}

/// Initials of the significant words of a normalized name ("etats unis" → "eu").
fn word_initials(name: &str) -> String {
    name.split(' ')
        .filter(|w| !crate::french::ACRONYM_STOPWORDS.contains(w))
        .filter_map(|w| w.chars().next())
        .collect()
}

fn is_title_case_abbreviation(head: &str) -> bool {
    let word = head.trim().trim_end_matches('.');
    let mut chars = word.chars();
    let first_upper = chars.next().is_some_and(char::is_uppercase);
    (2..=3).contains(&word.chars().count()) && first_upper && chars.all(char::is_lowercase)
}

/// Two uppercase letters, dots allowed, as written in the table ("UE", "L.A.").
fn is_short_acronym(alias: &str) -> bool {
    alias.chars().filter(|c| c.is_alphabetic()).count() == 2
        && alias.chars().all(|c| c.is_uppercase() || c == '.')
}

/// Drops the lowercase words that open a mention before the name itself:
/// "président français Jacques Chirac" → "Jacques Chirac", "ville de Berne" → "Berne".
/// A person keeps the particles just before the name ("général de Gaulle" → "de Gaulle").
/// A mention without a capitalized word is returned whole ("armée russe").
fn drop_descriptors(head: &str, etype: EntityType) -> &str {
    let words: Vec<(usize, &str)> = head
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - head.as_ptr() as usize, w))
        .collect();
    let Some(name_start) = words.iter().position(|(_, w)| starts_capitalized(w)) else {
        return head;
    };
    let mut start = name_start;
    if etype == EntityType::Per {
        while start > 0
            && crate::french::NAME_PARTICLES.contains(&words[start - 1].1.to_lowercase().as_str())
        {
            start -= 1;
        }
    }
    &head[words[start].0..]
}

/// The description words a row needs when the words stripped from the mention before its
/// name include a division noun ("province nord" → "nord": a province).
fn division_kinds(full_key: &str, key: &str) -> Option<&'static [&'static str]> {
    let prefix = full_key.strip_suffix(key)?;
    prefix.split(' ').find_map(|w| {
        crate::french::DIVISION_NOUNS
            .iter()
            .find(|(noun, _)| *noun == w)
            .map(|(_, kinds)| *kinds)
    })
}

/// A place written in parentheses right after another place, "Flamanville (Manche)",
/// "Saint-Girons (Ariège)": French copy names the département there.
fn in_parentheses_after_place(doc: &Document, entity: usize) -> bool {
    let e = &doc.entities[entity];
    let (Some(before), Some(after)) = (doc.text.get(..e.start_byte), doc.text.get(e.end_byte..))
    else {
        return false;
    };
    let Some(open) = before.trim_end().strip_suffix('(') else {
        return false;
    };
    let place_end = open.trim_end().len();
    after.trim_start().starts_with(')')
        && doc.entities[..entity]
            .iter()
            .any(|p| p.label == "LOC" && p.end_byte == place_end)
}

/// "Berne", "d'Estaing", "l'Élysée" start with a capital once an elided article is skipped.
fn starts_capitalized(word: &str) -> bool {
    let word = ["d'", "l'", "d’", "l’"]
        .iter()
        .find_map(|p| word.strip_prefix(p))
        .unwrap_or(word);
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Earlier mentions of the document indexed by the short forms that may refer back to them,
/// so that finding an antecedent costs one lookup, whatever the document length.
#[derive(Default)]
struct Antecedents {
    /// Every strict contiguous part of an earlier person's key ("poutine", "vladimir" for
    /// "vladimir poutine") → the latest mention it is part of.
    person_parts: HashMap<String, usize>,
    /// Initials of earlier multi-word organisations ("BCE") → the latest such mention.
    org_initials: HashMap<String, usize>,
    /// Last word of earlier multi-word person mentions ("poutine") → the latest one.
    person_surnames: HashMap<String, usize>,
}

impl Antecedents {
    /// The latest earlier mention this one is a short form of: for persons, a strict
    /// contiguous part of a longer name ("Poutine" in "Vladimir Poutine", "Kim" in
    /// "Kim Jong Un"); for organisations, an acronym of its initials.
    fn find(&self, mention: &Mention) -> Option<usize> {
        match mention.etype {
            EntityType::Per => self.person_parts.get(&mention.key).copied(),
            EntityType::Org => self.org_initials.get(mention.acronym()?).copied(),
            EntityType::Loc => None,
        }
    }

    /// The latest earlier multi-word person mention whose last word is `key`.
    fn person_by_surname(&self, key: &str) -> Option<usize> {
        self.person_surnames.get(key).copied()
    }

    fn add(&mut self, mention: &Mention, index: usize) {
        match mention.etype {
            EntityType::Per => {
                let words: Vec<&str> = mention.key.split(' ').collect();
                if let (true, Some(last)) = (words.len() > 1, words.last()) {
                    self.person_surnames.insert((*last).to_string(), index);
                }
                for len in 1..words.len() {
                    for part in words.windows(len) {
                        self.person_parts.insert(part.join(" "), index);
                    }
                }
            }
            EntityType::Org if mention.key.contains(' ') => {
                self.org_initials.insert(mention.initials(), index);
            }
            EntityType::Org | EntityType::Loc => {}
        }
    }
}

/// Rejects fuzzy matches that replace a whole word ("afrique du nord" is not a misspelling
/// of "afrique du sud" although the strings are close): with the same number of words,
/// each word must itself be close to its counterpart.
fn words_align(key: &str, alias_key: &str) -> bool {
    let words: Vec<&str> = key.split(' ').collect();
    let alias_words: Vec<&str> = alias_key.split(' ').collect();
    if words.len() != alias_words.len() {
        return true; // split or merged words ("new york" / "newyork"): the whole-string score decides
    }
    words
        .iter()
        .zip(&alias_words)
        .all(|(a, b)| a == b || strsim::jaro_winkler(a, b) >= MIN_WORD_SIMILARITY)
}

fn distinct_rows(candidates: &[Candidate]) -> usize {
    let mut rows: Vec<u32> = candidates.iter().map(|c| c.row).collect();
    rows.sort_unstable();
    rows.dedup();
    rows.len()
}
