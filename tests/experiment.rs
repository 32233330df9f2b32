//! `distlab experiment`: many seeds, percentiles and a text CDF.

use std::path::Path;
use std::process::{Command, Output};

use distlab::experiment::{cdf_chart, leader_downtime, percentile, Percentiles};
use distlab::protocols::raft::Raft;
use distlab::units::MsRange;

type Scenario = distlab::scenario::Scenario<Raft>;

fn distlab(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_distlab"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

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
    let a = distlab(&args);
    let b = distlab(&args);
    assert_eq!(a.status.code(), Some(0));
    assert_eq!(stdout(&a), stdout(&b));
    let text = stdout(&a);
    assert!(
        text.starts_with("50 trials, 50 leader crashes measured"),
        "{text}"
    );
    assert!(text.contains("leader downtime: count 50  min "), "{text}");
    assert_eq!(
        text.lines().filter(|l| l.contains('│')).count(),
        10,
        "{text}"
    );
    assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
    let other = distlab(&fifty_trials("1000"));
    assert_ne!(stdout(&other), text, "other seeds, other runs");
}

#[test]
fn the_library_and_the_command_agree() {
    let mut s = leader_crash();
    s.seed = 7;
    let d = leader_downtime(&s, 50);
    let p = d.percentiles().expect("samples");
    let out = distlab(&fifty_trials("7"));
    assert!(stdout(&out).contains(&format!("leader downtime: {p}")));
    assert_eq!(d.samples.len(), 50);
    assert_eq!(d.samples[3].seed, 10);
    assert!(d.samples.iter().all(|x| x.terms >= 1));
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
    let chart = cdf_chart(&[100_000, 200_000, 300_000, 400_000], 0);
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
        narrow.failed_elections() > 10 * wide.failed_elections().max(1),
        "split votes: narrow {}, wide {}",
        narrow.failed_elections(),
        wide.failed_elections()
    );
    assert_eq!(wide.samples.len(), 200);
    assert!(pw.p50 >= 150_000 && pw.p50 <= 300_000, "{pw}");
}

#[test]
fn a_scenario_without_a_leader_crash_is_bad_input() {
    let out = distlab(&[
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
        err.contains("no leader crash was measured in 3 trials"),
        "{err}"
    );
    let bad = distlab(&[
        "experiment",
        "assets/scenarios/leader-crash.ron",
        "--measure",
        "throughput",
    ]);
    assert_eq!(bad.status.code(), Some(2));
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
        Some(distlab::experiment::Censored::NeverRecovered)
    );
    let out = distlab(&[
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
        text.contains("never recovered before the run ended"),
        "{text}"
    );
}
