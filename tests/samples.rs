//! End to end on the bundled articles with both named models, `accurate` (the default) and
//! `fast` (`make test` builds them first):
//! the people, countries, cities and organisations of the table that a reader sees in
//! `data/samples` are found and linked to the right row, short forms included, and the
//! quantities a reader would note come out with their values.

use std::path::Path;

use frner::link::{KnowledgeBase, Linker};
use frner::pipeline::{Options, Pipeline};
use frner::{Document, Entity};

/// The named models' directories (`make model` builds both).
fn models() -> Vec<(&'static str, std::path::PathBuf)> {
    ["accurate", "fast"]
        .into_iter()
        .map(|name| {
            let dir = frner::named_model_dir(name).expect("a named model");
            assert!(
                dir.join("config.json").exists(),
                "no {name} model at {} (run `make model`)",
                dir.display()
            );
            (name, dir)
        })
        .collect()
}

fn tag_samples(dir: &Path) -> Vec<Document> {
    let pipeline = Pipeline::load(
        dir,
        tch::Device::Cpu,
        frner::model::Precision::F32,
        Options::default(),
    )
    .expect("model")
    .with_linker(Some(Linker::new(
        KnowledgeBase::builtin().expect("built-in table"),
    )));
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples");
    let mut docs: Vec<Document> = frner::io::open_input(samples.to_str().expect("utf-8 path"))
        .expect("samples")
        .collect();
    assert_eq!(docs.len(), 5);
    pipeline.tag(&mut docs).expect("tagging");
    docs
}

fn find<'a>(doc: &'a Document, text: &str) -> Vec<&'a Entity> {
    doc.entities.iter().filter(|e| e.text == text).collect()
}

