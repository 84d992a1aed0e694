//! Output safety (issue 14, findings 1–5): output goes only where asked, with real FIFOs,
//! devices, symlinks and hard links in a temporary directory, and a finished output is never
//! moved or deleted by a failed run. The command-level checks (input = output, resume of
//! another job) are in `tests/cli_safety.rs`.

use std::ffi::CString;
use std::fs;
use std::io::Read;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::Path;

use frner::document::{CharIndex, Document, Entity};
use frner::output::{open_sink, open_sink_checked, partial_path, Format, SinkOptions};
use serde_json::json;

fn docs(n: usize) -> Vec<Document> {
    (0..n)
        .map(|i| {
            let text = format!("Emmanuel Macron parle à Paris, jour {i}.");
            let index = CharIndex::new(&text);
            Document {
                id: json!(format!("doc-{i}")),
                entities: vec![Entity::from_byte_span(&text, &index, 0, 15, "PER", 0.9)],
                text,
                ..Default::default()
            }
        })
        .collect()
}

fn opts(format: Format, resume: bool) -> SinkOptions {
    SinkOptions {
        format,
        resume,
        ..Default::default()
    }
}

fn write(output: &Path, format: Format, docs: &[Document]) -> anyhow::Result<()> {
    let (mut sink, _) = open_sink(output.to_str().unwrap(), &opts(format, false))?;
    for doc in docs {
        sink.write(doc)?;
    }
    sink.finish()
}

fn mkfifo(path: &Path) {
    let c = CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo");
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

/// Names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

// --- 1. special files, FIFOs, `-` ------------------------------------------------------------

#[test]
fn a_fifo_is_written_in_place_and_streamed() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("out.fifo");
    mkfifo(&fifo);
    // Also through a symlink: the FIFO itself is written, the link stays.
    let link = dir.path().join("link.jsonl");
    std::os::unix::fs::symlink(&fifo, &link).unwrap();
    for path in [&fifo, &link] {
        let reader_path = fifo.clone();
        let reader = std::thread::spawn(move || {
            let mut got = String::new();
            fs::File::open(reader_path)
                .unwrap()
                .read_to_string(&mut got)
                .unwrap();
            got
        });
        write(path, Format::Jsonl, &docs(3)).unwrap();
        let got = reader.join().unwrap();
        assert_eq!(got.lines().count(), 3, "{got}");
        assert!(got.starts_with("{\"id\":\"doc-0\""));
        assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(
            names(dir.path()),
            ["link.jsonl", "out.fifo"],
            "no partial, no temp"
        );
    }
}

#[test]
fn dev_null_is_written_never_replaced() {
    let before = fs::metadata("/dev/null").unwrap();
    assert!(before.file_type().is_char_device());
    write(Path::new("/dev/null"), Format::Jsonl, &docs(2)).unwrap();
    write(Path::new("/dev/null"), Format::Html, &docs(2)).unwrap();
    let after = fs::symlink_metadata("/dev/null").unwrap();
    assert!(
        after.file_type().is_char_device(),
        "/dev/null is still a device"
    );
    assert_eq!(after.rdev(), before.rdev());
    assert!(!Path::new("/dev/null.partial").exists());
    // Resume and brat make no sense on a stream: refused, nothing written.
    assert!(open_sink("/dev/null", &opts(Format::Jsonl, true)).is_err());
    assert!(open_sink("/dev/null", &opts(Format::Brat, false)).is_err());
}

#[test]
fn dev_stdout_goes_to_the_process_stdout() {
    // /dev/stdout → /proc/self/fd/1: written in place, whatever fd 1 is.
    let target = frner::output::target::resolve("/dev/stdout").unwrap();
    assert_eq!(
        target,
        frner::output::target::Target::InPlace("/dev/stdout".into())
    );
    assert_eq!(
        frner::output::target::resolve("-").unwrap(),
        frner::output::target::Target::Stdout
    );
}

// --- 2. symlinks and temporary files -----------------------------------------------------------

