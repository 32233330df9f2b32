//! `distlab experiment`: many seeds, percentiles and a text CDF.

use std::path::Path;

use distlab::experiment::{cdf_chart, leader_downtime, percentile, Percentiles};
use distlab::protocols::raft::Raft;
use distlab::units::MsRange;

use crate::support::cli::{run, stderr, stdout};

type Scenario = distlab::scenario::Scenario<Raft>;

fn leader_crash() -> Scenario {
    Scenario::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/scenarios/leader-crash.ron"))
        .expect("the preset loads")
}

fn with_timeouts(lo: u64, hi: u64) -> Scenario {
    let mut s = leader_crash();
    let raft = &mut s.cluster.0;
    raft.election_timeout_ms = MsRange(lo, hi);
    s
}

/// `experiment` over 50 seeds of the leader-crash preset from `seed`.
fn fifty_trials(seed: &str) -> [&str; 8] {
    [
        "experiment",
        "assets/scenarios/leader-crash.ron",
        "--trials",
        "50",
        "--measure",
        "leader-downtime",
        "--seed",
        seed,
    ]
}

#[test]
fn the_same_seed_gives_the_same_report() {
    let args = fifty_trials("7");
    let a = run(&args);
    let b = run(&args);
    assert_eq!(a.status.code(), Some(0));
    assert_eq!(stdout(&a), stdout(&b));
    let text = stdout(&a);
    assert!(
        text.starts_with("50 trials, 50 leader crashes measured"),
        "{text}"
    );
    assert!(text.contains("leader-downtime: count 50  min "), "{text}");
    assert_eq!(
        text.lines().filter(|l| l.contains('│')).count(),
        10,
        "{text}"
    );
    assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
    let other = run(&fifty_trials("1000"));
    assert_ne!(stdout(&other), text, "other seeds, other runs");
}

#[test]
fn the_library_and_the_command_agree() {
    let mut s = leader_crash();
    s.seed = 7;
    let d = leader_downtime(&s, 50);
    let p = d.percentiles().expect("samples");
    let out = run(&fifty_trials("7"));
    assert!(stdout(&out).contains(&format!("leader-downtime: {p}")));
    assert_eq!(d.samples.len(), 50);
    assert_eq!(d.samples[3].seed, 10);
    assert!(
        d.counted() < 50,
        "most first elections are won: {}",
        d.counted()
    );
}

#[test]
fn percentiles_of_known_samples() {
    let sorted: Vec<u64> = (1..=200).map(|k| k * 1_000).collect();
    let p = Percentiles::of(&sorted).expect("non-empty");
    assert_eq!(
        (p.count, p.min, p.p50, p.p90, p.p99, p.max),
        (200, 1_000, 100_000, 180_000, 198_000, 200_000)
    );
    assert_eq!(percentile(&[3, 9], 50.0), Some(3));
    assert_eq!(percentile(&[3, 9], 50.1), Some(9));
    assert_eq!(Percentiles::of(&[]), None);
    let chart = cdf_chart(&[100_000, 200_000, 300_000, 400_000], 0, "");
    let first = chart.lines().next().expect("rows");
    assert!(first.starts_with("≤   130 ms │"), "{chart}");
    assert!(first.ends_with(" 25%"), "{chart}");
}

#[test]
fn a_narrow_timeout_range_splits_votes_and_slows_elections() {
    let narrow = leader_downtime(&with_timeouts(150, 155), 200);
    let wide = leader_downtime(&with_timeouts(150, 300), 200);
    let (pn, pw) = (
        narrow.percentiles().expect("samples"),
        wide.percentiles().expect("samples"),
    );
    assert!(pn.p50 > 3 * pw.p50, "narrow {pn}, wide {pw}");
    assert!(
        narrow.counted() > 10 * wide.counted().max(1),
        "split votes: narrow {}, wide {}",
        narrow.counted(),
        wide.counted()
    );
    assert_eq!(wide.samples.len(), 200);
    assert!(pw.p50 >= 150_000 && pw.p50 <= 300_000, "{pw}");
}

