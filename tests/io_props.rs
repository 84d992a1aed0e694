//! Property tests for the robustness promises: the JSONL reader, the offset logic and the
//! writers never panic, and "one output record per input line, in order" holds for any bytes.
//! `fuzz/` runs the same properties under cargo-fuzz.

use frner::document::{CharIndex, Document, Entity};
use frner::io::Input;
use frner::output::{html, open_sink, partial_path, words, Format, RecordFormat, SinkOptions};
use proptest::prelude::*;

/// Records of a byte stream as the reader counts them: one per physical line, except the
/// blank (whitespace-only) lines at the very end, which are not records.
fn line_count(bytes: &[u8]) -> usize {
    let mut lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
    if bytes.is_empty() || bytes.last() == Some(&b'\n') {
        lines.pop(); // after the final terminator: no line
    }
    if let Some(first) = lines.first_mut() {
        *first = first.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(first);
    }
    let blank = |line: &&&[u8]| std::str::from_utf8(line).is_ok_and(|s| s.trim().is_empty());
    let trailing = lines.iter().rev().take_while(blank).count();
    lines.len() - trailing
}

/// Lines that are often almost-JSON: fragments of records glued with noise.
fn jsonl_like() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just(b"{\"id\":1,\"text\":\"Paris\"}".to_vec()),
        Just(b"{\"text\":".to_vec()),
        Just(b"\"\\u0000\xc3\xa9\"}".to_vec()),
        Just(b"\n".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(vec![0xff, 0xfe]),
        Just(vec![0x1f, 0x8b]),
        proptest::collection::vec(any::<u8>(), 0..12),
    ];
    proptest::collection::vec(piece, 0..20).prop_map(|pieces| pieces.concat())
}

/// Text with the characters that break naive code: multi-byte, combining, NUL, newlines.
fn tricky_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("Élysée".to_string()),
            Just("l’État".to_string()),
            Just("M.".to_string()),
            Just("3,5".to_string()),
            Just(" ".to_string()),
            Just("\u{a0}".to_string()),
            Just("\n".to_string()),
            Just("\0".to_string()),
            Just("« ».?!…".to_string()),
            Just("e\u{301}".to_string()),
            Just("🇫🇷".to_string()),
            Just("<&>\"'".to_string()),
            any::<String>(),
        ],
        0..16,
    )
    .prop_map(|parts| parts.concat())
}

