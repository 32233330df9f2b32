//! The Paxos presets in `assets/scenarios/` run as their comments say: the
//! correct ones break nothing, each bug's breaks the invariant it names.

use std::path::Path;

use distlab::protocols::paxos::{Ballot, Paxos};
use distlab::scenario::Scenario;
use distlab::sim::{ms, NodeId, StepOutcome};

/// The invariants `preset` breaks, in order, once each.
fn broken(preset: &str) -> Vec<&'static str> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/scenarios")
        .join(preset);
    let scenario = Scenario::<Paxos>::load(&path).expect("the preset loads");
    let until = ms(scenario.until_ms.expect("a preset says when it ends"));
    let mut sim = scenario.build();
    sim.set_explanations(false);
    while sim.step_until(until) == StepOutcome::Stepped {}
    let mut invariants: Vec<&'static str> = sim
        .violations()
        .iter()
        .map(|(_, f)| f.invariant.en)
        .collect();
    invariants.dedup();
    invariants
}

#[test]
fn the_correct_presets_break_nothing() {
    assert_eq!(broken("paxos-basic.ron"), Vec::<&str>::new());
    assert_eq!(broken("multi-paxos-steady.ron"), Vec::<&str>::new());
}

#[test]
fn each_bug_preset_breaks_what_it_says() {
    assert_eq!(
        broken("paxos-ignores-accepted-values.ron"),
        ["One Value Chosen Per Slot"]
    );
    assert_eq!(
        broken("paxos-forgets-promise.ron"),
        ["Promises Never Decrease"]
    );
    assert_eq!(
        broken("multi-paxos-ignore-client-ids.ron"),
        ["Commands Execute Once"]
    );
}

/// S1 leads with 1.S1 and crashes before any command; S2 takes over with
/// 2.S2. Nothing is ever chosen, yet ballots ran.
const LEADER_CHANGE_WITHOUT_COMMANDS: &str = r#"Scenario(
    seed: 1,
    cluster: Paxos((nodes: 5, mode: Multi, proposers: [1, 2])),
    network: (latency_ms: (5, 10)),
    actions: [(at_ms: 400, do: Crash(Node(1)))],
    until_ms: 1000,
)"#;

#[test]
fn the_run_summary_names_the_highest_ballot_run_even_if_it_chose_nothing() {
    let path = Path::new("leader-change.ron");
    let scenario = Scenario::<Paxos>::parse(LEADER_CHANGE_WITHOUT_COMMANDS, path).expect("parses");
    let summary = distlab::headless::run(&scenario, ms(1_000), None).expect("runs");
    let s2 = Ballot {
        round: 2,
        node: NodeId(1),
    };
    assert!(summary.family.chosen.is_empty());
    assert_eq!(summary.family.highest_ballot, s2);
    assert!(
        summary.to_string().contains("highest ballot: 2.S2"),
        "{summary}"
    );
}
