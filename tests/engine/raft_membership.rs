//! Membership changes end to end: servers added and removed under a
//! fault, and the 2015 single-server bug caught by the checker.

use crate::support::raft;

use distlab::protocols::raft::{Bug, Raft, Role};
use distlab::sim::NodeId;
use raft::preset;

type Scenario = distlab::scenario::Scenario<Raft>;

fn members(node: &distlab::protocols::raft::RaftNode) -> Vec<u8> {
    node.members.iter().map(|m| m.0 + 1).collect()
}

#[test]
fn spares_join_while_a_server_is_down_and_a_leader_removes_itself() {
    let outcome = raft::run(&preset("membership.ron"));
    assert!(outcome.sim.violations().is_empty());
    let sim = &outcome.sim;
    for id in 1..5 {
        let node = raft::server(sim, NodeId(id));
        assert_eq!(members(node), [2, 3, 4, 5], "S{}", id + 1);
        assert_eq!(node.commit_index, 6, "S{} has every entry", id + 1);
    }
    let s1 = raft::server(sim, NodeId(0));
    assert_eq!(s1.role, Role::Follower, "S1 stepped down");
    assert!(!s1.is_member());
    assert_eq!(s1.current_term, 1, "and started no election since");
    let leader = sim.leader().expect("a new leader");
    assert_ne!(leader, NodeId(0));
}

#[test]
fn a_change_before_an_entry_of_the_term_commits_elects_two_leaders_in_one_term() {
    let s: Scenario = preset("config-before-term-commit.ron");
    assert_eq!(s.cluster.0.bugs, [Bug::ConfigBeforeTermCommit]);
    let broken: Vec<&str> = raft::run(&s)
        .sim
        .violations()
        .iter()
        .map(|(_, v)| v.invariant.en)
        .collect();
    assert!(broken.contains(&"Election Safety"), "{broken:?}");

    let mut fixed = s.clone();
    fixed.cluster.0.bugs.clear();
    let outcome = raft::run(&fixed);
    assert!(outcome.sim.violations().is_empty());
    let s2 = raft::server(&outcome.sim, NodeId(1));
    assert_eq!(members(s2), [1, 2, 3, 4], "S2 refused to remove S1");
}
