//! Raft's client processes and read modes in scripted scenarios: each
//! shortcut is caught by the Linearizability monitor where its preset
//! says, the correct modes are not under the same faults, a retried write
//! is applied once, and a run's history reads back as it was recorded.

use crate::support::raft;

use std::path::Path;

use distlab::headless::{self, RunOptions};
use distlab::history::{self, Func, Limits, Model, Outcome, Verdict};
use distlab::protocols::raft::{Raft, ReadMode};
use distlab::sim::{ms, Describe, NodeId};

type Scenario = distlab::scenario::Scenario<Raft>;

use raft::preset;

fn with_mode(mut s: Scenario, mode: ReadMode) -> Scenario {
    s.cluster.0.workload.as_mut().expect("a workload").read_mode = mode;
    s
}

/// The invariants a run breaks, and the first finding in English.
fn broken(s: &Scenario) -> (Vec<&'static str>, String) {
    let outcome = raft::run(s);
    let violations = outcome.sim.violations();
    let text = violations
        .first()
        .map(|(_, v)| v.note.english())
        .unwrap_or_default();
    (
        violations.iter().map(|(_, v)| v.invariant.en).collect(),
        text,
    )
}

#[test]
fn leader_local_reads_from_a_deposed_leader_are_caught() {
    let (broken, text) = broken(&preset("reads-leader-local.ron"));
    assert_eq!(broken, ["Linearizability"]);
    assert_eq!(
        text,
        "C1 read x = 1 at 4.50 s, but C2's write x = 2 had completed at 3.05 s, before that read began"
    );
}

#[test]
fn the_correct_modes_are_not_caught_under_the_same_partition() {
    for mode in [ReadMode::Log, ReadMode::ReadIndex, ReadMode::Lease] {
        let s = with_mode(preset("reads-leader-local.ron"), mode);
        assert_eq!(broken(&s).0, Vec::<&str>::new(), "{mode:?}");
    }
    assert_eq!(
        broken(&preset("reads-read-index.ron")).0,
        Vec::<&str>::new()
    );
}

#[test]
fn follower_local_reads_from_a_cut_off_follower_are_caught() {
    let (broken, text) = broken(&preset("reads-follower-local.ron"));
    assert_eq!(broken, ["Linearizability"]);
    assert!(text.starts_with("C1 read x = 1"), "{text}");
    let s = with_mode(preset("reads-follower-local.ron"), ReadMode::ReadIndex);
    assert_eq!(self::broken(&s).0, Vec::<&str>::new());
}

#[test]
fn lease_reads_are_caught_when_clocks_drift_past_the_bound() {
    let drifting = preset("reads-lease-drift.ron");
    let (broken, text) = broken(&drifting);
    assert_eq!(broken, ["Linearizability"]);
    assert!(text.starts_with("C1 read x = 1"), "{text}");
    // The same run on clocks that keep time is linearizable.
    let mut steady = drifting.clone();
    steady
        .actions
        .retain(|a| !matches!(a.action, distlab::scenario::ActionSpec::SetDrift(..)));
    assert_eq!(self::broken(&steady).0, Vec::<&str>::new());
}

#[test]
fn a_healthy_workload_is_linearizable_and_its_clients_find_the_new_leader() {
    let s = preset("reads-workload.ron");
    let summary = headless::run_with(
        &s,
        ms(s.until_ms.expect("an end")),
        RunOptions {
            trace: None,
            history: true,
        },
    )
    .expect("runs");
    assert!(summary.is_safe(), "{:?}", summary.violations);
    let history = history::History::from_events(summary.history).expect("well formed");
    let after_crash = history
        .ops
        .iter()
        .filter(|op| op.outcome == Outcome::Ok && op.invoked.time_us > Some(3_500_000))
        .count();
    assert!(
        after_crash >= 10,
        "only {after_crash} operations ok after the crash"
    );
    let verdict = history::check(&history, Model::KeyValue, Limits::default());
    assert!(
        matches!(verdict, Verdict::Linearizable { .. }),
        "{verdict:?}"
    );
}

