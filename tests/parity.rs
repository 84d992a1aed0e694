//! Logits parity with `transformers` on tiny random-weight checkpoints, one per supported
//! architecture, built by `scripts/make_tiny_checkpoints.py` (`make build/tiny/.done`; `make test`
//! builds it first). Each `<arch>/reference.json` holds a right-padded batch of French texts, its
//! input ids / attention mask and the fp32 logits `transformers` computed for it.
//!
//! The checkpoints are found through `FRNER_TINY` (default `<crate>/build/tiny`); these tests fail,
//! rather than skip, when they are missing.

use std::path::{Path, PathBuf};

use frner::model::{Precision, TokenClassifier};
use frner::tokenize::SubwordTokenizer;
use serde::Deserialize;
use tch::{Device, Kind, Tensor};

/// Every directory `make_tiny_checkpoints.py` writes; `bert-bin` holds `pytorch_model.bin` only.
const ARCHS: &[&str] = &[
    "bert",
    "bert-bin",
    "roberta",
    "xlm-roberta",
    "camembert",
    "distilbert",
];
const LABELS: &[&str] = &["O", "B-PER", "I-PER", "B-LOC", "I-LOC"];
const TOL: f32 = 1e-4;

#[derive(Deserialize)]
struct Reference {
    texts: Vec<String>,
    input_ids: Vec<Vec<i64>>,
    attention_mask: Vec<Vec<i64>>,
    logits: Vec<Vec<Vec<f32>>>,
}

fn tiny_root() -> PathBuf {
    let root = match std::env::var_os("FRNER_TINY") {
        Some(p) => PathBuf::from(p),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("build/tiny"),
    };
    assert!(
        root.join("bert/reference.json").is_file(),
        "tiny checkpoints not found in {} — build them with `make build/tiny/.done` (or point \
         FRNER_TINY at the output of scripts/make_tiny_checkpoints.py)",
        root.display()
    );
    root
}

fn arch_dir(arch: &str) -> PathBuf {
    let dir = tiny_root().join(arch);
    assert!(
        dir.join("reference.json").is_file(),
        "{}: no reference.json",
        dir.display()
    );
    dir
}

