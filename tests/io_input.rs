//! Input readers: every record of every source kind comes out exactly once, in order, with bad
//! records as error records.

use std::io::Write;
use std::path::PathBuf;

use frner::document::Document;
use frner::io::{open_input, Input};
use serde_json::{json, Value};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/io")
        .join(name)
}

fn error_kind(doc: &Document) -> Option<&str> {
    doc.error.as_ref().map(|e| e.kind.as_str())
}

/// (id, error kind) of each record of `tests/fixtures/io/records.jsonl`, in order.
fn expected_records() -> Vec<(Value, Option<&'static str>)> {
    vec![
        (json!("ok-1"), None),
        (json!(2), Some("invalid_json")),
        (json!("no-text"), Some("missing_text")),
        (json!("bad-utf8"), Some("invalid_utf8")),
        (json!("empty"), Some("empty")),
        (json!("nul"), None),
        (json!("num-text"), Some("text_not_string")),
        (json!(8), Some("blank_line")),
        (json!(9), Some("not_an_object")),
        (json!(10), None),
        (json!(11), Some("invalid_id")),
        (json!(7), None),
    ]
}

fn check_records(docs: &[Document]) {
    let got: Vec<(Value, Option<&str>)> =
        docs.iter().map(|d| (d.id.clone(), error_kind(d))).collect();
    assert_eq!(got, expected_records());
    for (i, doc) in docs.iter().enumerate() {
        if let Some(error) = &doc.error {
            assert_eq!(error.line, i as u64 + 1, "error line of record {i}");
            assert!(doc.text.is_empty() && doc.entities.is_empty());
        }
    }
}

#[test]
fn jsonl_every_bad_line_is_one_error_record() {
    let docs: Vec<Document> = open_input(fixture("records.jsonl").to_str().unwrap())
        .unwrap()
        .collect();
    check_records(&docs);
    // Pass-through fields keep their order; a colliding `entities` field is renamed.
    let first = serde_json::to_string(&docs[0]).unwrap();
    assert_eq!(
        first,
        r#"{"id":"ok-1","entities":[],"source":"AFP","date":"2024-03-01"}"#
    );
    assert_eq!(
        docs[11].extra.get("input_entities"),
        Some(json!(["ancien"]))
    );
    // JSON escapes are decoded: a `\u0000` is a normal character, tagged normally.
    assert_eq!(docs[5].text, "avant\0après");
    assert_eq!(docs[11].text, "Dernier\nparagraphe.");
}

#[test]
fn gzip_and_zstd_are_detected_by_content() {
    let raw = std::fs::read(fixture("records.jsonl")).unwrap();
    let dir = tempfile::tempdir().unwrap();

    let gz_path = dir.path().join("corpus.jsonl.gz");
    let mut gz = flate2::write::GzEncoder::new(
        std::fs::File::create(&gz_path).unwrap(),
        flate2::Compression::fast(),
    );
    gz.write_all(&raw).unwrap();
    gz.finish().unwrap();

    // A zstd file without a telling extension still decompresses.
    let zst_path = dir.path().join("corpus.data");
    std::fs::write(&zst_path, zstd::encode_all(&raw[..], 1).unwrap()).unwrap();

    for path in [gz_path, zst_path] {
        let docs: Vec<Document> = open_input(path.to_str().unwrap()).unwrap().collect();
        check_records(&docs);
    }
}

#[test]
fn concatenated_gzip_members_are_one_stream() {
    let mut bytes = Vec::new();
    for part in [
        &b"{\"id\":1,\"text\":\"un\"}\n"[..],
        &b"{\"id\":2,\"text\":\"deux\"}\n"[..],
    ] {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(part).unwrap();
        bytes.extend(gz.finish().unwrap());
    }
    let docs: Vec<Document> = Input::from_jsonl_reader(std::io::Cursor::new(bytes))
        .unwrap()
        .collect();
    assert_eq!(
        docs.iter().map(|d| d.text.as_str()).collect::<Vec<_>>(),
        ["un", "deux"]
    );
}

