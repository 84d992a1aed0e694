//! The entity table: loading, validation and the `frner kb check` report.
//!
//! Format (see docs/linking.md): UTF-8, tab-separated, `#` comment lines, one header line
//! naming the columns, one entity per line, `|` between the items of list columns.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::Path;

use anyhow::{bail, Context, Result};
use rayon::prelude::*;

use super::normalize::normalize;

/// Entity types a row (or a mention) can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityType {
    Per,
    Org,
    Loc,
}

impl EntityType {
    /// Parses a row type or a mention label (`PER`, `ORG`, `LOC`); other labels are not linkable.
    pub fn from_label(label: &str) -> Option<EntityType> {
        match label {
            "PER" => Some(EntityType::Per),
            "ORG" => Some(EntityType::Org),
            "LOC" => Some(EntityType::Loc),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Per => "PER",
            EntityType::Org => "ORG",
            EntityType::Loc => "LOC",
        }
    }
}

/// One way of writing a row's entity.
#[derive(Debug, Clone, PartialEq)]
pub struct Alias {
    pub text: String,
    /// Normalized form used for matching.
    pub key: String,
    pub kind: AliasKind,
    /// Written `?alias` in the table: only used when the row's context is found in the document.
    pub needs_context: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AliasKind {
    /// The French or English name.
    Name,
    Alias,
    /// Demonym or adjective ("nord-coréen"): weaker evidence, never used for PER mentions.
    Demonym,
}

/// One entity of the table.
#[derive(Debug, Clone, PartialEq)]
pub struct KbRow {
    pub id: String,
    pub etype: EntityType,
    pub name: String,
    pub name_en: String,
    pub wikidata: Option<String>,
    pub aliases: Vec<Alias>,
    /// Other mention types this row can be referred to as ("Moscou" tagged ORG = the Russian government).
    pub metonym: Vec<EntityType>,
    /// Breaks ties between rows sharing an alias: the highest priority wins without context.
    pub priority: i32,
    /// Normalized words whose presence in the document favours this row.
    pub context_words: Vec<String>,
    /// Row ids (`@id` in the table) whose presence among the document's links favours this row.
    pub context_ids: Vec<String>,
    pub description: String,
    /// `file:line` the row came from, for error messages.
    pub origin: String,
}

impl KbRow {
    pub fn has_context(&self) -> bool {
        !self.context_words.is_empty() || !self.context_ids.is_empty()
    }
}

/// The table of canonical entities.
#[derive(Debug, Clone, Default)]
pub struct KnowledgeBase {
    rows: Vec<KbRow>,
    /// Numbers of the Wikidata ids carried by the rows (for `has_wikidata` in O(1)).
    qids: HashSet<u64>,
    /// Non-fatal findings of the last validation (shown by `frner kb check`), at most
    /// [`MAX_WARNINGS`] of them; `warning_count` counts them all.
    warnings: Vec<String>,
    warning_count: usize,
}

/// Warnings kept for display: a million-row user table without descriptions would
/// otherwise allocate a million messages.
const MAX_WARNINGS: usize = 200;

const BUILTIN_TSV: &str = include_str!("../../data/kb.tsv");
const BUILTIN_NAME: &str = "data/kb.tsv (built in)";

const REQUIRED_COLUMNS: [&str; 3] = ["id", "type", "name"];
const KNOWN_COLUMNS: [&str; 11] = [
    "id",
    "type",
    "name",
    "name_en",
    "wikidata",
    "aliases",
    "demonyms",
    "metonym",
    "priority",
    "context",
    "description",
];

impl KnowledgeBase {
    /// The table shipped with frner (`data/kb.tsv`, compiled in).
    pub fn builtin() -> Result<KnowledgeBase> {
        KnowledgeBase::parse(BUILTIN_TSV, BUILTIN_NAME)
    }

    /// Loads and validates a table file; errors name the file and the line.
    pub fn from_path(path: &Path) -> Result<KnowledgeBase> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read knowledge base {}", path.display()))?;
        KnowledgeBase::parse(&text, &path.display().to_string())
    }

    /// Parses and validates table text; `source` names it in messages.
    pub fn parse(text: &str, source: &str) -> Result<KnowledgeBase> {
        let rows = parse_rows(text, source)?;
        let mut kb = KnowledgeBase {
            rows,
            ..KnowledgeBase::default()
        };
        kb.validate()?;
        Ok(kb)
    }