fn reference(dir: &Path) -> Reference {
    let path = dir.join("reference.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let r: Reference =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(!r.texts.is_empty(), "{}: empty reference", path.display());
    assert_eq!(r.texts.len(), r.input_ids.len());
    assert_eq!(r.texts.len(), r.attention_mask.len());
    assert_eq!(r.texts.len(), r.logits.len());
    r
}

fn batch(rows: &[Vec<i64>]) -> Tensor {
    let t = rows[0].len();
    assert!(rows.iter().all(|r| r.len() == t), "ragged batch");
    let flat: Vec<i64> = rows.concat();
    Tensor::from_slice(&flat).view([rows.len() as i64, t as i64])
}

fn load(dir: &Path) -> TokenClassifier {
    TokenClassifier::load(dir, Device::Cpu, Precision::F32)
        .unwrap_or_else(|e| panic!("loading {}: {e:#}", dir.display()))
}

/// Logits `[batch][seq][labels]` from frner.
fn frner_logits(
    model: &TokenClassifier,
    ids: &[Vec<i64>],
    mask: &[Vec<i64>],
) -> Vec<Vec<Vec<f32>>> {
    let logits = model
        .forward(&batch(ids), &batch(mask))
        .expect("forward pass");
    let (b, t, l) = logits.size3().expect("logits are [batch, seq, labels]");
    assert_eq!((b as usize, t as usize), (ids.len(), ids[0].len()));
    assert_eq!(logits.kind(), Kind::Float);
    let flat = Vec::<f32>::try_from(logits.contiguous().view([-1])).expect("logits to Vec<f32>");
    flat.chunks(l as usize)
        .collect::<Vec<_>>()
        .chunks(t as usize)
        .map(|seq| seq.iter().map(|row| row.to_vec()).collect())
        .collect()
}

/// Largest |ours − theirs| over the positions the mask keeps (padding is not compared).
fn max_diff(ours: &[Vec<Vec<f32>>], theirs: &[Vec<Vec<f32>>], mask: &[Vec<i64>]) -> f32 {
    let mut worst = 0f32;
    for (b, m) in mask.iter().enumerate() {
        for (t, &keep) in m.iter().enumerate() {
            if keep == 0 {
                continue;
            }
            assert_eq!(ours[b][t].len(), theirs[b][t].len(), "label count differs");
            for (x, y) in ours[b][t].iter().zip(&theirs[b][t]) {
                let d = (x - y).abs();
                // NaN anywhere fails the comparison.
                worst = if d.is_nan() {
                    f32::INFINITY
                } else {
                    worst.max(d)
                };
            }
        }
    }
    worst
}

/// For every architecture: (name, max |Δlogit| against the fp32 reference over the
/// non-padding positions, largest |reference logit|), with the model loaded at `precision`.
fn reference_diffs(precision: Precision) -> Vec<(&'static str, f32, f32)> {
    ARCHS
        .iter()
        .map(|&arch| {
            let dir = arch_dir(arch);
            let r = reference(&dir);
            let model = TokenClassifier::load(&dir, Device::Cpu, precision)
                .unwrap_or_else(|e| panic!("loading {} ({precision:?}): {e:#}", dir.display()));
            assert_eq!(model.labels, LABELS, "{arch}: labels from id2label");
            let ours = frner_logits(&model, &r.input_ids, &r.attention_mask);
            let diff = max_diff(&ours, &r.logits, &r.attention_mask);
            let scale = r
                .logits
                .iter()
                .flatten()
                .flatten()
                .fold(0f32, |m, x| m.max(x.abs()));
            (arch, diff, scale)
        })
        .collect()
}

#[test]
fn logits_match_transformers() {
    tch::set_num_threads(1);
    let mut failures = vec![];
    for (arch, diff, scale) in reference_diffs(Precision::F32) {
        println!("{arch:12} max |Δlogit| = {diff:.3e} over the non-padding positions (max |logit| {scale:.2})");
        if diff > TOL {
            failures.push(format!("{arch}: {diff:.3e}"));
        }
    }
    assert!(
        failures.is_empty(),
        "logits differ from transformers by more than {TOL}: {failures:?}"
    );
}

/// Each text run alone (no padding) gives the logits it gets inside the padded batch: padding is
/// masked out of attention and (RoBERTa family) out of the position ids.
#[test]
fn padding_does_not_change_logits() {
    tch::set_num_threads(1);
    let mut failures = vec![];
    for arch in ARCHS {
        let dir = arch_dir(arch);
        let r = reference(&dir);
        let model = load(&dir);
        let mut worst = 0f32;
        for (b, (ids, mask)) in r.input_ids.iter().zip(&r.attention_mask).enumerate() {
            let n = mask.iter().filter(|&&m| m != 0).count();
            let alone = frner_logits(&model, &[ids[..n].to_vec()], &[vec![1; n]]);
            let in_batch = vec![r.logits[b][..n].to_vec()];
            worst = worst.max(max_diff(&alone, &in_batch, &[vec![1; n]]));
        }
        println!("{arch:12} unpadded vs padded reference: max |Δlogit| = {worst:.3e}");
        if worst > TOL {
            failures.push(format!("{arch}: {worst:.3e}"));
        }
    }
    assert!(
        failures.is_empty(),
        "unpadded inputs differ from the padded reference: {failures:?}"
    );
}

/// The host-buffer entry point (the pipeline's, which never reads the device back before the
/// result) gives the same bits as the tensor one, and refuses buffers of the wrong size.
#[test]
fn host_buffers_give_the_tensor_path_s_logits() {
    tch::set_num_threads(1);
    for arch in ARCHS {
        let dir = arch_dir(arch);
        let r = reference(&dir);
        let model = load(&dir);
        let (rows, width) = (r.input_ids.len(), r.input_ids[0].len());
        let ids: Vec<i64> = r.input_ids.concat();
        let mask: Vec<i64> = r.attention_mask.concat();
        let host = model
            .forward_host(&ids, &mask, rows, width)
            .expect("forward_host");
        let tensors = model
            .forward(&batch(&r.input_ids), &batch(&r.attention_mask))
            .expect("forward");
        assert_eq!(host.size(), tensors.size(), "{arch}");
        assert!(host.equal(&tensors), "{arch}: logits differ");
        let err = model
            .forward_host(&ids[1..], &mask, rows, width)
            .expect_err("one id short");
        assert!(format!("{err:#}").contains("needs"), "{arch}: {err:#}");
    }
}

/// A batch run in one pass at its width (a GPU's default) gives the logits of the grouped
/// run (the CPU's: rows in groups of the same bucket width), within float rounding, on rows
/// of lengths in different buckets.
#[test]
fn one_pass_batches_match_grouped_ones() {
    tch::set_num_threads(1);
    for arch in ARCHS {
        let dir = arch_dir(arch);
        let r = reference(&dir);
        let mut model = load(&dir);
        let row = &r.input_ids[0];
        let n0 = r.attention_mask[0].iter().filter(|&&m| m != 0).count();
        // Rows of 3, n0 and up to 90 positions (the tiny models take fewer): several
        // bucket widths.
        let most = (model.max_positions() as usize).min(90);
        let long: Vec<i64> = row[..n0].iter().cycle().take(most).copied().collect();
        let lengths = [3usize, n0, long.len()];
        let width = long.len();
        let pad = model.config.pad_token_id.unwrap_or(0);
        let (mut ids, mut mask) = (vec![], vec![]);
        for &n in &lengths {
            let mut r_ids: Vec<i64> = long[..n].to_vec();
            r_ids.resize(width, pad);
            let mut r_mask = vec![1i64; n];
            r_mask.resize(width, 0);
            ids.push(r_ids);
            mask.push(r_mask);
        }
        let buckets: std::collections::BTreeSet<i64> = lengths
            .iter()
            .map(|&n| frner::model::bucket_width(n as i64, model.max_positions()))
            .collect();
        assert!(buckets.len() >= 2, "{arch}: rows in one bucket {buckets:?}");
        assert!(!model.single_pass, "{arch}: grouped by default on the CPU");
        let grouped = frner_logits(&model, &ids, &mask);
        model.single_pass = true;
        let one = frner_logits(&model, &ids, &mask);
        let worst = max_diff(&one, &grouped, &mask);
        println!("{arch:12} one pass vs grouped: max |Δlogit| = {worst:.3e}");
        assert!(worst <= TOL, "{arch}: one pass differs by {worst:.3e}");
    }
}

/// frner's tokenizer wrapper reproduces the reference ids: template prefix + content + suffix.
#[test]
fn tokenizer_matches_reference_ids() {
    for arch in ARCHS {
        let dir = arch_dir(arch);
        let r = reference(&dir);
        let model = load(&dir);
        let tok =
            SubwordTokenizer::from_file(&dir.join("tokenizer.json"), model.config.pad_token_id)
                .unwrap_or_else(|e| panic!("{arch}: {e:#}"));
        assert_eq!(tok.n_special(), 2, "{arch}: one special token on each side");
        let (mut compared, mut changed) = (0, 0);
        for (text, (ids, mask)) in r
            .texts
            .iter()
            .zip(r.input_ids.iter().zip(&r.attention_mask))
        {
            let n = mask.iter().filter(|&&m| m != 0).count();
            let enc = tok
                .encode(text)
                .unwrap_or_else(|e| panic!("{arch}: {text:?}: {e:#}"));
            // frner tokenizes the typographically normalized text (’ → '): the reference ids
            // (HF tokenizer on the raw text) apply where normalization changes nothing; where
            // it does, frner must give exactly the ids of the normalized text.
            let normalized = frner::normalize::Normalized::new(text);
            if normalized.text() != text.as_str() {
                let plain = tok.encode(normalized.text()).expect("normalized text");
                assert_eq!(enc.ids, plain.ids, "{arch}: {text:?}");
                changed += 1;
                continue;
            }
            compared += 1;
            let got: Vec<i64> = tok
                .prefix
                .iter()
                .chain(&enc.ids)
                .chain(&tok.suffix)
                .copied()
                .collect();
            assert_eq!(got, ids[..n], "{arch}: ids for {text:?}");
            assert!(
                ids[n..].iter().all(|&i| i == tok.pad_id),
                "{arch}: padding id is {}",
                tok.pad_id
            );
            for &(s, e) in &enc.spans {
                assert!(
                    s <= e && e <= text.len(),
                    "{arch}: span ({s}, {e}) outside {text:?}"
                );
            }
        }
        assert!(
            compared >= 3 && changed >= 1,
            "{arch}: {compared} texts compared with the reference, {changed} normalized"
        );
        // Without an explicit pad id the wrapper finds <pad> / [PAD] itself.
        let guessed = SubwordTokenizer::from_file(&dir.join("tokenizer.json"), None).unwrap();
        assert_eq!(
            Some(guessed.pad_id),
            model.config.pad_token_id,
            "{arch}: guessed pad id"
        );
    }
}

// ---- errors -------------------------------------------------------------------------------

/// A copy of a tiny checkpoint in a temporary directory, for breaking it.
fn scratch_copy(arch: &str) -> tempfile::TempDir {
    let src = arch_dir(arch);
    let tmp = tempfile::tempdir().expect("tempdir");
    for entry in std::fs::read_dir(&src).unwrap() {
        let p = entry.unwrap().path();
        std::fs::copy(&p, tmp.path().join(p.file_name().unwrap())).unwrap();
    }
    tmp
}

fn load_err(dir: &Path) -> String {
    match TokenClassifier::load(dir, Device::Cpu, Precision::F32) {
        Ok(_) => panic!("{} loaded although it is broken", dir.display()),
        Err(e) => format!("{e:#}"),
    }
}

fn edit_config(dir: &Path, f: impl FnOnce(&mut serde_json::Value)) {
    let path = dir.join("config.json");
    let mut cfg: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    f(&mut cfg);
    std::fs::write(&path, serde_json::to_string_pretty(&cfg).unwrap()).unwrap();
}

#[test]
fn unknown_model_type_names_the_config_file() {
    let tmp = scratch_copy("bert");
    edit_config(tmp.path(), |c| c["model_type"] = "gpt2".into());
    let msg = load_err(tmp.path());
    println!("{msg}");
    let cfg = tmp.path().join("config.json");
    assert!(
        msg.contains(&cfg.display().to_string()),
        "error does not name {}: {msg}",
        cfg.display()
    );
    assert!(
        msg.contains("gpt2"),
        "error does not name the model_type: {msg}"
    );
}

/// Writes the checkpoint's `model.safetensors` back without `drop`.
fn drop_tensor(dir: &Path, drop: &str) {
    let path = dir.join("model.safetensors");
    let tensors = Tensor::read_safetensors(&path).unwrap();
    let n = tensors.len();
    let kept: Vec<(String, Tensor)> = tensors
        .into_iter()
        .filter(|(name, _)| name != drop)
        .collect();
    assert_eq!(kept.len() + 1, n, "{drop} is not in {}", path.display());
    Tensor::write_safetensors(&kept, &path).unwrap();
}

#[test]
fn missing_encoder_tensor_names_file_and_tensor() {
    for (arch, tensor) in [
        ("bert", "bert.encoder.layer.1.attention.self.key.weight"),
        ("roberta", "roberta.encoder.layer.0.output.LayerNorm.bias"),
        (
            "distilbert",
            "distilbert.transformer.layer.1.ffn.lin2.weight",
        ),
    ] {
        let tmp = scratch_copy(arch);
        drop_tensor(tmp.path(), tensor);
        let msg = load_err(tmp.path());
        println!("{arch}: {msg}");
        let file = tmp.path().join("model.safetensors");
        assert!(
            msg.contains(&file.display().to_string()),
            "{arch}: error does not name {}: {msg}",
            file.display()
        );
        assert!(
            msg.contains(tensor),
            "{arch}: error does not name {tensor}: {msg}"
        );
    }
}

/// A config without `num_hidden_layers` used to load 0 layers and tag nonsense: it is a load
/// error naming the file and the field (DistilBERT's own name, `n_layers`, likewise).
#[test]
fn a_config_without_num_hidden_layers_is_refused() {
    for (arch, field) in [("bert", "num_hidden_layers"), ("distilbert", "n_layers")] {
        let tmp = scratch_copy(arch);
        edit_config(tmp.path(), |c| {
            c.as_object_mut().unwrap().remove(field);
        });
        let msg = load_err(tmp.path());
        println!("{arch}: {msg}");
        let cfg = tmp.path().join("config.json");
        assert!(
            msg.contains(&cfg.display().to_string()),
            "{arch}: error does not name {}: {msg}",
            cfg.display()
        );
        assert!(
            msg.contains(&format!("required field \"{field}\" is missing")),
            "{arch}: {msg}"
        );
    }
}

/// Writes the checkpoint's `model.safetensors` back with `name` replaced by zeros of `shape`.
fn reshape_tensor(dir: &Path, name: &str, shape: &[i64]) {
    let path = dir.join("model.safetensors");
    let mut tensors = Tensor::read_safetensors(&path).unwrap();
    let slot = tensors
        .iter_mut()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("{name} is not in {}", path.display()));
    slot.1 = Tensor::zeros(shape, (Kind::Float, Device::Cpu));
    Tensor::write_safetensors(&tensors, &path).unwrap();
}

