//! Log compaction end to end: a lagging server catches up from a snapshot,
//! and a snapshot that arrives late erases acknowledged entries only when
//! the receiver skips Figure 13's rules.

use crate::support::raft;

use distlab::protocols::raft::Bug;
use distlab::sim::NodeId;
use raft::preset;

#[test]
fn a_restarted_server_catches_up_from_the_leaders_snapshot() {
    let outcome = raft::run(&preset("snapshot-catch-up.ron"));
    assert!(outcome.sim.violations().is_empty());
    assert_eq!(outcome.installed, 1, "S5 installs one snapshot");
    let s5 = raft::server(&outcome.sim, NodeId(4));
    assert_eq!(s5.log.base().index, 10, "the leader's snapshot of 1 to 10");
    assert_eq!(s5.commit_index, 13);
    for node in raft::servers(&outcome.sim) {
        assert_eq!(node.state, s5.state, "{} applied what S5 did", node.id);
        assert_eq!(node.state.get("m").map(String::as_str), Some("13"));
    }
    for node in raft::servers(&outcome.sim) {
        assert_eq!(node.log.base().index, 10, "{} compacted up to 10", node.id);
    }
}

#[test]
fn a_late_snapshot_erases_committed_entries_only_with_the_bug() {
    let s = preset("snapshot-late.ron");
    assert_eq!(s.cluster.0.bugs, [Bug::DiscardLogOnSnapshot]);
    let broken = raft::broken_invariants(&s);
    assert!(broken.contains(&"Leader Completeness"), "{broken:?}");

    let mut fixed = s.clone();
    fixed.cluster.0.bugs.clear();
    let outcome = raft::run(&fixed);
    assert!(outcome.sim.violations().is_empty());
    let s2 = raft::server(&outcome.sim, NodeId(1));
    assert_eq!(s2.log.last_index(), 6, "S2 kept entries 5 and 6");
    assert_eq!(outcome.sim.leader(), Some(NodeId(1)));
}