    /// Adds the rows of `other` (a user's `--kb` file). A row whose id already exists
    /// replaces the existing row, so a user can correct a built-in row; aliases are then
    /// re-validated across the merged table.
    pub fn extend(&mut self, other: KnowledgeBase) -> Result<()> {
        let position: HashMap<String, usize> = self
            .rows
            .iter()
            .enumerate()
            .map(|(i, row)| (row.id.clone(), i))
            .collect();
        for row in other.rows {
            match position.get(&row.id) {
                Some(&i) => self.rows[i] = row,
                None => self.rows.push(row),
            }
        }
        self.validate()
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn rows(&self) -> &[KbRow] {
        &self.rows
    }

    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// Number of warnings found, including those not kept in [`KnowledgeBase::warnings`].
    pub fn warning_count(&self) -> usize {
        self.warning_count
    }

    /// Whether some row carries this Wikidata id.
    pub fn has_wikidata(&self, qid: &str) -> bool {
        qid_number(qid).is_some_and(|n| self.qids.contains(&n))
    }

    /// Rows sharing a Wikidata id, as messages ("`b` (file:7) repeats Q42 of `a` (file:3)").
    pub fn duplicate_wikidata(&self) -> Vec<String> {
        let mut first: HashMap<&str, &KbRow> = HashMap::new();
        let mut out = Vec::new();
        for row in &self.rows {
            if let Some(qid) = row.wikidata.as_deref() {
                if let Some(earlier) = first.insert(qid, row) {
                    out.push(format!(
                        "{}: row `{}` repeats wikidata {qid} of row `{}` ({})",
                        row.origin, row.id, earlier.id, earlier.origin
                    ));
                    first.insert(qid, earlier);
                }
            }
        }
        out
    }

    /// Checks ids and alias collisions; collects warnings.
    fn validate(&mut self) -> Result<()> {
        let mut seen_ids: HashMap<&str, &str> = HashMap::with_capacity(self.rows.len());
        for row in &self.rows {
            if let Some(first) = seen_ids.insert(&row.id, &row.origin) {
                bail!(
                    "{}: duplicate id `{}` (first defined at {first})",
                    row.origin,
                    row.id
                );
            }
        }
        check_alias_collisions(&self.rows)?;
        let (warnings, count, qids) = collect_warnings(&self.rows, &seen_ids);
        self.warnings = warnings;
        self.warning_count = count;
        self.qids = qids;
        Ok(())
    }
}

/// The number of a well-formed QID (`Q42` → 42); rows only hold well-formed ones.
fn qid_number(qid: &str) -> Option<u64> {
    qid.strip_prefix('Q')?.parse().ok()
}

/// Two rows of the same type claiming one alias is allowed only with a rule that decides
/// between them: different `priority` values, `context` on every row, or the alias marked
/// `?` (needs context) on all rows but one.
fn check_alias_collisions(rows: &[KbRow]) -> Result<()> {
    // First pass without allocation per key: most aliases belong to one row only.
    let mut first_claim: HashMap<(EntityType, &str), (usize, bool)> =
        HashMap::with_capacity(rows.len() * 2);
    for (i, row) in rows.iter().enumerate() {
        for alias in &row.aliases {
            first_claim
                .entry((row.etype, alias.key.as_str()))
                .and_modify(|(first, shared)| *shared |= *first != i)
                .or_insert((i, false));
        }
    }
    let mut claims: HashMap<(EntityType, &str), Vec<(usize, &Alias)>> = HashMap::new();
    for (i, row) in rows.iter().enumerate() {
        for alias in &row.aliases {
            let key = (row.etype, alias.key.as_str());
            if !first_claim.get(&key).is_some_and(|&(_, shared)| shared) {
                continue;
            }
            let entry = claims.entry(key).or_default();
            if !entry.iter().any(|&(j, _)| j == i) {
                entry.push((i, alias));
            }
        }
    }
    let mut problems: Vec<(String, String)> = claims
        .into_iter()
        .filter(|(_, claimants)| claimants.len() > 1 && !collision_is_decidable(rows, claimants))
        .map(|((_, key), claimants)| {
            let (a, alias) = claimants[0];
            let others: Vec<String> = claimants[1..]
                .iter()
                .map(|&(j, _)| format!("`{}` ({})", rows[j].id, rows[j].origin))
                .collect();
            let message = format!(
                "{}: alias \"{}\" (key `{key}`) of row `{}` is also claimed by {} of the same type; \
                 give the rows different `priority` values, `context` words, or mark the weaker alias `?{}`",
                rows[a].origin,
                alias.text,
                rows[a].id,
                others.join(", "),
                alias.text
            );
            (rows[a].origin.clone(), message)
        })
        .collect();
    if problems.is_empty() {
        return Ok(());
    }
    problems.sort();
    let count = problems.len();
    let shown: Vec<String> = problems.into_iter().take(10).map(|(_, m)| m).collect();
    bail!("{} alias collision(s):\n{}", count, shown.join("\n"))
}

fn collision_is_decidable(rows: &[KbRow], claimants: &[(usize, &Alias)]) -> bool {
    let unconditional: Vec<usize> = claimants
        .iter()
        .filter(|(_, alias)| !alias.needs_context)
        .map(|&(i, _)| i)
        .collect();
    if unconditional.len() <= 1 {
        return true;
    }
    if unconditional.iter().all(|&i| rows[i].has_context()) {
        return true;
    }
    let top = unconditional
        .iter()
        .map(|&i| rows[i].priority)
        .max()
        .unwrap_or(0);
    unconditional
        .iter()
        .filter(|&&i| rows[i].priority == top)
        .count()
        == 1
}

/// Warnings (at most [`MAX_WARNINGS`] kept, all counted) and the set of QID numbers.
fn collect_warnings(
    rows: &[KbRow],
    ids: &HashMap<&str, &str>,
) -> (Vec<String>, usize, HashSet<u64>) {
    let mut warnings = Vec::new();
    let mut count = 0;
    let mut push = |message: String| {
        count += 1;
        if warnings.len() < MAX_WARNINGS {
            warnings.push(message);
        }
    };
    let mut by_qid: HashMap<u64, usize> = HashMap::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        if let Some(number) = row.wikidata.as_deref().and_then(qid_number) {
            if let Some(&first) = by_qid.get(&number) {
                let first: &KbRow = &rows[first];
                push(format!(
                    "{}: wikidata Q{number} also used by `{}` ({})",
                    row.origin, first.id, first.origin
                ));
            } else {
                by_qid.insert(number, i);
            }
        }
        if row.description.is_empty() {
            push(format!(
                "{}: row `{}` has no description",
                row.origin, row.id
            ));
        }
        for id in &row.context_ids {
            if !ids.contains_key(id.as_str()) {
                push(format!(
                    "{}: context refers to unknown row `@{id}`",
                    row.origin
                ));
            }
        }
    }
    (warnings, count, by_qid.into_keys().collect())
}

