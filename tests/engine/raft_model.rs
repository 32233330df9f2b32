//! The Raft model under stress: no message storm when the network
//! duplicates, Leader Completeness checked against leaders that are gone,
//! and client requests that the network delivers twice committed once.

use crate::support::raft;

use std::path::Path;

use distlab::protocols::raft::{Bug, Raft, RaftObs, RaftRequest};
use distlab::protocols::TargetSpec;
use distlab::sim::{ms, RecordKind, StepOutcome};
use distlab::units::{NodeNum, Probability};
use raft::at;

type Scenario = distlab::scenario::Scenario<Raft>;
type ActionSpec = distlab::scenario::ActionSpec<Raft>;

fn write(value: &str) -> ActionSpec {
    ActionSpec::Request(RaftRequest::ClientWrite(value.into()))
}

/// Messages sent in each simulated second of the run.
fn messages_per_second(s: &Scenario) -> Vec<u64> {
    let mut sim = s.build();
    sim.set_explanations(false);
    let until = ms(s.until_ms.unwrap_or(5_000));
    let mut per_second = vec![0u64; (until / 1_000_000) as usize + 1];
    while sim.step_until(until) == StepOutcome::Stepped {
        for r in sim.last_records() {
            if let RecordKind::Send { .. } = r.kind {
                per_second[(r.t_us / 1_000_000) as usize] += 1;
            }
        }
    }
    per_second
}

#[test]
fn a_burst_of_writes_on_a_duplicating_network_stays_linear() {
    for seed in 1..=5 {
        let mut s = Scenario::plain(5, seed);
        s.network.duplicate = Probability(0.5);
        s.actions = (0..200)
            .map(|i| at(1_000 + i / 4, write(&format!("w{i}"))))
            .collect();
        s.until_ms = Some(3_000);
        let counts = messages_per_second(&s);
        // Heartbeats alone: 4 followers × 20 a second, twice (replies),
        // half again duplicated ≈ 240 a second. The burst of 200 writes
        // adds batches of 16 entries, one in flight per follower.
        assert!(
            counts.iter().all(|&c| c < 2_000),
            "seed {seed}: messages per second {counts:?}"
        );
    }
}

#[test]
fn a_commit_known_after_its_leader_stepped_down_is_checked_against_it() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios/leader-completeness-gap.ron");
    let s = Scenario::load(&path).unwrap_or_else(|e| panic!("{e}"));
    let outcome = raft::run(&s);
    let broken: Vec<&str> = outcome
        .sim
        .violations()
        .iter()
        .map(|(_, v)| v.invariant.en)
        .collect();
    assert_eq!(
        broken,
        ["Leader Completeness"],
        "{:?}",
        outcome.sim.violations()
    );
    assert_eq!(outcome.committed.get(&1).map(|e| e.1.as_str()), Some("x"));
    let mut correct = s.clone();
    correct.cluster.0.bugs.clear();
    assert!(raft::run(&correct).sim.violations().is_empty());
}

/// How many log indexes committed the value `x` anywhere.
fn times_committed(s: &Scenario, value: &str) -> usize {
    let mut sim = s.build();
    let mut indexes = std::collections::BTreeSet::new();
    while sim.step_until(ms(2_000)) == StepOutcome::Stepped {
        for r in sim.last_records() {
            if let RecordKind::Proto(RaftObs::Commit {
                index, value: v, ..
            }) = &r.kind
            {
                if &**v == value {
                    indexes.insert(*index);
                }
            }
        }
    }
    indexes.len()
}

#[test]
fn a_forwarded_write_delivered_twice_commits_once_unless_the_leader_forgets_requests() {
    let mut s = Scenario::plain(3, 4);
    s.cluster.0.election_timeout_ms = distlab::units::MsRange(5_000, 10_000);
    s.actions = vec![
        at(0, ActionSpec::Timeout(TargetSpec::Node(NodeNum(1)))),
        at(200, ActionSpec::SetDuplication(Probability(1.0))),
        at(
            201,
            ActionSpec::Request(RaftRequest::ClientWriteTo(
                TargetSpec::Node(NodeNum(2)),
                "x".into(),
            )),
        ),
        at(202, ActionSpec::SetDuplication(Probability(0.0))),
    ];
    assert_eq!(times_committed(&s, "x"), 1);
    s.cluster.0.bugs = vec![Bug::NoClientDedup];
    assert_eq!(times_committed(&s, "x"), 2);
}
