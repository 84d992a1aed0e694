//! Quantity recognizer through the public API: precision/recall on the hand-annotated set,
//! offset and ordering invariants on arbitrary input (proptest), and the merge rule.

use frner::quantity::{find_quantities, merge};
use frner::{CharIndex, Entity, QuantityValue};
use proptest::prelude::*;
use serde::Deserialize;

const ANNOTATED: &str = include_str!("fixtures/quantities/annotated.jsonl");

#[derive(Deserialize)]
struct Sentence {
    source: String,
    /// `dev` (used while writing the rules) or `heldout` (annotated after, scored once).
    #[serde(default)]
    batch: String,
    text: String,
    quantities: Vec<Gold>,
}

/// Gold, predicted and correct counts.
#[derive(Default, Clone, Copy)]
struct Counts {
    gold: usize,
    pred: usize,
    hits: usize,
}

impl Counts {
    fn add(&mut self, o: Counts) {
        self.gold += o.gold;
        self.pred += o.pred;
        self.hits += o.hits;
    }

    fn precision(&self) -> f64 {
        self.hits as f64 / self.pred.max(1) as f64
    }

    fn recall(&self) -> f64 {
        self.hits as f64 / self.gold.max(1) as f64
    }

    fn line(&self, name: &str) -> String {
        format!(
            "{name}: {} gold, {} predicted, {} correct; precision {:.3}, recall {:.3}",
            self.gold,
            self.pred,
            self.hits,
            self.precision(),
            self.recall()
        )
    }
}

#[derive(Deserialize)]
struct Gold {
    text: String,
    start: usize,
    end: usize,
    kind: String,
    value: f64,
}

fn same_value(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn quantities(text: &str) -> Vec<Entity> {
    find_quantities(text, &CharIndex::new(text))
}

/// Exact span (char offsets) + kind + value, over every sentence of the annotated set.
#[test]
fn annotated_set_precision_and_recall() {
    let mut batches: Vec<(String, Counts)> = Vec::new();
    let mut report = String::new();
    for (line_no, line) in ANNOTATED.lines().enumerate() {
        let s: Sentence = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("annotated.jsonl line {}: {e}", line_no + 1));
        let chars: Vec<char> = s.text.chars().collect();
        for g in &s.quantities {
            let surface: String = chars[g.start..g.end].iter().collect();
            assert_eq!(surface, g.text, "{}: gold offsets", s.source);
        }
        let pred = quantities(&s.text);
        let mut c = Counts {
            gold: s.quantities.len(),
            pred: pred.len(),
            hits: 0,
        };
        let mut matched = vec![false; s.quantities.len()];
        for p in &pred {
            let v = p.quantity.clone().unwrap_or_default();
            let hit = s.quantities.iter().enumerate().find(|(i, g)| {
                !matched[*i]
                    && g.start == p.start
                    && g.end == p.end
                    && g.kind == v.kind
                    && same_value(g.value, v.value)
            });
            match hit {
                Some((i, _)) => {
                    matched[i] = true;
                    c.hits += 1;
                }
                None => report.push_str(&format!(
                    "  FP {}: [{}] {} {}\n",
                    s.source, p.text, v.kind, v.value
                )),
            }
        }
        for (g, m) in s.quantities.iter().zip(&matched) {
            if !m {
                report.push_str(&format!(
                    "  FN {}: [{}] {} {}\n",
                    s.source, g.text, g.kind, g.value
                ));
            }
        }
        match batches.iter_mut().find(|(b, _)| *b == s.batch) {
            Some((_, total)) => total.add(c),
            None => batches.push((s.batch.clone(), c)),
        }
    }
    let mut all = Counts::default();
    for (name, c) in &batches {
        println!("{}", c.line(&format!("annotated set, {name} batch")));
        all.add(*c);
    }
    println!("{}\n{report}", all.line("annotated set, all"));
    assert!(
        all.gold >= 150,
        "the annotated set must hold at least 150 quantities"
    );
    assert!(
        all.precision() >= 0.95,
        "precision {:.3} < 0.95\n{report}",
        all.precision()
    );
    assert!(
        all.recall() >= 0.95,
        "recall {:.3} < 0.95\n{report}",
        all.recall()
    );
}

