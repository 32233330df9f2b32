//! Multi-Paxos with client processes under random faults: every operation,
//! reads included, goes through a slot, and the Linearizability monitor
//! never fires. A failure prints its seed and the schedule, and
//! `DISTLAB_SEED=<seed>` runs that one again.

use std::sync::atomic::{AtomicU64, Ordering};

use crate::support::paxos::faults::{fault_schedule, Shape, RUN_END_MS};
use crate::support::schedule;

use distlab::protocols::paxos::{Mode, Paxos, PaxosObs, Workload};
use distlab::scenario::{ActionSpec, Scenario};
use distlab::sim::{ms, Describe, RecordKind, SimRng, StepOutcome};
use distlab::units::NodeNum;

/// A random Multi-Paxos schedule with three clients on two keys, its
/// partitions also placing the clients.
fn client_schedule(seed: u64) -> Scenario<Paxos> {
    let shape = Shape {
        mode: Some(Mode::Multi),
        max_proposers: 3,
    };
    let mut scenario = fault_schedule(seed, &shape);
    let mut rng = SimRng::new(seed ^ 0xc11e);
    let servers = scenario.cluster.0.nodes;
    let workload = Workload {
        clients: 3,
        ops_per_s: 4.0,
        keys: vec!["x".into(), "y".into()],
        ..Workload::default()
    };
    let members = servers + workload.clients;
    scenario.cluster.0.workload = Some(workload);
    for timed in &mut scenario.actions {
        if let ActionSpec::Partition(groups) = &mut timed.action {
            for k in servers + 1..=members {
                groups[rng.range(0, 1) as usize].push(NodeNum(k));
            }
        }
    }
    scenario
}

#[derive(Default)]
struct Tally {
    ok: AtomicU64,
    reads_seen: AtomicU64,
}

fn check_one(seed: u64, tally: &Tally) {
    let scenario = client_schedule(seed);
    let mut sim = scenario.build();
    sim.set_explanations(false);
    while sim.step_until(ms(RUN_END_MS)) == StepOutcome::Stepped {
        for record in sim.last_records() {
            if let RecordKind::Proto(PaxosObs::Ok(e)) = &record.kind {
                tally.ok.fetch_add(1, Ordering::Relaxed);
                if e.op == "read" && e.value.is_some() {
                    tally.reads_seen.fetch_add(1, Ordering::Relaxed);
                }
            }
        }
    }
    if let Some((event, v)) = sim.violations().first() {
        panic!(
            "Multi-Paxos clients, schedule with seed {seed}: event {event}: {}: {}\nreproduce with DISTLAB_SEED={seed}, or save this scenario and `distlab run` it:\n{}",
            v.invariant.en,
            v.note.english(),
            scenario.to_ron()
        );
    }
}

#[test]
fn client_operations_stay_linearizable_under_two_thousand_schedules() {
    let tally = Tally::default();
    schedule::check_schedules(0, 2_000, |seed| check_one(seed, &tally));
    if std::env::var("DISTLAB_SEED").is_err() {
        let (ok, seen) = (tally.ok.into_inner(), tally.reads_seen.into_inner());
        eprintln!("Multi-Paxos clients: {ok} operations ok, {seen} reads saw a value");
        assert!(ok >= 2_000 * 20, "only {ok} operations completed");
        assert!(seen >= 2_000 * 5, "only {seen} reads saw a value");
    }
}