/// Every weight is checked against the shape the config implies, at load.
#[test]
fn a_weight_of_the_wrong_shape_names_tensor_and_shapes() {
    for (arch, tensor, wrong, expected) in [
        (
            "bert",
            "bert.encoder.layer.1.intermediate.dense.weight",
            vec![63i64, 32],
            "expected [64, 32]",
        ),
        (
            "roberta",
            "roberta.embeddings.word_embeddings.weight",
            vec![600, 31],
            "expected [600, 32]",
        ),
        (
            "distilbert",
            "distilbert.transformer.layer.0.sa_layer_norm.weight",
            vec![32, 1],
            "expected [32]",
        ),
    ] {
        let tmp = scratch_copy(arch);
        reshape_tensor(tmp.path(), tensor, &wrong);
        let msg = load_err(tmp.path());
        println!("{arch}: {msg}");
        let file = tmp.path().join("model.safetensors");
        assert!(msg.contains(&file.display().to_string()), "{arch}: {msg}");
        assert!(
            msg.contains(&format!("tensor \"{tensor}\"")),
            "{arch}: {msg}"
        );
        assert!(
            msg.contains(&format!("has shape {wrong:?}")),
            "{arch}: {msg}"
        );
        assert!(msg.contains(expected), "{arch}: {msg}");
    }
}