/// A document with arbitrary, possibly invalid entity spans.
fn document() -> impl Strategy<Value = Document> {
    (
        tricky_text(),
        proptest::collection::vec((0usize..80, 0usize..80, "[A-Z ]{0,9}"), 0..6),
    )
        .prop_map(|(text, spans)| {
            let entities = spans
                .into_iter()
                .map(|(a, b, label)| Entity {
                    start: a,
                    end: b,
                    start_byte: a,
                    end_byte: b,
                    text: String::new(),
                    label,
                    score: 0.5,
                    quantity: None,
                    link: frner::Linking::Nil,
                    nil_cluster: Some(1),
                })
                .collect();
            Document {
                id: serde_json::json!(text.chars().take(5).collect::<String>()),
                text,
                entities,
                ..Default::default()
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_give_one_record_per_line_in_order(bytes in jsonl_like()) {
        let docs: Vec<Document> = Input::from_jsonl_reader(std::io::Cursor::new(bytes.clone())).unwrap().collect();
        // A stream starting with a compression magic number is decoded instead (and, being
        // garbage, ends in one io_error record).
        if !bytes.starts_with(&[0x1f, 0x8b]) {
            prop_assert_eq!(docs.len(), line_count(&bytes));
        }
        for (i, doc) in docs.iter().enumerate() {
            if let Some(error) = &doc.error {
                prop_assert!(error.line == i as u64 + 1 || error.kind.as_str() == "io_error");
                prop_assert!(doc.text.is_empty());
            } else {
                prop_assert!(!doc.text.trim().is_empty());
            }
        }
    }

    #[test]
    fn valid_records_round_trip(texts in proptest::collection::vec(tricky_text(), 1..8)) {
        let mut input = Vec::new();
        for (i, text) in texts.iter().enumerate() {
            input.extend(serde_json::to_vec(&serde_json::json!({"id": format!("r{i}"), "text": text, "k": i})).unwrap());
            input.push(b'\n');
        }
        let docs: Vec<Document> = Input::from_jsonl_reader(std::io::Cursor::new(input)).unwrap().collect();
        prop_assert_eq!(docs.len(), texts.len());
        for (i, (doc, text)) in docs.iter().zip(&texts).enumerate() {
            prop_assert_eq!(&doc.id, &serde_json::json!(format!("r{i}")));
            prop_assert_eq!(doc.extra.get("k"), Some(serde_json::json!(i)));
            if text.trim().is_empty() {
                prop_assert_eq!(doc.error.as_ref().map(|e| e.kind.as_str()), Some("empty"));
            } else {
                prop_assert_eq!(&doc.text, text);
            }
        }
    }

    #[test]
    fn char_index_agrees_with_chars(text in tricky_text(), probe in 0usize..200) {
        let index = CharIndex::new(&text);
        let boundaries: Vec<usize> = text.char_indices().map(|(b, _)| b).chain([text.len()]).collect();
        for (ch, &byte) in boundaries.iter().enumerate() {
            prop_assert_eq!(index.char_of(byte), ch);
            prop_assert_eq!(index.byte_of(ch), byte);
        }
        // Inside a char: the char containing it; past the end: clamped.
        let ch = index.char_of(probe);
        prop_assert!(index.byte_of(ch) <= probe.min(text.len()));
        prop_assert_eq!(index.byte_of(probe), boundaries[probe.min(boundaries.len() - 1)]);
    }

    #[test]
    fn tokens_cover_the_text_in_order(text in tricky_text()) {
        let mut last_end = 0;
        let mut covered = String::new();
        for sentence in words::sentences(&text) {
            prop_assert!(!sentence.is_empty());
            for token in sentence {
                prop_assert!(token.start >= last_end && token.start < token.end);
                let word = text.get(token.clone());
                prop_assert!(word.is_some(), "token {:?} not on char boundaries", token);
                covered.push_str(word.unwrap_or_default());
                last_end = token.end;
            }
        }
        let non_space: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        prop_assert_eq!(covered, non_space);
    }

    #[test]
    fn writers_never_panic_on_bad_spans(doc in document()) {
        for mut format in [Box::new(frner::output::jsonl::JsonlFormat) as Box<dyn RecordFormat>,
                            Box::new(frner::output::conll::ConllFormat),
                            Box::new(html::HtmlFormat)] {
            let mut out = Vec::new();
            format.record(&mut out, &doc).unwrap();
            // Each record is complete by the format's own resume scanner.
            let point = format.scan(&mut &out[..]).unwrap();
            if point.offset > 0 || out.is_empty() {
                prop_assert_eq!(point.offset as usize, out.len());
            }
        }
        let html = html::render_article(&doc);
        prop_assert!(!html.contains("<b") && !html.contains('\0'));
        let ann = frner::output::brat::annotations(&doc);
        prop_assert!(ann.lines().all(|l| l.split('\t').count() == 3));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn resume_after_any_cut_loses_and_duplicates_nothing(
        docs in proptest::collection::vec(document(), 1..8),
        written_fraction in 0.0f64..1.0,
        cut_fraction in 0.0f64..1.0,
        conll in any::<bool>(),
    ) {
        let format = if conll { Format::Conll } else { Format::Jsonl };
        let dir = tempfile::tempdir().unwrap();
        let clean = dir.path().join("clean");
        let output = dir.path().join("out");
        let run = |path: &std::path::Path, docs: &[Document], resume: bool| {
            let (mut sink, skip) = open_sink(path.to_str().unwrap(), &SinkOptions { format, resume, ..Default::default() }).unwrap();
            for doc in &docs[skip as usize..] {
                sink.write(doc).unwrap();
            }
            (sink, skip)
        };
        let (sink, _) = run(&clean, &docs, false);
        sink.finish().unwrap();

        let written = ((docs.len() as f64) * written_fraction) as usize;
        let (sink, _) = run(&output, &docs[..written], false);
        drop(sink);
        let partial = partial_path(&output);
        let len = std::fs::metadata(&partial).unwrap().len();
        std::fs::OpenOptions::new().write(true).open(&partial).unwrap().set_len((len as f64 * cut_fraction) as u64).unwrap();
        let (sink, skip) = run(&output, &docs, true);
        prop_assert!(skip as usize <= written);
        sink.finish().unwrap();
        prop_assert_eq!(std::fs::read(&output).unwrap(), std::fs::read(&clean).unwrap());
    }
}