#[test]
fn a_scenario_without_a_leader_crash_is_bad_input() {
    let out = run(&[
        "experiment",
        "assets/scenarios/steady-state.ron",
        "--trials",
        "3",
        "--measure",
        "leader-downtime",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no leader crashes were measured in 3 trials"),
        "{err}"
    );
    let bad = run(&[
        "experiment",
        "assets/scenarios/leader-crash.ron",
        "--measure",
        "throughput",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(
        err.contains(
            "Raft has no measure `throughput`; available: leader-downtime, leaderless, first-leader, messages-per-command"
        ),
        "{err}"
    );
}

/// `experiment` on a preset with `measure`, over `trials` seeds.
fn measure(preset: &str, measure: &str, trials: &str) -> String {
    let path = format!("assets/scenarios/{preset}.ron");
    let out = run(&[
        "experiment",
        &path,
        "--trials",
        trials,
        "--measure",
        measure,
    ]);
    let text = stdout(&out);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    text
}

/// The line of `text` that gives the percentiles of `name`.
fn percentiles_line<'a>(text: &'a str, name: &str) -> &'a str {
    let head = format!("{name}: count ");
    text.lines()
        .find(|l| l.starts_with(&head))
        .unwrap_or_else(|| panic!("no `{head}` in {text}"))
}

#[test]
fn every_family_offers_its_own_measures() {
    let raft = measure("steady-state", "first-leader", "20");
    assert!(
        percentiles_line(&raft, "first-leader").contains("count 20 "),
        "{raft}"
    );
    let paxos = measure("paxos-basic", "decide", "10");
    percentiles_line(&paxos, "decide");
    let lock = measure("lock-zk", "wait", "10");
    percentiles_line(&lock, "wait");
    let dispatch = measure("balance-slow-server", "latency", "5");
    percentiles_line(&dispatch, "latency");
    let default = run(&[
        "experiment",
        "assets/scenarios/balance-slow-server.ron",
        "--trials",
        "5",
    ]);
    assert_eq!(
        stdout(&default),
        dispatch,
        "latency is the dispatch family's first measure"
    );
    let wrong = run(&[
        "experiment",
        "assets/scenarios/lock-zk.ron",
        "--measure",
        "latency",
    ]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&wrong.stderr)
        .contains("Lock has no measure `latency`; available: wait"));
}

#[test]
fn a_first_election_in_a_larger_cluster_can_be_measured() {
    let mut s = leader_crash();
    s.actions.clear();
    let big = |n: usize| {
        let mut s = s.clone();
        s.cluster.0.nodes = n;
        let first =
            distlab::experiment::find_measure::<Raft>(Some("first-leader")).expect("Raft has it");
        distlab::experiment::run(&s, 20, first)
    };
    for n in [5, 25, 51] {
        let d = big(n);
        assert_eq!(
            d.samples.len() as u64 + d.unresolved,
            20,
            "{n} nodes: {d:?}"
        );
        let p = d.percentiles().expect("some election is won");
        assert!(
            p.min >= 150_000,
            "{n} nodes: no election before the first timeout: {p}"
        );
    }
}

#[test]
fn results_do_not_depend_on_the_thread_count() {
    let s = leader_crash();
    let on = |threads: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("a pool")
            .install(|| leader_downtime(&s, 40))
    };
    assert_eq!(on(1), on(4));
}

#[test]
fn crashes_that_never_recover_are_reported_not_dropped() {
    // Election timeouts longer than the run: no crash of the leader is
    // followed by a new one before the run ends.
    let mut s = with_timeouts(150, 300);
    s.until_ms = Some(2_100);
    let d = leader_downtime(&s, 20);
    assert!(d.unresolved > 10, "{d:?}");
    assert_eq!(
        d.censored(50.0),
        Some(distlab::experiment::Censored::NeverEnded)
    );
    let out = run(&[
        "experiment",
        "tests/scenarios/never-recovers.ron",
        "--trials",
        "20",
        "--measure",
        "leader-downtime",
    ]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("p50 > end of run"), "{text}");
    assert!(
        text.contains("of 20 without a new leader by the end"),
        "{text}"
    );
}

#[test]
fn a_lesson_experiment_must_name_a_measure_its_family_has() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons/locks/locks-1-naive.ron");
    let text = std::fs::read_to_string(&file).expect("the lesson reads");
    let scenario = "scenario: Scenario(seed: 1, cluster: Lock((clients: 2)))";
    let with_experiment = text.replacen(
        "            finish: Continue,",
        &format!(
            "            finish: Continue,\n            experiment: (measure: LeaderDowntime, trials: 3, {scenario}, variants: [(label: {{\"en\": \"a\", \"zh\": \"a\"}}, election_timeout_ms: (10, 20))]),"
        ),
        1,
    );
    assert_ne!(with_experiment, text);
    let err = distlab::lesson::Lesson::<distlab::protocols::lock::Lock>::parse(
        &with_experiment,
        Path::new("l.ron"),
    )
    .expect_err("locks have no leaders")
    .to_string();
    assert!(
        err.contains("Lock has no measure `leader-downtime`; available: wait"),
        "{err}"
    );
    assert!(err.starts_with("l.ron:"), "{err}");
}

