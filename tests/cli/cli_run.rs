//! `distlab run` as a user meets it: exit codes, messages, traces.

use std::path::{Path, PathBuf};

use crate::support::cli::{run, stderr, stdout};

#[test]
fn malformed_scenarios_exit_2_with_a_positioned_message() {
    let cases = [
        (
            "bad-syntax.ron",
            "tests/scenarios/bad-syntax.ron:5:1:",
            "expected",
        ),
        (
            "unknown-field.ron",
            "tests/scenarios/unknown-field.ron:3:",
            "unknown field `heartbeat`",
        ),
        (
            "bad-node.ron",
            "tests/scenarios/bad-node.ron:5:",
            "node 4 does not exist",
        ),
        (
            "node-past-the-limit.ron",
            "tests/scenarios/node-past-the-limit.ron:5:",
            "node 99 does not exist: the cluster has nodes 1 to 5",
        ),
        (
            "decimal-nodes.ron",
            "tests/scenarios/decimal-nodes.ron:3:",
            "a whole number belongs here, not a decimal",
        ),
        (
            "reversed-range.ron",
            "tests/scenarios/reversed-range.ron:3:",
            "minimum 300 exceeds its maximum 150",
        ),
        (
            "after-the-end.ron",
            "tests/scenarios/after-the-end.ron:6:17:",
            "(`at_ms: 12000`) comes after the scenario's end (`until_ms: 10000`)",
        ),
    ];
    for (file, place, words) in cases {
        let out = run(&["run", &format!("tests/scenarios/{file}")]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{file}: {err}");
        assert!(
            err.contains(place),
            "{file}: message lacks {place:?}: {err}"
        );
        assert!(
            err.to_lowercase().contains(&words.to_lowercase()),
            "{file}: message lacks {words:?}: {err}"
        );
        assert!(!err.contains("panicked"), "{file}: {err}");
        assert_eq!(err.lines().count(), 1, "{file}: one line, please: {err}");
    }
}

#[test]
fn an_equal_minimum_and_maximum_is_a_valid_range() {
    let out = run(&["run", "tests/scenarios/equal-range.ron"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn a_missing_file_is_bad_input() {
    let out = run(&["run", "tests/scenarios/no-such-file.ron"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("cannot read the file"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_safe_run_exits_0_and_summarises() {
    let out = run(&["run", "assets/scenarios/leader-crash.ron"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("leaders: term 1: S4, term 2: S2"), "{text}");
    assert!(text.contains("entries committed: 2"), "{text}");
    assert!(text.contains("safety: ✓"), "{text}");
}

#[test]
fn a_violation_exits_1_and_names_the_invariant() {
    let out = run(&["run", "assets/scenarios/figure8.ron"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("State Machine Safety"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn the_trace_is_json_lines_with_time_and_kind() {
    let scratch = tempfile::tempdir().expect("a scratch folder");
    let dir = scratch.path();
    let file: PathBuf = dir.join("trace.jsonl");
    let out = run(&[
        "run",
        "assets/scenarios/leader-crash.ron",
        "--until-ms",
        "2500",
        "--trace",
        file.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = std::fs::read_to_string(&file).expect("trace written");
    let mut kinds = std::collections::BTreeSet::new();
    let mut last_t = 0;
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("each line is JSON");
        let t = v["t_us"].as_u64().expect("t_us");
        assert!(t >= last_t, "records in time order");
        assert!(t <= 2_500_000);
        last_t = t;
        kinds.insert(v["kind"].as_str().expect("kind").to_owned());
        if v["kind"] == "send" {
            assert!(
                v["from"].as_u64().is_some_and(|n| (1..=5).contains(&n)),
                "1-based nodes: {line}"
            );
            assert!(v["msg"].is_string(), "{line}");
        }
    }
    for k in [
        "send", "deliver", "timer", "crash", "role", "vote", "commit", "note",
    ] {
        assert!(kinds.contains(k), "no {k} record in {kinds:?}");
    }
}

#[test]
fn the_trace_goes_to_stdout_with_a_dash_and_the_summary_to_stderr() {
    let out = run(&[
        "run",
        "assets/scenarios/steady-state.ron",
        "--trace",
        "-",
        "--seed",
        "5",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let first = stdout(&out)
        .lines()
        .next()
        .map(str::to_owned)
        .unwrap_or_default();
    assert!(
        first.starts_with("{\"t_us\":") && first.contains(",\"kind\":"),
        "{first}"
    );
    assert!(stderr(&out).contains("seed 5"), "{}", stderr(&out));
}

#[test]
fn every_preset_scenario_loads() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/scenarios");
    let mut loaded: Vec<String> = Vec::new();
    for entry in std::fs::read_dir(dir).expect("presets folder") {
        let path = entry.expect("entry").path();
        distlab::scenario::check_file(&path).unwrap_or_else(|e| panic!("{e}"));
        loaded.push(
            path.file_name()
                .expect("a name")
                .to_string_lossy()
                .into_owned(),
        );
    }
    loaded.sort();
    for raft in [
        "figure8.ron",
        "forget-vote-on-restart.ron",
        "leader-crash.ron",
        "partition-heal.ron",
        "require-all-acks.ron",
        "skip-up-to-date-check.ron",
        "steady-state.ron",
    ] {
        assert!(loaded.iter().any(|l| l == raft), "{raft} in {loaded:?}");
    }
}

#[test]
fn until_ms_on_the_command_line_has_the_files_one_day_limit() {
    let out = run(&[
        "run",
        "assets/scenarios/figure8.ron",
        "--until-ms",
        "86400001",
    ]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("86400000"),
        "the message names the bound: {err}"
    );
}

#[test]
fn a_byte_order_mark_before_a_scenario_is_skipped() {
    let folder = tempfile::tempdir().expect("a scratch folder");
    let file = folder.path().join("bom.ron");
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/scenarios/leader-crash.ron"),
    )
    .expect("the preset reads");
    std::fs::write(&file, format!("\u{feff}{text}")).expect("written");
    let out = run(&["run", file.to_str().expect("a UTF-8 path")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}