#[test]
fn truncated_gzip_ends_with_an_io_error_record() {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    for i in 0..2000 {
        writeln!(
            gz,
            "{{\"id\":{i},\"text\":\"article numéro {i} sur Paris\"}}"
        )
        .unwrap();
    }
    let mut bytes = gz.finish().unwrap();
    bytes.truncate(bytes.len() / 2);
    let docs: Vec<Document> = Input::from_jsonl_reader(std::io::Cursor::new(bytes))
        .unwrap()
        .collect();
    let (last, good) = docs.split_last().unwrap();
    assert_eq!(error_kind(last), Some("io_error"));
    assert!(!good.is_empty());
    for (i, doc) in good.iter().enumerate() {
        // The last line read before the cut may itself be cut: then it is invalid JSON.
        if i + 1 < good.len() {
            assert_eq!(doc.id, json!(i), "records before the cut are intact");
            assert!(doc.error.is_none());
        }
    }
}

#[test]
fn directory_is_walked_recursively_in_path_order() {
    let docs: Vec<Document> = open_input(fixture("tree").to_str().unwrap())
        .unwrap()
        .collect();
    let got: Vec<(Value, Option<&str>)> =
        docs.iter().map(|d| (d.id.clone(), error_kind(d))).collect();
    assert_eq!(
        got,
        vec![
            (json!("a/one.txt"), None),
            (json!("b/empty.txt"), Some("empty")),
            (json!("b/sub/three.txt"), None),
            (json!("b/sub/zz_binary.txt"), Some("binary")),
            (json!("b/two.txt"), None),
        ]
    );
    assert_eq!(docs[0].text, "Le Premier ministre a parlé à Lille.\n");
}

#[test]
fn single_text_file_is_one_document() {
    let path = fixture("tree/a/one.txt");
    let docs: Vec<Document> = open_input(path.to_str().unwrap()).unwrap().collect();
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].id, json!("one.txt"));
    assert!(docs[0].text.contains("Lille"));
}

#[test]
fn ten_megabyte_document_is_read_whole() {
    let paragraph = "Le conseil municipal de Bordeaux a adopté le budget, à 3,5 millions d'euros. ";
    let text: String = paragraph.repeat(10_000_000 / paragraph.len() + 1);
    let line = serde_json::to_string(&json!({"id": "big", "text": text})).unwrap();
    let input = format!("{line}\n{{\"id\":\"after\",\"text\":\"suite\"}}\n");
    let docs: Vec<Document> = Input::from_jsonl_reader(std::io::Cursor::new(input.into_bytes()))
        .unwrap()
        .collect();
    assert_eq!(docs.len(), 2);
    assert!(docs[0].error.is_none());
    assert_eq!(docs[0].text.len(), text.len());
    assert_eq!(docs[1].id, json!("after"));
}

#[test]
fn skip_records_skips_without_parsing() {
    let mut input = open_input(fixture("records.jsonl").to_str().unwrap()).unwrap();
    assert_eq!(input.skip_records(4).unwrap(), 4);
    let rest: Vec<Document> = input.collect();
    assert_eq!(rest.len(), 8);
    assert_eq!(rest[0].id, json!("empty"));
    assert_eq!(rest[0].error.as_ref().map(|e| e.line), Some(5));

    let mut tree = open_input(fixture("tree").to_str().unwrap()).unwrap();
    assert_eq!(tree.skip_records(3).unwrap(), 3);
    assert_eq!(
        tree.next().map(|d| d.id),
        Some(json!("b/sub/zz_binary.txt"))
    );
    assert_eq!(tree.skip_records(10).unwrap(), 1);
}

#[test]
fn reading_is_streaming() {
    // An endless reader: the first records must come out without reaching the end.
    let endless = std::io::repeat(b'\n');
    let mut input = Input::from_jsonl_reader(endless).unwrap();
    let first: Vec<Document> = input.by_ref().take(3).collect();
    assert_eq!(first.len(), 3);
    assert!(first.iter().all(|d| error_kind(d) == Some("blank_line")));
}

