//! Recordings from the command line: a lesson played by itself into a
//! cast and SVG frames, and every bad path refused in one line.

use crate::support::cli::{run, stderr};

/// The lines of a recording but its header.
fn events(path: &std::path::Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .expect("the recording")
        .lines()
        .skip(1)
        .map(str::to_owned)
        .collect()
}

#[test]
fn an_autoplayed_lesson_records_the_same_events_every_time() {
    let scratch = tempfile::tempdir().expect("scratch");
    let (one, two) = (scratch.path().join("1.cast"), scratch.path().join("2.cast"));
    let frames = scratch.path().join("frames");
    for (cast, svg) in [(&one, Some(&frames)), (&two, None)] {
        let mut args = vec![
            "lesson",
            "raft-1-election",
            "--autoplay",
            "--record",
            cast.to_str().expect("a path"),
            "--size",
            "100x30",
        ];
        if let Some(dir) = svg {
            args.extend(["--svg-frames", dir.to_str().expect("a path")]);
        }
        let out = run(&args);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert!(stderr(&out).contains("recorded "), "{}", stderr(&out));
    }
    let header: serde_json::Value = serde_json::from_str(
        std::fs::read_to_string(&one)
            .expect("one")
            .lines()
            .next()
            .expect("a header"),
    )
    .expect("JSON");
    assert_eq!(
        (header["width"].as_u64(), header["height"].as_u64()),
        (Some(100), Some(30))
    );
    assert_eq!(header["title"], "Leader election");
    assert_eq!(events(&one), events(&two));
    let svgs = std::fs::read_dir(&frames).expect("frames").count();
    assert_eq!(svgs, 5, "one drawing per step");
}

#[test]
fn a_recording_that_cannot_be_written_is_one_line_and_exit_2() {
    let scratch = tempfile::tempdir().expect("scratch");
    let missing = scratch.path().join("no/such/folder/x.cast");
    let missing = missing.to_str().expect("a path");
    let cases: [&[&str]; 5] = [
        &[
            "lesson",
            "raft-1-election",
            "--autoplay",
            "--record",
            missing,
        ],
        &["lesson", "raft-1-election", "--record", missing],
        &["sandbox", "raft", "--record", missing],
        &[
            "lesson",
            "raft-1-election",
            "--autoplay",
            "--record",
            "/dev/full",
        ],
        &[
            "lesson",
            "raft-1-election",
            "--autoplay",
            "--svg-frames",
            "/dev/null/frames",
        ],
    ];
    for args in cases {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        let said = stderr(&out);
        assert_eq!(said.lines().count(), 1, "{args:?}: {said}");
        assert!(said.starts_with("error: cannot "), "{args:?}: {said}");
    }
}

#[test]
fn autoplay_needs_somewhere_to_play_and_a_size_is_columns_by_rows() {
    let out = run(&["lesson", "raft-1-election", "--autoplay"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--record FILE.cast"),
        "{}",
        stderr(&out)
    );
    for size in ["0x24", "80", "80x24x2", "huge"] {
        let out = run(&[
            "lesson",
            "raft-1-election",
            "--autoplay",
            "--record",
            "x.cast",
            "--size",
            size,
        ]);
        assert_eq!(out.status.code(), Some(2), "{size}");
    }
}