/// Every span is a valid slice with char offsets that agree with `CharIndex`; spans are
/// sorted and disjoint; values are finite.
fn check_invariants(text: &str) {
    let index = CharIndex::new(text);
    let found = find_quantities(text, &index);
    let mut last_end = 0;
    for e in &found {
        assert!(e.start_byte < e.end_byte, "empty span {e:?}");
        assert!(e.start_byte >= last_end, "overlap or disorder {e:?}");
        assert!(text.is_char_boundary(e.start_byte) && text.is_char_boundary(e.end_byte));
        assert_eq!(e.text, &text[e.start_byte..e.end_byte]);
        assert_eq!(e.start, index.char_of(e.start_byte));
        assert_eq!(e.end, index.char_of(e.end_byte));
        assert_eq!(e.start, text[..e.start_byte].chars().count());
        assert_eq!(e.label, "QUANTITY");
        let q = e.quantity.as_ref().expect("quantity value");
        assert!(q.value.is_finite(), "{e:?}");
        assert!(matches!(
            q.kind.as_str(),
            "CARDINAL" | "MONEY" | "PERCENT" | "MEASURE"
        ));
        last_end = e.end_byte;
    }
}

/// Text made of the pieces the grammar reacts to, glued in random ways.
fn frenchish() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "12",
        "000",
        "3",
        ",",
        ".",
        "5",
        "'",
        "’",
        " ",
        "\u{a0}",
        "\u{202f}",
        "-",
        "/",
        "%",
        "€",
        "$",
        "°",
        "C",
        "km",
        "m",
        "²",
        "h",
        "30",
        "de",
        "d'",
        "euros",
        "millions",
        "milliard",
        "une",
        "un",
        "dizaine",
        "des",
        "centaines",
        "vingt",
        "et",
        "quatre",
        "-vingt",
        "dix",
        "cent",
        "mille",
        "entre",
        "à",
        "près",
        "plus",
        "moins",
        "jusqu'à",
        "environ",
        "ans",
        "heures",
        "pour",
        "cent",
        "points",
        "pourcentage",
        "le",
        "mars",
        "2023",
        "1er",
        "e",
        "n°",
        "(",
        ")",
        "\n",
        "Trois",
        "É",
        "é",
        "\u{301}",
        "ᵉ",
        "fr.",
        "francs",
        "suisses",
        "x",
        "×",
        "+",
        "−",
        "et demi",
        "0",
        "01",
        "9999999999999999999",
    ]);
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_unicode_never_breaks_invariants(text in any::<String>()) {
        check_invariants(&text);
    }

    #[test]
    fn frenchish_text_never_breaks_invariants(text in frenchish()) {
        check_invariants(&text);
    }

    #[test]
    fn merge_output_is_sorted_and_disjoint(text in frenchish(), cuts in prop::collection::vec((0usize..200, 1usize..12, 0usize..4), 0..6)) {
        // Model spans: disjoint random char ranges with random labels.
        let index = CharIndex::new(&text);
        let n = text.chars().count();
        let mut spans: Vec<(usize, usize, usize)> = cuts
            .into_iter()
            .filter(|(s, _, _)| *s < n)
            .map(|(s, l, lab)| (s, (s + l).min(n), lab))
            .collect();
        spans.sort();
        let mut model = Vec::new();
        let mut last = 0;
        for (s, e, lab) in spans {
            if s < last || s >= e {
                continue;
            }
            let label = ["PER", "ORG", "LOC", "MISC"][lab];
            let (b0, b1) = (index.byte_of(s), index.byte_of(e));
            model.push(Entity::from_byte_span(&text, &index, b0, b1, label, 0.9));
            last = e;
        }
        let quantities = find_quantities(&text, &index);
        let merged = merge(model.clone(), quantities.clone());
        let mut end = 0;
        for e in &merged {
            prop_assert!(e.start_byte >= end);
            end = e.end_byte;
        }
        // Named entities always survive.
        for m in model.iter().filter(|m| m.label != "MISC") {
            prop_assert!(merged.contains(m));
        }
    }
}

