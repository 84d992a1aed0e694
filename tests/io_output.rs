//! Output sinks: atomic output, resume after an interruption at any byte, and the content of
//! each format.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use frner::document::{CharIndex, Document, Entity, Link, QuantityValue, RecordError};
use frner::output::{open_sink, partial_path, Format, SinkOptions};
use serde_json::json;

const TEXTS: &[&str] = &[
    "Emmanuel Macron a reçu à l'Élysée le chancelier Olaf Scholz.",
    "La SNCF annonce 3,5 % de trains en plus entre Paris et Lyon.\nM. Dupont, maire de Tours, s'en félicite.",
    "« Nous n'irons pas », a déclaré la CGT. Les salariés d'Airbus à Toulouse attendent.",
    "Le budget atteint près de 2 milliards d'euros <b>&</b> \"plus\".",
];

/// A corpus mixing tagged documents (links, NIL, quantities) and error records.
fn sample_docs(n: usize) -> Vec<Document> {
    (0..n)
        .map(|i| {
            if i % 7 == 3 {
                let error = RecordError {
                    line: i as u64 + 1,
                    kind: frner::document::RecordErrorKind::InvalidJson,
                    message: "EOF while parsing".into(),
                };
                return Document {
                    id: json!(i),
                    error: Some(error),
                    ..Default::default()
                };
            }
            let text = TEXTS[i % TEXTS.len()].to_string();
            let entities = tag(&text);
            Document {
                id: json!(format!("doc-{i}")),
                text,
                entities,
                ..Default::default()
            }
        })
        .collect()
}

/// Hand-made entities standing in for the model: known names, one quantity, links.
fn tag(text: &str) -> Vec<Entity> {
    let index = CharIndex::new(text);
    let known = [
        ("Emmanuel Macron", "PER", Some("Q3052772")),
        ("Élysée", "LOC", None),
        ("Olaf Scholz", "PER", Some("Q61053")),
        ("SNCF", "ORG", Some("Q13646")),
        ("3,5 %", "QUANTITY", None),
        ("Paris", "LOC", Some("Q90")),
        ("Dupont", "PER", None),
        ("CGT", "ORG", Some("Q1127041")),
        ("Airbus", "ORG", Some("Q2311")),
        ("Toulouse", "LOC", Some("Q7880")),
    ];
    let mut entities: Vec<Entity> = known
        .iter()
        .filter_map(|(surface, label, qid)| {
            let start = text.find(surface)?;
            let mut entity =
                Entity::from_byte_span(text, &index, start, start + surface.len(), *label, 0.93);
            if *label == "QUANTITY" {
                entity.quantity = Some(Box::new(QuantityValue {
                    kind: "PERCENT".into(),
                    value: 3.5,
                    unit: Some("%".into()),
                    ..Default::default()
                }));
            } else {
                entity.link = qid
                    .map(|q| Link {
                        id: q.to_lowercase(),
                        wikidata: Some(q.to_string()),
                        name: surface.to_string(),
                        score: 0.88,
                    })
                    .into();
            }
            Some(entity)
        })
        .collect();
    entities.sort_by_key(|e| e.start_byte);
    entities
}

fn write_all(output: &Path, format: Format, docs: &[Document]) {
    let opts = SinkOptions {
        format,
        resume: false,
        ..Default::default()
    };
    let (mut sink, skip) = open_sink(output.to_str().unwrap(), &opts).unwrap();
    assert_eq!(skip, 0);
    for doc in docs {
        sink.write(doc).unwrap();
    }
    sink.finish().unwrap();
}

/// Writes `docs[..written]`, "crashes" (drops the sink), cuts the partial output at `cut`
/// bytes (if given), resumes, and finishes the run.
fn interrupted_run(
    output: &Path,
    format: Format,
    docs: &[Document],
    written: usize,
    cut: Option<u64>,
) {
    let fresh = SinkOptions {
        format,
        resume: false,
        ..Default::default()
    };
    let (mut sink, _) = open_sink(output.to_str().unwrap(), &fresh).unwrap();
    for doc in &docs[..written] {
        sink.write(doc).unwrap();
    }
    drop(sink);
    assert!(
        !output.exists(),
        "nothing appears under the final name before finish"
    );
    if let Some(cut) = cut {
        let partial = fs::OpenOptions::new()
            .write(true)
            .open(partial_path(output))
            .unwrap();
        partial.set_len(cut).unwrap();
    }
    let resume = SinkOptions {
        format,
        resume: true,
        ..Default::default()
    };
    let (mut sink, skip) = open_sink(output.to_str().unwrap(), &resume).unwrap();
    let skip = usize::try_from(skip).unwrap();
    assert!(
        skip <= written,
        "resume claims {skip} records, only {written} were written"
    );
    for doc in &docs[skip..] {
        sink.write(doc).unwrap();
    }
    sink.finish().unwrap();
    assert!(!partial_path(output).exists());
}

