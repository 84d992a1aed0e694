//! Checkpoint tensors by name, with errors that name the file and the tensor.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use memmap2::Mmap;
use safetensors::{Dtype, SafeTensors};

use anyhow::{anyhow, bail, Context, Result};
use tch::{Device, Kind, Tensor};

use super::embedding::{RowsInFile, WordEmbeddings};

pub struct Weights {
    file: PathBuf,
    tensors: HashMap<String, Tensor>,
    /// The mapped checkpoint when tensors point into it (CPU, stored kind = wanted kind); it
    /// must outlive them, so the model keeps a handle (see [`Weights::storage`]).
    storage: Option<Arc<Mmap>>,
    /// The open checkpoint and where each borrowed fp32 tensor starts in it, for tables read
    /// row by row ([`Weights::get_embedding`]).
    source: Option<(Arc<std::fs::File>, HashMap<String, u64>)>,
}

impl Weights {
    /// Reads `model.safetensors` (preferred) or `pytorch_model.bin` from a checkpoint directory and
    /// converts floating-point tensors to `kind` on `device`.
    pub fn load_dir(dir: &Path, device: Device, kind: Kind) -> Result<Weights> {
        let st = dir.join("model.safetensors");
        let bin = dir.join("pytorch_model.bin");
        let (file, raw) = if st.exists() {
            return Self::map_safetensors(&st, device, kind)
                .with_context(|| format!("reading {}", st.display()));
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
                t.f_to_kind(kind)?
            } else {
                t
            };
            let t = t
                .f_to_device(device)
                .with_context(|| format!("moving {name:?} to {device:?}"))?;
            tensors.insert(name, t);
        }
        Ok(Weights {
            file,
            tensors,
            storage: None,
            source: None,
        })
    }

    /// Maps a safetensors file. Tensors already in the wanted kind on the CPU borrow the
    /// mapping instead of being copied, so loading costs no second copy of the weights and
    /// rows never read (most of a 250k-word embedding) never become resident.
    fn map_safetensors(path: &Path, device: Device, kind: Kind) -> Result<Weights> {
        let file = std::fs::File::open(path)?;
        // SAFETY: the file is opened read-only; a checkpoint changed on disk while it is mapped
        // is outside what we support (as for any memory-mapped loader).
        let mmap = Arc::new(unsafe { Mmap::map(&file)? });
        let st = SafeTensors::deserialize(&mmap[..]).context("reading the safetensors header")?;
        let mut tensors = HashMap::new();
        let mut borrowed = false;
        let mut offsets: HashMap<String, u64> = HashMap::new();
        for (name, view) in st.tensors() {
            let stored = match view.dtype() {
                Dtype::F32 => Kind::Float,
                Dtype::F16 => Kind::Half,
                Dtype::BF16 => Kind::BFloat16,
                Dtype::F64 => Kind::Double,
                Dtype::I64 => Kind::Int64,
                Dtype::I32 => Kind::Int,
                Dtype::U8 => Kind::Uint8,
                Dtype::BOOL => Kind::Bool,
                other => bail!("tensor {name:?} has unsupported dtype {other:?}"),
            };
            let shape: Vec<i64> = view.shape().iter().map(|&d| d as i64).collect();
            let data = view.data();
            let floating = matches!(
                stored,
                Kind::Float | Kind::Half | Kind::BFloat16 | Kind::Double
            );
            let target = if floating { kind } else { stored };
            let aligned = (data.as_ptr() as usize).is_multiple_of(stored.elt_size_in_bytes());
            let t = if device == Device::Cpu && target == stored && aligned && !data.is_empty() {
                let mut strides = vec![1i64; shape.len()];
                for i in (0..shape.len().saturating_sub(1)).rev() {
                    strides[i] = strides[i + 1] * shape[i + 1];
                }
                borrowed = true;
                if stored == Kind::Float {
                    let at = data.as_ptr() as usize - mmap.as_ptr() as usize;
                    offsets.insert(name.clone(), at as u64);
                }
                // SAFETY: `data` lies in `mmap`, which `storage` keeps alive as long as the
                // model that holds these tensors; inference never writes to weights.
                unsafe { Tensor::f_from_blob(data.as_ptr(), &shape, &strides, stored, device)? }
            } else {
                Tensor::f_from_data_size(data, &shape, stored)?
                    .f_to_kind(target)?
                    .f_to_device(device)
                    .with_context(|| format!("moving {name:?} to {device:?}"))?
            };
            tensors.insert(name, t);
        }
        Ok(Weights {
            file: path.to_path_buf(),
            tensors,
            storage: borrowed.then_some(mmap),
            source: Some((Arc::new(file), offsets)),
        })
    }

    /// The mapping that borrowed tensors point into, to be kept alive with them.
    pub fn storage(&self) -> Option<Arc<Mmap>> {
        self.storage.clone()
    }

    /// Drops the mapping's resident pages (`MADV_DONTNEED`). After int8 quantization the fp32
    /// dense weights were read once and are no longer used; the pages still in use (word
    /// embeddings, norms) fault back in from the page cache. The mapping is private and
    /// read-only, so nothing is lost.
    pub fn release_resident_pages(&self) {
        if let Some(mmap) = &self.storage {
            // SAFETY: a read-only private file mapping: after DONTNEED a read sees the file's
            // bytes again, the same bytes the borrowed tensors saw.
            if let Err(e) = unsafe { mmap.unchecked_advise(memmap2::UncheckedAdvice::DontNeed) } {
                tracing::debug!("madvise(DONTNEED) on the weights: {e}");
            }
        }
    }

    pub fn from_tensors(file: PathBuf, tensors: HashMap<String, Tensor>) -> Weights {
        Weights {
            file,
            tensors,
            storage: None,
            source: None,
        }
    }

    /// The embedding table `name` (checked against `shape` like [`Weights::get`]): read row
    /// by row from the checkpoint when it is an fp32 table of a mapped file on the CPU,
    /// otherwise the tensor (see [`WordEmbeddings`]).
    pub fn get_embedding(&self, name: &str, shape: &[i64]) -> Result<WordEmbeddings> {
        let t = self.get(name, shape)?;
        let Some((file, offsets)) = &self.source else {
            return Ok(WordEmbeddings::Tensor(t));
        };
        match (offsets.get(name), t.size().as_slice()) {
            (Some(&offset), &[rows, dim]) => Ok(WordEmbeddings::File(RowsInFile {
                file: file.clone(),
                path: self.file.clone(),
                offset,
                rows,
                dim,
            })),
            _ => Ok(WordEmbeddings::Tensor(t)),
        }
    }

    /// The tensor `name`, which must have `shape` (`-1` accepts any size on that axis).
    pub fn get(&self, name: &str, shape: &[i64]) -> Result<Tensor> {
        self.get_opt(name, shape)?
            .ok_or_else(|| anyhow!("{}: missing tensor {name:?}", self.file.display()))
    }

    /// The tensor `name` if the checkpoint has it, checked against `shape` like [`Weights::get`].
    pub fn get_opt(&self, name: &str, shape: &[i64]) -> Result<Option<Tensor>> {
        let Some(t) = self.tensors.get(name) else {
            return Ok(None);
        };
        let found = t.size();
        let fits =
            found.len() == shape.len() && found.iter().zip(shape).all(|(&f, &e)| e == -1 || f == e);
        if !fits {
            let expected: Vec<String> = shape
                .iter()
                .map(|&d| if d == -1 { "_".into() } else { d.to_string() })
                .collect();
            bail!(
                "{}: tensor {name:?} has shape {found:?}, expected [{}] (from config.json)",
                self.file.display(),
                expected.join(", ")
            );
        }
        Ok(Some(t.shallow_clone()))
    }

    pub fn contains(&self, name: &str) -> bool {
        self.tensors.contains_key(name)
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