#[test]
fn historic_ocr_text_does_not_panic() {
    for text in [
        "Il laisse 1 , 5 fr . 50 c. et 3. 000 hommes ; 4 5 6 7 8 9 10 11 12",
        "rixd. 22,650 ; le} o avril ; 2'24 \" ; 7 _' 23 \" ; à l' 06 \".",
        "__ ---__ -- __ Londres, ce 9 février 1928. 1 , ,, 2 ,,, 3 ‰ ‰",
        "5, ooo hommes ; quatre-vingtsept ans ; vingt-et- ; -et-un ; et demi ; pour",
        "1.2.3.4.5.6.7.8.9.0.1.2.3.4.5.6.7.8.9.0 99999999999999999999999999 0,000000000000001",
        "entre et ; de à % ; des de dizaines de de milliers ; une ; un un un",
    ] {
        check_invariants(text);
    }
}

#[test]
fn every_field_is_filled() {
    let text = "Le budget atteint près de 3,5 milliards d'euros.";
    let found = quantities(text);
    assert_eq!(found.len(), 1);
    let e = &found[0];
    assert_eq!(e.text, "près de 3,5 milliards d'euros");
    assert_eq!(e.score, 1.0);
    assert_eq!(
        e.quantity,
        Some(Box::new(QuantityValue {
            kind: "MONEY".into(),
            value: 3.5e9,
            min: None,
            max: None,
            unit: Some("EUR".into()),
            approx: true,
            qualifier: Some("près de".into()),
        }))
    );
    let json = serde_json::to_value(e).expect("serializes");
    assert_eq!(json["kind"], "MONEY");
    assert_eq!(json["unit"], "EUR");
}

fn model_span(text: &str, surface: &str, label: &str) -> Entity {
    let index = CharIndex::new(text);
    let b = text.find(surface).expect("surface in text");
    Entity::from_byte_span(text, &index, b, b + surface.len(), label, 0.9)
}

#[test]
fn merge_named_entity_wins_over_quantity() {
    let text = "Le groupe Les 3 Suisses a fermé 12 magasins.";
    let model = vec![model_span(text, "Les 3 Suisses", "ORG")];
    let merged = merge(model, quantities(text));
    let got: Vec<(&str, &str)> = merged
        .iter()
        .map(|e| (e.text.as_str(), e.label.as_str()))
        .collect();
    assert_eq!(got, [("Les 3 Suisses", "ORG"), ("12", "QUANTITY")]);
}

#[test]
fn merge_numeric_misc_yields_to_quantity() {
    let text = "Il a versé 3 000 euros à Paris.";
    let model = vec![
        model_span(text, "3 000 euros", "MISC"),
        model_span(text, "Paris", "LOC"),
    ];
    let merged = merge(model, quantities(text));
    let got: Vec<(&str, &str)> = merged
        .iter()
        .map(|e| (e.text.as_str(), e.label.as_str()))
        .collect();
    assert_eq!(got, [("3 000 euros", "QUANTITY"), ("Paris", "LOC")]);
}

#[test]
fn merge_misc_with_words_keeps_its_span() {
    let text = "Il a joué la Coupe du monde 2010 et marqué 3 buts.";
    let model = vec![model_span(text, "Coupe du monde 2010", "MISC")];
    let merged = merge(model, quantities(text));
    let got: Vec<&str> = merged.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(got, ["Coupe du monde 2010", "3"]);
}

#[test]
fn merge_misc_inside_a_quantity_yields() {
    let text = "Une amende de 10 000 francs suisses.";
    let model = vec![model_span(text, "suisses", "MISC")];
    let merged = merge(model, quantities(text));
    let got: Vec<&str> = merged.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(got, ["10 000 francs suisses"]);
}

#[test]
fn merge_partial_overlap_with_location_drops_quantity() {
    let text = "Il vit à Trois-Rivières depuis 20 ans.";
    let model = vec![model_span(text, "Trois-Rivières", "LOC")];
    let merged = merge(model, quantities(text));
    let got: Vec<&str> = merged.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(got, ["Trois-Rivières", "20 ans"]);
}

#[test]
fn merge_of_empty_inputs() {
    assert!(merge(Vec::new(), Vec::new()).is_empty());
    let text = "Environ 300 personnes.";
    let merged = merge(Vec::new(), quantities(text));
    assert_eq!(merged.len(), 1);
    let model = vec![model_span(text, "personnes", "MISC")];
    assert_eq!(merge(model.clone(), Vec::new()), model);
}
