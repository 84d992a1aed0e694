//! Partition-independent output (issue 18): the same record gives the same bytes (entities,
//! links, quantity values, scores) whatever else is in its batch, chunk or partition. A
//! corpus is tagged whole, then shuffled and cut into random partitions, each tagged with
//! other chunk sizes and token budgets; the outputs, sorted by id, are compared byte for byte.
//! Runs the release binary with the default model, in fp32 and in int8.

use std::fs;
use std::path::Path;
use std::process::Command;

/// Paragraphs of the news dev articles as records (varied lengths, many sentences), with a
/// few error records: about 8 KB of text.
fn corpus() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let docs = frner::gold::read_jsonl(&root.join("data/news-dev/dev.jsonl")).unwrap();
    let mut records = vec![];
    let mut bytes = 0;
    for doc in docs {
        for (i, para) in doc.text.split("\n\n").enumerate() {
            if para.trim().is_empty() || bytes > 8_000 {
                continue;
            }
            bytes += para.len();
            let id = format!("{}-{i}", doc.id);
            records.push(serde_json::json!({"id": id, "text": para}).to_string());
        }
    }
    records.push(r#"{"id":"bad-text","text":17}"#.into());
    records.push(r#"{"id":"empty","text":"  "}"#.into());
    records
}

/// A small deterministic generator (xorshift64*), so that failures can be replayed.
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

fn tag(input: &Path, extra: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_frner"))
        .args(["tag", "-q", "-i", input.to_str().unwrap()])
        .args(extra)
        .env_remove("FRNER_LOG")
        .env("FRNER_FORCE_INT8", "1")
        .output()
        .expect("run frner");
    // 3: a part with an error record.
    assert!(
        matches!(out.status.code(), Some(0 | 3)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Output lines sorted by their id, error records without their line number.
fn by_id(output: &str) -> Vec<String> {
    let mut lines: Vec<(String, String)> = output
        .lines()
        .map(|l| {
            let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
            let id = v["id"].to_string();
            if v["error"].is_object() {
                // An error record's line is its line in the file that was read: a partition's.
                v["error"]["line"] = 0.into();
                return (id, v.to_string());
            }
            (id, l.to_string())
        })
        .collect();
    lines.sort();
    lines.into_iter().map(|(_, l)| l).collect()
}

fn check(dtype: &str, seed: u64) {
    let dir = tempfile::tempdir().unwrap();
    let records = corpus();
    let whole_path = dir.path().join("whole.jsonl");
    fs::write(&whole_path, records.join("\n") + "\n").unwrap();
    let whole = by_id(&tag(&whole_path, &["--dtype", dtype]));
    assert_eq!(whole.len(), records.len());

    let mut rng = Rng(seed);
    let mut shuffled = records.clone();
    for i in (1..shuffled.len()).rev() {
        shuffled.swap(i, rng.below(i + 1));
    }
    // Three partitions of random sizes, each with its own chunking and token budget.
    let a = 1 + rng.below(shuffled.len() / 2);
    let b = a + 1 + rng.below(shuffled.len() - a - 1);
    let settings: [&[&str]; 3] = [
        &["--chunk-docs", "1", "--max-batch-tokens", "256"],
        &["--chunk-docs", "7", "--max-batch-tokens", "4096"],
        &["--chunk-docs", "64"],
    ];
    let mut parts = String::new();
    for (part, extra) in [&shuffled[..a], &shuffled[a..b], &shuffled[b..]]
        .iter()
        .zip(settings)
    {
        let path = dir.path().join("part.jsonl");
        fs::write(&path, part.join("\n") + "\n").unwrap();
        parts.push_str(&tag(&path, &[&["--dtype", dtype], extra].concat()));
    }
    let parts = by_id(&parts);
    assert_eq!(parts.len(), whole.len());
    for (p, w) in parts.iter().zip(&whole) {
        assert_eq!(
            p, w,
            "{dtype}, seed {seed}: a record's output depends on its partition"
        );
    }
}

#[test]
fn fp32_output_is_independent_of_the_partitioning() {
    check("fp32", 0x5eed_0001);
}

#[test]
fn int8_output_is_independent_of_the_partitioning() {
    check("int8", 0x5eed_0002);
}