/// Column positions found in the header line.
struct Header {
    columns: HashMap<String, usize>,
    width: usize,
}

impl Header {
    fn parse(line: &str, origin: &str) -> Result<Header> {
        let names: Vec<&str> = line.split('\t').map(str::trim).collect();
        let mut columns = HashMap::new();
        for (i, name) in names.iter().enumerate() {
            if !KNOWN_COLUMNS.contains(name) {
                bail!(
                    "{origin}: unknown column `{name}` in header (known: {})",
                    KNOWN_COLUMNS.join(", ")
                );
            }
            if columns.insert(name.to_string(), i).is_some() {
                bail!("{origin}: column `{name}` appears twice in header");
            }
        }
        for required in REQUIRED_COLUMNS {
            if !columns.contains_key(required) {
                bail!("{origin}: header lacks the `{required}` column");
            }
        }
        Ok(Header {
            columns,
            width: names.len(),
        })
    }

    fn get<'a>(&self, fields: &[&'a str], column: &str) -> &'a str {
        self.columns
            .get(column)
            .and_then(|&i| fields.get(i))
            .map(|s| s.trim())
            .unwrap_or("")
    }
}

fn parse_rows(text: &str, source: &str) -> Result<Vec<KbRow>> {
    // A BOM (spreadsheet exports) is not part of the first column's name.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut header: Option<(Header, usize)> = None;
    let mut body: Vec<(usize, &str)> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if header.is_none() {
            header = Some((Header::parse(line, &format!("{source}:{}", n + 1))?, n));
        } else {
            body.push((n, line));
        }
    }
    let Some((header, _)) = header else {
        bail!(
            "{source}: no header line (expected columns {})",
            KNOWN_COLUMNS.join("\t")
        );
    };
    // Rows are independent: parse (and normalize aliases) on all cores; the first error in
    // file order is reported.
    body.par_iter()
        .map(|&(n, line)| parse_row(line, &header, format!("{source}:{}", n + 1)))
        .collect()
}