#[test]
fn resume_after_a_cut_at_every_byte_gives_the_uninterrupted_output() {
    let docs = sample_docs(9);
    let dir = tempfile::tempdir().unwrap();
    for format in [Format::Jsonl, Format::Conll, Format::Html] {
        let clean = dir.path().join(format!("clean.{format}"));
        write_all(&clean, format, &docs);
        let expected = fs::read(&clean).unwrap();

        // The partial file after writing 6 records, to know the range of cut points.
        let probe = dir.path().join(format!("probe.{format}"));
        let (mut sink, _) = open_sink(
            probe.to_str().unwrap(),
            &SinkOptions {
                format,
                resume: false,
                ..Default::default()
            },
        )
        .unwrap();
        for doc in &docs[..6] {
            sink.write(doc).unwrap();
        }
        drop(sink);
        let partial_len = fs::metadata(partial_path(&probe)).unwrap().len();

        let output = dir.path().join(format!("out.{format}"));
        for cut in 0..=partial_len {
            interrupted_run(&output, format, &docs, 6, Some(cut));
            assert_eq!(
                fs::read(&output).unwrap(),
                expected,
                "{format}: cut at byte {cut}"
            );
            fs::remove_file(&output).unwrap();
        }
    }
}

#[test]
fn resume_after_drop_without_cut_skips_exactly_what_was_written() {
    let docs = sample_docs(40);
    let dir = tempfile::tempdir().unwrap();
    for format in [Format::Jsonl, Format::Conll, Format::Html] {
        let output = dir.path().join(format!("out.{format}"));
        let (mut sink, _) = open_sink(
            output.to_str().unwrap(),
            &SinkOptions {
                format,
                resume: false,
                ..Default::default()
            },
        )
        .unwrap();
        for doc in &docs[..25] {
            sink.write(doc).unwrap();
        }
        drop(sink);
        let (_, skip) = open_sink(
            output.to_str().unwrap(),
            &SinkOptions {
                format,
                resume: true,
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(skip, 25, "{format}");
    }
}

#[test]
fn resume_of_a_finished_output_appends_after_it() {
    let docs = sample_docs(12);
    let dir = tempfile::tempdir().unwrap();
    for format in [Format::Jsonl, Format::Conll, Format::Html] {
        let clean = dir.path().join(format!("clean.{format}"));
        write_all(&clean, format, &docs);
        let output = dir.path().join(format!("out.{format}"));
        write_all(&output, format, &docs[..8]);
        let (mut sink, skip) = open_sink(
            output.to_str().unwrap(),
            &SinkOptions {
                format,
                resume: true,
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(skip, 8, "{format}");
        for doc in &docs[8..] {
            sink.write(doc).unwrap();
        }
        sink.finish().unwrap();
        assert_eq!(
            fs::read(&output).unwrap(),
            fs::read(&clean).unwrap(),
            "{format}"
        );
    }
}

#[test]
fn without_resume_a_stale_partial_is_discarded_and_the_old_output_kept_until_finish() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("out.jsonl");
    fs::write(&output, "old complete output\n").unwrap();
    fs::write(partial_path(&output), "{\"id\":\"stale\"}\n{\"id\":").unwrap();
    let docs = sample_docs(3);
    let (mut sink, skip) = open_sink(output.to_str().unwrap(), &SinkOptions::default()).unwrap();
    assert_eq!(skip, 0);
    for doc in &docs {
        sink.write(doc).unwrap();
    }
    assert_eq!(
        fs::read_to_string(&output).unwrap(),
        "old complete output\n"
    );
    sink.finish().unwrap();
    let lines: Vec<serde_json::Value> = fs::read_to_string(&output)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let ids: Vec<_> = lines.iter().map(|l| l["id"].clone()).collect();
    assert_eq!(ids, vec![json!("doc-0"), json!("doc-1"), json!("doc-2")]);
}

#[test]
fn jsonl_records_carry_entities_links_quantities_and_errors() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("out.jsonl");
    write_all(&output, Format::Jsonl, &sample_docs(4));
    let content = fs::read_to_string(&output).unwrap();
    let records: Vec<serde_json::Value> = content
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), 4);
    assert_eq!(records[0]["entities"][0]["text"], "Emmanuel Macron");
    assert_eq!(records[0]["entities"][0]["link"]["wikidata"], "Q3052772");
    assert_eq!(records[0]["entities"][1]["link"], serde_json::Value::Null);
    let quantity = records[1]["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["label"] == "QUANTITY")
        .unwrap();
    assert_eq!(
        (quantity["kind"].clone(), quantity["value"].clone()),
        (json!("PERCENT"), json!(3.5))
    );
    assert_eq!(records[3]["error"]["kind"], "invalid_json");
    assert_eq!(records[3]["error"]["line"], 4);
    assert!(records.iter().all(|r| r.get("text").is_none()));
}

#[test]
fn conll_tags_and_blocks() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("out.conll");
    write_all(&output, Format::Conll, &sample_docs(4));
    let content = fs::read_to_string(&output).unwrap();
    assert!(content
        .starts_with("# id = doc-0\n# sentences = 1\nEmmanuel\tB-PER\nMacron\tI-PER\na\tO\n"));
    assert!(content.contains("à\tO\nl'\tO\nÉlysée\tB-LOC\n"));
    assert!(content.contains("3,5\tB-QUANTITY\n%\tI-QUANTITY\n"));
    assert!(
        content.contains("# id = doc-1\n# sentences = 2\n"),
        "doc-1 has two sentences"
    );
    assert!(content.contains("M.\tO\nDupont\tB-PER\n"));
    assert!(content.contains("# id = 3\n# error = {\"line\":4,\"kind\":\"invalid_json\""));
    for line in content
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        assert_eq!(line.split('\t').count(), 2, "token line {line:?}");
    }
}

