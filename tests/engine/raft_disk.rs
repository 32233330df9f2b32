//! Raft with disk latency: votes and acknowledgements wait for the write,
//! and the Figure 16 measurements of the Raft paper come out in the
//! paper's magnitudes (`cargo test --test engine raft_disk -- --ignored
//! --nocapture` prints the table the README shows).

use crate::support::raft;

use distlab::experiment::{leader_downtime, Measured};
use distlab::headless;
use distlab::protocols::raft::{Raft, RaftRequest};
use distlab::protocols::TargetSpec;
use distlab::sim::ms;
use distlab::units::MsRange;
use raft::at;

type Scenario = distlab::scenario::Scenario<Raft>;
type ActionSpec = distlab::scenario::ActionSpec<Raft>;

fn records(s: &Scenario, until_ms: u64) -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    headless::run(s, ms(until_ms), Some(&mut out)).expect("runs");
    String::from_utf8(out)
        .expect("utf-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect()
}

#[test]
fn votes_and_acknowledgements_leave_only_after_the_write() {
    let mut s = Scenario::plain(3, 5);
    s.cluster.0.election_timeout_ms = MsRange(5_000, 10_000);
    s.network.latency_ms = MsRange(2, 2);
    s.disk_ms = MsRange(10, 10);
    s.actions = vec![
        at(
            0,
            ActionSpec::Timeout(TargetSpec::Node(distlab::units::NodeNum(1))),
        ),
        at(
            100,
            ActionSpec::Request(RaftRequest::ClientWrite("x".into())),
        ),
    ];
    let trace = records(&s, 300);
    let t = |r: &serde_json::Value| r["t_us"].as_u64().expect("a time");
    let first = |kind: &str, msg: &str, node: u64, key: &str| {
        trace
            .iter()
            .find(|r| r["kind"] == kind && r["msg"] == msg && r[key] == node)
            .map(t)
            .unwrap_or_else(|| panic!("no {kind} {msg} at S{node}"))
    };
    // S2 hears S1's RequestVote, writes its term and vote, then answers.
    let asked = first("deliver", "RequestVote", 2, "to");
    let answered = first("send", "RequestVoteReply", 2, "from");
    assert_eq!(answered - asked, ms(10));
    assert!(trace
        .iter()
        .any(|r| r["kind"] == "persist" && r["node"] == 2 && r["us"] == 10_000));
    // The entry x: stored on S2, acknowledged only after the write.
    let got = trace
        .iter()
        .find(|r| {
            r["kind"] == "deliver"
                && r["msg"] == "AppendEntries"
                && r["to"] == 2
                && r["entries"].as_array().is_some_and(|e| !e.is_empty())
        })
        .map(t)
        .expect("x reaches S2");
    let acked = trace
        .iter()
        .find(|r| {
            r["kind"] == "send" && r["msg"] == "AppendEntriesReply" && r["from"] == 2 && t(r) >= got
        })
        .map(t)
        .expect("S2 acknowledges");
    assert_eq!(acked - got, ms(10));
}

/// The Figure 16 setup: five servers, 2–3 ms network, 10–12 ms disk
/// (broadcast time ≈ 15 ms), the leader crashes, and the time to elect the
/// next one is measured over many trials.
fn figure_16(lo: u64, hi: u64, trials: u64) -> Measured {
    let mut s = Scenario::plain(5, 1);
    s.cluster.0.election_timeout_ms = MsRange(lo, hi);
    s.cluster.0.heartbeat_ms = (lo / 2).max(1);
    s.network.latency_ms = MsRange(2, 3);
    s.disk_ms = MsRange(10, 12);
    s.actions = vec![at(2_000, ActionSpec::Crash(TargetSpec::Leader))];
    s.until_ms = Some(14_000);
    leader_downtime(&s, trials)
}

fn mean_ms(d: &Measured) -> f64 {
    let v = d.sorted_us();
    v.iter().sum::<u64>() as f64 / v.len().max(1) as f64 / 1_000.0
}

#[test]
#[ignore = "a few seconds of trials: run with --ignored --nocapture for the table"]
fn figure_16_in_the_papers_magnitudes() {
    println!("| election timeout | median | mean | p99 | max | no new leader in 12 s | no first leader to crash |");
    println!("| --- | --- | --- | --- | --- | --- | --- |");
    let mut rows = Vec::new();
    for (lo, hi) in [
        (150, 150),
        (150, 151),
        (150, 155),
        (150, 175),
        (150, 200),
        (150, 300),
        (12, 24),
        (25, 50),
        (50, 100),
        (100, 200),
    ] {
        let d = figure_16(lo, hi, 1_000);
        let p = d.percentiles();
        let at = |f: fn(&distlab::experiment::Percentiles) -> u64| {
            p.map_or("–".to_owned(), |p| format!("{} ms", f(&p) / 1_000))
        };
        let crashed = d.samples.len() as u64 + d.unresolved;
        println!(
            "| {lo}–{hi} ms | {} | {:.0} ms | {} | {} | {} of {crashed} | {} of {} |",
            d.censored(50.0).map_or("–".into(), |c| c.to_string()),
            mean_ms(&d),
            at(|p| p.p99),
            at(|p| p.max),
            d.unresolved,
            d.trials - crashed,
            d.trials
        );
        rows.push(((lo, hi), d));
    }
    let row = |lo, hi| &rows.iter().find(|r| r.0 == (lo, hi)).expect("measured").1;
    // The paper: 150–155 ms median near 287 ms; 150–200 ms worst near
    // 513 ms; 12–24 ms mean near 35 ms; 150–150 ms over 10 s.
    let narrow = row(150, 155).percentiles().expect("samples");
    assert!((200_000..=600_000).contains(&narrow.p50), "{narrow}");
    let wide = row(150, 200).percentiles().expect("samples");
    assert!(wide.max < 1_500_000, "{wide}");
    assert!(mean_ms(row(12, 24)) < 100.0);
    // Identical timeouts split every vote: no trial elects even a first
    // leader, or recovering takes seconds.
    let none = row(150, 150);
    assert!(
        none.samples.is_empty() || none.percentiles().is_some_and(|p| p.max > 1_000_000),
        "identical timeouts split votes for a long time"
    );
}