fn parse_row(line: &str, header: &Header, origin: String) -> Result<KbRow> {
    let fields: Vec<&str> = line.split('\t').collect();
    if fields.len() > header.width {
        bail!(
            "{origin}: {} fields but the header has {} columns (a stray tab?)",
            fields.len(),
            header.width
        );
    }
    let id = header.get(&fields, "id");
    if !is_valid_id(id) {
        bail!(
            "{origin}: malformed id {id:?}: ids are non-empty and made of letters, digits and `-_.:` \
             (no spaces, `|`, `@` or `?`)"
        );
    }
    let type_text = header.get(&fields, "type");
    let etype = EntityType::from_label(type_text).with_context(|| {
        format!("{origin}: type of `{id}` must be PER, ORG or LOC, got {type_text:?}")
    })?;
    let name = header.get(&fields, "name");
    if normalize(name).is_empty() {
        bail!("{origin}: row `{id}` has an empty name");
    }
    let name_en = header.get(&fields, "name_en");
    let wikidata = parse_wikidata(header.get(&fields, "wikidata"), &origin)?;
    let metonym = parse_metonym(header.get(&fields, "metonym"), &origin)?;
    let priority = parse_priority(header.get(&fields, "priority"), &origin)?;
    let (context_words, context_ids) = parse_context(header.get(&fields, "context"));
    let aliases = collect_aliases(
        name,
        name_en,
        header.get(&fields, "aliases"),
        header.get(&fields, "demonyms"),
    );
    Ok(KbRow {
        id: id.to_string(),
        etype,
        name: display_name(name),
        name_en: display_name(name_en),
        wikidata,
        aliases,
        metonym,
        priority,
        context_words,
        context_ids,
        description: header.get(&fields, "description").to_string(),
        origin,
    })
}

/// Row ids: letters (any script), digits and `-_.:`, so that `@id` context references and
/// `|` lists stay unambiguous.
fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
}

/// A name written `?name` is linked only in context (like a `?alias`); the row shows it bare.
fn display_name(text: &str) -> String {
    text.strip_prefix('?').unwrap_or(text).trim().to_string()
}

fn parse_wikidata(text: &str, origin: &str) -> Result<Option<String>> {
    if text.is_empty() {
        return Ok(None);
    }
    // Wikidata item numbers have at most 9 digits today; 10 leaves room, 23 is a typo.
    let valid = text.len() > 1
        && text.len() <= 11
        && text.starts_with('Q')
        && text[1..].bytes().all(|b| b.is_ascii_digit())
        && !text[1..].starts_with('0');
    if !valid {
        bail!("{origin}: wikidata must look like Q42 or be empty, got {text:?}");
    }
    Ok(Some(text.to_string()))
}

fn parse_metonym(text: &str, origin: &str) -> Result<Vec<EntityType>> {
    split_list(text)
        .flat_map(|item| item.split(','))
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(|item| {
            EntityType::from_label(item).with_context(|| {
                format!("{origin}: metonym types must be PER, ORG or LOC, got {item:?}")
            })
        })
        .collect()
}

fn parse_priority(text: &str, origin: &str) -> Result<i32> {
    if text.is_empty() {
        return Ok(0);
    }
    text.parse()
        .with_context(|| format!("{origin}: priority must be an integer, got {text:?}"))
}

fn parse_context(text: &str) -> (Vec<String>, Vec<String>) {
    let mut words = Vec::new();
    let mut ids = Vec::new();
    for item in split_list(text) {
        match item.strip_prefix('@') {
            Some(id) => ids.push(id.to_string()),
            None => words.push(normalize(item)),
        }
    }
    words.retain(|w| !w.is_empty());
    (words, ids)
}

fn collect_aliases(name: &str, name_en: &str, aliases: &str, demonyms: &str) -> Vec<Alias> {
    let names = [name, name_en]
        .into_iter()
        .filter(|s| !s.is_empty())
        .map(|s| (s, AliasKind::Name));
    let plain = split_list(aliases).map(|s| (s, AliasKind::Alias));
    let adjectives = split_list(demonyms).map(|s| (s, AliasKind::Demonym));
    let mut out: Vec<Alias> = Vec::new();
    for (raw, kind) in names.chain(plain).chain(adjectives) {
        let (text, needs_context) = match raw.strip_prefix('?') {
            Some(rest) => (rest.trim(), true),
            None => (raw, false),
        };
        let key = normalize(text);
        if key.is_empty() || out.iter().any(|a| a.key == key) {
            continue;
        }
        out.push(Alias {
            text: text.to_string(),
            key,
            kind,
            needs_context,
        });
    }
    out
}