/// `(surface, label, table row id)`: every occurrence of the surface must carry them.
type Linked = (&'static str, &'static str, &'static str);
/// `(surface, kind, value, unit)`.
type Quantity = (&'static str, &'static str, f64, &'static str);

const LINKED: &[(&str, &[Linked])] = &[
    (
        "01-ukraine-frappes-kharkiv.txt",
        &[
            ("Volodymyr Zelensky", "PER", "volodymyr-zelensky"),
            ("Zelensky", "PER", "volodymyr-zelensky"),
            ("Vladimir Poutine", "PER", "vladimir-poutine"),
            ("Dmitri Peskov", "PER", "dmitri-peskov"),
            ("Mark Rutte", "PER", "mark-rutte"),
            ("Emmanuel Macron", "PER", "emmanuel-macron"),
            ("Kharkiv", "LOC", "kharkiv"),
            ("Kiev", "LOC", "kiev"),
            ("Russie", "LOC", "russie"),
            ("Moscou", "LOC", "moscou"),
            ("Kremlin", "ORG", "kremlin"),
            ("Bruxelles", "LOC", "bruxelles"),
            ("Ukraine", "LOC", "ukraine"),
            ("Allemagne", "LOC", "allemagne"),
            ("Pologne", "LOC", "pologne"),
            ("OTAN", "ORG", "otan"),
            ("Pentagone", "ORG", "pentagone"),
        ],
    ),
    (
        "02-gaza-aide-humanitaire.txt",
        &[
            ("Benyamin Netanyahou", "PER", "benyamin-netanyahou"),
            ("António Guterres", "PER", "antonio-guterres"),
            ("Donald Trump", "PER", "donald-trump"),
            ("Gaza", "LOC", "gaza"),
            ("Égypte", "LOC", "egypte"),
            ("Israël", "LOC", "israel"),
            ("Maison-Blanche", "ORG", "maison-blanche"),
            ("ONU", "ORG", "onu"),
            ("Nations unies", "ORG", "onu"),
            ("Organisation mondiale de la santé", "ORG", "oms"),
            ("Banque mondiale", "ORG", "banque-mondiale"),
            ("Union européenne", "ORG", "ue"),
        ],
    ),
    (
        "03-sommet-europeen-defense.txt",
        &[
            ("Ursula von der Leyen", "PER", "ursula-von-der-leyen"),
            ("Viktor Orbán", "PER", "viktor-orban"),
            ("Macron", "PER", "emmanuel-macron"),
            ("Christine Lagarde", "PER", "christine-lagarde"),
            ("Hongrie", "LOC", "hongrie"),
            ("Commission européenne", "ORG", "commission-europeenne"),
            ("Banque centrale européenne", "ORG", "bce"),
            ("BCE", "ORG", "bce"),
            ("Fonds monétaire international", "ORG", "fmi"),
        ],
    ),
    (
        "04-assemblee-budget-2026.txt",
        &[
            ("Sébastien Lecornu", "PER", "sebastien-lecornu"),
            ("Marine Le Pen", "PER", "marine-le-pen"),
            ("Jean-Luc Mélenchon", "PER", "jean-luc-melenchon"),
            ("Assemblée nationale", "ORG", "assemblee-nationale"),
            ("Rassemblement national", "ORG", "rassemblement-national"),
            ("Matignon", "LOC", "matignon"),
        ],
    ),
    (
        "05-canicule-energie-prix.txt",
        &[
            ("Lyon", "LOC", "lyon"),
            ("Marseille", "LOC", "marseille"),
            ("TotalEnergies", "ORG", "totalenergies"),
            ("Insee", "ORG", "insee"),
            ("Banque de France", "ORG", "banque-de-france"),
        ],
    ),
];

const QUANTITIES: &[(&str, &[Quantity])] = &[
    (
        "01-ukraine-frappes-kharkiv.txt",
        &[
            ("près de deux cents", "CARDINAL", 200.0, "blessées"),
            ("12\u{a0}000", "CARDINAL", 12000.0, "soldats"),
            ("30 kilomètres", "MEASURE", 30.0, "km"),
            ("3,5 milliards d’euros", "MONEY", 3.5e9, "EUR"),
            ("plus de 3,7 millions", "CARDINAL", 3.7e6, "personnes"),
        ],
    ),
    (
        "05-canicule-energie-prix.txt",
        &[
            ("4,2\u{202f}%", "PERCENT", 4.2, "%"),
            ("40,3\u{a0}°C", "MEASURE", 40.3, "°C"),
            ("Près de 4 gigawatts", "MEASURE", 4.0, "GW"),
        ],
    ),
];

#[test]
fn samples_link_every_table_entity() {
    for (model, dir) in models() {
        let mut failures = vec![];
        link_every_table_entity(model, &tag_samples(&dir), &mut failures);
        // The fast model is short of its accuracy bar (sixth round: news dev strict F1 0.847
        // against 0.911, models/fast/README.md): 4 occurrences of these 49 surfaces are missed
        // today ("Zelensky" and "Matignon" read ORG, "Nations unies" cut to "Nations", "Union
        // européenne" run on into the next word; 3 with the third round, whose news dev F1 was
        // 0.832, 10 with the first, 0.705). The floor guards against regressions; it goes to
        // zero when the student meets the bar.
        let allowed = if model == "fast" { 4 } else { 0 };
        assert!(
            failures.len() <= allowed,
            "{} failures (at most {allowed}):\n{}",
            failures.len(),
            failures.join("\n")
        );
    }
}

fn link_every_table_entity(model: &str, docs: &[Document], failures: &mut Vec<String>) {
    for (id, expected) in LINKED {
        let doc = docs
            .iter()
            .find(|d| d.id == serde_json::json!(id))
            .expect("sample present");
        for (surface, label, row) in *expected {
            let found = find(doc, surface);
            if found.is_empty() {
                failures.push(format!("{model}: {id}: {surface:?} not found"));
            }
            for e in found {
                let linked = e.link.row().cloned().map(|l| l.id);
                if e.label != *label || linked.as_deref() != Some(*row) {
                    failures.push(format!(
                        "{model}: {id}: {surface:?} tagged {} linked {linked:?}, expected {label} {row}",
                        e.label
                    ));
                }
            }
        }
    }
}

#[test]
fn samples_quantities_and_offsets() {
    for (_, dir) in models() {
        quantities_and_offsets(&tag_samples(&dir));
    }
}

fn quantities_and_offsets(docs: &[Document]) {
    for doc in docs {
        let chars: Vec<char> = doc.text.chars().collect();
        for e in &doc.entities {
            assert_eq!(&doc.text[e.start_byte..e.end_byte], e.text);
            assert_eq!(chars[e.start..e.end].iter().collect::<String>(), e.text);
        }
        // Entities are sorted and never overlap.
        for pair in doc.entities.windows(2) {
            assert!(pair[0].end_byte <= pair[1].start_byte, "{:?}", doc.id);
        }
    }
    for (id, expected) in QUANTITIES {
        let doc = docs
            .iter()
            .find(|d| d.id == serde_json::json!(id))
            .expect("sample present");
        for (surface, kind, value, unit) in *expected {
            let q = find(doc, surface)
                .into_iter()
                .find_map(|e| e.quantity.clone())
                .unwrap_or_else(|| panic!("{id}: no quantity {surface:?}"));
            assert_eq!(q.kind, *kind, "{surface}");
            assert!(
                (q.value - value).abs() < 1e-9 * value.abs().max(1.0),
                "{surface}: {}",
                q.value
            );
            assert_eq!(q.unit.as_deref(), Some(*unit), "{surface}");
        }
    }
}