#[test]
fn any_setting_can_be_compared_side_by_side() {
    let out = run(&[
        "experiment",
        "assets/scenarios/leader-crash.ron",
        "--trials",
        "40",
        "--compare",
        "election_timeout_ms=(150, 155),(150, 300)",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let table = stdout(&out);
    let lines: Vec<&str> = table.lines().collect();
    assert!(lines[2].starts_with("election_timeout_ms"), "{table}");
    assert!(lines[3].starts_with("(150, 155)"), "{table}");
    assert!(lines[4].starts_with("(150, 300)"), "{table}");
    // The narrow range splits votes: its median downtime is the longer.
    let p50 = |line: &str| -> f64 {
        line.split_whitespace()
            .nth(3)
            .and_then(|v| v.parse().ok())
            .expect("a p50")
    };
    assert!(p50(lines[3]) > p50(lines[4]), "{table}");
}

#[test]
fn a_comparison_written_wrong_is_bad_input() {
    for (args, said) in [
        (
            &["--compare", "election_timeout_ms"][..],
            "--compare takes SETTING=A,B,…",
        ),
        (
            &["--compare", "ticks=1,2"][..],
            "Raft has no setting `ticks`; its settings: nodes",
        ),
        (
            &["--compare", "heartbeat_ms=soon"][..],
            "`heartbeat_ms: soon` is not a Raft setting",
        ),
        (
            &[
                "--compare",
                "heartbeat_ms=50",
                "--compare-algorithms",
                "RoundRobin",
            ][..],
            "cannot be used with",
        ),
    ] {
        let mut all = vec![
            "experiment",
            "assets/scenarios/leader-crash.ron",
            "--trials",
            "2",
        ];
        all.extend_from_slice(args);
        let out = run(&all);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(said), "{args:?}: {err}");
    }
}

/// The read modes side by side: the correct ones are never stale, the
/// shortcuts are, and a lease answers without a round.
#[test]
fn read_modes_compare_by_latency_and_stale_reads() {
    let out = run(&[
        "experiment",
        "assets/scenarios/reads-workload.ron",
        "--trials",
        "60",
        "--measure",
        "read-latency",
        "--compare",
        "read_mode=Log,ReadIndex,Lease,FollowerLocal",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let table = stdout(&out);
    let lines: Vec<&str> = table.lines().collect();
    assert!(lines[2].ends_with("failed  stale"), "{table}");
    let column = |row: usize, n: usize| -> f64 {
        lines[row]
            .split_whitespace()
            .nth(n)
            .and_then(|v| v.trim_end_matches('%').parse().ok())
            .unwrap_or_else(|| panic!("a number in column {n}: {table}"))
    };
    for row in 3..=5 {
        assert_eq!(column(row, 7), 0.0, "never stale: {table}");
    }
    assert!(column(6, 7) > 0.0, "FollowerLocal is stale: {table}");
    assert!(
        column(5, 2) < column(4, 2),
        "Lease beats ReadIndex at p50: {table}"
    );
    assert!(
        column(4, 2) < column(3, 2),
        "ReadIndex beats Log at p50: {table}"
    );
}

/// A server added to a busy cluster catches up entry by entry: the longer
/// the log, the longer it takes, unless a snapshot replaces most of it.
#[test]
fn catching_up_grows_with_the_log_and_a_snapshot_cuts_it_short() {
    let p50s = |compare: &str| -> Vec<f64> {
        let out = run(&[
            "experiment",
            "assets/scenarios/add-server.ron",
            "--trials",
            "20",
            "--measure",
            "catch-up",
            "--compare",
            compare,
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let table = stdout(&out);
        assert!(
            table.lines().nth(2).unwrap().ends_with("failed rounds"),
            "{table}"
        );
        table
            .lines()
            .skip(3)
            .map(|row| row.split_whitespace().nth(2).and_then(|v| v.parse().ok()))
            .map(|p50| p50.unwrap_or_else(|| panic!("a p50 in every row: {table}")))
            .collect()
    };
    let by_load = p50s("ops_per_s=5,100");
    assert!(by_load[1] > 3.0 * by_load[0], "{by_load:?}");
    let by_snapshot = p50s("snapshot_every=None,20");
    assert!(by_snapshot[0] > 2.5 * by_snapshot[1], "{by_snapshot:?}");
}

#[test]
fn a_client_setting_needs_clients() {
    let out = run(&[
        "experiment",
        "assets/scenarios/leader-crash.ron",
        "--trials",
        "2",
        "--compare",
        "read_mode=Log,Lease",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("`read_mode` is a setting of the clients"));
}