#[test]
fn input_is_send() {
    fn assert_send<T: Send>() {}
    assert_send::<Input>();
}

#[test]
fn missing_input_is_a_fatal_error_with_context() {
    let err = open_input("/nonexistent/corpus.jsonl").err().unwrap();
    assert!(format!("{err:#}").contains("/nonexistent/corpus.jsonl"));
}

// --- issue 14 -------------------------------------------------------------------------------

#[test]
fn numbers_and_pass_through_fields_are_kept_byte_for_byte() {
    let line = r#"{"id":12345678901234567890123,"text":"Paris.","a":1e2,"b":1.0000000000000000000001,"c":-9223372036854775809,"d":1e999,"e":"\u00e9\n","f":[1.50,{"g":-0.0}]}"#;
    let docs: Vec<Document> =
        Input::from_jsonl_reader(std::io::Cursor::new(line.as_bytes().to_vec()))
            .unwrap()
            .collect();
    assert_eq!(docs.len(), 1);
    assert!(docs[0].error.is_none(), "{:?}", docs[0].error);
    assert_eq!(
        serde_json::to_string(&docs[0]).unwrap(),
        r#"{"id":12345678901234567890123,"entities":[],"a":1e2,"b":1.0000000000000000000001,"c":-9223372036854775809,"d":1e999,"e":"\u00e9\n","f":[1.50,{"g":-0.0}]}"#
    );
    // A huge id is a number on output and its digits name the record in text formats.
    assert_eq!(frner::output::id_text(&docs[0]), "12345678901234567890123");
    // An id out of f64 range is kept too.
    let docs: Vec<Document> =
        Input::from_jsonl_reader(&b"{\"id\":1e999,\"text\":\"Paris.\"}\n"[..])
            .unwrap()
            .collect();
    assert!(docs[0].error.is_none());
    assert!(serde_json::to_string(&docs[0])
        .unwrap()
        .starts_with("{\"id\":1e999,"));
}

