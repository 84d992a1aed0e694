//! The fast model's pruned vocabulary (`make` builds models/e5-small-fr-ner-fast from the
//! committed artifact, scripts/prune_vocab.py): on any text whose full-vocabulary segmentation
//! uses only kept pieces it segments exactly as the full tokenizer; on anything else it never
//! fails, falls back to shorter pieces (no character becomes `<unk>` that was not), and its
//! offsets cover the same text. Plus `--model fast|accurate` resolution.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use frner::tokenize::{SubwordTokenizer, Tokens};
use proptest::prelude::*;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fast_dir() -> PathBuf {
    let dir = frner::named_model_dir("fast").expect("a model named fast");
    assert!(
        dir.join("config.json").exists(),
        "no fast model at {} (run `make model`)",
        dir.display()
    );
    dir
}

/// The pieces of a Unigram tokenizer.json, by id.
fn pieces(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).expect("tokenizer.json");
    let json: serde_json::Value = serde_json::from_str(&text).expect("tokenizer json");
    json["model"]["vocab"]
        .as_array()
        .expect("a Unigram vocab")
        .iter()
        .map(|e| e[0].as_str().expect("piece").to_string())
        .collect()
}

struct Side {
    tok: SubwordTokenizer,
    pieces: Vec<String>,
}

impl Side {
    fn load(path: &Path) -> Side {
        Side {
            tok: SubwordTokenizer::from_file(path, None).expect("tokenizer"),
            pieces: pieces(path),
        }
    }
    fn encode(&self, text: &str) -> (Tokens, Vec<&str>) {
        let t = self.tok.encode(text).expect("encode never fails");
        let p = t
            .ids
            .iter()
            .map(|&i| self.pieces[i as usize].as_str())
            .collect();
        (t, p)
    }
}

struct Pair {
    full: Side,
    pruned: Side,
    kept: HashSet<String>,
}

fn pair() -> &'static Pair {
    static PAIR: OnceLock<Pair> = OnceLock::new();
    PAIR.get_or_init(|| {
        let full = Side::load(&root().join("models/e5-small-fr-ner/tokenizer.json"));
        let pruned = Side::load(&fast_dir().join("tokenizer.json"));
        assert!(pruned.tok.is_compact());
        assert!(
            pruned.pieces.len() * 3 < full.pieces.len(),
            "{} of {} pieces kept",
            pruned.pieces.len(),
            full.pieces.len()
        );
        let kept = pruned.pieces.iter().cloned().collect();
        Pair { full, pruned, kept }
    })
}

/// Returns whether the full segmentation used only kept pieces (then both must be identical).
fn check(text: &str) -> bool {
    let p = pair();
    let (ft, fp) = p.full.encode(text);
    let (pt, pp) = p.pruned.encode(text);
    for &(s, e) in &pt.spans {
        assert!(
            s <= e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e),
            "span ({s}, {e}) of {text:?}"
        );
    }
    assert!(
        pt.spans.windows(2).all(|w| w[0].0 <= w[1].0),
        "spans out of order on {text:?}"
    );
    if fp.iter().all(|x| p.kept.contains(*x)) {
        assert_eq!(fp, pp, "pieces differ on {text:?}");
        assert_eq!(ft.spans, pt.spans, "spans differ on {text:?}");
        return true;
    }
    // A dropped piece falls back to kept ones: nothing new is unknown, the spans run forward,
    // and the segmentation starts and ends where the full one does. (Which piece a character
    // the normalizer drops is attributed to may differ; the pieces of a character NFKC
    // expands, "⅖" → "2⁄5", share its span.)
    if !fp.contains(&"<unk>") {
        assert!(!pp.contains(&"<unk>"), "new <unk> on {text:?}: {pp:?}");
    }
    assert!(
        pt.spans.windows(2).all(|w| w[0].1 <= w[1].1),
        "spans run backwards on {text:?}: {:?}",
        pt.spans
    );
    let ends = |spans: &[(usize, usize)]| {
        let nonempty: Vec<_> = spans.iter().filter(|(s, e)| s < e).collect();
        (nonempty.first().map(|x| x.0), nonempty.last().map(|x| x.1))
    };
    assert_eq!(
        ends(&ft.spans),
        ends(&pt.spans),
        "{text:?}: {fp:?} / {pp:?}"
    );
    false
}

#[test]
fn same_segmentation_on_the_pruning_corpus() {
    // The news dev texts and the samples are in the pruning corpus (with the training text):
    // every one of them segments exactly as before.
    let mut subwords = 0;
    for doc in frner::gold::read_jsonl(&root().join("data/news-dev/dev.jsonl")).expect("news dev") {
        assert!(check(&doc.text), "news dev text with a dropped piece");
        subwords += pair().pruned.encode(&doc.text).0.len();
    }
    assert!(subwords > 10_000, "only {subwords} subwords compared");
}

#[test]
fn other_text_falls_back_or_segments_alike() {
    // Text outside the pruning corpus: the held-out news test set, French and English
    // sentences. Most French text still segments exactly as before.
    let mut texts: Vec<String> = frner::gold::read_jsonl(&root().join("data/news-test/test.jsonl"))
        .expect("news test")
        .into_iter()
        .map(|d| d.text)
        .collect();
    let sentences =
        std::fs::read_to_string(root().join("tests/fixtures/faithfulness_sentences.txt"))
            .expect("sentences");
    texts.extend(sentences.lines().map(String::from));
    let same = texts.iter().filter(|t| check(t)).count();
    assert!(same > 0 && same <= texts.len());
}

#[test]
fn hard_cases_never_fail() {
    for text in [
        "",
        " ",
        "\u{feff}\u{200b}Zéro",
        "anticonstitutionnellement Bundesverfassungsgericht",
        "https://www.example.org/chemin/vers?q=1&r=%C3%A9",
        "日本語のテキストと한국어 텍스트, ελληνικά, עברית, العربية",
        "\u{10FFFF}\u{E000}\u{1F600}\u{1F1EB}\u{1F1F7} 🇫🇷 👩‍👩‍👧",
        "e\u{301}\u{301}\u{301} combinants",
        "\u{0}\u{1}\u{7f}\t\r\n",
        "ＰＡＲＩＳ，１６ octobre (ＡＦＰ)",
    ] {
        check(text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_unicode_never_fails(text in "\\PC{0,60}") {
        check(&text);
    }

    #[test]
    fn any_chars_never_fail(chars in proptest::collection::vec(any::<char>(), 0..40)) {
        let text: String = chars.into_iter().collect();
        check(&text);
    }
}

#[test]
fn model_names_resolve() {
    assert_eq!(
        frner::resolve_model(Some(Path::new("fast"))),
        root().join("models/e5-small-fr-ner-fast")
    );
    assert_eq!(
        frner::resolve_model(Some(Path::new("Accurate"))),
        root().join("models/e5-small-fr-ner")
    );
    // A path is taken as given, existing or not.
    let tmp = tempfile::tempdir().expect("tempdir");
    assert_eq!(frner::resolve_model(Some(tmp.path())), tmp.path());
    assert_eq!(
        frner::resolve_model(Some(Path::new("no/such/dir"))),
        PathBuf::from("no/such/dir")
    );
}

#[test]
fn fast_model_defaults_to_auto_dtype() {
    let config =
        frner::model::Config::from_file(&fast_dir().join("config.json")).expect("fast config");
    assert_eq!(config.frner_dtype.as_deref(), Some("auto"));
    assert!(config.num_hidden_layers < 12);
}