#[test]
fn a_symlinked_output_replaces_its_real_target_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let real_dir = dir.path().join("real");
    fs::create_dir(&real_dir).unwrap();
    let real = real_dir.join("data.jsonl");
    fs::write(&real, "old\n").unwrap();
    let link = dir.path().join("out.jsonl");
    std::os::unix::fs::symlink("real/data.jsonl", &link).unwrap();
    write(&link, Format::Jsonl, &docs(2)).unwrap();
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(fs::read_link(&link).unwrap(), Path::new("real/data.jsonl"));
    let content = fs::read_to_string(&real).unwrap();
    assert_eq!(content.lines().count(), 2, "{content}");
    assert_eq!(
        names(&real_dir),
        ["data.jsonl"],
        "the partial lived beside the real file"
    );
    assert_eq!(names(dir.path()), ["out.jsonl", "real"]);
}

#[test]
fn a_symlink_or_hard_link_at_the_partial_name_is_never_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim.txt");
    fs::write(&victim, "precious").unwrap();
    let out = dir.path().join("out.jsonl");
    let partial = partial_path(&out);
    std::os::unix::fs::symlink(&victim, &partial).unwrap();
    for resume in [false, true] {
        let err = open_sink(out.to_str().unwrap(), &opts(Format::Jsonl, resume))
            .err()
            .expect("a symlinked .partial is refused");
        assert!(format!("{err:#}").contains("symbolic link"), "{err:#}");
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
    }
    // A hard link at the partial name: resume refuses to write it, a fresh run replaces the
    // name (a new file) and leaves the other link's content alone.
    fs::remove_file(&partial).unwrap();
    fs::hard_link(&victim, &partial).unwrap();
    let err = open_sink(out.to_str().unwrap(), &opts(Format::Jsonl, true))
        .err()
        .expect("a hard-linked .partial is not resumed");
    assert!(format!("{err:#}").contains("hard links"), "{err:#}");
    write(&out, Format::Jsonl, &docs(1)).unwrap();
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
    assert_eq!(fs::read_to_string(&out).unwrap().lines().count(), 1);
}

#[test]
fn temporary_files_are_new_files_beside_the_target() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.jsonl");
    let (mut sink, _) = open_sink(out.to_str().unwrap(), &opts(Format::Jsonl, false)).unwrap();
    sink.write(&docs(1)[0]).unwrap();
    let partial = partial_path(&out);
    let meta = fs::symlink_metadata(&partial).unwrap();
    assert!(meta.file_type().is_file() && meta.nlink() == 1);
    drop(sink);
    // A second run's partial is a different inode (created fresh, not reopened).
    let first_inode = meta.ino();
    let keep_alive = dir.path().join("first-partial");
    fs::hard_link(&partial, &keep_alive).unwrap();
    write(&out, Format::Jsonl, &docs(2)).unwrap();
    assert_ne!(fs::metadata(&out).unwrap().ino(), first_inode);
    assert_eq!(fs::read_to_string(&keep_alive).unwrap().lines().count(), 1);
    assert_eq!(names(dir.path()), ["first-partial", "out.jsonl"]);
}

// --- 3. mode, owner, hard links of a replaced file ---------------------------------------------

#[test]
fn a_replaced_file_keeps_its_mode_and_owner() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.jsonl");
    fs::write(&out, "old\n").unwrap();
    fs::set_permissions(&out, fs::Permissions::from_mode(0o600)).unwrap();
    let owner = if is_root() {
        std::os::unix::fs::chown(&out, Some(65534), Some(65534)).unwrap();
        65534
    } else {
        eprintln!("not root: checking that the owner stays the current user only");
        fs::metadata(&out).unwrap().uid()
    };
    write(&out, Format::Jsonl, &docs(2)).unwrap();
    let meta = fs::metadata(&out).unwrap();
    assert_eq!(meta.mode() & 0o7777, 0o600);
    assert_eq!((meta.uid(), meta.gid()), (owner, owner));
    assert_eq!(fs::read_to_string(&out).unwrap().lines().count(), 2);
}

#[test]
fn a_new_file_gets_the_usual_mode_and_hard_links_keep_the_old_content() {
    // SAFETY: umask only swaps the process mask; restored at once.
    let umask = unsafe {
        let m = libc::umask(0o022);
        libc::umask(m);
        m
    };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("new.jsonl");
    write(&out, Format::Jsonl, &docs(1)).unwrap();
    assert_eq!(
        fs::metadata(&out).unwrap().mode() & 0o777,
        0o666 & !(umask as u32),
        "0666 less the umask, like any new file (not the 0600 of a temp file)"
    );
    // The documented rule: replacing a hard-linked output gives the name a new file; the
    // other names keep the previous content (nothing is lost).
    let other = dir.path().join("other-name.jsonl");
    fs::hard_link(&out, &other).unwrap();
    let before = fs::read(&other).unwrap();
    write(&out, Format::Jsonl, &docs(3)).unwrap();
    assert_eq!(fs::read(&other).unwrap(), before);
    assert_eq!(fs::read_to_string(&out).unwrap().lines().count(), 3);
}