fn split_list(text: &str) -> impl Iterator<Item = &str> {
    text.split('|').map(str::trim).filter(|s| !s.is_empty())
}

/// Rows and rows with a Wikidata id, for one entity type or one kind of row.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Coverage {
    pub rows: usize,
    pub with_wikidata: usize,
}

/// Summary of a table for `frner kb check FILE`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct KbReport {
    pub source: String,
    pub rows: usize,
    pub rows_by_type: BTreeMap<String, usize>,
    /// Coverage by entity type (PER, ORG, LOC).
    pub coverage_by_type: BTreeMap<String, Coverage>,
    /// Coverage by kind of row: the start of the description ("country", "capital",
    /// "French metropolitan department", ...), the 40 most frequent kinds.
    pub coverage_by_kind: Vec<(String, Coverage)>,
    pub aliases: usize,
    pub demonyms: usize,
    pub rows_with_wikidata: usize,
    pub warning_count: usize,
    pub warnings: Vec<String>,
}

/// How many kinds of rows the report lists.
const REPORT_KINDS: usize = 40;

/// The kind of a row, from its description: text before the first `(`, `;` or `,`, and
/// before " of " ("capital of Sénégal (population …)" → "capital").
fn row_kind(row: &KbRow) -> String {
    let cut = row
        .description
        .find(['(', ';', ','])
        .unwrap_or(row.description.len());
    let head = row.description[..cut].trim();
    let head = head.split(" of ").next().unwrap_or(head).trim();
    if head.is_empty() {
        "(no description)".to_string()
    } else {
        head.to_string()
    }
}

impl KbReport {
    pub fn new(source: &str, kb: &KnowledgeBase) -> KbReport {
        let mut rows_by_type = BTreeMap::new();
        let mut coverage_by_type: BTreeMap<String, Coverage> = BTreeMap::new();
        let mut kinds: HashMap<String, Coverage> = HashMap::new();
        let (mut aliases, mut demonyms) = (0, 0);
        for row in kb.rows() {
            *rows_by_type
                .entry(row.etype.as_str().to_string())
                .or_insert(0) += 1;
            let has_qid = usize::from(row.wikidata.is_some());
            for coverage in [
                coverage_by_type
                    .entry(row.etype.as_str().to_string())
                    .or_default(),
                kinds.entry(row_kind(row)).or_default(),
            ] {
                coverage.rows += 1;
                coverage.with_wikidata += has_qid;
            }
            for alias in &row.aliases {
                match alias.kind {
                    AliasKind::Demonym => demonyms += 1,
                    _ => aliases += 1,
                }
            }
        }
        let mut coverage_by_kind: Vec<(String, Coverage)> = kinds.into_iter().collect();
        coverage_by_kind.sort_by(|a, b| b.1.rows.cmp(&a.1.rows).then(a.0.cmp(&b.0)));
        coverage_by_kind.truncate(REPORT_KINDS);
        KbReport {
            source: source.to_string(),
            rows: kb.len(),
            rows_by_type,
            coverage_by_type,
            coverage_by_kind,
            aliases,
            demonyms,
            rows_with_wikidata: kb.rows().iter().filter(|r| r.wikidata.is_some()).count(),
            warning_count: kb.warning_count(),
            warnings: kb.warnings().to_vec(),
        }
    }
}

impl fmt::Display for KbReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}: OK, {} rows", self.source, self.rows)?;
        for (etype, count) in &self.rows_by_type {
            let qids = self
                .coverage_by_type
                .get(etype)
                .map_or(0, |c| c.with_wikidata);
            writeln!(f, "  {etype}: {count} ({qids} with a Wikidata id)")?;
        }
        writeln!(
            f,
            "  names and aliases: {}, demonyms: {}",
            self.aliases, self.demonyms
        )?;
        writeln!(f, "  rows with a Wikidata id: {}", self.rows_with_wikidata)?;
        writeln!(f, "  coverage by kind (rows, with a Wikidata id):")?;
        for (kind, coverage) in &self.coverage_by_kind {
            writeln!(
                f,
                "    {kind}: {} ({})",
                coverage.rows, coverage.with_wikidata
            )?;
        }
        writeln!(f, "  warnings: {}", self.warning_count)?;
        for warning in &self.warnings {
            writeln!(f, "    {warning}")?;
        }
        if self.warning_count > self.warnings.len() {
            writeln!(
                f,
                "    ... and {} more",
                self.warning_count - self.warnings.len()
            )?;
        }
        Ok(())
    }
}

