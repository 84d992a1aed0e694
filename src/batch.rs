//! Batching for the model: the windows of a round sorted by length and cut into batches under
//! a token budget, padded into model inputs, the probabilities copied back per document, and
//! a failed forward pass retried on the halves of its batch.

use std::ops::Range;

use anyhow::Result;

use crate::tokenize::{SubwordTokenizer, Tokens, Window};

/// Sorts `windows` longest first, so that similar lengths share a batch and padding stays
/// small, and cuts them into batches of at most `budget` padded tokens (rows × (longest +
/// `specials`)), at least one row each. Returns the batches as ranges of `windows`.
pub fn plan(windows: &mut [Window], budget: usize, specials: usize) -> Vec<Range<usize>> {
    // Stable: equal lengths keep document order.
    windows.sort_by_key(|w| std::cmp::Reverse(w.len));
    let budget = budget.max(1);
    let mut out = vec![];
    let mut start = 0;
    while start < windows.len() {
        let rows = (budget / (windows[start].len + specials)).clamp(1, windows.len() - start);
        out.push(start..start + rows);
        start += rows;
    }
    out
}

/// One batch as model input: ids and attention mask, `[rows, width]` row-major; each row is
/// the tokenizer's prefix, the window's subwords, its suffix, then padding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Padded {
    pub ids: Vec<i64>,
    pub mask: Vec<i64>,
    pub rows: usize,
    pub width: usize,
}

/// Pads `batch` (windows into `tokens`, by document) to its longest window.
pub fn pad(tokenizer: &SubwordTokenizer, tokens: &[Tokens], batch: &[Window]) -> Padded {
    let (pre, suf) = (&tokenizer.prefix, &tokenizer.suffix);
    let rows = batch.len();
    let width = batch.iter().map(|w| w.len).max().unwrap_or(0) + pre.len() + suf.len();
    let mut ids = vec![tokenizer.pad_id; rows * width];
    let mut mask = vec![0i64; rows * width];
    for (r, w) in batch.iter().enumerate() {
        let content = &tokens[w.doc].ids[w.start..w.start + w.len];
        let row = r * width;
        let n = pre.len() + content.len() + suf.len();
        for (slot, id) in ids[row..row + n]
            .iter_mut()
            .zip(pre.iter().chain(content).chain(suf.iter()))
        {
            *slot = *id;
        }
        mask[row..row + n].fill(1);
    }
    Padded {
        ids,
        mask,
        rows,
        width,
    }
}

/// Copies the positions each window owns out of a batch's probabilities (`flat`:
/// `[rows, width, n_labels]`, rows starting with `prefix` special tokens) into its document's
/// rows of `probs` (`[subwords, n_labels]` per document).
pub fn scatter(
    flat: &[f32],
    width: usize,
    prefix: usize,
    n_labels: usize,
    batch: &[Window],
    probs: &mut [Vec<f32>],
) {
    for (r, w) in batch.iter().enumerate() {
        let out = &mut probs[w.doc];
        for pos in w.own_start..w.own_end {
            let slot = r * width + prefix + (pos - w.start);
            out[pos * n_labels..(pos + 1) * n_labels]
                .copy_from_slice(&flat[slot * n_labels..(slot + 1) * n_labels]);
        }
    }
}

/// Runs `forward` on `batch`; when it fails (out of memory, or any libtorch error), runs it
/// again on each half, down to single windows. Returns the windows that failed alone, each
/// with its error: their documents cannot be tagged, the others are.
pub fn run_split(
    batch: &[Window],
    forward: &mut dyn FnMut(&[Window]) -> Result<()>,
) -> Vec<(Window, anyhow::Error)> {
    let mut failed = vec![];
    split_into(batch, forward, &mut failed);
    failed
}

