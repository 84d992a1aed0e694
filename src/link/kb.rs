//! The entity table: loading, validation and the `frner kb check` report.
//!
//! Format (see docs/linking.md): UTF-8, tab-separated, `#` comment lines, one header line
//! naming the columns, one entity per line, `|` between the items of list columns.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::Path;

use anyhow::{bail, Context, Result};

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
    /// Non-fatal findings of the last validation (shown by `frner kb check`).
    warnings: Vec<String>,
}

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
            warnings: Vec::new(),
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

    /// Whether some row carries this Wikidata id.
    pub fn has_wikidata(&self, qid: &str) -> bool {
        self.rows
            .iter()
            .any(|row| row.wikidata.as_deref() == Some(qid))
    }

    /// Checks ids and alias collisions; collects warnings.
    fn validate(&mut self) -> Result<()> {
        let mut seen_ids: HashMap<&str, &str> = HashMap::new();
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
        self.warnings = collect_warnings(&self.rows);
        Ok(())
    }
}

/// Two rows of the same type claiming one alias is allowed only with a rule that decides
/// between them: different `priority` values, `context` on every row, or the alias marked
/// `?` (needs context) on all rows but one.
fn check_alias_collisions(rows: &[KbRow]) -> Result<()> {
    let mut claims: HashMap<(EntityType, &str), Vec<(usize, &Alias)>> = HashMap::new();
    for (i, row) in rows.iter().enumerate() {
        for alias in &row.aliases {
            let entry = claims.entry((row.etype, alias.key.as_str())).or_default();
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

fn collect_warnings(rows: &[KbRow]) -> Vec<String> {
    let mut warnings = Vec::new();
    let mut by_qid: HashMap<&str, &KbRow> = HashMap::new();
    for row in rows {
        if let Some(qid) = row.wikidata.as_deref() {
            if let Some(first) = by_qid.insert(qid, row) {
                warnings.push(format!(
                    "{}: wikidata {qid} also used by `{}` ({})",
                    row.origin, first.id, first.origin
                ));
            }
        }
        if row.description.is_empty() {
            warnings.push(format!(
                "{}: row `{}` has no description",
                row.origin, row.id
            ));
        }
    }
    let ids: std::collections::HashSet<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    for row in rows {
        for id in &row.context_ids {
            if !ids.contains(id.as_str()) {
                warnings.push(format!(
                    "{}: context refers to unknown row `@{id}`",
                    row.origin
                ));
            }
        }
    }
    warnings
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
    let mut header: Option<Header> = None;
    let mut rows = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let origin = format!("{source}:{}", n + 1);
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        match &header {
            None => header = Some(Header::parse(line, &origin)?),
            Some(h) => rows.push(parse_row(line, h, origin)?),
        }
    }
    if header.is_none() {
        bail!(
            "{source}: no header line (expected columns {})",
            KNOWN_COLUMNS.join("\t")
        );
    }
    Ok(rows)
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
    if id.is_empty() || id.contains(char::is_whitespace) {
        bail!("{origin}: id must be non-empty and without spaces, got {id:?}");
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
        name: name.to_string(),
        name_en: name_en.to_string(),
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

fn parse_wikidata(text: &str, origin: &str) -> Result<Option<String>> {
    if text.is_empty() {
        return Ok(None);
    }
    let valid = text.len() > 1
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

/// Summary of a table for `frner kb check FILE`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct KbReport {
    pub source: String,
    pub rows: usize,
    pub rows_by_type: BTreeMap<String, usize>,
    pub aliases: usize,
    pub demonyms: usize,
    pub rows_with_wikidata: usize,
    pub warnings: Vec<String>,
}

impl KbReport {
    pub fn new(source: &str, kb: &KnowledgeBase) -> KbReport {
        let mut rows_by_type = BTreeMap::new();
        let (mut aliases, mut demonyms) = (0, 0);
        for row in kb.rows() {
            *rows_by_type
                .entry(row.etype.as_str().to_string())
                .or_insert(0) += 1;
            for alias in &row.aliases {
                match alias.kind {
                    AliasKind::Demonym => demonyms += 1,
                    _ => aliases += 1,
                }
            }
        }
        KbReport {
            source: source.to_string(),
            rows: kb.len(),
            rows_by_type,
            aliases,
            demonyms,
            rows_with_wikidata: kb.rows().iter().filter(|r| r.wikidata.is_some()).count(),
            warnings: kb.warnings().to_vec(),
        }
    }
}

impl fmt::Display for KbReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}: OK, {} rows", self.source, self.rows)?;
        for (etype, count) in &self.rows_by_type {
            writeln!(f, "  {etype}: {count}")?;
        }
        writeln!(
            f,
            "  names and aliases: {}, demonyms: {}",
            self.aliases, self.demonyms
        )?;
        writeln!(f, "  rows with a Wikidata id: {}", self.rows_with_wikidata)?;
        writeln!(f, "  warnings: {}", self.warnings.len())?;
        for warning in &self.warnings {
            writeln!(f, "    {warning}")?;
        }
        Ok(())
    }
}

/// Validates a table file for `frner kb check FILE`.
pub fn check_kb(path: &Path) -> Result<KbReport> {
    let kb = KnowledgeBase::from_path(path)?;
    Ok(KbReport::new(&path.display().to_string(), &kb))
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
