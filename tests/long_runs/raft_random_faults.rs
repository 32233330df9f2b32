//! Raft's safety invariants over thousands of random fault schedules, and
//! liveness once the faults are healed.
//!
//! Each schedule is a pure function of its seed. A failure prints the seed
//! and the schedule as a scenario file; `DISTLAB_SEED=<seed> cargo test
//! --test long_runs raft_random_faults` runs that one schedule again, and the
//! printed scenario replays it with `distlab run`.

use crate::support::schedule;

use crate::support::raft;

use distlab::sim::Describe;
use raft::{liveness_problem, random_schedule, run};

fn check_one(seed: u64) {
    let scenario = random_schedule(seed);
    let outcome = run(&scenario);
    let problem = match outcome.sim.violations().first() {
        Some((event, v)) => Some(format!(
            "event {event}: {}: {}",
            v.invariant.en,
            v.note.english()
        )),
        None => liveness_problem(&outcome),
    };
    if let Some(problem) = problem {
        panic!(
            "schedule with seed {seed} failed: {problem}\nreproduce with DISTLAB_SEED={seed}, or save this scenario and `distlab run` it:\n{}",
            scenario.to_ron()
        );
    }
}

#[test]
fn two_thousand_random_schedules_keep_every_invariant_and_recover() {
    schedule::check_schedules(0, 2_000, check_one);
}

#[test]
#[ignore = "long run: 100,000 schedules; run with --ignored"]
fn a_hundred_thousand_random_schedules_keep_every_invariant() {
    schedule::check_schedules(1_000_000, 100_000, check_one);
}

#[test]
fn schedules_are_a_pure_function_of_the_seed() {
    assert_eq!(random_schedule(17), random_schedule(17));
    assert_ne!(random_schedule(17), random_schedule(18));
}

#[test]
fn schedules_really_exercise_the_cluster() {
    let mut committed = 0;
    let mut events = 0;
    let mut installed = 0;
    for seed in 0..20 {
        let outcome = run(&random_schedule(seed));
        committed += outcome.committed.len();
        events += outcome.sim.events_processed();
        installed += outcome.installed;
    }
    eprintln!(
        "20 schedules: {events} events, {committed} entries committed, {installed} snapshots installed"
    );
    assert!(
        installed >= 5,
        "only {installed} snapshots installed in 20 schedules"
    );
    assert!(
        committed >= 20 * 5,
        "only {committed} entries committed in 20 schedules"
    );
    assert!(events >= 20 * 1_000, "only {events} events in 20 schedules");
}
