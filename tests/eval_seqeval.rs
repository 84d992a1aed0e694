//! `frner::eval::strict` must give exactly Python `seqeval`'s default-mode scores on the same tag
//! sequences, including the awkward ones (I- after O, type changes inside a chunk, BIOES-looking
//! tags in IOB2 data). The sequences are random but seeded; seqeval runs in the project venv
//! (`FRNER_PYTHON`, which `make test` sets).

use std::process::Command;

use frner::eval::{strict, Scores};

/// A small deterministic generator (xorshift64*), so the test needs no extra crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const TAGS: [&str; 9] = [
    "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC",
];

/// Mostly-valid sequences (so there are many matches) with random corruptions.
fn sequences(rng: &mut Rng, n: usize) -> (Vec<Vec<String>>, Vec<Vec<String>>) {
    let (mut gold, mut pred) = (vec![], vec![]);
    for _ in 0..n {
        let len = 1 + rng.below(25);
        let mut g: Vec<String> = Vec::with_capacity(len);
        for i in 0..len {
            let t = if i > 0 && g[i - 1] != "O" && rng.below(2) == 0 {
                format!("I-{}", &g[i - 1][2..])
            } else if rng.below(3) == 0 {
                TAGS[1 + 2 * rng.below(4)].to_string()
            } else {
                "O".to_string()
            };
            g.push(t);
        }
        let p: Vec<String> = g
            .iter()
            .map(|t| match rng.below(8) {
                0 => TAGS[rng.below(TAGS.len())].to_string(),
                1 if t.starts_with("B-") => format!("I-{}", &t[2..]),
                _ => t.clone(),
            })
            .collect();
        gold.push(g);
        pred.push(p);
    }
    (gold, pred)
}

fn python() -> String {
    std::env::var("FRNER_PYTHON")
        .unwrap_or_else(|_| format!("{}/.venv/bin/python", env!("CARGO_MANIFEST_DIR")))
}

const SEQEVAL: &str = r#"
import json, sys
from seqeval.metrics import classification_report
gold, pred = json.load(open(sys.argv[1]))
r = classification_report(gold, pred, output_dict=True, zero_division=0)
print(json.dumps({k: [float(v["precision"]), float(v["recall"]), float(v["f1-score"]), int(v["support"])] for k, v in r.items()}))
"#;

fn seqeval(gold: &[Vec<String>], pred: &[Vec<String>]) -> serde_json::Value {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("tags.json");
    std::fs::write(&path, serde_json::to_string(&(gold, pred)).expect("json")).expect("write");
    let out = Command::new(python())
        .arg("-c")
        .arg(SEQEVAL)
        .arg(&path)
        .output()
        .expect("run the venv's python (make test sets FRNER_PYTHON)");
    assert!(
        out.status.success(),
        "seqeval failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("seqeval output")
}

fn assert_same(ours: &Scores, theirs: &serde_json::Value) {
    let close = |a: f64, b: &serde_json::Value| (a - b.as_f64().expect("number")).abs() < 1e-12;
    let mut compared = 0;
    for (kind, prf) in &ours.per_type {
        if prf.support == 0 {
            // seqeval lists only types present in the gold data.
            continue;
        }
        let row = &theirs[kind.as_str()];
        assert!(row.is_array(), "seqeval has no row for {kind}");
        assert!(
            close(prf.precision, &row[0]),
            "{kind} precision {} vs {}",
            prf.precision,
            row[0]
        );
        assert!(
            close(prf.recall, &row[1]),
            "{kind} recall {} vs {}",
            prf.recall,
            row[1]
        );
        assert!(close(prf.f1, &row[2]), "{kind} f1 {} vs {}", prf.f1, row[2]);
        assert_eq!(
            prf.support as u64,
            row[3].as_u64().expect("support"),
            "{kind} support"
        );
        compared += 1;
    }
    let micro = &theirs["micro avg"];
    assert!(close(ours.micro.precision, &micro[0]), "micro precision");
    assert!(close(ours.micro.recall, &micro[1]), "micro recall");
    assert!(
        close(ours.micro.f1, &micro[2]),
        "micro f1 {} vs {}",
        ours.micro.f1,
        micro[2]
    );
    assert_eq!(
        ours.micro.support as u64,
        micro[3].as_u64().expect("support")
    );
    assert!(compared >= 3, "too few types compared");
}

#[test]
fn strict_scores_equal_seqeval_on_random_sequences() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for round in 0..5 {
        let (gold, pred) = sequences(&mut rng, 400);
        let ours = strict(&gold, &pred);
        assert!(
            ours.micro.correct > 0 && ours.micro.correct < ours.micro.predicted,
            "round {round}"
        );
        assert_same(&ours, &seqeval(&gold, &pred));
    }
}

#[test]
fn strict_scores_equal_seqeval_on_invalid_transitions() {
    let s = |v: &[&str]| v.iter().map(|t| t.to_string()).collect::<Vec<_>>();
    let gold = vec![
        s(&["B-PER", "I-PER", "O", "B-LOC", "I-LOC", "O"]),
        s(&["O", "B-ORG", "I-ORG", "I-ORG", "O", "B-PER"]),
    ];
    let pred = vec![
        s(&["I-PER", "I-PER", "O", "I-LOC", "B-LOC", "O"]),
        s(&["O", "B-ORG", "I-LOC", "I-ORG", "O", "I-PER"]),
    ];
    let ours = strict(&gold, &pred);
    assert_same(&ours, &seqeval(&gold, &pred));
}
