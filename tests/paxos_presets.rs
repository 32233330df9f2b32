//! The Paxos presets in `assets/scenarios/` run as their comments say: the
//! correct ones break nothing, each bug's breaks the invariant it names.

use std::path::Path;

use distlab::protocols::paxos::Paxos;
use distlab::scenario::Scenario;
use distlab::sim::{ms, StepOutcome};

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
    let mut invariants: Vec<&'static str> =
        sim.violations().iter().map(|(_, f)| f.invariant).collect();
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
