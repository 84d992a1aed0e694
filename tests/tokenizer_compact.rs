//! The compact Unigram model segments exactly as the `tokenizers` crate's own model, on the
//! default model's 250k-piece vocabulary: news text, the test sentences, and arbitrary Unicode.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use frner::tokenize::SubwordTokenizer;
use proptest::prelude::*;

fn tokenizer_json() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("models/e5-small-fr-ner/tokenizer.json")
}

fn pair() -> &'static (SubwordTokenizer, SubwordTokenizer) {
    static PAIR: OnceLock<(SubwordTokenizer, SubwordTokenizer)> = OnceLock::new();
    PAIR.get_or_init(|| {
        let path = tokenizer_json();
        let compact = SubwordTokenizer::from_file_with(&path, None, true).expect("compact");
        let reference = SubwordTokenizer::from_file_with(&path, None, false).expect("reference");
        assert!(compact.is_compact(), "the e5 tokenizer is a Unigram model");
        assert!(!reference.is_compact());
        (compact, reference)
    })
}

fn assert_same(text: &str) {
    let (compact, reference) = pair();
    let a = compact.encode(text).expect("compact encode");
    let b = reference.encode(text).expect("reference encode");
    assert_eq!(a.ids, b.ids, "ids differ on {text:?}");
    assert_eq!(a.spans, b.spans, "spans differ on {text:?}");
}

#[test]
fn same_special_tokens_and_padding() {
    let (compact, reference) = pair();
    assert_eq!(compact.prefix, reference.prefix);
    assert_eq!(compact.suffix, reference.suffix);
    assert_eq!(compact.pad_id, reference.pad_id);
}

#[test]
fn same_subwords_on_the_news_dev_set() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut n = 0;
    for doc in frner::gold::read_jsonl(&root.join("data/news-dev/dev.jsonl")).expect("news dev") {
        assert_same(&doc.text);
        n += pair().0.encode(&doc.text).expect("encode").len();
    }
    assert!(n > 10_000, "only {n} subwords compared");
    let sentences = std::fs::read_to_string(root.join("tests/fixtures/faithfulness_sentences.txt"))
        .expect("sentences");
    for s in sentences.lines() {
        assert_same(s);
    }
}

#[test]
fn same_subwords_on_hard_cases() {
    for text in [
        "",
        " ",
        "\u{feff}\u{200b}Zéro",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "https://www.example.org/chemin/vers?q=1&r=%C3%A9",
        "日本語のテキストと한국어 텍스트, ελληνικά, עברית, العربية",
        "\u{10FFFF}\u{E000}\u{1F600}\u{1F1EB}\u{1F1F7} 🇫🇷",
        "e\u{301}\u{301}\u{301} combinants",
        "\u{0}\u{1}\u{7f}\t\r\n",
        "ＰＡＲＩＳ，１６ octobre (ＡＦＰ)",
    ] {
        assert_same(text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn same_subwords_on_arbitrary_unicode(text in "\\PC{0,60}") {
        assert_same(&text);
    }

    #[test]
    fn same_subwords_on_any_chars(chars in proptest::collection::vec(any::<char>(), 0..40)) {
        let text: String = chars.into_iter().collect();
        assert_same(&text);
    }
}
