//! Scenario files: parsing, positioned errors, saving and conversion.

use std::path::Path;

use distlab::protocols::raft::{Command, Raft};
use distlab::protocols::TargetSpec;
use distlab::scenario::{from_sim, to_sim, FileError};
use distlab::sim::{Action, MsgId, NodeId, Target};
use distlab::units::{NodeNum, Probability};

type Scenario = distlab::scenario::Scenario<Raft>;
type ActionSpec = distlab::scenario::ActionSpec<Raft>;
type TimedAction = distlab::scenario::TimedAction<Raft>;

fn parse(text: &str) -> Result<Scenario, FileError> {
    Scenario::parse(text, Path::new("test.ron"))
}

#[test]
fn parses_the_design_example() {
    let s = parse(
        r#"Scenario(
    seed: 42,
    cluster: Raft((nodes: 5, election_timeout_ms: (150, 300), heartbeat_ms: 50)),
    network: (latency_ms: (5, 10), loss: 0.0),
    actions: [
        (at_ms: 2000, do: Crash(Leader)),
        (at_ms: 2500, do: ClientWrite("x=1")),
        (at_ms: 3000, do: Isolate(Node(2))),
        (at_ms: 6000, do: Heal),
    ],
    until_ms: 10000,
)"#,
    )
    .expect("the design's example parses");
    assert_eq!(s.seed, 42);
    assert_eq!(s.cluster.nodes(), 5);
    assert_eq!(s.actions.len(), 4);
    assert_eq!(
        s.actions[2].action,
        ActionSpec::Isolate(TargetSpec::Node(NodeNum(2)))
    );
    assert_eq!(s.until_ms, Some(10_000));
}

#[test]
fn unknown_node_is_reported_at_its_position() {
    let err = parse(
        "Scenario(\n  seed: 1,\n  cluster: Raft((nodes: 3)),\n  actions: [(at_ms: 5, do: Crash(Node(7)))],\n)",
    )
    .expect_err("node 7 of 3 is an error");
    assert_eq!(err.position.map(|p| p.0), Some(4), "{err}");
    assert!(err.message.contains("node 7 does not exist"), "{err}");
}

#[test]
fn reversed_range_is_an_error_but_equal_bounds_are_fine() {
    let err = parse("Scenario(seed: 1, cluster: Raft((election_timeout_ms: (300, 150))))")
        .expect_err("min > max");
    assert!(
        err.message.contains("minimum 300 exceeds its maximum 150"),
        "{err}"
    );
    parse("Scenario(seed: 1, cluster: Raft((election_timeout_ms: (150, 150))))")
        .expect("equal bounds are valid");
}

#[test]
fn unknown_field_names_the_field_and_the_choices() {
    let err = parse("Scenario(seed: 1, cluster: Raft((nodes: 3, heartbeat: 5)))")
        .expect_err("unknown field");
    assert!(err.message.contains("unknown field `heartbeat`"), "{err}");
    assert!(err.message.contains("`heartbeat_ms`"), "{err}");
    assert!(err.to_string().starts_with("test.ron:1:"), "{err}");
}

#[test]
fn saved_sessions_round_trip_through_ron() {
    let mut s = Scenario::plain(3, 9);
    s.actions.push(TimedAction {
        at_ms: None,
        at_us: Some(1_500_001),
        action: ActionSpec::Partition(vec![vec![NodeNum(1)], vec![NodeNum(2), NodeNum(3)]]),
    });
    s.actions.push(TimedAction {
        at_ms: Some(2_000),
        at_us: None,
        action: ActionSpec::SetLoss(Probability(0.25)),
    });
    let text = s.to_ron();
    assert!(text.contains("\nScenario(\n"), "{text}");
    assert!(
        text.contains("(at_us: 1500001, do: Partition([[1], [2, 3]])),"),
        "{text}"
    );
    assert_eq!(parse(&text).expect("saved text parses"), s);
}

#[test]
fn every_sim_action_survives_conversion() {
    let actions = vec![
        Action::Crash(Target::Leader),
        Action::Restart(Target::Node(NodeId(1))),
        Action::ToggleCrash(Target::Node(NodeId(0))),
        Action::Pause(Target::Node(NodeId(2)), 300_000),
        Action::Isolate(Target::Leader),
        Action::Rejoin(Target::Node(NodeId(0))),
        Action::CutLink(NodeId(0), NodeId(1)),
        Action::Heal,
        Action::DropNext(NodeId(1), NodeId(0)),
        Action::DropMessage(MsgId(17)),
        Action::DelayMessage(MsgId(3), 40_000),
        Action::DuplicateMessage(MsgId(4)),
        Action::Timeout(Target::Node(NodeId(1))),
        Action::ClockJump(Target::Node(NodeId(1)), -20_000),
        Action::Request(Target::Leader, Command::Write("a=1".into())),
    ];
    for a in actions {
        let spec: ActionSpec = from_sim(&a).expect("every action has a file form");
        assert_eq!(to_sim(&spec), a);
    }
}

/// The error a scenario gives, as `line:col: message`.
fn error_of(text: &str) -> String {
    let err = parse(text).expect_err("an error");
    match err.position {
        Some((line, col)) => format!("{line}:{col}: {}", err.message),
        None => format!("?: {}", err.message),
    }
}

/// A three-node Raft scenario with `actions` on line 4, then `rest`.
fn with_actions(actions: &str, rest: &str) -> String {
    format!("Scenario(\n  seed: 1,\n  cluster: Raft((nodes: 3)),\n  actions: [{actions}],\n{rest})")
}