/// Validates a table file for `frner kb check FILE`: everything loading checks, plus
/// Wikidata ids used by two rows (an error here, a warning when loading).
pub fn check_kb(path: &Path) -> Result<KbReport> {
    let kb = KnowledgeBase::from_path(path)?;
    check_strict(&kb)?;
    Ok(KbReport::new(&path.display().to_string(), &kb))
}

/// Validates the built-in table like [`check_kb`].
pub fn check_builtin_kb() -> Result<KbReport> {
    let kb = KnowledgeBase::builtin()?;
    check_strict(&kb)?;
    Ok(KbReport::new(BUILTIN_NAME, &kb))
}

/// Validates a user table meant to extend the built-in one (`--kb FILE --kb-extend`): the
/// checks of [`check_kb`] on the file and on the merged table, and no new row may take an
/// alias over from a built-in row (the built-in row's mentions would link elsewhere).
/// A new row may share an alias only if it marks it `?alias` (context only) or has a
/// lower `priority` than every built-in row claiming it; a row with a built-in id replaces
/// that row on purpose and is not reported.
pub fn check_kb_extension(path: &Path) -> Result<KbReport> {
    let extension = KnowledgeBase::from_path(path)?;
    check_strict(&extension)?;
    let base = KnowledgeBase::builtin()?;
    let takeovers = alias_takeovers(&base, &extension);
    if !takeovers.is_empty() {
        bail!(
            "{} alias(es) of {} would change the link of existing rows:\n{}",
            takeovers.len(),
            path.display(),
            takeovers
                .iter()
                .take(10)
                .cloned()
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
    let mut merged = base;
    merged
        .extend(extension)
        .with_context(|| format!("{} does not merge with the built-in table", path.display()))?;
    check_strict(&merged)
        .with_context(|| format!("{} merged with the built-in table", path.display()))?;
    Ok(KbReport::new(
        &format!("{} + {BUILTIN_NAME}", path.display()),
        &merged,
    ))
}

fn check_strict(kb: &KnowledgeBase) -> Result<()> {
    let duplicates = kb.duplicate_wikidata();
    if duplicates.is_empty() {
        return Ok(());
    }
    bail!(
        "{} duplicate Wikidata id(s) (one entity, one row):\n{}",
        duplicates.len(),
        duplicates
            .iter()
            .take(10)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    )
}

/// Aliases of new rows (ids absent from `base`) that would win over a row of `base`
/// claiming the same alias for the same type.
fn alias_takeovers(base: &KnowledgeBase, extension: &KnowledgeBase) -> Vec<String> {
    let mut claims: HashMap<(EntityType, &str), Vec<(&KbRow, &Alias)>> = HashMap::new();
    for row in base.rows() {
        for alias in row.aliases.iter().filter(|a| !a.needs_context) {
            claims
                .entry((row.etype, alias.key.as_str()))
                .or_default()
                .push((row, alias));
        }
    }
    let base_ids: HashSet<&str> = base.rows().iter().map(|r| r.id.as_str()).collect();
    let mut out = Vec::new();
    for row in extension
        .rows()
        .iter()
        .filter(|r| !base_ids.contains(r.id.as_str()))
    {
        for alias in row.aliases.iter().filter(|a| !a.needs_context) {
            let Some(existing) = claims.get(&(row.etype, alias.key.as_str())) else {
                continue;
            };
            for (old, old_alias) in existing {
                let weaker_kind =
                    alias.kind == AliasKind::Demonym && old_alias.kind != AliasKind::Demonym;
                if weaker_kind || row.priority < old.priority {
                    continue;
                }
                out.push(format!(
                    "{}: alias \"{}\" of new row `{}` would take over row `{}` ({}); \
                     mark it `?{}` or give the new row a lower priority than {}",
                    row.origin, alias.text, row.id, old.id, old.origin, alias.text, old.priority
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "id\ttype\tname\tname_en\twikidata\taliases\tdemonyms\tmetonym\tpriority\tcontext\tdescription\n";

    fn kb(rows: &str) -> Result<KnowledgeBase> {
        KnowledgeBase::parse(&format!("{HEADER}{rows}"), "test.tsv")
    }

    #[test]
    fn builtin_table_loads_and_is_large_enough() {
        let kb = KnowledgeBase::builtin().expect("built-in table must validate");
        assert!(kb.len() >= 600, "only {} rows", kb.len());
        assert!(kb.has_wikidata("Q142"));
    }

    #[test]
    fn a_bom_before_the_header_is_skipped_and_long_qids_are_refused() {
        let with_bom = format!("\u{feff}{HEADER}a\tLOC\tA\t\tQ42\t\t\t\t\t\t\n");
        let kb = KnowledgeBase::parse(&with_bom, "bom.tsv").expect("BOM header");
        assert!(kb.has_wikidata("Q42"));
        let err = kb_rows_err("a\tLOC\tA\t\tQ12345678901234567890123\t\t\t\t\t\t\n");
        assert!(err.contains("wikidata"), "{err}");
    }

    fn kb_rows_err(rows: &str) -> String {
        match kb(rows) {
            Ok(_) => panic!("{rows:?} loaded"),
            Err(e) => format!("{e:#}"),
        }
    }

    #[test]
    fn duplicate_id_names_both_lines() {
        let err = kb("a\tLOC\tA\t\t\t\t\t\t\t\t\na\tLOC\tB\t\t\t\t\t\t\t\t\n").unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.contains("test.tsv:3") && msg.contains("test.tsv:2"),
            "{msg}"
        );
    }

    #[test]
    fn bad_type_is_reported_with_line() {
        let err = kb("a\tCITY\tA\t\t\t\t\t\t\t\t\n").unwrap_err().to_string();
        assert!(err.contains("test.tsv:2") && err.contains("CITY"), "{err}");
    }

    #[test]
    fn shared_alias_without_rule_is_rejected() {
        let err = kb("a\tPER\tAlpha\t\t\tMax\t\t\t\t\t\nb\tPER\tBeta\t\t\tMax\t\t\t\t\t\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("\"Max\"") && err.contains("`b`"), "{err}");
    }

    #[test]
    fn shared_alias_with_priority_or_context_or_marker_is_accepted() {
        kb("a\tPER\tAlpha\t\t\tMax\t\t\t1\t\t\nb\tPER\tBeta\t\t\tMax\t\t\t\t\t\n").unwrap();
        kb("a\tPER\tAlpha\t\t\tMax\t\t\t\tx\t\nb\tPER\tBeta\t\t\tMax\t\t\t\ty\t\n").unwrap();
        kb("a\tPER\tAlpha\t\t\t?Max\t\t\t\t\t\nb\tPER\tBeta\t\t\tMax\t\t\t\t\t\n").unwrap();
        // Different types never collide.
        kb("a\tPER\tAlpha\t\t\tMax\t\t\t\t\t\nb\tLOC\tBeta\t\t\tMax\t\t\t\t\t\n").unwrap();
    }

    #[test]
    fn malformed_qid_and_priority_are_rejected() {
        assert!(kb("a\tLOC\tA\t\tQ12x\t\t\t\t\t\t\n").is_err());
        assert!(kb("a\tLOC\tA\t\t\t\t\t\thigh\t\t\n").is_err());
        assert!(kb("a\tLOC\tA\t\t\t\t\tCITY\t\t\t\n").is_err());
    }

    #[test]
    fn extend_replaces_rows_with_the_same_id_and_adds_others() {
        let mut base = kb("a\tLOC\tA\t\t\t\t\t\t\t\t\n").unwrap();
        let extra = kb("a\tLOC\tA2\t\t\t\t\t\t\t\t\nb\tORG\tB\t\t\t\t\t\t\t\t\n").unwrap();
        base.extend(extra).unwrap();
        assert_eq!(base.len(), 2);
        assert_eq!(base.rows()[0].name, "A2");
    }

    #[test]
    fn columns_may_be_a_subset_in_any_order() {
        let kb = KnowledgeBase::parse("name\ttype\tid\nParis\tLOC\tparis\n", "min.tsv").unwrap();
        assert_eq!(kb.rows()[0].id, "paris");
        assert_eq!(kb.rows()[0].etype, EntityType::Loc);
    }
}
