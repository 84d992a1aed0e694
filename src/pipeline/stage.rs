//! The stages of the tagging chain, and where their time goes.

use std::time::{Duration, Instant};

/// One stage of the chain, in data order. [`super::Pipeline::tag`] runs them as
///
/// | stage | reads | writes |
/// |---|---|---|
/// | `Normalize` | a unit's text (document or section), cut in pieces | the typographic copies the model sees ([`crate::normalize::Normalized`]) |
/// | `Tokenize` | the copies | subword ids, spans in the original text, sentence starts |
/// | `Infer` | subwords, cut in windows and batched ([`crate::batch`]) | label probabilities per subword |
/// | `Decode` | probabilities | entities (spans, labels, scores), then the document rules: surnames, datelines |
/// | `Quantities` | the text | quantity entities merged with the model's |
/// | `Link` | the entities | knowledge-base links |
///
/// The first four run round by round (about [`super::Options::round_bytes`] of text), so that
/// subwords and probabilities are held for one round only; the last two run per document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Normalize,
    Tokenize,
    Infer,
    Decode,
    Quantities,
    Link,
}

impl Stage {
    /// Every stage, in data order.
    pub const ALL: [Stage; 6] = [
        Stage::Normalize,
        Stage::Tokenize,
        Stage::Infer,
        Stage::Decode,
        Stage::Quantities,
        Stage::Link,
    ];

    /// The name reports use (`frner bench`'s `time_split_s`).
    pub fn name(self) -> &'static str {
        match self {
            Stage::Normalize => "normalize",
            Stage::Tokenize => "tokenize",
            Stage::Infer => "infer",
            Stage::Decode => "decode",
            Stage::Quantities => "quantities",
            Stage::Link => "link",
        }
    }
}

/// Where the time of [`super::Pipeline::tag`] calls went, by stage, and what the model saw.
#[derive(Debug, Clone, Copy, Default)]
pub struct Timings {
    spent: [Duration; Stage::ALL.len()],
    /// Content subwords (no special tokens, no padding).
    pub tokens: u64,
    /// Tokens fed to the model, padding and special tokens included.
    pub padded_tokens: u64,
    /// Forward passes, retries of split batches included.
    pub batches: u64,
    /// Time the model's thread waited for the CPU stages of neighbouring chunks
    /// ([`crate::pipeline::Pipeline::tag_chunks`] with overlap): the model idle.
    pub model_wait: Duration,
}

impl Timings {
    /// Runs `f` and books its wall time to `stage`: the one way a stage is timed.
    pub fn time<R>(&mut self, stage: Stage, f: impl FnOnce() -> R) -> R {
        let start = Instant::now();
        let out = f();
        self.spent[stage as usize] += start.elapsed();
        out
    }

    /// Time booked to `stage` so far.
    pub fn of(&self, stage: Stage) -> Duration {
        self.spent[stage as usize]
    }

    /// Wall time of every stage together.
    pub fn total(&self) -> Duration {
        self.spent.iter().sum()
    }

    pub fn add(&mut self, o: &Timings) {
        for (a, b) in self.spent.iter_mut().zip(o.spent) {
            *a += b;
        }
        self.tokens += o.tokens;
        self.padded_tokens += o.padded_tokens;
        self.batches += o.batches;
        self.model_wait += o.model_wait;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_books_to_its_stage_only() {
        let mut t = Timings::default();
        let v = t.time(Stage::Quantities, || {
            std::thread::sleep(Duration::from_millis(5));
            7
        });
        assert_eq!(v, 7);
        assert!(t.of(Stage::Quantities) >= Duration::from_millis(5));
        for s in Stage::ALL.iter().filter(|&&s| s != Stage::Quantities) {
            assert_eq!(t.of(*s), Duration::ZERO, "{}", s.name());
        }
        let mut sum = Timings::default();
        sum.add(&t);
        sum.add(&t);
        assert_eq!(sum.of(Stage::Quantities), 2 * t.of(Stage::Quantities));
        assert_eq!(sum.total(), sum.of(Stage::Quantities));
    }

    #[test]
    fn stages_are_in_data_order() {
        for (k, s) in Stage::ALL.iter().enumerate() {
            assert_eq!(*s as usize, k);
        }
    }
}
