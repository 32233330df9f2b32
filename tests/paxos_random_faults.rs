//! Paxos's safety checks over thousands of random fault schedules, in both
//! modes, and liveness once the faults are healed.
//!
//! Each schedule is a pure function of its seed. A failure prints the seed
//! and the schedule as a scenario file; `DISTLAB_SEED=<seed> cargo test
//! --test paxos_random_faults` runs that one schedule again, and the
//! printed scenario replays it with `distlab run`.

mod schedules;

use std::collections::BTreeMap;

use distlab::protocols::paxos::{Mode, Paxos, PaxosObs, PaxosRequest, PaxosSpec};
use distlab::protocols::TargetSpec;
use distlab::scenario::{ActionSpec, Cluster, NetworkSpec, Scenario, TimedAction};
use distlab::sim::{ms, Describe, RecordKind, SimRng, StepOutcome};
use distlab::units::{MsRange, NodeNum, Probability};

/// When the faults stop and everything is healed.
const FAULTS_END_MS: u64 = 2_000;
/// When a run ends: time enough after the heal to choose everything.
const RUN_END_MS: u64 = 5_000;

fn at(ms: u64, action: ActionSpec<Paxos>) -> TimedAction<Paxos> {
    TimedAction {
        at_ms: Some(ms),
        at_us: None,
        action,
    }
}

fn propose(to: usize, value: String) -> ActionSpec<Paxos> {
    ActionSpec::Request(PaxosRequest::Propose(TargetSpec::Node(NodeNum(to)), value))
}

/// A random schedule: crashes, restarts, pauses, partitions, one-way cuts,
/// loss, duplication, forced retries and proposals from one to three
/// proposers; then a heal, restarts, and fresh proposals for liveness.
fn random_schedule(seed: u64) -> Scenario<Paxos> {
    let mut rng = SimRng::new(seed ^ 0x9a05);
    let mode = if rng.chance(0.5) {
        Mode::Single
    } else {
        Mode::Multi
    };
    let n = [3, 3, 4, 5, 5, 7][rng.range(0, 5) as usize];
    let proposers: Vec<NodeNum> = (1..=rng.range(1, 3).min(n as u64) as usize)
        .map(NodeNum)
        .collect();
    let lat = rng.range(1, 10);
    let network = NetworkSpec {
        latency_ms: MsRange(lat, lat + rng.range(0, 20)),
        loss: Probability(if rng.chance(0.3) {
            rng.unit() * 0.1
        } else {
            0.0
        }),
        duplicate: Probability(if rng.chance(0.3) {
            rng.unit() * 0.1
        } else {
            0.0
        }),
        long_tail: None,
    };
    let node = |rng: &mut SimRng| NodeNum(rng.range(1, n as u64) as usize);
    let mut actions = Vec::new();
    for k in 0..rng.range(8, 40) {
        let t = rng.range(0, FAULTS_END_MS - 1);
        let action = match rng.range(0, 15) {
            0 | 1 => ActionSpec::Crash(TargetSpec::Node(node(&mut rng))),
            2 => ActionSpec::Crash(TargetSpec::Leader),
            3 => ActionSpec::Restart(TargetSpec::Node(node(&mut rng))),
            4 => ActionSpec::Pause(TargetSpec::Node(node(&mut rng)), rng.range(20, 500)),
            5 => {
                let mut groups = vec![Vec::new(), Vec::new()];
                for k in 1..=n {
                    groups[rng.range(0, 1) as usize].push(NodeNum(k));
                }
                ActionSpec::Partition(groups)
            }
            6 => ActionSpec::CutLink(node(&mut rng), node(&mut rng)),
            7 => ActionSpec::Heal,
            8 => ActionSpec::DropNext(node(&mut rng), node(&mut rng)),
            9 => ActionSpec::Timeout(TargetSpec::Node(node(&mut rng))),
            _ => {
                let to = rng.range(1, proposers.len() as u64) as usize;
                propose(to, format!("v{k}"))
            }
        };
        actions.push(at(t, action));
    }
    actions.sort_by_key(|a| a.at_ms);
    actions.push(at(FAULTS_END_MS, ActionSpec::Heal));
    actions.push(at(FAULTS_END_MS, ActionSpec::SetLoss(Probability(0.0))));
    actions.push(at(
        FAULTS_END_MS,
        ActionSpec::SetDuplication(Probability(0.0)),
    ));
    for k in 1..=n {
        actions.push(at(
            FAULTS_END_MS,
            ActionSpec::Restart(TargetSpec::Node(NodeNum(k))),
        ));
    }
    // Pauses last at most 500 ms, so every node runs again by then.
    let mut t = FAULTS_END_MS + 600;
    while t <= RUN_END_MS - 1_500 {
        actions.push(at(t, propose(1, format!("after-heal-{t}"))));
        t += if mode == Mode::Single { 10_000 } else { 250 };
    }
    Scenario {
        seed,
        cluster: Cluster(PaxosSpec {
            nodes: n,
            mode,
            proposers,
            ..PaxosSpec::default()
        }),
        network,
        actions,
        until_ms: Some(RUN_END_MS),
        disk_ms: MsRange(0, 0),
    }
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
            v.invariant,
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
    schedules::check_schedules(0, 2_000, check_one);
}

#[test]
#[ignore = "long run: 100,000 schedules; run with --ignored"]
fn a_hundred_thousand_random_schedules_keep_every_check() {
    schedules::check_schedules(1_000_000, 100_000, check_one);
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
        ballots += sim.nodes().iter().map(|n| n.max_round).max().unwrap_or(0);
    }
    eprintln!("40 schedules ({multi} Multi-Paxos): {events} events, {ballots} rounds");
    assert!((10..=30).contains(&multi), "both modes are drawn");
    assert!(events >= 40 * 300, "only {events} events in 40 schedules");
    assert!(ballots >= 40 * 2, "only {ballots} rounds in 40 schedules");
}
