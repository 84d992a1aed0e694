//! `--resume`, one flow for every kind of output (a single file, a BRAT directory): an
//! interrupted run's `.partial` is checked and continued in place; a finished output is
//! checked and continued as a copy (it stays as it is until the new one replaces it); with
//! neither, or without `--resume`, a fresh `.partial` is started. What differs by kind (how
//! to scan, cut off, copy, start) is behind [`Resumable`].

use std::path::Path;

use anyhow::Result;

use super::{target, Existing};

/// An output kind as `--resume` sees it, bound to one target and its `.partial`.
pub(super) trait Resumable {
    /// What a scan found: the complete records of an existing output.
    type Found;
    /// The `.partial` opened for more records.
    type Open;

    fn target(&self) -> &Path;
    fn partial(&self) -> &Path;
    /// Whether the target holds a finished output of this kind.
    fn has_finished(&self) -> Result<bool>;
    /// Reads the interrupted `.partial`, changing nothing; returns what [`open`]'s `check`
    /// is shown.
    fn scan_partial(&mut self) -> Result<(Self::Found, Existing)>;
    /// Reads the finished target, changing nothing.
    fn scan_finished(&mut self) -> Result<(Self::Found, Existing)>;
    /// Continues the `.partial` in place, cut after its last complete record; returns it
    /// with the number of records it holds.
    fn continue_partial(&mut self, found: Self::Found) -> Result<(Self::Open, u64)>;
    /// Starts the `.partial` as a copy of the finished target's complete records.
    fn continue_finished(&mut self, found: Self::Found) -> Result<(Self::Open, u64)>;
    /// Starts an empty `.partial`, discarding a stale one.
    fn start(&mut self) -> Result<Self::Open>;
}

/// Opens `output`'s `.partial` for writing: continued when `resume` finds an output to
/// continue and `check` accepts it (an error from `check` leaves every file as it was), fresh
/// otherwise. Returns it with the number of records it already holds (the caller skips as many
/// input records).
pub(super) fn open<R: Resumable>(
    output: &mut R,
    resume: bool,
    check: &mut dyn FnMut(&Existing) -> Result<()>,
) -> Result<(R::Open, u64)> {
    let mut resumed = None;
    if resume {
        if target::lstat(output.partial())?.is_some() {
            let (found, existing) = output.scan_partial()?;
            check(&existing)?;
            resumed = Some(output.continue_partial(found)?);
        } else if output.has_finished()? {
            let (found, existing) = output.scan_finished()?;
            check(&existing)?;
            resumed = Some(output.continue_finished(found)?);
        }
    }
    let (open, records) = match resumed {
        Some(found) => found,
        None => (output.start()?, 0),
    };
    if records > 0 {
        tracing::info!(
            "resuming {}: {records} complete records kept",
            output.target().display()
        );
    }
    Ok((open, records))
}
