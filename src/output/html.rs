//! HTML: one self-contained page per corpus (inline CSS and JS, no network access), each
//! document an `<article>` with its entities highlighted by label; hovering an entity shows
//! its label, score, link (name + Wikidata QID) and quantity value.
//!
//! Every piece of input text is escaped, so the marker comments that delimit records (used by
//! `--resume`) cannot occur inside a record.

use std::fmt::Write as _;
use std::io::{self, BufRead, Write};

use super::{drawable_entities, id_text, scan_lines, RecordFormat, ResumePoint};
use crate::document::{Document, Entity, Linking};

/// Ends the page header; records follow.
const BEGIN_MARKER: &str = "<!--frner:records-->";
/// Ends each record.
const END_MARKER: &str = "<!--frner:end-record-->";
/// How each record's `<article>` opens; the escaped id follows.
const ARTICLE_OPEN: &str = "<article data-id=\"";

pub struct HtmlFormat;

const STYLE: &str = r#"
body { font: 16px/1.6 Georgia, serif; max-width: 60em; margin: 1em auto; padding: 0 1em; color: #222; }
header { position: sticky; top: 0; background: #fff; border-bottom: 1px solid #ccc; padding: .5em 0; z-index: 2; }
.legend label { margin-right: 1em; font: 14px sans-serif; cursor: pointer; }
article { border-bottom: 1px solid #eee; padding: .5em 0 1em; }
article h2 { font: bold 14px monospace; color: #666; margin: .5em 0; }
.text { white-space: pre-wrap; }
.error { background: #fee; border-left: 4px solid #c00; padding: .5em; font: 14px monospace; }
.ent { position: relative; border-radius: 3px; padding: 0 2px; background: #ddd; border-bottom: 2px solid #888; }
.ent sup { font: 10px sans-serif; margin-left: 2px; }
.ent sup a { color: #335; }
"#;

/// The rest of the style sheet, after the label colours.
const STYLE_TAIL: &str = r#".ent[data-tip]:hover::after { content: attr(data-tip); position: absolute; left: 0; top: 1.7em; z-index: 3;
  white-space: pre; background: #222; color: #fff; font: 12px/1.4 sans-serif; padding: .3em .5em; border-radius: 4px; }
"#;

/// The style sheet with one colour rule per registry label.
fn style() -> String {
    let mut css = STYLE.to_string();
    for l in crate::labels::all() {
        css.push_str(&format!(
            ".ent-{} {{ background: {}; border-color: {}; }}\n",
            l.name, l.background, l.border
        ));
    }
    css.push_str(STYLE_TAIL);
    css
}

/// Legend toggles (hide a label's highlighting) and per-label counts; no network access.
const SCRIPT: &str = r#"
document.addEventListener('DOMContentLoaded', function () {
  var counts = {};
  document.querySelectorAll('.ent').forEach(function (e) { counts[e.dataset.label] = (counts[e.dataset.label] || 0) + 1; });
  var legend = document.querySelector('.legend');
  Object.keys(counts).sort().forEach(function (label) {
    var l = document.createElement('label');
    var box = document.createElement('input');
    box.type = 'checkbox'; box.checked = true;
    box.addEventListener('change', function () {
      document.querySelectorAll('.ent').forEach(function (e) {
        if (e.dataset.label === label) { e.classList.toggle('off', !box.checked); }
      });
    });
    var swatch = document.createElement('span');
    swatch.className = 'ent ent-' + label.replace(/[^A-Za-z0-9_-]/g, '_');
    swatch.textContent = label + ' (' + counts[label] + ')';
    l.appendChild(box); l.appendChild(swatch); legend.appendChild(l);
  });
});
"#;

impl RecordFormat for HtmlFormat {
    fn header(&mut self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(
            out,
            "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">"
        )?;
        let style = style();
        writeln!(out, "<title>frner entities</title>\n<style>{style}.ent.off {{ background: none; border-color: transparent; }}\n</style>")?;
        writeln!(out, "<script>{SCRIPT}</script>\n</head>\n<body>")?;
        writeln!(
            out,
            "<header><div class=\"legend\"></div></header>\n<main>\n{BEGIN_MARKER}"
        )
    }

    fn record(&mut self, out: &mut dyn Write, doc: &Document) -> io::Result<()> {
        out.write_all(render_article(doc).as_bytes())?;
        writeln!(out, "{END_MARKER}")
    }

    fn footer(&mut self, out: &mut dyn Write, records: u64) -> io::Result<()> {
        writeln!(
            out,
            "</main>\n<footer><p>{records} documents</p></footer>\n</body>\n</html>"
        )
    }

    fn scan(&self, existing: &mut dyn BufRead) -> io::Result<ResumePoint> {
        let mut point = ResumePoint::default();
        let mut header_done = false;
        let mut current_id = String::new();
        scan_lines(existing, |line, end| {
            if line == BEGIN_MARKER.as_bytes() {
                header_done = true;
                point.offset = end;
            } else if header_done && line.starts_with(ARTICLE_OPEN.as_bytes()) {
                // `<article data-id="ID">`: the id is escaped, so it holds no quote.
                let rest = &line[ARTICLE_OPEN.len()..];
                let id = rest.strip_suffix(b"\">").unwrap_or(rest);
                current_id = unescape(&String::from_utf8_lossy(id));
            } else if header_done && line == END_MARKER.as_bytes() {
                point.push(end, &current_id);
            }
            true
        })?;
        Ok(point)
    }
}

/// One document as an `<article>` element (ends with a newline).
pub fn render_article(doc: &Document) -> String {
    let mut html = String::with_capacity(doc.text.len() * 2 + 256);
    let id = escape(&id_text(doc));
    let _ = writeln!(html, "<article data-id=\"{id}\">\n<h2>{id}</h2>");
    if let Some(error) = &doc.error {
        let _ = writeln!(
            html,
            "<p class=\"error\">line {}: {}: {}</p>",
            error.line,
            escape(error.kind.as_str()),
            escape(&error.message)
        );
    } else {
        html.push_str("<div class=\"text\">");
        render_text(&mut html, doc);
        html.push_str("</div>\n");
    }
    html.push_str("</article>\n");
    html
}

fn render_text(html: &mut String, doc: &Document) {
    let mut cursor = 0;
    for entity in drawable_entities(doc) {
        html.push_str(&escape(&doc.text[cursor..entity.start_byte]));
        render_entity(html, entity, &doc.text[entity.start_byte..entity.end_byte]);
        cursor = entity.end_byte;
    }
    html.push_str(&escape(&doc.text[cursor..]));
}

fn render_entity(html: &mut String, entity: &Entity, surface: &str) {
    let label = css_name(&entity.label);
    let tip = escape(&tooltip(entity));
    let _ = write!(
        html,
        "<mark class=\"ent ent-{label}\" data-label=\"{}\" data-tip=\"{tip}\" title=\"{tip}\">{}",
        escape(&entity.label),
        escape(surface)
    );
    if let Some(qid) = linked_qid(entity) {
        let _ = write!(
            html,
            "<sup><a href=\"https://www.wikidata.org/wiki/{qid}\">{qid}</a></sup>"
        );
    }
    html.push_str("</mark>");
}

/// Hover text: label and score, then link and quantity lines when present.
fn tooltip(entity: &Entity) -> String {
    let mut tip = format!("{} · score {:.2}", entity.label, entity.score);
    match &entity.link {
        Linking::Linked(link) => {
            let qid = link.wikidata.as_deref().unwrap_or("no QID");
            let _ = write!(tip, "\n→ {} ({qid}) · {:.2}", link.name, link.score);
        }
        Linking::Nil => {
            tip.push_str("\n→ NIL (not in the knowledge base)");
            if let Some(cluster) = entity.nil_cluster {
                let _ = write!(tip, " · cluster {cluster}");
            }
        }
        Linking::NotLinked => {}
    }
    if let Some(q) = &entity.quantity {
        let _ = write!(tip, "\n{} = {}", q.kind, q.value);
        if let Some(unit) = &q.unit {
            let _ = write!(tip, " {unit}");
        }
        if let (Some(min), Some(max)) = (q.min, q.max) {
            let _ = write!(tip, " [{min} – {max}]");
        }
        if q.approx {
            tip.push_str(" (approx.)");
        }
        if let Some(qualifier) = &q.qualifier {
            let _ = write!(tip, " « {qualifier} »");
        }
    }
    tip
}

/// The entity's Wikidata id when it looks like one (`Q` + digits); anything else is not put
/// into a URL.
fn linked_qid(entity: &Entity) -> Option<&str> {
    let qid = entity.link.row()?.wikidata.as_deref()?;
    let digits = qid.strip_prefix('Q')?;
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then_some(qid)
}

/// A label usable in a CSS class name.
fn css_name(label: &str) -> String {
    label
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// Reverses [`escape`] for an id (ids have no control characters left).
fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Escapes text for HTML element content and double- or single-quoted attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("&#10;"),
            // NUL and other C0 controls are not allowed in HTML text.
            c if c.is_control() && c != '\t' && c != '\r' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{CharIndex, Link};

    #[test]
    fn entities_are_marked_and_text_escaped() {
        let text = "<b>Macron</b> & co";
        let index = CharIndex::new(text);
        let mut entity = Entity::from_byte_span(text, &index, 3, 9, "PER", 0.97);
        entity.link = Linking::Linked(Box::new(Link {
            id: "p1".into(),
            wikidata: Some("Q3052772".into()),
            name: "Emmanuel Macron".into(),
            score: 0.9,
        }));
        let doc = Document {
            id: "x".into(),
            text: text.into(),
            entities: vec![entity],
            ..Default::default()
        };
        let html = render_article(&doc);
        assert!(html.contains("&lt;b&gt;<mark class=\"ent ent-PER\""));
        assert!(html.contains("Emmanuel Macron (Q3052772)"));
        assert!(html.contains("href=\"https://www.wikidata.org/wiki/Q3052772\""));
        assert!(html.contains("&lt;/b&gt; &amp; co"));
        assert!(!html.contains("<b>"));
    }
}
