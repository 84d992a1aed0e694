//! `frner tag --input - --output -` as a Unix filter (issue 18): a record's output arrives
//! while its producer keeps stdin open, and stderr stays free of bars and colours on a pipe.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc::channel;
use std::time::{Duration, Instant};

#[test]
fn each_record_comes_out_while_stdin_stays_open() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_frner"))
        // One thread: on a loaded machine, libtorch's threads across both cores wait on
        // descheduled ones and a record took 3.3 s (README, "As a Unix filter").
        .args(["tag", "--input", "-", "--output", "-", "--no-link"])
        .args(["--threads", "1"])
        .env_remove("FRNER_LOG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run frner");
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if tx.send((line.unwrap(), Instant::now())).is_err() {
                break;
            }
        }
    });
    let records = [
        "{\"id\":\"a\",\"text\":\"Emmanuel Macron est à Paris.\"}\n",
        "{\"id\":\"b\",\"text\":\"La SNCF recrute à Lyon.\"}\n",
    ];
    let mut latencies = vec![];
    for (i, record) in records.iter().enumerate() {
        let sent = Instant::now();
        stdin.write_all(record.as_bytes()).unwrap();
        stdin.flush().unwrap();
        // The first record also waits for the model to load.
        let (line, at) = rx
            .recv_timeout(Duration::from_secs(60))
            .unwrap_or_else(|_| panic!("no output for record {i} while stdin is open"));
        assert!(
            line.starts_with(&format!("{{\"id\":\"{}\"", ["a", "b"][i])),
            "{line}"
        );
        assert!(child.try_wait().unwrap().is_none(), "frner ended early");
        latencies.push(at - sent);
    }
    // Model loaded: the second record needs only its idle flush (200 ms) and tagging.
    assert!(
        latencies[1] < Duration::from_secs(2),
        "second record took {:?}",
        latencies[1]
    );
    drop(stdin);
    let status = child.wait().unwrap();
    reader.join().unwrap();
    assert_eq!(status.code(), Some(0));
    let mut log = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut log).unwrap();
    // No progress bar (carriage returns, spinner) and no colours when stderr is a pipe.
    assert!(!log.contains('\r') && !log.contains('\u{1b}'), "{log:?}");
    assert!(log.contains("2 documents"), "{log}");
}
