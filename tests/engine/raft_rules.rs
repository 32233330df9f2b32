//! The optional rules do what the dissertation says they do.

use crate::support::raft;

use distlab::protocols::raft::{Raft, Role, Rule};
use distlab::protocols::TargetSpec;
use distlab::sim::NodeId;
use distlab::units::NodeNum;
use raft::at;

type ActionSpec = distlab::scenario::ActionSpec<Raft>;
type Scenario = distlab::scenario::Scenario<Raft>;

/// S1 is cut off for three seconds, then returns, in a healthy 5-node
/// cluster with seed 7 (whose first leader is S5).
fn returning_node(rules: &[Rule]) -> Scenario {
    let mut s = Scenario::plain(5, 7);
    let r = &mut s.cluster.0;
    r.rules = rules.to_vec();
    s.actions = vec![
        at(1_000, ActionSpec::Isolate(TargetSpec::Node(NodeNum(1)))),
        at(4_000, ActionSpec::Heal),
    ];
    s.until_ms = Some(6_000);
    s
}

#[test]
fn without_pre_vote_a_returning_node_disrupts_the_leader() {
    let outcome = raft::run(&returning_node(&[]));
    let max_term = raft::servers(&outcome.sim)
        .iter()
        .map(|n| n.current_term)
        .max()
        .unwrap_or(0);
    assert!(
        max_term >= 5,
        "S1's many elections raise the term: {max_term}"
    );
    assert_ne!(
        outcome.sim.leader(),
        None,
        "a leader of the new term takes over"
    );
}

#[test]
fn with_pre_vote_a_returning_node_cannot_disrupt_the_leader() {
    let outcome = raft::run(&returning_node(&[Rule::PreVote]));
    let s5 = raft::server(&outcome.sim, NodeId(4));
    assert_eq!(s5.role, Role::Leader, "S5 keeps leading");
    assert_eq!(s5.current_term, 1, "nobody raised the term");
    assert!(outcome.sim.violations().is_empty());
}

#[test]
fn with_check_quorum_an_isolated_leader_steps_down() {
    let mut s = Scenario::plain(5, 7);
    let r = &mut s.cluster.0;
    r.rules = vec![Rule::CheckQuorum];
    s.actions = vec![at(1_000, ActionSpec::Isolate(TargetSpec::Node(NodeNum(5))))];
    s.until_ms = Some(2_000);
    let outcome = raft::run(&s);
    assert_ne!(
        raft::server(&outcome.sim, NodeId(4)).role,
        Role::Leader,
        "S5 stepped down"
    );

    let r = &mut s.cluster.0;
    r.rules.clear();
    let stubborn = raft::run(&s);
    assert_eq!(
        raft::server(&stubborn.sim, NodeId(4)).role,
        Role::Leader,
        "without the rule S5 leads nobody forever"
    );
}

#[test]
fn a_noop_on_election_commits_earlier_entries_promptly() {
    let mut s = Scenario::plain(3, 7);
    let r = &mut s.cluster.0;
    r.rules = vec![Rule::NoopOnElection];
    s.until_ms = Some(1_000);
    let outcome = raft::run(&s);
    let values: Vec<&str> = outcome
        .committed
        .values()
        .map(|(_, v)| v.as_str())
        .collect();
    assert_eq!(values, vec!["no-op"]);
}

/// S1, cut off, stands in two terms, then rejoins and stands in a third at
/// once: its RequestVote for term 4 reaches servers that hear from S5.
fn rejoining_candidate(rules: &[Rule]) -> Scenario {
    let mut s = Scenario::plain(5, 7);
    let r = &mut s.cluster.0;
    r.rules = rules.to_vec();
    r.election_timeout_ms = distlab::units::MsRange(5_000, 10_000);
    let s1 = || TargetSpec::Node(NodeNum(1));
    s.actions = vec![
        at(100, ActionSpec::Timeout(TargetSpec::Node(NodeNum(5)))),
        at(1_000, ActionSpec::Isolate(s1())),
        at(1_500, ActionSpec::Timeout(s1())),
        at(1_600, ActionSpec::Timeout(s1())),
        at(2_000, ActionSpec::Rejoin(s1())),
        at(2_000, ActionSpec::Timeout(s1())),
    ];
    s.until_ms = Some(2_015);
    s
}

#[test]
fn with_check_quorum_servers_that_hear_their_leader_ignore_a_newer_term() {
    let terms = |rules: &[Rule]| -> Vec<u64> {
        let outcome = raft::run(&rejoining_candidate(rules));
        assert_eq!(raft::server(&outcome.sim, NodeId(0)).current_term, 4);
        (1..4)
            .map(|i| raft::server(&outcome.sim, NodeId(i)).current_term)
            .collect()
    };
    assert_eq!(
        terms(&[Rule::CheckQuorum]),
        vec![1, 1, 1],
        "S2–S4 ignore it"
    );
    assert_eq!(
        terms(&[]),
        vec![4, 4, 4],
        "without the rule they adopt term 4"
    );
}

#[test]
fn the_disruptive_server_presets_differ_only_by_pre_vote_and_check_quorum() {
    let disrupted = raft::run(&raft::preset("disruptive-server.ron"));
    let top = raft::servers(&disrupted.sim)
        .iter()
        .map(|n| n.current_term)
        .max()
        .unwrap_or(0);
    assert!(top > 1, "S1's rising term deposes S5: term {top}");
    assert!(disrupted.sim.violations().is_empty());
    let mut quiet_file = raft::preset("disruptive-server-prevote.ron");
    let quiet = raft::run(&quiet_file);
    let s5 = raft::server(&quiet.sim, NodeId(4));
    assert_eq!((s5.role, s5.current_term), (Role::Leader, 1));
    quiet_file.cluster.0.rules.clear();
    assert_eq!(
        quiet_file.cluster.0,
        raft::preset("disruptive-server.ron").cluster.0
    );
}

#[test]
fn pre_vote_and_check_quorum_take_away_the_time_without_a_leader_a_rejoining_server_causes() {
    let scenario = raft::preset("disruptive-server.ron");
    let measure = distlab::experiment::find_measure::<Raft>(Some("leaderless")).expect("offered");
    let values = ["[]".to_owned(), "[PreVote, CheckQuorum]".to_owned()];
    let rows =
        distlab::experiment::compare(&scenario, 40, measure, "rules", &values).expect("compares");
    let (without, with) = (&rows[0].1, &rows[1].1);
    assert!(
        without.samples.len() >= 20,
        "most rejoins depose a leader: {} times without a leader in 40 runs",
        without.samples.len()
    );
    assert!(
        with.samples.len() * 4 < without.samples.len(),
        "the rules keep most leaders: {} against {}",
        with.samples.len(),
        without.samples.len()
    );
}
