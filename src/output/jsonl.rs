//! JSON Lines: one `Document` per line, `{"id":…,"entities":[…],…}` plus `error` and the
//! input's pass-through fields. A record is complete once its `\n` is written.

use std::io::{self, BufRead, Write};

use serde_json::value::RawValue;

use super::{plain_raw_id, scan_lines, RecordFormat, ResumePoint};
use crate::document::Document;

pub struct JsonlFormat;

impl RecordFormat for JsonlFormat {
    fn record(&mut self, out: &mut dyn Write, doc: &Document) -> io::Result<()> {
        // serde_json escapes every control character, so the record is always one line.
        serde_json::to_writer(&mut *out, doc)?;
        out.write_all(b"\n")
    }

    fn scan(&self, existing: &mut dyn BufRead) -> io::Result<ResumePoint> {
        let mut point = ResumePoint::default();
        scan_lines(existing, |line, end| {
            // A line that is not JSON was not written by us (or the disk lied): stop there.
            let Ok(record) = serde_json::from_slice::<IdOnly>(line) else {
                return false;
            };
            point.push(end, &plain_raw_id(record.id));
            true
        })?;
        Ok(point)
    }
}

/// The `id` of an output line, left as raw JSON (numbers are compared as written).
#[derive(serde::Deserialize)]
struct IdOnly<'a> {
    #[serde(borrow, default)]
    id: Option<&'a RawValue>,
}
