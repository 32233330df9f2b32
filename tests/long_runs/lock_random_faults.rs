//! Locks with fencing keep storage safe over thousands of random fault
//! schedules: pauses, crashes and restarts, clock jumps and drift,
//! partitions, loss and duplication. Checked for `SET NX PX` on a Redis
//! that persists and for the ZooKeeper recipe (both watch variants).
//!
//! Each schedule is a pure function of its seed; a failure prints the seed
//! and the scenario. `DISTLAB_SEED=<seed> cargo test --test
//! long_runs lock_random_faults` runs that one schedule again.

use crate::support::schedule;

use std::path::Path;

use distlab::protocols::lock::Lock;
use distlab::scenario::Scenario;
use distlab::sim::{ms, Describe, SimRng, StepOutcome};
use distlab::units::Lang;

/// The services under test, as `service:` settings.
const SERVICES: [&str; 3] = [
    "Redis((mode: NxPx, ttl_ms: 400, persist: true))",
    "ZooKeeper((session_timeout_ms: 400, heartbeat_ms: 100, watch: Predecessor))",
    "ZooKeeper((session_timeout_ms: 400, heartbeat_ms: 100, watch: Parent, find_orphans: true))",
];
const UNTIL_MS: u64 = 6_000;

/// A random schedule of faults on 3 clients, one lock server and storage
/// (members 1–3, 4 and 5).
fn random_schedule(seed: u64) -> String {
    let mut rng = SimRng::new(seed);
    let service = SERVICES[(seed % SERVICES.len() as u64) as usize];
    let mut actions = Vec::new();
    let pick = |rng: &mut SimRng| rng.range(1, 5);
    for _ in 0..rng.range(4, 12) {
        let at = rng.range(0, UNTIL_MS - 1_000);
        let node = pick(&mut rng);
        let action = match rng.range(0, 8) {
            0 | 1 => format!("Pause(Node({node}), {})", rng.range(50, 2_000)),
            2 => {
                let back = at + rng.range(10, 800);
                actions.push(format!("(at_ms: {back}, do: Restart(Node({node})))"));
                format!("Crash(Node({node}))")
            }
            3 => format!(
                "ClockJump(Node({node}), {})",
                rng.range(0, 3_000) as i64 - 1_000
            ),
            4 => format!(
                "SetDrift(Node({node}), {})",
                rng.range(0, 400_000) as i64 - 200_000
            ),
            5 => {
                let heal = at + rng.range(50, 1_500);
                // A heal after the end would never run (and is an error).
                if heal <= UNTIL_MS {
                    actions.push(format!("(at_ms: {heal}, do: Heal)"));
                }
                let rest: Vec<String> = (1..=5)
                    .filter(|n| *n != node)
                    .map(|n| n.to_string())
                    .collect();
                format!("Partition([[{node}], [{}]])", rest.join(", "))
            }
            6 => format!("SetLoss({:.2})", rng.range(0, 20) as f64 / 100.0),
            _ => format!("SetDuplication({:.2})", rng.range(0, 30) as f64 / 100.0),
        };
        actions.push(format!("(at_ms: {at}, do: {action})"));
    }
    format!(
        "Scenario(\n    seed: {seed},\n    cluster: Lock((clients: 3, service: {service}, fencing: true, work_ms: (50, 300), think_ms: (20, 100), retry_ms: (20, 80))),\n    actions: [\n        {}\n    ],\n    until_ms: {UNTIL_MS},\n)",
        actions.join(",\n        ")
    )
}

struct Outcome {
    violation: Option<String>,
    acquires: u64,
    events: u64,
}

fn run(text: &str) -> Outcome {
    let scenario: Scenario<Lock> =
        Scenario::parse(text, Path::new("random.ron")).expect("a valid schedule");
    let mut sim = scenario.build();
    while sim.step_until(ms(UNTIL_MS)) == StepOutcome::Stepped {}
    let violation = sim.violations().first().map(|(e, v)| {
        let text = v.note.describe(Lang::En, sim.labels());
        format!("event {e}: {}: {text}", v.invariant.en)
    });
    let acquires = sim
        .nodes()
        .iter()
        .filter_map(|n| n.client())
        .map(|c| c.sections.len() as u64)
        .sum();
    Outcome {
        violation,
        acquires,
        events: sim.events_processed(),
    }
}

fn check_one(seed: u64) {
    let text = random_schedule(seed);
    if let Some(problem) = run(&text).violation {
        panic!("schedule with seed {seed} failed: {problem}\nreproduce with DISTLAB_SEED={seed}, or `distlab run` this scenario:\n{text}");
    }
}

#[test]
fn ten_thousand_random_schedules_keep_storage_safe_with_fencing() {
    schedule::check_schedules(0, 10_000, check_one);
}

#[test]
#[ignore = "long run: 50,000 schedules; run with --ignored"]
fn fifty_thousand_random_schedules_keep_storage_safe_with_fencing() {
    schedule::check_schedules(1_000_000, 50_000, check_one);
}

#[test]
fn schedules_are_a_pure_function_of_the_seed_and_really_contend() {
    assert_eq!(random_schedule(17), random_schedule(17));
    assert_ne!(random_schedule(17), random_schedule(18));
    let (mut acquires, mut events) = (0, 0);
    for seed in 0..30 {
        let outcome = run(&random_schedule(seed));
        acquires += outcome.acquires;
        events += outcome.events;
    }
    eprintln!("30 schedules: {events} events, {acquires} critical sections");
    assert!(
        acquires >= 30 * 5,
        "the clients hardly ever held the lock: {acquires}"
    );
}

/// Without fencing the same faults do break storage: the schedules are
/// strong enough to matter.
#[test]
fn without_fencing_some_random_schedule_loses_an_update() {
    let broken = (0..300).find(|seed| {
        let text = random_schedule(*seed).replace("fencing: true", "fencing: false");
        run(&text).violation.is_some()
    });
    assert!(broken.is_some(), "no schedule broke an unfenced lock");
}
