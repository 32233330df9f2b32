//! `distlab explore`: exit 1 with the schedule written as a scenario that
//! `distlab run` replays to the same violation, 0 when the search finds
//! none, 2 for a family it cannot explore.

use crate::support::cli::{run, stderr, stdout};

#[test]
fn a_violation_is_written_as_a_scenario_that_run_replays() {
    let dir = tempfile::tempdir().expect("a folder");
    let file = dir.path().join("cx.ron");
    let file = file.to_str().expect("a path");
    let out = run(&[
        "explore",
        "assets/scenarios/figure8.ron",
        "--at-ms",
        "2450",
        "--depth",
        "7",
        "--counterexample",
        file,
    ]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}{}", stderr(&out));
    assert!(
        text.contains("violation: Leader Completeness, in 6 steps (a shortest schedule)"),
        "{text}"
    );
    assert!(
        text.contains("  1. at S5, now: election timer fires"),
        "{text}"
    );
    assert!(
        text.contains(&format!("`distlab run {file}` replays it")),
        "{text}"
    );
    let replay = run(&["run", file]);
    assert_eq!(replay.status.code(), Some(1));
    assert!(stdout(&replay).contains("Leader Completeness"));
}

#[test]
fn no_violation_exits_0_and_says_how_far_it_looked() {
    let out = run(&[
        "explore",
        "assets/scenarios/steady-state.ron",
        "--at-ms",
        "1000",
        "--depth",
        "3",
        "--lang",
        "zh",
    ]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}{}", stderr(&out));
    assert!(text.contains("没有违反"), "{text}");
}

#[test]
fn a_family_that_depends_on_timing_is_refused_with_why() {
    let out = run(&["explore", "assets/scenarios/lock-redis-naive.ron"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("Lock cannot be explored here"),
        "{}",
        stderr(&out)
    );
}