#[test]
fn a_byte_order_mark_is_skipped_and_offsets_count_after_it() {
    let docs: Vec<Document> =
        Input::from_jsonl_reader(&b"\xEF\xBB\xBF{\"id\":\"a\",\"text\":\"Paris\"}\n"[..])
            .unwrap()
            .collect();
    assert!(docs[0].error.is_none(), "{:?}", docs[0].error);
    assert_eq!(docs[0].id, json!("a"));
    // Only at the start of the stream: a BOM on line 2 is invalid JSON.
    let docs: Vec<Document> =
        Input::from_jsonl_reader(&b"{\"text\":\"a\"}\n\xEF\xBB\xBF{\"text\":\"b\"}\n"[..])
            .unwrap()
            .collect();
    assert_eq!(error_kind(&docs[1]), Some("invalid_json"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bom.txt");
    std::fs::write(&path, "\u{feff}Paris est une ville.").unwrap();
    let docs: Vec<Document> = open_input(path.to_str().unwrap()).unwrap().collect();
    assert_eq!(docs[0].text, "Paris est une ville.");
}

#[test]
fn final_blank_lines_are_not_records_but_inner_ones_are() {
    let docs: Vec<Document> =
        Input::from_jsonl_reader(&b"{\"text\":\"a\"}\n\n{\"text\":\"b\"}\n\n  \n"[..])
            .unwrap()
            .collect();
    let kinds: Vec<Option<&str>> = docs.iter().map(error_kind).collect();
    assert_eq!(kinds, [None, Some("blank_line"), None]);
    assert_eq!(docs[2].id, json!(3));
}

/// A part of a larger input (a Spark partition): lines count from `--first-line`, and with
/// `--continued` its final blank lines are records, as they would be in the whole input.
#[test]
fn a_continued_part_numbers_from_its_first_line_and_keeps_final_blank_lines() {
    let part = &b"{\"text\":\"a\"}\n\n{\"id\":\"x\",\"text\":\"b\"}\n\n  \n"[..];
    let mut input = Input::from_jsonl_reader(part).unwrap();
    input.set_numbering(101, true).unwrap();
    let docs: Vec<Document> = input.collect();
    let got: Vec<(Value, Option<&str>, Option<u64>)> = docs
        .iter()
        .map(|d| {
            (
                d.id.clone(),
                error_kind(d),
                d.error.as_ref().map(|e| e.line),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (json!(101), None, None),
            (json!(102), Some("blank_line"), Some(102)),
            (json!("x"), None, None),
            (json!(104), Some("blank_line"), Some(104)),
            (json!(105), Some("blank_line"), Some(105)),
        ]
    );
    // The last part keeps the default: its final blank lines end the input.
    let mut input = Input::from_jsonl_reader(part).unwrap();
    input.set_numbering(101, false).unwrap();
    assert_eq!(input.count(), 3);
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("a.txt");
    std::fs::write(&txt, "Texte.").unwrap();
    let mut input = open_input(txt.to_str().unwrap()).unwrap();
    assert!(input.set_numbering(5, false).is_err());
}

#[test]
fn directories_take_jsonl_files_and_report_broken_links() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("a.txt"), "Texte A.").unwrap();
    std::fs::write(
        root.join("b.jsonl"),
        "{\"id\":\"b1\",\"text\":\"un\"}\n{\"id\":\"b2\",\"text\":\"deux\"}\n",
    )
    .unwrap();
    let mut gz = flate2::write::GzEncoder::new(
        std::fs::File::create(root.join("c.jsonl.gz")).unwrap(),
        flate2::Compression::fast(),
    );
    gz.write_all(b"{\"id\":\"c1\",\"text\":\"trois\"}\n")
        .unwrap();
    gz.finish().unwrap();
    std::os::unix::fs::symlink("nowhere.txt", root.join("d-dangling.txt")).unwrap();
    std::os::unix::fs::symlink("e-loop.txt", root.join("e-loop.txt")).unwrap();
    std::fs::write(root.join("f.png"), [0u8, 1, 2]).unwrap();
    let docs: Vec<Document> = open_input(root.to_str().unwrap()).unwrap().collect();
    let got: Vec<(Value, Option<&str>)> =
        docs.iter().map(|d| (d.id.clone(), error_kind(d))).collect();
    assert_eq!(
        got,
        vec![
            (json!("a.txt"), None),
            (json!("b1"), None),
            (json!("b2"), None),
            (json!("c1"), None),
            (json!("d-dangling.txt"), Some("io_error")),
            (json!("e-loop.txt"), Some("io_error")),
        ]
    );
    let messages: Vec<&str> = docs[4..]
        .iter()
        .map(|d| d.error.as_ref().unwrap().message.as_str())
        .collect();
    assert!(messages[0].contains("dangling"), "{}", messages[0]);
    assert!(messages[1].contains("loop"), "{}", messages[1]);
    // --resume reads the same ids without reading the files' texts.
    let mut input = open_input(root.to_str().unwrap()).unwrap();
    let mut ids = Vec::new();
    while let Some(id) = input.next_record_id().unwrap() {
        ids.push(id);
    }
    assert_eq!(
        ids,
        ["a.txt", "b1", "b2", "c1", "d-dangling.txt", "e-loop.txt"]
    );
}

#[test]
fn a_stream_failing_mid_way_is_reported_to_the_caller() {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    for i in 0..2000 {
        writeln!(gz, "{{\"id\":{i},\"text\":\"article {i} sur Paris\"}}").unwrap();
    }
    let mut bytes = gz.finish().unwrap();
    bytes.truncate(bytes.len() / 2);
    let input = Input::from_jsonl_reader(std::io::Cursor::new(bytes)).unwrap();
    let progress = input.progress();
    assert_eq!(progress.failure(), None);
    let docs: Vec<Document> = input.collect();
    let failure = progress.failure().expect("the failure is recorded");
    let line = docs.last().unwrap().error.as_ref().unwrap().line;
    assert!(failure.contains(&format!("line {line}")), "{failure}");
}
