//! Paxos's safety checks over thousands of random fault schedules, in both
//! modes, and liveness once the faults are healed.
//!
//! Each schedule is a pure function of its seed. A failure prints the seed
//! and the schedule as a scenario file; `DISTLAB_SEED=<seed> cargo test
//! --test long_runs paxos_random_faults` runs that one schedule again, and the
//! printed scenario replays it with `distlab run`.

use crate::support::paxos::servers;
use crate::support::schedule::{self, at};

use std::collections::BTreeMap;

use crate::support::paxos::faults::{
    fault_schedule, propose, Shape, FAULTS_END_MS, LONGEST_PAUSE_MS, RUN_END_MS,
};
use distlab::protocols::paxos::{Mode, Paxos, PaxosObs, PaxosRequest};
use distlab::scenario::{ActionSpec, Scenario};
use distlab::sim::{ms, Describe, RecordKind, StepOutcome};

/// A random schedule from the shared generator (either mode, one to three
/// proposers), with fresh proposals after the heal for liveness.
fn random_schedule(seed: u64) -> Scenario<Paxos> {
    let shape = Shape {
        mode: None,
        max_proposers: 3,
    };
    let mut scenario = fault_schedule(seed, &shape);
    let single = scenario.cluster.0.mode == Mode::Single;
    let mut t = FAULTS_END_MS + LONGEST_PAUSE_MS + 100;
    while t <= RUN_END_MS - 1_500 {
        scenario
            .actions
            .push(at(t, propose(1, format!("after-heal-{t}"))));
        t += if single { 10_000 } else { 250 };
    }
    scenario
}

/// Runs a schedule; returns the first problem, if any.
fn check(scenario: &Scenario<Paxos>) -> Option<String> {
    let mut sim = scenario.build();
    sim.set_explanations(false);
    let mut chosen: BTreeMap<u64, String> = BTreeMap::new();
    while sim.step_until(ms(RUN_END_MS)) == StepOutcome::Stepped {
        for r in sim.last_records() {
            if let RecordKind::Proto(PaxosObs::Chosen { slot, command, .. }) = &r.kind {
                chosen.insert(*slot, command.value.to_string());
            }
        }
    }
    if let Some((event, v)) = sim.violations().first() {
        return Some(format!(
            "event {event}: {}: {}",
            v.invariant.en,
            v.note.english()
        ));
    }
    if !chosen.contains_key(&0) {
        return Some("nothing was chosen after the heal".into());
    }
    if scenario.cluster.0.mode == Mode::Multi {
        let slots: Vec<u64> = chosen.keys().copied().collect();
        let prefix: Vec<u64> = (0..slots.len() as u64).collect();
        if slots != prefix {
            return Some(format!("the chosen slots have gaps: {slots:?}"));
        }
        for a in &scenario.actions {
            if let ActionSpec::Request(PaxosRequest::Propose(_, v)) = &a.action {
                if v.starts_with("after-heal") && !chosen.values().any(|c| c == v) {
                    return Some(format!(
                        "\"{v}\", proposed after the heal, was never chosen"
                    ));
                }
            }
        }
    }
    None
}

fn check_one(seed: u64) {
    let scenario = random_schedule(seed);
    if let Some(problem) = check(&scenario) {
        panic!(
            "schedule with seed {seed} failed: {problem}\nreproduce with DISTLAB_SEED={seed}, or save this scenario and `distlab run` it:\n{}",
            scenario.to_ron()
        );
    }
}

#[test]
fn two_thousand_random_schedules_keep_every_check_and_recover() {
    schedule::check_schedules(0, 2_000, check_one);
}

#[test]
#[ignore = "long run: 100,000 schedules; run with --ignored"]
fn a_hundred_thousand_random_schedules_keep_every_check() {
    schedule::check_schedules(1_000_000, 100_000, check_one);
}

#[test]
fn schedules_are_a_pure_function_of_the_seed() {
    assert_eq!(random_schedule(17), random_schedule(17));
    assert_ne!(random_schedule(17), random_schedule(18));
}

#[test]
fn schedules_really_exercise_the_cluster() {
    let (mut events, mut ballots, mut multi) = (0, 0, 0);
    for seed in 0..40 {
        let scenario = random_schedule(seed);
        multi += u64::from(scenario.cluster.0.mode == Mode::Multi);
        let mut sim = scenario.build();
        sim.set_explanations(false);
        while sim.step_until(ms(RUN_END_MS)) == StepOutcome::Stepped {}
        events += sim.events_processed();
        ballots += servers(&sim).map(|n| n.max_round).max().unwrap_or(0);
    }
    eprintln!("40 schedules ({multi} Multi-Paxos): {events} events, {ballots} rounds");
    assert!((10..=30).contains(&multi), "both modes are drawn");
    assert!(events >= 40 * 300, "only {events} events in 40 schedules");
    assert!(ballots >= 40 * 2, "only {ballots} rounds in 40 schedules");
}