// --- 4. brat touches only its own files --------------------------------------------------------

#[test]
fn brat_refuses_foreign_files_subdirectories_and_edited_annotations() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("brat");
    // An empty manifest does not authorise deleting anything.
    fs::create_dir(&out).unwrap();
    fs::write(out.join("frner-manifest.jsonl"), "").unwrap();
    fs::write(out.join("notes.md"), "mine").unwrap();
    let err = write(&out, Format::Brat, &docs(2)).unwrap_err();
    assert!(format!("{err:#}").contains("notes.md"), "{err:#}");
    assert_eq!(fs::read_to_string(out.join("notes.md")).unwrap(), "mine");
    assert!(
        !partial_path(&out).exists(),
        "refused before writing anything"
    );
    fs::remove_dir_all(&out).unwrap();

    // A real frner output, then a subdirectory added by the user.
    write(&out, Format::Brat, &docs(2)).unwrap();
    fs::create_dir(out.join("curated")).unwrap();
    fs::write(out.join("curated/a.ann"), "T1\tPER 0 5\tx\n").unwrap();
    assert!(write(&out, Format::Brat, &docs(2)).is_err());
    assert!(out.join("curated/a.ann").exists());
    fs::remove_dir_all(out.join("curated")).unwrap();

    // An annotation edited in brat after frner wrote it.
    fs::write(out.join("doc-0.ann"), "T1\tORG 0 15\tEmmanuel Macron\n").unwrap();
    let err = write(&out, Format::Brat, &docs(2)).unwrap_err();
    assert!(format!("{err:#}").contains("doc-0.ann"), "{err:#}");
    assert_eq!(
        fs::read_to_string(out.join("doc-0.ann")).unwrap(),
        "T1\tORG 0 15\tEmmanuel Macron\n"
    );
}

#[test]
fn brat_never_deletes_a_users_old_directory_and_replaces_only_its_own_output() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("brat");
    // The names the old code used for its scratch directory, holding a user's data.
    for old in ["brat.partial.old", "brat.old"] {
        fs::create_dir(dir.path().join(old)).unwrap();
        fs::write(dir.path().join(old).join("keep.txt"), "mine").unwrap();
    }
    write(&out, Format::Brat, &docs(3)).unwrap();
    write(&out, Format::Brat, &docs(2)).unwrap(); // replaces the first output
    for old in ["brat.partial.old", "brat.old"] {
        assert_eq!(
            fs::read_to_string(dir.path().join(old).join("keep.txt")).unwrap(),
            "mine"
        );
    }
    assert_eq!(
        names(dir.path()),
        ["brat", "brat.old", "brat.partial.old"],
        "no scratch directory left"
    );
    let manifest = fs::read_to_string(out.join("frner-manifest.jsonl")).unwrap();
    assert_eq!(manifest.lines().count(), 2);
    assert!(
        !out.join("doc-2.txt").exists(),
        "the old output's files are gone"
    );
}

#[test]
fn a_stale_brat_partial_with_foreign_content_is_an_error_not_a_deletion() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("brat");
    let partial = partial_path(&out);
    fs::create_dir(&partial).unwrap();
    fs::write(partial.join("thesis.tex"), "years of work").unwrap();
    assert!(write(&out, Format::Brat, &docs(1)).is_err());
    assert_eq!(
        fs::read_to_string(partial.join("thesis.tex")).unwrap(),
        "years of work"
    );
    // A symlink at the partial name is not followed either.
    fs::remove_dir_all(&partial).unwrap();
    let elsewhere = dir.path().join("elsewhere");
    fs::create_dir(&elsewhere).unwrap();
    fs::write(elsewhere.join("frner-manifest.jsonl"), "").unwrap();
    std::os::unix::fs::symlink(&elsewhere, &partial).unwrap();
    assert!(write(&out, Format::Brat, &docs(1)).is_err());
    assert!(elsewhere.join("frner-manifest.jsonl").exists());
}

// --- 5. a failed run never moves or deletes a finished output ----------------------------------

