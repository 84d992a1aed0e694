//! Where an output really goes, and the file-system primitives that keep every write on the
//! path the user asked for (see "Where output is written" in `docs/formats.md`):
//!
//! - `-`, a FIFO, a character or block device, a socket, or anything reached through `/proc`
//!   (`/dev/stdout`) is written in place, as a stream: no temporary file, no rename;
//! - a symlink is resolved (chains too) and the real target is replaced atomically;
//! - temporary files are created fresh (`O_EXCL`, random name) in the real target's directory,
//!   never opened through an existing path; a resumed `.partial` is opened with `O_NOFOLLOW`
//!   and must be a regular file with one link;
//! - a replaced file keeps its mode and, where the process may set it, its owner and group.

use std::ffi::OsString;
use std::fs::{self, File, Metadata, OpenOptions};
use std::io;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

/// Symlink hops followed before giving up (the kernel's own limit is 40).
const MAX_SYMLINK_HOPS: usize = 40;

/// The resolved output of a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// `-`.
    Stdout,
    /// Not a regular file nor a directory (FIFO, device, socket), or reached through `/proc`:
    /// opened as given and written as a stream.
    InPlace(PathBuf),
    /// A regular file, existing or not, after every symlink is resolved.
    File(PathBuf),
    /// An existing directory, after every symlink is resolved.
    Directory(PathBuf),
}

/// Resolves `spec` (`-` or a path) to where the output really goes.
pub fn resolve(spec: &str) -> Result<Target> {
    if spec == "-" {
        return Ok(Target::Stdout);
    }
    let given = PathBuf::from(spec);
    let mut path = given.clone();
    for _ in 0..MAX_SYMLINK_HOPS {
        // /proc links (/dev/stdout → /proc/self/fd/1) name open files, not paths: use them as is.
        if path.starts_with("/proc") {
            return Ok(Target::InPlace(given));
        }
        let meta = match fs::symlink_metadata(&path) {
            Ok(meta) => meta,
            Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(Target::File(path)),
            Err(err) => {
                return Err(err)
                    .with_context(|| format!("cannot inspect output {}", path.display()))
            }
        };
        let kind = meta.file_type();
        if kind.is_symlink() {
            let link = fs::read_link(&path)
                .with_context(|| format!("cannot read symlink {}", path.display()))?;
            path = match path.parent() {
                Some(parent) if link.is_relative() => parent.join(link),
                _ => link,
            };
        } else if kind.is_file() {
            return Ok(Target::File(path));
        } else if kind.is_dir() {
            return Ok(Target::Directory(path));
        } else {
            return Ok(Target::InPlace(given));
        }
    }
    bail!("output {spec}: too many levels of symbolic links")
}

/// Opens a FIFO, device or `/proc` path for writing, in place: no truncation, no rename.
pub fn open_in_place(path: &Path) -> Result<File> {
    OpenOptions::new()
        .append(true)
        .open(path)
        .with_context(|| format!("cannot open {} for writing", path.display()))
}

/// The directory holding `path` (`.` for a bare file name).
pub fn parent_dir(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// `path`'s file name with `suffix` appended, in the same directory.
pub fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name: OsString = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(suffix);
    path.with_file_name(name)
}

/// A new, empty file in `dir`, created with `O_EXCL` under a random name (mode `0666` less the
/// umask, like any new file). Returns the open file and its path.
pub fn create_temp(dir: &Path, stem: &str) -> Result<(File, PathBuf)> {
    let temp = tempfile::Builder::new()
        .prefix(&format!(".{stem}."))
        .suffix(".frner-tmp")
        .permissions(fs::Permissions::from_mode(0o666))
        .tempfile_in(dir)
        .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
    let (file, path) = temp
        .keep()
        .with_context(|| format!("cannot keep a temporary file in {}", dir.display()))?;
    Ok((file, path))
}

/// A new, empty directory in `dir` with a random name (created with `mkdir`, so exclusive).
pub fn create_temp_dir(dir: &Path, stem: &str) -> Result<PathBuf> {
    let temp = tempfile::Builder::new()
        .prefix(&format!(".{stem}."))
        .suffix(".frner-tmp")
        .tempdir_in(dir)
        .with_context(|| format!("cannot create a temporary directory in {}", dir.display()))?;
    Ok(temp.keep())
}

/// `symlink_metadata`, `None` when nothing is there.
pub fn lstat(path: &Path) -> Result<Option<Metadata>> {
    match fs::symlink_metadata(path) {
        Ok(meta) => Ok(Some(meta)),
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(err) => Err(err).with_context(|| format!("cannot inspect {}", path.display())),
    }
}

/// What a path is, in words, for error messages.
pub fn kind_name(meta: &Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let kind = meta.file_type();
    if kind.is_symlink() {
        "a symbolic link"
    } else if kind.is_dir() {
        "a directory"
    } else if kind.is_fifo() {
        "a FIFO"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "a regular file"
    }
}

