//! Every command that prints survives its reader going away (`| head`)
//! quietly, and reports a standard output it cannot write (a full disk)
//! in one line, exiting 2, instead of panicking.

use std::fs::OpenOptions;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use crate::support::cli::{distlab, stderr};

/// Commands that print to standard output, and how each exits when its
/// output is all read.
const PRINTING: [(&[&str], i32); 7] = [
    (&["run", "assets/scenarios/leader-crash.ron"], 0),
    (&["history", "check", "assets/histories/kv.edn"], 0),
    (&["run", "assets/scenarios/figure8.ron"], 1),
    (
        &["run", "assets/scenarios/leader-crash.ron", "--trace", "-"],
        0,
    ),
    (&["lessons"], 0),
    (
        &[
            "experiment",
            "assets/scenarios/leader-crash.ron",
            "--trials",
            "3",
        ],
        0,
    ),
    (
        &["lesson", "raft-0-using-distlab", "--autoplay", "--headless"],
        0,
    ),
];

/// `distlab ARGS` in English, reading nothing, its standard error read.
fn printing(args: &[&str]) -> Command {
    let mut command = distlab(args);
    command
        .env("LANG", "en_GB.UTF-8")
        .stdin(Stdio::null())
        .stderr(Stdio::piped());
    command
}

/// What `experiment` says on standard error whatever happens.
fn is_timing(line: &str) -> bool {
    line.contains(" trials in ") && line.contains(" threads")
}

#[test]
fn a_reader_that_stops_after_one_line_ends_the_trace_quietly() {
    // The trace of ten seconds is far more than a pipe holds.
    let mut child = printing(&["run", "assets/scenarios/leader-crash.ron", "--trace", "-"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut reader = BufReader::new(child.stdout.take().expect("piped"));
    let mut first = String::new();
    reader.read_line(&mut first).expect("one line");
    assert!(first.starts_with("{\""), "a JSON record: {first}");
    drop(reader);
    let out = child.wait_with_output().expect("it ends");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "", "quiet");
}

#[test]
fn a_pipe_closed_before_anything_is_written_is_no_failure() {
    for (args, code) in PRINTING {
        let (reader, writer) = std::io::pipe().expect("a pipe");
        drop(reader);
        let out = printing(args)
            .stdout(writer)
            .output()
            .expect("the binary runs");
        let err = stderr(&out);
        // A run cut short at its first line is not judged; a run whose
        // summary was not read keeps its verdict.
        let expected = if args.contains(&"--trace") { 0 } else { code };
        assert_eq!(out.status.code(), Some(expected), "{args:?}: {err}");
        assert!(
            err.lines().all(is_timing),
            "{args:?}: nothing but the timing on stderr: {err}"
        );
    }
}

#[test]
fn a_full_disk_is_one_line_of_error_and_exit_2() {
    for (args, _) in PRINTING {
        let full = OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full exists");
        let out = printing(args)
            .stdout(full)
            .output()
            .expect("the binary runs");
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        let lines: Vec<&str> = err.lines().filter(|l| !is_timing(l)).collect();
        assert_eq!(lines.len(), 1, "{args:?}: one line: {err}");
        assert!(lines[0].starts_with("error: "), "{args:?}: {err}");
        assert!(
            lines[0].contains("No space left on device"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn a_full_standard_error_never_panics() {
    let full = || {
        OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full exists")
    };
    let mut commands: Vec<(&[&str], i32)> = PRINTING.to_vec();
    commands.push((&["run", "no-such-file.ron"], 2));
    commands.push((&["lessons", "--check"], 0));
    commands.push((&["--bogus"], 2));
    for (args, code) in commands {
        let out = printing(args)
            .stdout(Stdio::null())
            .stderr(full())
            .output()
            .expect("the binary runs");
        assert_eq!(out.status.code(), Some(code), "{args:?}");
    }
    // Help written nowhere is no success.
    let out = printing(&["--help"])
        .stdout(full())
        .output()
        .expect("the binary runs");
    assert_eq!(out.status.code(), Some(2));
}