/// C1's write commits, but its answer is lost: C1 asks again with the same
/// number, and the leader answers from its session instead of applying
/// the write a second time.
#[test]
fn a_retried_write_is_applied_once() {
    let s = Scenario::parse(
        r#"Scenario(
            seed: 7,
            cluster: Raft((nodes: 3, workload: (clients: 1, ops_per_s: 0.0, timeout_ms: 200))),
            network: (latency_ms: (5, 10)),
            actions: [
                (at_ms: 1000, do: ClientRead("x")),
                // S3 leads: its answer to the write is lost.
                (at_ms: 1500, do: DropNext(3, 4)),
                (at_ms: 1500, do: ClientWriteTo(Client(1), "x=7")),
            ],
            until_ms: 3000,
        )"#,
        Path::new("retry.ron"),
    )
    .expect("parses");
    let outcome = raft::run(&s);
    assert_eq!(outcome.sim.violations(), &[]);
    assert_eq!(outcome.sim.leader(), Some(NodeId(2)));
    let summary = headless::run_with(
        &s,
        ms(3_000),
        RunOptions {
            trace: None,
            history: true,
        },
    )
    .expect("runs");
    let history = history::History::from_events(summary.history).expect("well formed");
    let write = &history.ops[1];
    assert_eq!((write.func, write.outcome), (Func::Write, Outcome::Ok));
    for server in raft::servers(&outcome.sim) {
        let writes = server
            .log
            .iter()
            .filter(|e| e.value.starts_with("x="))
            .count();
        assert_eq!(writes, 1, "{} appended the write once", server.id);
        assert_eq!(server.state.get("x").map(String::as_str), Some("7"));
    }
    let c1 = outcome.sim.node(NodeId(3)).client().expect("C1");
    assert_eq!(c1.next_seq, 3, "two requests, retries keeping their number");
}

#[test]
fn a_runs_history_is_written_as_jepsen_edn_and_reads_back() {
    let s = preset("reads-leader-local.ron");
    let summary = headless::run_with(
        &s,
        ms(6_000),
        RunOptions {
            trace: None,
            history: true,
        },
    )
    .expect("runs");
    let edn = history::edn::write(&summary.history);
    assert!(
        edn.starts_with(
            "{:process 2, :type :invoke, :f :write, :key \"x\", :value 1, :time 1000000000}\n"
        ),
        "{edn}"
    );
    let back = history::read(&edn).expect("reads back");
    assert_eq!(back.ops.len(), 4);
    assert_eq!(back.ops[3].func, Func::Read);
    assert!(matches!(
        history::check(&back, Model::KeyValue, Limits::default()),
        Verdict::NotLinearizable(_)
    ));
}

#[test]
fn a_workload_that_cannot_be_meant_is_an_error_at_its_place() {
    for (text, place, why) in [
        (
            "Scenario(seed: 1, cluster: Raft((nodes: 64, workload: (clients: 10))))",
            (1, 41),
            "64 servers and 10 clients make 74 members",
        ),
        (
            "Scenario(seed: 1, cluster: Raft((workload: (clients: 10), nodes: 60)))",
            (1, 54),
            "60 servers and 10 clients make 70 members",
        ),
        (
            "Scenario(seed: 1, cluster: Raft((workload: (read_mode: Quorum))))",
            (1, 56),
            "Quorum",
        ),
        (
            "Scenario(seed: 1, cluster: Raft((nodes: 3)), actions: [(at_ms: 1, do: ClientReadFrom(Client(1), \"x\"))])",
            (1, 93),
            "the cluster has no clients",
        ),
    ] {
        let err = Scenario::parse(text, Path::new("bad.ron")).expect_err(text);
        let shown = err.to_string();
        assert!(shown.contains(why), "{text}: {shown}");
        assert!(
            shown.contains(&format!("bad.ron:{}:{}", place.0, place.1)),
            "{text}: {shown}"
        );
    }
}

/// A read names its own mode: the same stale read as the LeaderLocal
/// preset is not stale when it asks for ReadIndex, in a cluster whose
/// clients otherwise read LeaderLocal.
#[test]
fn a_read_may_name_its_own_mode() {
    use distlab::scenario::ActionSpec;
    let mut s = preset("reads-leader-local.ron");
    let last = s.actions.last_mut().expect("the last read");
    last.action = ActionSpec::Request(distlab::protocols::raft::RaftRequest::ClientReadWith(
        distlab::protocols::TargetSpec::Alias(distlab::protocols::raft::ClientAlias::Client(1)),
        "x".into(),
        ReadMode::ReadIndex,
    ));
    assert_eq!(broken(&s).0, Vec::<&str>::new());
    let parsed = Scenario::parse(&s.to_ron(), Path::new("with.ron"))
        .expect("a read with its mode is written and read back");
    assert_eq!(parsed.actions, s.actions);
}