#[test]
fn a_run_longer_than_a_day_is_an_error_at_until_ms() {
    let err =
        error_of("Scenario(\n  seed: 1,\n  cluster: Raft((nodes: 3)),\n  until_ms: 86400001,\n)");
    assert_eq!(
        err,
        "4:13: `until_ms: 86400001` is more than a day: a run lasts at most 86400000 ms"
    );
    parse("Scenario(seed: 1, cluster: Raft(()), until_ms: 86400000)").expect("a day is fine");
}

#[test]
fn a_node_twice_in_a_partition_is_an_error_at_its_second_place() {
    let err = error_of(&with_actions(
        "(at_ms: 5, do: Partition([[1, 2], [3, 2]]))",
        "",
    ));
    assert_eq!(
        err,
        "4:51: node 2 is in the partition twice: each node belongs to one group"
    );
    let err = error_of(&with_actions(
        "(at_ms: 5, do: Partition([[1, 1], [2, 3]]))",
        "",
    ));
    assert!(
        err.starts_with("4:43: node 1 is in the partition twice"),
        "{err}"
    );
}

#[test]
fn a_partition_that_leaves_nodes_out_is_an_error() {
    let text = "Scenario(\n  seed: 1,\n  cluster: Raft((nodes: 5)),\n  actions: [(at_ms: 5, do: Partition([[1, 2], [3]]))],\n)";
    assert_eq!(
        error_of(text),
        "4:50: the partition leaves out nodes 4 and 5: put every node in a group \
         (a node in no group would keep its links to all of them)"
    );
    let err = error_of(&with_actions("(at_ms: 5, do: Partition([[1, 2]]))", ""));
    assert!(err.contains("leaves out node 3:"), "{err}");
    parse(&with_actions(
        "(at_ms: 5, do: Partition([[3, 1], [2]]))",
        "",
    ))
    .expect("all placed");
}

#[test]
fn a_link_from_a_node_to_itself_is_an_error_at_the_second_node() {
    let err = error_of(&with_actions("(at_ms: 5, do: CutLink(2, 2))", ""));
    assert_eq!(
        err,
        "4:39: `CutLink(2, 2)` names node 2 twice: a link joins two different nodes"
    );
    // A node's messages to itself travel the network in some families
    // (a Paxos proposer is also an acceptor): they can be dropped or lost.
    parse(&with_actions(
        "(at_ms: 5, do: DropNext(1, 1)), (at_ms: 5, do: SetLinkLoss(2, 2, 0.5)), (at_ms: 6, do: CutLink(1, 2))",
        "",
    ))
    .expect("self-messages can be dropped; distinct links cut");
}

#[test]
fn an_action_after_the_end_is_an_error_at_its_time() {
    let err = error_of(&with_actions(
        "(at_ms: 5, do: Heal), (at_ms: 9001, do: Heal)",
        "  until_ms: 9000,\n",
    ));
    assert_eq!(
        err,
        "4:43: this action (`at_ms: 9001`) comes after the scenario's end \
         (`until_ms: 9000`): it would never run"
    );
    // The end may come first in the file; `at_us` counts too.
    let text = "Scenario(\n  seed: 1,\n  until_ms: 9000,\n  cluster: Raft((nodes: 3)),\n  actions: [\n    (at_us: 9000001, do: Heal),\n  ],\n)";
    assert!(
        error_of(text).starts_with("6:13: this action (`at_us: 9000001`) comes after"),
        "{}",
        error_of(text)
    );
    parse(&with_actions(
        "(at_ms: 9000, do: Heal), (at_us: 9000000, do: Heal)",
        "  until_ms: 9000,\n",
    ))
    .expect("an action at the very end still runs");
    parse(&with_actions("(at_ms: 90000, do: Heal)", "")).expect("no end, no limit");
}

#[test]
fn a_heartbeat_no_shorter_than_the_election_timeout_is_an_error() {
    let raft = |settings: &str| format!("Scenario(\n  seed: 1,\n  cluster: Raft(({settings})),\n)");
    assert_eq!(
        error_of(&raft("nodes: 3, heartbeat_ms: 150")),
        "3:42: `heartbeat_ms: 150` must be shorter than the minimum election timeout (150 ms): \
         followers would time out between heartbeats"
    );
    // Reported at the heartbeat whichever comes first.
    let err = error_of(&raft("heartbeat_ms: 40, election_timeout_ms: (40, 80)"));
    assert!(
        err.starts_with(
            "3:32: `heartbeat_ms: 40` must be shorter than the minimum election timeout (40 ms)"
        ),
        "{err}"
    );
    let err = error_of(&raft("election_timeout_ms: (30, 80), heartbeat_ms: 30"));
    assert!(err.starts_with("3:63: `heartbeat_ms: 30`"), "{err}");
    // With the default heartbeat (50 ms), at the range.
    assert_eq!(
        error_of(&raft("election_timeout_ms: (50, 80)")),
        "3:46: the minimum election timeout (50 ms) must be longer than the default \
         `heartbeat_ms` (50 ms): followers would time out between heartbeats"
    );
    parse(&raft("election_timeout_ms: (51, 80)")).expect("above the default heartbeat");
    parse(&raft("heartbeat_ms: 10, election_timeout_ms: (12, 24)")).expect("valid timing");
}

#[test]
fn a_session_saved_before_the_scenario_s_last_action_still_loads() {
    let scenario =
        parse("Scenario(seed: 1, cluster: Raft((nodes: 3)), actions: [(at_ms: 5000, do: Heal)])")
            .expect("parses");
    let mut sim = scenario.build();
    sim.run_until(distlab::sim::ms(1_000), u64::MAX);
    let saved = scenario.with_session(&sim);
    assert_eq!(saved.until_ms, Some(5_000));
    assert_eq!(
        parse(&saved.to_ron()).expect("the saved session loads"),
        saved
    );
}