fn read_dir_files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p: PathBuf| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                fs::read(&p).unwrap(),
            )
        })
        .collect()
}

#[test]
fn brat_writes_txt_ann_and_manifest_and_resumes() {
    let docs = sample_docs(10);
    let dir = tempfile::tempdir().unwrap();
    let clean = dir.path().join("clean");
    write_all(&clean, Format::Brat, &docs);
    let files = read_dir_files(&clean);
    assert_eq!(files["doc-0.txt"], TEXTS[0].as_bytes());
    let ann = String::from_utf8(files["doc-0.ann"].clone()).unwrap();
    assert!(
        ann.starts_with(
            "T1\tPER 0 15\tEmmanuel Macron\nN1\tReference T1 Wikidata:Q3052772\tEmmanuel Macron\n"
        ),
        "{ann}"
    );
    let manifest = String::from_utf8(files["frner-manifest.jsonl"].clone()).unwrap();
    assert_eq!(manifest.lines().count(), 10);
    assert!(manifest.lines().nth(3).unwrap().contains("\"error\""));
    assert!(files.contains_key("annotation.conf"));

    // Interrupted after 7 records, manifest cut in the middle of its last line.
    let output = dir.path().join("out");
    let out = output.to_str().unwrap();
    let (mut sink, _) = open_sink(
        out,
        &SinkOptions {
            format: Format::Brat,
            resume: false,
            ..Default::default()
        },
    )
    .unwrap();
    for doc in &docs[..7] {
        sink.write(doc).unwrap();
    }
    drop(sink);
    let manifest_path = partial_path(&output).join("frner-manifest.jsonl");
    let len = fs::metadata(&manifest_path).unwrap().len();
    fs::OpenOptions::new()
        .write(true)
        .open(&manifest_path)
        .unwrap()
        .set_len(len - 5)
        .unwrap();
    let (mut sink, skip) = open_sink(
        out,
        &SinkOptions {
            format: Format::Brat,
            resume: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(skip, 6);
    for doc in &docs[6..] {
        sink.write(doc).unwrap();
    }
    sink.finish().unwrap();
    assert_eq!(read_dir_files(&output), files);
}

#[test]
fn brat_refuses_to_replace_a_foreign_directory() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("precious.txt"), "keep me").unwrap();
    let result = open_sink(
        dir.path().to_str().unwrap(),
        &SinkOptions {
            format: Format::Brat,
            resume: false,
            ..Default::default()
        },
    );
    assert!(result.is_err());
    assert!(dir.path().join("precious.txt").exists());
}

#[test]
fn brat_file_names_are_unique_and_safe() {
    let text = "Paris".to_string();
    let docs: Vec<Document> = ["a/b", "a_b", "A_B", "../x", ""]
        .iter()
        .map(|id| Document {
            id: json!(id),
            text: text.clone(),
            ..Default::default()
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("brat");
    write_all(&output, Format::Brat, &docs);
    let names: Vec<String> = read_dir_files(&output)
        .into_keys()
        .filter(|n| n.ends_with(".txt"))
        .collect();
    // Sorted by byte order; `../x` loses its leading dots, case-folded duplicates get suffixes.
    assert_eq!(
        names,
        ["A_B-3.txt", "_x.txt", "a_b-2.txt", "a_b.txt", "doc5.txt"]
    );
}

#[test]
fn html_page_is_self_contained_and_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("page.html");
    write_all(&output, Format::Html, &sample_docs(8));
    let page = fs::read_to_string(&output).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>") && page.trim_end().ends_with("</html>"));
    assert!(!page.contains("<script src") && !page.contains("<link ") && !page.contains("@import"));
    assert!(page.contains("class=\"ent ent-PER\""));
    assert!(page.contains("Emmanuel Macron (Q3052772)"));
    assert!(page.contains("PERCENT = 3.5 %"));
    assert!(page.contains("&lt;b&gt;&amp;&lt;/b&gt; &quot;plus&quot;"));
    assert!(page.contains("<footer><p>8 documents</p></footer>"));
    // `make screenshot` renders this page: keep a copy where asked.
    if let Ok(copy) = std::env::var("FRNER_HTML_SAMPLE") {
        fs::copy(&output, copy).unwrap();
    }
}

#[test]
fn stdout_cannot_resume_and_brat_needs_a_directory() {
    assert!(open_sink(
        "-",
        &SinkOptions {
            format: Format::Jsonl,
            resume: true,
            ..Default::default()
        }
    )
    .is_err());
    assert!(open_sink(
        "-",
        &SinkOptions {
            format: Format::Brat,
            resume: false,
            ..Default::default()
        }
    )
    .is_err());
}
