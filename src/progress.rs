//! Progress reporting: a live bar on an interactive stderr, and the end-of-run [`Summary`].

use std::collections::BTreeMap;
use std::fmt;
use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;

use crate::document::{Document, Linking};

/// A progress bar that exists only when stderr is a terminal and `--quiet` is off; on a pipe
/// or a log file every method is a no-op, so callers never need to check.
pub struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    /// `total_bytes`: size of the input when known; the bar then tracks input bytes for a
    /// meaningful ETA, and shows documents and documents/s as its message.
    pub fn new(total_bytes: Option<u64>, quiet: bool) -> Progress {
        if quiet || !std::io::stderr().is_terminal() {
            return Progress { bar: None };
        }
        Progress {
            bar: Some(make_bar(total_bytes)),
        }
    }

    /// A bar that never draws (tests, library use).
    pub fn hidden() -> Progress {
        Progress { bar: None }
    }

    /// Reports `documents` written so far and `bytes_read` of the input.
    pub fn update(&self, documents: u64, bytes_read: u64) {
        let Some(bar) = &self.bar else { return };
        let elapsed = bar.elapsed().as_secs_f64();
        let rate = if elapsed > 0.0 {
            documents as f64 / elapsed
        } else {
            0.0
        };
        bar.set_message(format!("{documents} docs, {rate:.1} docs/s"));
        if bar.length().is_some() {
            bar.set_position(bytes_read);
        } else {
            bar.set_position(documents);
        }
    }

    /// Runs `f` with the bar hidden, so that log lines do not tear it.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    /// Ends the bar at 100 %: the whole input was read, whatever the byte counter saw last
    /// (a `.txt` read in one go, a compressed stream's trailer). It stays on screen.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            if let Some(total) = bar.length() {
                bar.set_position(total);
            }
            bar.finish();
        }
    }

    /// A bar that is kept up to date but never drawn, to check its state (tests).
    pub fn undrawn(total_bytes: Option<u64>) -> Progress {
        let bar = make_bar(total_bytes);
        bar.disable_steady_tick();
        bar.set_draw_target(ProgressDrawTarget::hidden());
        Progress { bar: Some(bar) }
    }

    /// Position and length of the bar (`None` when there is no bar).
    pub fn position(&self) -> Option<(u64, Option<u64>)> {
        self.bar.as_ref().map(|b| (b.position(), b.length()))
    }
}

fn make_bar(total_bytes: Option<u64>) -> ProgressBar {
    let (bar, template) = match total_bytes {
        Some(total) => (
            ProgressBar::new(total),
            "{spinner} [{elapsed_precise}] {wide_bar} {percent:>3}% {msg} ETA {eta}",
        ),
        // Unknown size (stdin, directories): a spinner with counts.
        None => (
            ProgressBar::new_spinner(),
            "{spinner} [{elapsed_precise}] {msg}",
        ),
    };
    let style =
        ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar.set_draw_target(ProgressDrawTarget::stderr_with_hz(4));
    bar.enable_steady_tick(Duration::from_millis(250));
    bar
}

/// End-of-run statistics, printed to stderr (Display) or written as JSON (Serialize).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub documents: u64,
    /// Model tokens processed, as counted by the caller.
    pub tokens: u64,
    pub entities: u64,
    pub entities_by_label: BTreeMap<String, u64>,
    /// Entities linked to a knowledge-base row.
    pub links: u64,
    /// Entities the linker judged NIL (`"link": null`).
    pub nil_links: u64,
    pub errors: u64,
    pub errors_by_kind: BTreeMap<String, u64>,
    /// Records skipped by `--resume` (already in the output).
    pub resumed_from: u64,
    pub wall_time_s: f64,
    pub docs_per_s: f64,
}