#[test]
fn a_refused_or_interrupted_resume_leaves_the_finished_output_in_place() {
    let dir = tempfile::tempdir().unwrap();
    for format in [Format::Jsonl, Format::Conll, Format::Html, Format::Brat] {
        let out = dir.path().join(format!("out-{format}"));
        write(&out, format, &docs(3)).unwrap();
        let snapshot = |p: &Path| -> Vec<(String, Vec<u8>)> {
            if p.is_dir() {
                names(p)
                    .into_iter()
                    .map(|n| (n.clone(), fs::read(p.join(&n)).unwrap()))
                    .collect()
            } else {
                vec![(String::new(), fs::read(p).unwrap())]
            }
        };
        let before = snapshot(&out);
        // The caller refuses (another input): nothing moves.
        let refused = open_sink_checked(out.to_str().unwrap(), &opts(format, true), &mut |e| {
            assert_eq!(e.ids.len(), 3, "{format}");
            anyhow::bail!("not the same job")
        });
        assert!(refused.is_err());
        assert_eq!(snapshot(&out), before, "{format}");
        assert!(!partial_path(&out).exists(), "{format}");
        // Accepted, then the run dies: the finished output is still there, untouched.
        let (mut sink, skip) = open_sink(out.to_str().unwrap(), &opts(format, true)).unwrap();
        assert_eq!(skip, 3);
        sink.write(&docs(4)[3]).unwrap();
        drop(sink);
        assert_eq!(snapshot(&out), before, "{format}");
        // The next run without --resume replaces it only when it finishes.
        let (mut sink, _) = open_sink(out.to_str().unwrap(), &opts(format, false)).unwrap();
        sink.write(&docs(1)[0]).unwrap();
        drop(sink);
        assert_eq!(snapshot(&out), before, "{format}");
    }
}

#[test]
fn as_a_non_root_user_the_mode_is_kept_and_the_new_file_is_the_writers() {
    let setpriv = Path::new("/usr/bin/setpriv");
    if !is_root() || !setpriv.exists() {
        eprintln!("skipped: switching to user nobody needs root and setpriv");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o777)).unwrap();
    let out = dir.path().join("out.jsonl");
    fs::write(&out, "old\n").unwrap();
    fs::set_permissions(&out, fs::Permissions::from_mode(0o640)).unwrap();
    let status = std::process::Command::new(setpriv)
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "non_root_child",
            "--include-ignored",
            "--test-threads=1",
        ])
        .env("FRNER_NON_ROOT_OUT", &out)
        .status()
        .unwrap();
    assert!(status.success(), "the child run as nobody failed");
    let meta = fs::metadata(&out).unwrap();
    assert_eq!(meta.mode() & 0o7777, 0o640, "mode kept");
    assert_eq!(
        meta.uid(),
        65534,
        "a non-root writer cannot give the file to root"
    );
    assert_eq!(fs::read_to_string(&out).unwrap().lines().count(), 2);
}

/// Run by the test above, as user nobody.
#[test]
#[ignore = "run as user nobody by as_a_non_root_user_the_mode_is_kept_and_the_new_file_is_the_writers"]
fn non_root_child() {
    let out = std::env::var_os("FRNER_NON_ROOT_OUT").expect("FRNER_NON_ROOT_OUT");
    assert!(!is_root());
    write(Path::new(&out), Format::Jsonl, &docs(2)).unwrap();
}

#[test]
fn resuming_a_finished_brat_output_completes_it_like_an_uninterrupted_run() {
    let dir = tempfile::tempdir().unwrap();
    let all = docs(5);
    let clean = dir.path().join("clean");
    write(&clean, Format::Brat, &all).unwrap();
    let out = dir.path().join("out");
    write(&out, Format::Brat, &all[..3]).unwrap();
    let (mut sink, skip) = open_sink(out.to_str().unwrap(), &opts(Format::Brat, true)).unwrap();
    assert_eq!(skip, 3);
    for doc in &all[3..] {
        sink.write(doc).unwrap();
    }
    sink.finish().unwrap();
    assert_eq!(names(&out), names(&clean));
    for name in names(&clean) {
        assert_eq!(
            fs::read(out.join(&name)).unwrap(),
            fs::read(clean.join(&name)).unwrap(),
            "{name}"
        );
    }
    assert_eq!(
        names(dir.path()),
        ["clean", "out"],
        "no partial or scratch left"
    );
}
