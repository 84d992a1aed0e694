//! Word-embedding tables. On the CPU, an fp32 table stored in a safetensors checkpoint is not
//! held in memory: each forward pass reads the rows it needs from the file (the page cache
//! serves them). Mapping the table instead makes every touched row fault in its neighbours
//! (the kernel maps up to 64 KiB around a faulting page), so a long document ended up
//! resident in all of XLM-R's 250k × 384 table, 384 MB, although it uses a few percent of it.

use std::collections::HashMap;
use std::fs::File;
use std::os::unix::fs::FileExt;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{bail, Context, Result};
use tch::{Kind, Tensor};

/// A `[rows, dim]` embedding table.
pub enum WordEmbeddings {
    Tensor(Tensor),
    File(RowsInFile),
}

/// An fp32 little-endian `[rows, dim]` table at `offset` in a checkpoint file.
pub struct RowsInFile {
    pub file: Arc<File>,
    pub path: PathBuf,
    pub offset: u64,
    pub rows: i64,
    pub dim: i64,
}

impl WordEmbeddings {
    /// Rows of the table for `ids` (any shape): `[..ids.shape, dim]`.
    pub fn lookup(&self, ids: &Tensor) -> Result<Tensor> {
        match self {
            WordEmbeddings::Tensor(t) => Ok(Tensor::f_embedding(t, ids, -1, false, false)?),
            WordEmbeddings::File(f) => f.lookup(ids),
        }
    }
}

impl RowsInFile {
    fn lookup(&self, ids: &Tensor) -> Result<Tensor> {
        let shape = ids.size();
        let flat = Vec::<i64>::try_from(ids.f_flatten(0, -1)?.f_to_kind(Kind::Int64)?)
            .context("reading token ids")?;
        // A batch repeats its common subwords (padding, punctuation): read each row once.
        let mut slot_of: HashMap<i64, i64> = HashMap::new();
        let mut order: Vec<i64> = Vec::with_capacity(flat.len());
        let mut unique: Vec<i64> = vec![];
        for &id in &flat {
            if !(0..self.rows).contains(&id) {
                bail!(
                    "token id {id} is outside the embedding table ({} rows)",
                    self.rows
                );
            }
            let slot = *slot_of.entry(id).or_insert_with(|| {
                unique.push(id);
                unique.len() as i64 - 1
            });
            order.push(slot);
        }
        let dim = self.dim as usize;
        let row_bytes = dim * 4;
        let mut bytes = vec![0u8; row_bytes];
        let mut values: Vec<f32> = Vec::with_capacity(unique.len() * dim);
        for &id in &unique {
            let at = self.offset + id as u64 * row_bytes as u64;
            self.file.read_exact_at(&mut bytes, at).with_context(|| {
                format!("reading embedding row {id} from {}", self.path.display())
            })?;
            values.extend(
                bytes
                    .chunks_exact(4)
                    .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])),
            );
        }
        let table = Tensor::from_slice(&values).f_view([unique.len() as i64, self.dim])?;
        let picked = table.f_index_select(0, &Tensor::from_slice(&order))?;
        let mut out_shape = shape;
        out_shape.push(self.dim);
        Ok(picked.f_view(out_shape.as_slice())?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn rows_read_from_the_file_equal_the_tensor_lookup() {
        let (rows, dim) = (7i64, 3i64);
        let values: Vec<f32> = (0..rows * dim).map(|v| v as f32 * 0.5 - 3.0).collect();
        let mut tmp = tempfile::NamedTempFile::new().unwrap();
        tmp.write_all(b"header..").unwrap();
        for v in &values {
            tmp.write_all(&v.to_le_bytes()).unwrap();
        }
        tmp.flush().unwrap();
        let from_file = WordEmbeddings::File(RowsInFile {
            file: Arc::new(File::open(tmp.path()).unwrap()),
            path: tmp.path().to_path_buf(),
            offset: 8,
            rows,
            dim,
        });
        let table = Tensor::from_slice(&values).view([rows, dim]);
        let in_memory = WordEmbeddings::Tensor(table);
        let ids = Tensor::from_slice(&[6i64, 0, 3, 3, 6, 1]).view([2, 3]);
        let a = from_file.lookup(&ids).unwrap();
        let b = in_memory.lookup(&ids).unwrap();
        assert_eq!(a.size(), vec![2, 3, dim]);
        assert!(a.equal(&b));
        let bad = Tensor::from_slice(&[7i64]).view([1, 1]);
        let err = from_file.lookup(&bad).unwrap_err().to_string();
        assert!(err.contains("token id 7"), "{err}");
    }
}