impl Summary {
    /// Counts one output record; `tokens` is its model token count.
    pub fn record(&mut self, doc: &Document, tokens: u64) {
        self.documents += 1;
        self.tokens += tokens;
        if let Some(error) = &doc.error {
            self.errors += 1;
            *self
                .errors_by_kind
                .entry(error.kind.as_str().to_string())
                .or_default() += 1;
        }
        for entity in &doc.entities {
            self.entities += 1;
            *self
                .entities_by_label
                .entry(entity.label.clone())
                .or_default() += 1;
            match entity.link {
                Linking::Linked(_) => self.links += 1,
                Linking::Nil => self.nil_links += 1,
                Linking::NotLinked => {}
            }
        }
    }

    /// Sets the timing fields from the run's start.
    pub fn finish(&mut self, started: Instant) {
        self.wall_time_s = started.elapsed().as_secs_f64();
        self.docs_per_s = if self.wall_time_s > 0.0 {
            self.documents as f64 / self.wall_time_s
        } else {
            0.0
        };
    }

    /// The process exit status this run deserves (see `docs/formats.md`).
    pub fn exit_code(&self) -> i32 {
        if self.errors > 0 {
            crate::exit::RECORD_ERRORS
        } else {
            crate::exit::OK
        }
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} documents", self.documents)?;
        if self.resumed_from > 0 {
            write!(f, " (after {} resumed)", self.resumed_from)?;
        }
        writeln!(
            f,
            ", {} tokens, {:.1} s, {:.1} docs/s",
            self.tokens, self.wall_time_s, self.docs_per_s
        )?;
        write!(f, "{} entities", self.entities)?;
        let by_label: Vec<String> = self
            .entities_by_label
            .iter()
            .map(|(l, n)| format!("{l} {n}"))
            .collect();
        if !by_label.is_empty() {
            write!(f, " ({})", by_label.join(", "))?;
        }
        writeln!(f, "; {} linked, {} NIL", self.links, self.nil_links)?;
        write!(f, "{} errors", self.errors)?;
        let by_kind: Vec<String> = self
            .errors_by_kind
            .iter()
            .map(|(k, n)| format!("{k} {n}"))
            .collect();
        if !by_kind.is_empty() {
            write!(f, " ({})", by_kind.join(", "))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{CharIndex, Entity, RecordError};

    #[test]
    fn the_bar_ends_at_100_percent() {
        let progress = Progress::undrawn(Some(1_000));
        progress.update(3, 0); // a .txt input read in one go never moved the counter
        assert_eq!(progress.position(), Some((0, Some(1_000))));
        progress.finish();
        assert_eq!(progress.position(), Some((1_000, Some(1_000))));
    }

    #[test]
    fn summary_counts_labels_links_and_errors() {
        let text = "Paris";
        let mut entity = Entity::from_byte_span(text, &CharIndex::new(text), 0, 5, "LOC", 0.9);
        entity.link = Linking::Nil;
        let ok = Document {
            id: 1.into(),
            text: text.into(),
            entities: vec![entity],
            ..Default::default()
        };
        let error = RecordError {
            line: 2,
            kind: crate::document::RecordErrorKind::InvalidJson,
            message: "x".into(),
        };
        let bad = Document {
            id: 2.into(),
            error: Some(error),
            ..Default::default()
        };
        let mut summary = Summary::default();
        summary.record(&ok, 3);
        summary.record(&bad, 0);
        assert_eq!(
            (
                summary.documents,
                summary.tokens,
                summary.nil_links,
                summary.errors
            ),
            (2, 3, 1, 1)
        );
        assert_eq!(summary.entities_by_label["LOC"], 1);
        assert_eq!(summary.exit_code(), crate::exit::RECORD_ERRORS);
        let shown = summary.to_string();
        assert!(
            shown.contains("2 documents")
                && shown.contains("LOC 1")
                && shown.contains("invalid_json 1"),
            "{shown}"
        );
        let json = serde_json::to_value(&summary).unwrap();
        assert_eq!(json["errors_by_kind"]["invalid_json"], 1);
    }
}
