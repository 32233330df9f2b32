//! Each deliberate bug breaks the invariant it should, in a scripted
//! scenario, which shows that the safety checker fails when it must; and
//! the correct algorithm, in the same scenario, breaks nothing.

use crate::support::raft;

use distlab::protocols::raft::{Bug, Raft, Rule};

type Scenario = distlab::scenario::Scenario<Raft>;

use raft::preset;

fn with_bugs(mut s: Scenario, bugs: &[Bug], rules: &[Rule]) -> Scenario {
    let r = &mut s.cluster.0;
    r.bugs = bugs.to_vec();
    r.rules = rules.to_vec();
    s
}

#[test]
fn figure_8_commit_by_count_overwrites_a_committed_entry() {
    let s = preset("figure8.ron");
    let broken = raft::broken_invariants(&with_bugs(
        s.clone(),
        &[Bug::CommitPreviousTermByCount],
        &[],
    ));
    assert!(broken.contains(&"Leader Completeness"), "{broken:?}");
    assert!(broken.contains(&"State Machine Safety"), "{broken:?}");
}

#[test]
fn figure_8_runs_with_the_papers_terms() {
    let outcome = raft::run(&preset("figure8.ron"));
    // (c) S1, leader of term 4, committed b of term 2 by counting.
    assert_eq!(outcome.committed.get(&2), Some(&(2, "b".to_owned())));
    let sim = &outcome.sim;
    // (d) S5 leads term 5, and its c of term 3 replaced b everywhere.
    assert_eq!(sim.leader().map(|l| l.0), Some(4));
    assert_eq!(raft::server(sim, distlab::sim::NodeId(4)).current_term, 5);
    for node in &raft::servers(sim)[1..] {
        let entry = node.log.get(2).expect("an entry at index 2");
        assert_eq!((entry.term, &*entry.value), (3, "c"), "{}", node.id);
    }
}

#[test]
fn figure_8_is_safe_with_the_correct_commit_rule() {
    let s = with_bugs(preset("figure8.ron"), &[], &[]);
    let outcome = raft::run(&s);
    assert_eq!(outcome.sim.violations(), &[]);
    // The term-2 entry "b" was never committed, so S5 may overwrite it;
    // and S5 cannot commit "c" either until it has an entry of its own term.
    assert_eq!(outcome.committed.get(&2), None);
    for follower in &raft::servers(&outcome.sim)[1..4] {
        assert_eq!(
            follower.log.get(2).map(|e| &*e.value),
            Some("c"),
            "{}",
            follower.id
        );
    }
}

#[test]
fn figure_8_with_a_noop_on_election_stays_safe() {
    let s = with_bugs(preset("figure8.ron"), &[], &[Rule::NoopOnElection]);
    let outcome = raft::run(&s);
    assert_eq!(outcome.sim.violations(), &[]);
    let values: Vec<&str> = outcome
        .committed
        .values()
        .map(|(_, v)| v.as_str())
        .collect();
    assert!(
        values.contains(&"no-op") && values.contains(&"a"),
        "{values:?}"
    );
}

#[test]
fn skipping_the_up_to_date_check_elects_a_leader_without_committed_entries() {
    let s = preset("skip-up-to-date-check.ron");
    assert_eq!(raft::broken_invariants(&s), vec!["Leader Completeness"]);
    assert_eq!(
        raft::broken_invariants(&with_bugs(s, &[], &[])),
        Vec::<&str>::new()
    );
}

#[test]
fn forgetting_the_vote_on_restart_elects_two_leaders_in_one_term() {
    let s = preset("forget-vote-on-restart.ron");
    let broken = raft::broken_invariants(&s);
    assert!(broken.contains(&"One Vote Per Term"), "{broken:?}");
    assert!(broken.contains(&"Election Safety"), "{broken:?}");
    assert_eq!(
        raft::broken_invariants(&with_bugs(s, &[], &[])),
        Vec::<&str>::new()
    );
}

#[test]
fn requiring_every_ack_stalls_commits_when_one_node_is_down() {
    let s = preset("require-all-acks.ron");
    let stalled = raft::run(&s);
    let values = |o: &raft::Outcome| {
        o.committed
            .values()
            .map(|(_, v)| v.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        values(&stalled),
        vec!["x=1"],
        "only the write before the crash commits"
    );
    assert_eq!(
        stalled.sim.violations(),
        &[],
        "a stall is unavailability, not unsafety"
    );

    let majority = raft::run(&with_bugs(s, &[], &[]));
    assert_eq!(values(&majority), vec!["x=1", "y=2", "z=3"]);
}
