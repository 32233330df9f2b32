//! `distlab experiment` on dispatch scenarios: the latency measure with
//! its tail, failures and longest queue, and the same trials run once per
//! algorithm, side by side, whatever the number of threads.

use std::path::Path;
use std::process::Output;

use distlab::experiment;
use distlab::protocols::balance::Balancer;
use distlab::scenario::Scenario;

use crate::support::cli::{distlab, output};

const SLOW: &str = "assets/scenarios/balance-slow-server.ron";

/// `distlab ARGS` run to its end on `threads` threads.
fn run_on(args: &[&str], threads: &str) -> Output {
    output(distlab(args).env("RAYON_NUM_THREADS", threads))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn slow_server() -> Scenario<Balancer> {
    Scenario::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join(SLOW)).expect("the preset loads")
}

#[test]
fn latency_reports_its_tail_the_failures_and_the_longest_queue() {
    let out = run_on(&["experiment", SLOW, "--trials", "8"], "2");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report = text(&out.stdout);
    assert!(report.contains("\nlatency: count "), "{report}");
    let tail = report
        .lines()
        .find(|l| l.starts_with("p95 "))
        .expect("a p95 line");
    assert!(
        tail.contains("% of requests failed or rejected"),
        "{report}"
    );
    assert!(
        report.contains("\nlongest queue: 10 (the most in any trial)\n"),
        "round robin fills the slow server's queue of 10: {report}"
    );
}

#[test]
fn algorithms_side_by_side_do_not_depend_on_the_thread_count() {
    let args = [
        "experiment",
        SLOW,
        "--trials",
        "6",
        "--compare-algorithms",
        "RoundRobin,LeastConnections,PowerOfTwo,RingHash",
    ];
    let one = run_on(&args, "1");
    let two = run_on(&args, "2");
    assert_eq!(one.status.code(), Some(0), "{}", text(&one.stderr));
    assert_eq!(text(&one.stdout), text(&two.stdout));
    let table = text(&one.stdout);
    let rows: Vec<&str> = table.lines().skip(3).collect();
    let names: Vec<&str> = rows
        .iter()
        .filter_map(|r| r.split_whitespace().next())
        .collect();
    assert_eq!(
        names,
        ["RoundRobin", "LeastConnections", "PowerOfTwo", "RingHash"],
        "{table}"
    );
    assert!(table.lines().nth(2).is_some_and(|h| h.contains("p95")
        && h.contains("failed")
        && h.ends_with("longest queue")));
    assert!(table.lines().all(|l| l.chars().count() <= 80), "{table}");
}

#[test]
fn reading_load_beats_round_robin_in_front_of_a_slow_server() {
    let scenario = slow_server();
    let measure = experiment::find_measure::<Balancer>(Some("latency")).expect("latency");
    let names = [
        "RoundRobin".to_owned(),
        "LeastConnections".to_owned(),
        "RingHash((vnodes: 20))".to_owned(),
    ];
    let rows =
        experiment::compare(&scenario, 6, measure, "algorithm", &names).expect("known algorithms");
    assert_eq!(rows[2].0, "RingHash((vnodes: 20))");
    let (rr, lc) = (&rows[0].1, &rows[1].1);
    let p99 = |d: &experiment::Measured| d.percentiles().expect("answers").p99;
    assert!(p99(rr) > 2 * p99(lc), "{} vs {}", p99(rr), p99(lc));
    assert!(rr.unresolved_share() > lc.unresolved_share());
    let alone = experiment::run(&scenario, 6, measure);
    assert_eq!(
        alone, *rr,
        "the scenario's own algorithm gives the same trials"
    );
}

#[test]
fn an_unknown_algorithm_is_a_clear_error() {
    let out = run_on(
        &[
            "experiment",
            SLOW,
            "--compare-algorithms",
            "RoundRobin,Fastest",
        ],
        "2",
    );
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("unknown algorithm `Fastest`; available: LeastConnections, PowerOfTwo"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn a_family_without_algorithms_says_which_settings_it_has() {
    let out = run_on(
        &[
            "experiment",
            "assets/scenarios/leader-crash.ron",
            "--trials",
            "2",
            "--compare-algorithms",
            "RoundRobin",
        ],
        "2",
    );
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("Raft has no setting `algorithm`; its settings: nodes, election_timeout_ms"),
        "{err}"
    );
}