#[test]
fn missing_classifier_head_is_explained() {
    let tmp = scratch_copy("camembert");
    drop_tensor(tmp.path(), "classifier.weight");
    let msg = load_err(tmp.path());
    println!("{msg}");
    assert!(
        msg.contains("classifier.weight"),
        "error does not name the tensor: {msg}"
    );
    assert!(
        msg.contains("token-classification head"),
        "error does not explain: {msg}"
    );
}

#[test]
fn label_count_mismatch_is_an_error() {
    let tmp = scratch_copy("xlm-roberta");
    edit_config(tmp.path(), |c| {
        c["id2label"].as_object_mut().unwrap().remove("4");
    });
    let msg = load_err(tmp.path());
    println!("{msg}");
    assert!(
        msg.contains("classifier.weight") && msg.contains("id2label"),
        "{msg}"
    );
}

#[test]
fn missing_weights_file_is_an_error() {
    let tmp = scratch_copy("distilbert");
    std::fs::remove_file(tmp.path().join("model.safetensors")).unwrap();
    let msg = load_err(tmp.path());
    println!("{msg}");
    assert!(
        msg.contains("model.safetensors") && msg.contains(&tmp.path().display().to_string()),
        "{msg}"
    );
}

/// `--dtype int8` (dynamic quantization of the dense layers) stays within 10 % of the largest
/// fp32 logit on these tiny random models (hidden size 32, where 8-bit steps weigh most; the
/// trained model's F1 cost is in the README), and really runs quantized (not bit-identical).
#[test]
fn int8_logits_track_fp32() {
    tch::set_num_threads(1);
    let mut failures = vec![];
    for (arch, diff, scale) in reference_diffs(Precision::Int8) {
        println!("{arch:12} int8: max |Δlogit| = {diff:.3e} (max |logit| {scale:.2})");
        if !(diff > 1e-6 && diff <= 0.1 * scale) {
            failures.push(format!("{arch}: {diff:.3e} against max |logit| {scale:.2}"));
        }
    }
    assert!(
        failures.is_empty(),
        "int8 logits not within 10 % of the fp32 reference (or identical to it): {failures:?}"
    );
}
