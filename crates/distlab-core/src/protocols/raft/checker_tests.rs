//! Each invariant fires on a crafted cluster state, and stays silent on
//! the state just before.

use crate::sim::Invariant;
use std::collections::BTreeMap;
use std::sync::Arc;

use super::*;
use crate::protocols::raft::{Log, RaftConfig, Role};
use crate::sim::NodeStatus;

fn nodes(n: usize) -> Vec<RaftNode> {
    let config = Arc::new(RaftConfig {
        nodes: n,
        ..RaftConfig::default()
    });
    NodeId::all(n)
        .map(|id| RaftNode::new(id, config.clone()))
        .collect()
}

/// Runs the checker as if an event had touched `touched`.
fn check(checker: &mut RaftChecker, nodes: &[RaftNode], touched: Option<NodeId>) -> Vec<Invariant> {
    let status = vec![NodeStatus::Up; nodes.len()];
    let in_flight = BTreeMap::new();
    let members: Vec<RaftMember> = nodes.iter().cloned().map(RaftMember::Server).collect();
    let view = CheckView {
        nodes: &members,
        touched,
        records: &[],
        now: 0,
        status: &status,
        in_flight: &in_flight,
    };
    checker.check(&view).iter().map(|f| f.invariant).collect()
}

const S1: NodeId = NodeId(0);
const S2: NodeId = NodeId(1);

#[test]
fn terms_never_decrease_fires_when_a_term_goes_back() {
    let mut cluster = nodes(3);
    let mut checker = RaftChecker::default();
    cluster[0].current_term = 3;
    assert!(check(&mut checker, &cluster, None).is_empty());
    cluster[0].current_term = 2;
    assert_eq!(check(&mut checker, &cluster, Some(S1)), [TERMS_MONOTONIC]);
}

#[test]
fn leader_append_only_fires_when_a_leader_loses_an_entry() {
    let mut cluster = nodes(3);
    let mut checker = RaftChecker::default();
    cluster[0].current_term = 1;
    cluster[0].role = Role::Leader;
    cluster[0].log.append(1, "a".into());
    cluster[0].log.append(1, "b".into());
    assert!(check(&mut checker, &cluster, None).is_empty());
    cluster[0].log.append(1, "c".into());
    assert!(
        check(&mut checker, &cluster, Some(S1)).is_empty(),
        "appending is fine"
    );
    cluster[0].log.truncate_from(2);
    assert_eq!(
        check(&mut checker, &cluster, Some(S1)),
        [LEADER_APPEND_ONLY]
    );
}

#[test]
fn log_matching_fires_when_equal_terms_hide_different_prefixes() {
    let mut cluster = nodes(3);
    let mut checker = RaftChecker::default();
    cluster[0].log.append(1, "a".into());
    cluster[0].log.append(2, "b".into());
    cluster[1].log.append(1, "a".into());
    assert!(check(&mut checker, &cluster, None).is_empty());
    cluster[1].log.append(2, "b".into());
    assert!(
        check(&mut checker, &cluster, Some(S2)).is_empty(),
        "same prefix"
    );
    cluster[2].log.append(1, "other".into());
    cluster[2].log.append(2, "b".into());
    // Against S1 and S2 alike, reported once for that index and term.
    assert_eq!(
        check(&mut checker, &cluster, Some(NodeId(2))),
        [LOG_MATCHING]
    );
}

#[test]
fn leader_completeness_remembers_a_leader_that_has_gone() {
    let mut cluster = nodes(3);
    let mut checker = RaftChecker::default();
    // S2 leads term 2 with an empty log, then crashes (it is no leader now).
    cluster[1].current_term = 2;
    cluster[1].role = Role::Leader;
    assert!(check(&mut checker, &cluster, Some(S2)).is_empty());
    cluster[1].role = Role::Follower;
    assert!(check(&mut checker, &cluster, Some(S2)).is_empty());
    // S1, still in term 1, learns that its entry 1 is committed.
    cluster[0].current_term = 1;
    cluster[0].log.append(1, "x".into());
    cluster[0].commit_index = 1;
    assert_eq!(
        check(&mut checker, &cluster, Some(S1)),
        [LEADER_COMPLETENESS]
    );
}

/// A snapshot of `log` up to `through`, as a server would take it.
fn snapshot_of(log: &Log, through: u64) -> Arc<crate::protocols::raft::Snapshot> {
    let mut replaced = SharedVec::default();
    for k in 1..=through {
        let e = log.get(k).expect("an entry");
        replaced.push((e.term, e.fingerprint));
    }
    let mut compacted = log.clone();
    compacted.compact_through(through);
    Arc::new(crate::protocols::raft::Snapshot {
        base: compacted.base(),
        replaced,
        ..Default::default()
    })
}

#[test]
fn compaction_keeps_every_check_and_an_installed_snapshot_must_hold_the_commits() {
    let mut cluster = nodes(3);
    let mut checker = RaftChecker::default();
    for value in ["a", "b", "c"] {
        cluster[0].log.append(1, value.into());
        cluster[1].log.append(1, value.into());
    }
    cluster[0].commit_index = 3;
    assert!(check(&mut checker, &cluster, None).is_empty());
    // S1 compacts its log: nothing changed as far as safety goes.
    let whole = cluster[0].log.clone();
    cluster[0].snapshot = Some(snapshot_of(&whole, 2));
    cluster[0].log.compact_through(2);
    cluster[0].log.append(1, "d".into());
    assert!(check(&mut checker, &cluster, Some(S1)).is_empty());
    // S3 installs S1's snapshot of the committed entries: fine.
    let base = cluster[0].log.base();
    cluster[2].log.reset_to(base);
    cluster[2].snapshot = Some(snapshot_of(&whole, 2));
    cluster[2].commit_index = 2;
    assert!(check(&mut checker, &cluster, Some(NodeId(2))).is_empty());
    // Log Matching still compares what both hold after the snapshot.
    cluster[2].log.append(1, "c".into());
    assert!(check(&mut checker, &cluster, Some(NodeId(2))).is_empty());
    // S2 installs a snapshot that is not the committed prefix.
    let mut other = nodes(1).remove(0).log;
    other.append(1, "a".into());
    other.append(1, "z".into());
    let snapshot = snapshot_of(&other, 2);
    cluster[1].log.reset_to(snapshot.base);
    cluster[1].snapshot = Some(snapshot);
    cluster[1].commit_index = 2;
    assert_eq!(
        check(&mut checker, &cluster, Some(S2)),
        [STATE_MACHINE_SAFETY]
    );
}