/// Fails unless `path` is absent or a regular file that frner may discard (its own leftover:
/// never a symlink, directory, FIFO or device, which are not frner's).
pub fn check_discardable(path: &Path) -> Result<()> {
    if let Some(meta) = lstat(path)? {
        if !meta.file_type().is_file() {
            bail!(
                "refusing to touch {}: it is {}, not a file frner wrote; move it away",
                path.display(),
                kind_name(&meta)
            );
        }
    }
    Ok(())
}

/// Opens an existing leftover of an earlier run for reading and writing, without following a
/// symlink, and checks that it is a plain regular file with a single link (a hard link to some
/// other file would make frner write to that file).
pub fn open_leftover(path: &Path) -> Result<File> {
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)
        .with_context(|| {
            format!(
                "cannot open {} to resume (it must be a regular file, not a symlink)",
                path.display()
            )
        })?;
    let meta = file
        .metadata()
        .with_context(|| format!("cannot inspect {}", path.display()))?;
    if !meta.is_file() {
        bail!(
            "refusing to resume {}: it is {}",
            path.display(),
            kind_name(&meta)
        );
    }
    if meta.nlink() > 1 {
        bail!(
            "refusing to resume {}: it has {} hard links, so writing it would change other files",
            path.display(),
            meta.nlink()
        );
    }
    Ok(file)
}

/// Opens an existing file for reading without following a symlink at its last component.
pub fn open_read_nofollow(path: &Path) -> Result<File> {
    OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)
        .with_context(|| format!("cannot open {}", path.display()))
}

/// Gives `file` (about to replace `target`) the mode, owner and group of the existing
/// `target`, when there is one. The owner can only be kept where the process may set it (as
/// root, or when it is the process's own); otherwise the file keeps the process's owner and a
/// note is logged.
pub fn adopt_metadata(file: &File, target: &Path) -> Result<()> {
    let Ok(old) = fs::metadata(target) else {
        return Ok(());
    };
    if !old.is_file() {
        return Ok(());
    }
    let new = file.metadata().context("cannot inspect the new output")?;
    if (new.uid(), new.gid()) != (old.uid(), old.gid()) {
        // Owner first: chown may clear set-id bits, which the chmod below restores.
        if let Err(err) = std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid())) {
            tracing::warn!(
                "{}: cannot keep owner {}:{} ({err}); the new file belongs to {}:{}",
                target.display(),
                old.uid(),
                old.gid(),
                new.uid(),
                new.gid()
            );
        }
    }
    file.set_permissions(fs::Permissions::from_mode(old.mode() & 0o7777))
        .with_context(|| format!("cannot set the mode of the new {}", target.display()))
}

/// Renames `from` onto `to` (same directory) and makes the rename durable.
pub fn commit_rename(from: &Path, to: &Path) -> Result<()> {
    fs::rename(from, to)
        .with_context(|| format!("cannot rename {} to {}", from.display(), to.display()))?;
    // Best effort: some filesystems do not support fsync on directories.
    if let Ok(dir) = File::open(parent_dir(to)) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// Fails when writing `output` would overwrite or feed the input: the same file (same device
/// and inode, whatever the path or hard link), or an output inside a directory input (the next
/// run would read it back). Checked before anything is written.
pub fn check_not_input(input: &str, output: &Target) -> Result<()> {
    if input == "-" {
        return Ok(());
    }
    let Ok(input_meta) = fs::metadata(input) else {
        return Ok(()); // opening the input reports it
    };
    let out_path = match output {
        Target::Stdout | Target::InPlace(_) => return Ok(()),
        Target::File(p) | Target::Directory(p) => p,
    };
    let same = |meta: &Metadata| meta.dev() == input_meta.dev() && meta.ino() == input_meta.ino();
    for candidate in [out_path.clone(), with_suffix(out_path, ".partial")] {
        if let Ok(meta) = fs::metadata(&candidate) {
            if same(&meta) {
                bail!(
                    "the output {} is the input {input}: refusing to overwrite the input",
                    candidate.display()
                );
            }
        }
    }
    if input_meta.is_dir() {
        let input_dir = fs::canonicalize(input)
            .with_context(|| format!("cannot resolve input directory {input}"))?;
        let out_dir = fs::canonicalize(parent_dir(out_path))
            .unwrap_or_else(|_| parent_dir(out_path).to_path_buf());
        if out_dir.starts_with(&input_dir) {
            bail!(
                "the output {} is inside the input directory {input}: a later run would read \
                 it back as input; write it elsewhere",
                out_path.display()
            );
        }
    }
    Ok(())
}

/// FNV-1a, 64 bits: a stable, dependency-free fingerprint (ids, file contents) for resume
/// checks. Not a cryptographic hash.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}