fn split_into(
    batch: &[Window],
    forward: &mut dyn FnMut(&[Window]) -> Result<()>,
    failed: &mut Vec<(Window, anyhow::Error)>,
) {
    let Err(e) = forward(batch) else { return };
    match batch {
        [] => {}
        [w] => failed.push((*w, e)),
        _ => {
            tracing::warn!(
                "forward pass of {} windows failed ({e:#}); retrying in halves",
                batch.len()
            );
            let (a, b) = batch.split_at(batch.len() / 2);
            split_into(a, forward, failed);
            split_into(b, forward, failed);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::bail;

    fn window(doc: usize, len: usize) -> Window {
        Window {
            doc,
            start: 0,
            len,
            own_start: 0,
            own_end: len,
        }
    }

    #[test]
    fn plan_sorts_and_keeps_the_budget() {
        let mut ws: Vec<Window> = [3, 10, 7, 10, 1, 5]
            .iter()
            .enumerate()
            .map(|(d, &n)| window(d, n))
            .collect();
        let batches = plan(&mut ws, 24, 2);
        let lens: Vec<usize> = ws.iter().map(|w| w.len).collect();
        assert_eq!(lens, [10, 10, 7, 5, 3, 1]);
        // Equal lengths keep document order.
        assert_eq!((ws[0].doc, ws[1].doc), (1, 3));
        assert_eq!(batches, [0..2, 2..4, 4..6]);
        for b in &batches {
            let width = ws[b.start].len + 2;
            assert!(b.len() * width <= 24 || b.len() == 1);
        }
        // A window over the budget still gets a batch of its own.
        let mut big = vec![window(0, 50), window(1, 50)];
        assert_eq!(plan(&mut big, 10, 2), [0..1, 1..2]);
    }

    #[test]
    fn scatter_writes_owned_positions_only() {
        // Two windows of one 6-subword document, overlapping at 2..4; one label.
        let batch = [
            Window {
                doc: 0,
                start: 0,
                len: 4,
                own_start: 0,
                own_end: 3,
            },
            Window {
                doc: 0,
                start: 2,
                len: 4,
                own_start: 3,
                own_end: 6,
            },
        ];
        // Width 5: one prefix slot, four content slots; value = 10 × row + slot.
        let flat: Vec<f32> = (0..2)
            .flat_map(|r| (0..5).map(move |s| (10 * r + s) as f32))
            .collect();
        let mut probs = vec![vec![-1.0; 6]];
        scatter(&flat, 5, 1, 1, &batch, &mut probs);
        assert_eq!(probs[0], [1.0, 2.0, 3.0, 12.0, 13.0, 14.0]);
    }

    /// A fake model that runs at most `max_rows` windows at a time and never window 4.
    fn flaky(
        max_rows: usize,
        runs: &mut Vec<Vec<usize>>,
    ) -> impl FnMut(&[Window]) -> Result<()> + '_ {
        move |batch: &[Window]| {
            if batch.len() > max_rows || batch.iter().any(|w| w.doc == 4) {
                bail!("simulated out of memory at {} rows", batch.len());
            }
            runs.push(batch.iter().map(|w| w.doc).collect());
            Ok(())
        }
    }

    #[test]
    fn failed_batches_are_split_until_they_fit() {
        let ws: Vec<Window> = (0..8).map(|d| window(d, 5)).collect();
        let mut runs = vec![];
        let failed = run_split(&ws, &mut flaky(2, &mut runs));
        // Only the window that fails alone is given up, every other one ran exactly once.
        assert_eq!(failed.len(), 1);
        assert_eq!(failed[0].0.doc, 4);
        assert!(format!("{:#}", failed[0].1).contains("simulated out of memory"));
        let mut ran: Vec<usize> = runs.iter().flatten().copied().collect();
        ran.sort();
        assert_eq!(ran, [0, 1, 2, 3, 5, 6, 7]);
        assert!(runs.iter().all(|r| r.len() <= 2));
        // A batch that fits runs once, whole.
        let mut runs = vec![];
        assert!(run_split(&ws[..3], &mut flaky(8, &mut runs)).is_empty());
        assert_eq!(runs, [vec![0, 1, 2]]);
    }
}
