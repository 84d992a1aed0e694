//! The entity label registry: names, properties and colours of every label, from
//! `src/labels.tsv` (compiled in; `scripts/labels.py` reads the same file for training). The
//! CLI defaults, the BRAT and HTML writers, the quantity merge, the linker and the link
//! evaluation read it, so a new entity type is a row of that table (and a model trained on it).

use std::sync::OnceLock;

const TABLE: &str = include_str!("labels.tsv");

/// One label and what the stages do with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub name: String,
    /// The NER model predicts it (the quantity recognizer makes `QUANTITY`).
    pub model: bool,
    /// Output by `frner tag` unless `--labels` says otherwise.
    pub output: bool,
    /// In the headline evaluation figures unless `--types` says otherwise.
    pub scored: bool,
    /// Linked to the knowledge base (a row type of the table).
    pub linkable: bool,
    /// A proper name: kept over a quantity that overlaps it.
    pub name_type: bool,
    /// Background colour (HTML highlight, BRAT box).
    pub background: String,
    /// Underline colour (HTML).
    pub border: String,
}

/// Every label, in table order.
pub fn all() -> &'static [Label] {
    static LABELS: OnceLock<Vec<Label>> = OnceLock::new();
    LABELS.get_or_init(|| match parse(TABLE) {
        Ok(labels) => labels,
        // The table is compiled in and checked by a unit test; a broken one is a build defect.
        Err(e) => panic!("src/labels.tsv: {e}"),
    })
}

/// The registry entry of `name`; custom model labels have none.
pub fn get(name: &str) -> Option<&'static Label> {
    all().iter().find(|l| l.name == name)
}

pub fn is_linkable(name: &str) -> bool {
    get(name).is_some_and(|l| l.linkable)
}

pub fn is_name_type(name: &str) -> bool {
    get(name).is_some_and(|l| l.name_type)
}

/// `frner tag --labels` default: the output labels, comma-separated.
pub fn default_output() -> String {
    join(|l| l.output)
}

/// `frner eval --types` default: the scored labels, comma-separated.
pub fn default_scored() -> String {
    join(|l| l.scored)
}

fn join(keep: impl Fn(&Label) -> bool) -> String {
    let names: Vec<&str> = all()
        .iter()
        .filter(|l| keep(l))
        .map(|l| l.name.as_str())
        .collect();
    names.join(",")
}

fn parse(table: &str) -> Result<Vec<Label>, String> {
    let mut rows = table
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty());
    let header = rows.next().ok_or("no header")?.1;
    if header != "name\tmodel\toutput\tscored\tlinkable\tname_type\tbackground\tborder" {
        return Err(format!("unexpected header {header:?}"));
    }
    let flag = |v: &str, n: usize| match v {
        "yes" => Ok(true),
        "no" => Ok(false),
        other => Err(format!("line {}: {other:?} is neither yes nor no", n + 1)),
    };
    let mut labels = Vec::new();
    for (n, line) in rows {
        let f: Vec<&str> = line.split('\t').collect();
        let [name, model, output, scored, linkable, name_type, background, border] = f[..] else {
            return Err(format!(
                "line {}: expected 8 columns, got {}",
                n + 1,
                f.len()
            ));
        };
        labels.push(Label {
            name: name.to_string(),
            model: flag(model, n)?,
            output: flag(output, n)?,
            scored: flag(scored, n)?,
            linkable: flag(linkable, n)?,
            name_type: flag(name_type, n)?,
            background: background.to_string(),
            border: border.to_string(),
        });
    }
    Ok(labels)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_parses_and_gives_the_defaults() {
        let names: Vec<&str> = all().iter().map(|l| l.name.as_str()).collect();
        assert_eq!(names, ["PER", "ORG", "LOC", "MISC", "QUANTITY"]);
        assert_eq!(default_output(), "PER,ORG,LOC,QUANTITY");
        assert_eq!(default_scored(), "PER,ORG,LOC");
        assert!(is_linkable("ORG") && !is_linkable("MISC") && !is_linkable("FOO"));
        assert!(is_name_type("LOC") && !is_name_type("QUANTITY"));
        for l in all() {
            for colour in [&l.background, &l.border] {
                assert!(
                    colour.starts_with('#') && colour[1..].chars().all(|c| c.is_ascii_hexdigit()),
                    "{}: colour {colour:?}",
                    l.name
                );
            }
        }
    }

    /// The knowledge base's row types are the linkable labels.
    #[test]
    fn linkable_labels_are_the_kb_types() {
        use crate::link::EntityType;
        for l in all() {
            assert_eq!(
                EntityType::from_label(&l.name).is_some(),
                l.linkable,
                "{}",
                l.name
            );
        }
    }

    #[test]
    fn a_malformed_table_is_refused() {
        let header = "name\tmodel\toutput\tscored\tlinkable\tname_type\tbackground\tborder\n";
        assert!(parse(&format!("{header}PER\tyes\tyes\n")).is_err());
        assert!(parse(&format!(
            "{header}PER\tmaybe\tyes\tyes\tyes\tyes\t#fff\t#000\n"
        ))
        .is_err());
        assert!(parse("name\n").is_err());
    }
}
