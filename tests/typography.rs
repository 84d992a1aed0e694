//! Typographic normalization end to end with both named models (`make test` builds them): the
//! model sees the same subwords whether a text uses typographic or ASCII punctuation, so the
//! entities are the same, and their offsets point into the text as the user gave it.

use frner::pipeline::{Options, Pipeline};
use frner::Document;

/// The pipelines of the named models, `accurate` and `fast` (`make model` builds both).
fn pipelines() -> Vec<Pipeline> {
    ["accurate", "fast"]
        .into_iter()
        .map(|name| {
            let dir = frner::named_model_dir(name).expect("a named model");
            assert!(
                dir.join("config.json").exists(),
                "no {name} model at {} (run `make model`)",
                dir.display()
            );
            Pipeline::load(
                &dir,
                tch::Device::Cpu,
                frner::model::Precision::F32,
                Options::default(),
            )
            .expect("model")
        })
        .collect()
}

/// Each pair: a sentence as newspapers print it, and the same with ASCII punctuation and
/// plain spaces, char for char (dropped invisible characters aside).
const PAIRS: &[(&str, &str)] = &[
    (
        "Le président de la Côte d\u{2019}Ivoire a reçu l\u{2019}ambassadeur à Abidjan.",
        "Le président de la Côte d'Ivoire a reçu l'ambassadeur à Abidjan.",
    ),
    (
        "La région Provence-Alpes-Côte d\u{2018}Azur et l\u{02BC}Occitanie ont voté.",
        "La région Provence-Alpes-Côte d'Azur et l'Occitanie ont voté.",
    ),
    (
        "\u{201C}Nous irons à Bruxelles\u{201D}, a déclaré Ursula von der Leyen.",
        "\"Nous irons à Bruxelles\", a déclaré Ursula von der Leyen.",
    ),
    (
        "Le\u{00A0}Monde et Libération citent Emmanuel\u{202F}Macron à Marseille\u{00A0}: « oui\u{202F}».",
        "Le Monde et Libération citent Emmanuel Macron à Marseille : « oui ».",
    ),
    (
        "Des crues en Seine\u{2011}Saint\u{2011}Denis \u{2014} selon Météo\u{2010}France.",
        "Des crues en Seine-Saint-Denis - selon Météo-France.",
    ),
];

fn tag(p: &Pipeline, texts: &[&str]) -> Vec<Document> {
    let mut docs: Vec<Document> = texts
        .iter()
        .map(|t| Document {
            text: t.to_string(),
            ..Default::default()
        })
        .collect();
    p.tag(&mut docs).expect("tagging");
    docs
}

#[test]
fn typographic_text_reads_as_ascii_text() {
    for p in pipelines() {
        typographic_reads_as_ascii(&p);
    }
}

fn typographic_reads_as_ascii(p: &Pipeline) {
    for (typo, ascii) in PAIRS {
        assert_eq!(typo.chars().count(), ascii.chars().count());
        let a = p.tokenizer.encode(typo).expect("encode");
        let b = p.tokenizer.encode(ascii).expect("encode");
        assert_eq!(a.ids, b.ids, "{typo}");
        let docs = tag(p, &[typo, ascii]);
        let (t, s) = (&docs[0], &docs[1]);
        assert!(!s.entities.is_empty(), "{ascii}: no entity");
        assert_eq!(t.entities.len(), s.entities.len(), "{typo}");
        for (x, y) in t.entities.iter().zip(&s.entities) {
            assert_eq!((x.start, x.end, &x.label), (y.start, y.end, &y.label));
            assert!((x.score - y.score).abs() < 1e-5);
            // Offsets index the original text: its own apostrophes and spaces.
            let chars: Vec<char> = typo.chars().collect();
            let text: String = chars[x.start..x.end].iter().collect();
            assert_eq!(text, x.text);
            assert_eq!(&typo[x.start_byte..x.end_byte], x.text);
        }
    }
}

#[test]
fn apostrophe_names_are_one_entity() {
    for p in pipelines() {
        apostrophe_names(&p);
    }
}

fn apostrophe_names(p: &Pipeline) {
    let docs = tag(
        p,
        &["Le président de la Côte d\u{2019}Ivoire s\u{2019}est rendu au Louvre, dans la galerie d\u{2019}Apollon."],
    );
    let texts: Vec<&str> = docs[0].entities.iter().map(|e| e.text.as_str()).collect();
    assert!(texts.contains(&"Côte d\u{2019}Ivoire"), "{texts:?}");
    for e in &docs[0].entities {
        assert!(
            !e.text.ends_with(['\u{2019}', '\'']) && !e.text.ends_with(" d"),
            "{texts:?}"
        );
        assert!(!e.text.starts_with(['\u{2019}', '\'']), "{texts:?}");
    }
    assert!(!texts.contains(&"Ivoire"), "{texts:?}");
}

#[test]
fn invisible_characters_stay_outside_entities() {
    for p in pipelines() {
        invisible_characters(&p);
    }
}

fn invisible_characters(p: &Pipeline) {
    let text = "\u{200B}Emmanuel Macron\u{200B} est arrivé à Marseille\u{FEFF}.";
    let docs = tag(p, &[text]);
    let per = docs[0]
        .entities
        .iter()
        .find(|e| e.label == "PER")
        .expect("a person");
    assert_eq!(per.text, "Emmanuel Macron");
    assert_eq!((per.start, per.end), (1, 16));
    let loc = docs[0]
        .entities
        .iter()
        .find(|e| e.label == "LOC")
        .expect("a place");
    assert_eq!(loc.text, "Marseille");
}
