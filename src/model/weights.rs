//! Checkpoint tensors by name, with errors that name the file and the tensor.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context, Result};
use tch::{Device, Kind, Tensor};

pub struct Weights {
    file: PathBuf,
    tensors: HashMap<String, Tensor>,
}

impl Weights {
    /// Reads `model.safetensors` (preferred) or `pytorch_model.bin` from a checkpoint directory and
    /// converts floating-point tensors to `kind` on `device`.
    pub fn load_dir(dir: &Path, device: Device, kind: Kind) -> Result<Weights> {
        let st = dir.join("model.safetensors");
        let bin = dir.join("pytorch_model.bin");
        let (file, raw) = if st.exists() {
            let raw = Tensor::read_safetensors(&st)
                .with_context(|| format!("reading {}", st.display()))?;
            (st, raw)
        } else if bin.exists() {
            // torch.save zip archives of a state dict load through libtorch's pickle reader.
            let raw = Tensor::loadz_multi(&bin).with_context(|| {
                format!(
                    "reading {} (if this fails, convert the checkpoint to model.safetensors)",
                    bin.display()
                )
            })?;
            (bin, raw)
        } else if dir.join("model.safetensors.index.json").exists() {
            bail!("{}: sharded checkpoints are not supported", dir.display());
        } else {
            bail!(
                "{}: no model.safetensors or pytorch_model.bin (is this a Hugging Face checkpoint \
                 directory?)",
                dir.display()
            );
        };
        let mut tensors = HashMap::with_capacity(raw.len());
        for (name, t) in raw {
            let t = if t.is_floating_point() {
                t.to_kind(kind)
            } else {
                t
            };
            tensors.insert(name, t.to_device(device));
        }
        Ok(Weights { file, tensors })
    }

    pub fn from_tensors(file: PathBuf, tensors: HashMap<String, Tensor>) -> Weights {
        Weights { file, tensors }
    }

    pub fn get(&self, name: &str) -> Result<Tensor> {
        self.get_opt(name)
            .ok_or_else(|| anyhow!("{}: missing tensor {name:?}", self.file.display()))
    }

    pub fn get_opt(&self, name: &str) -> Option<Tensor> {
        self.tensors.get(name).map(|t| t.shallow_clone())
    }

    /// The first prefix under which `probe` exists (e.g. `bert.` for a `BertForTokenClassification`).
    pub fn prefix_of(&self, prefixes: &[&str], probe: &str) -> Result<String> {
        for p in prefixes {
            if self.tensors.contains_key(&format!("{p}{probe}")) {
                return Ok((*p).to_string());
            }
        }
        let tried: Vec<String> = prefixes.iter().map(|p| format!("{p}{probe}")).collect();
        bail!(
            "{}: missing tensor, none of {tried:?} found",
            self.file.display()
        )
    }

    pub fn file(&self) -> &Path {
        &self.file
    }
}
