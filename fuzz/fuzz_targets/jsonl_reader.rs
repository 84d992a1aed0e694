//! The JSONL reader on arbitrary bytes: never panics, one record per physical line, error
//! records numbered by their line. Same property as `tests/io_props.rs`, searched harder.
#![no_main]

use frner::document::RecordErrorKind;
use frner::io::Input;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = Input::from_jsonl_reader(std::io::Cursor::new(data.to_vec())) else {
        return;
    };
    let docs: Vec<_> = input.collect();
    let compressed = data.starts_with(&[0x1f, 0x8b]) || data.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]);
    if !compressed {
        // One record per physical line, except blank lines at the very end (up to the
        // reader's look-ahead of 1,024 of them).
        let mut lines: Vec<&[u8]> = data.split(|&b| b == b'\n').collect();
        if data.is_empty() || data.last() == Some(&b'\n') {
            lines.pop();
        }
        if let Some(first) = lines.first_mut() {
            *first = first.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(first);
        }
        let blank = |l: &&&[u8]| std::str::from_utf8(l).is_ok_and(|s| s.trim().is_empty());
        let trailing = lines.iter().rev().take_while(blank).count();
        if trailing < 1024 {
            assert_eq!(docs.len(), lines.len() - trailing);
        } else {
            assert!(docs.len() <= lines.len() && docs.len() + trailing >= lines.len());
        }
    }
    for (i, doc) in docs.iter().enumerate() {
        if let Some(error) = &doc.error {
            assert!(error.line == i as u64 + 1 || error.kind == RecordErrorKind::IoError);
        }
        // Every record serializes to one JSON line.
        let line = serde_json::to_string(doc).expect("a Document always serializes");
        assert!(!line.contains('\n'));
    }
});
