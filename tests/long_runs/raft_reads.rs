//! Raft's read modes under random faults, with client processes checked
//! by the Linearizability monitor: `Log`, `ReadIndex` and `Lease` (within
//! its assumptions) are never caught; a failure prints its seed and the
//! schedule, and `DISTLAB_SEED=<seed>` runs that one again.

use std::sync::atomic::{AtomicU64, Ordering};

use crate::support::raft::{self, read_schedule};
use crate::support::schedule;

use distlab::protocols::raft::{RaftObs, ReadMode};
use distlab::sim::{Describe, RecordKind, StepOutcome};

/// Operations completed `ok`, and reads among them that saw a value.
#[derive(Default)]
struct Tally {
    ok: AtomicU64,
    reads_seen: AtomicU64,
}

/// Runs one schedule, tallying what its clients saw; the run's first
/// violation, if any.
fn run_one(
    seed: u64,
    mode: ReadMode,
    tally: &Tally,
) -> (
    distlab::scenario::Scenario<distlab::protocols::raft::Raft>,
    Option<String>,
) {
    let scenario = read_schedule(seed, mode);
    let mut sim = scenario.build();
    sim.set_explanations(false);
    let until = distlab::sim::ms(raft::RUN_END_MS);
    while sim.step_until(until) == StepOutcome::Stepped {
        for record in sim.last_records() {
            if let RecordKind::Proto(RaftObs::Ok(e)) = &record.kind {
                tally.ok.fetch_add(1, Ordering::Relaxed);
                if e.op == "read" && e.value.is_some() {
                    tally.reads_seen.fetch_add(1, Ordering::Relaxed);
                }
            }
        }
    }
    let violation = sim
        .violations()
        .first()
        .map(|(event, v)| format!("event {event}: {}: {}", v.invariant.en, v.note.english()));
    (scenario, violation)
}

fn check_one(seed: u64, mode: ReadMode, tally: &Tally) {
    if let (scenario, Some(violation)) = run_one(seed, mode, tally) {
        panic!(
            "{mode:?} reads, schedule with seed {seed}: {violation}\nreproduce with DISTLAB_SEED={seed}, or save this scenario and `distlab run` it:\n{}",
            scenario.to_ron()
        );
    }
}

fn two_thousand(mode: ReadMode) {
    let tally = Tally::default();
    schedule::check_schedules(0, 2_000, |seed| check_one(seed, mode, &tally));
    if std::env::var("DISTLAB_SEED").is_err() {
        let (ok, seen) = (tally.ok.into_inner(), tally.reads_seen.into_inner());
        eprintln!("{mode:?}: {ok} operations ok, {seen} reads saw a value");
        assert!(ok >= 2_000 * 20, "only {ok} operations completed");
        assert!(seen >= 2_000 * 5, "only {seen} reads saw a value");
    }
}

#[test]
fn log_reads_stay_linearizable_under_two_thousand_schedules() {
    two_thousand(ReadMode::Log);
}

#[test]
fn read_index_reads_stay_linearizable_under_two_thousand_schedules() {
    two_thousand(ReadMode::ReadIndex);
}

#[test]
fn lease_reads_stay_linearizable_within_their_assumptions() {
    two_thousand(ReadMode::Lease);
}

/// The shortcuts are caught by the same schedules: the monitor fires.
#[test]
fn the_shortcuts_are_caught_under_random_schedules() {
    for mode in [ReadMode::LeaderLocal, ReadMode::FollowerLocal] {
        let caught = AtomicU64::new(0);
        let tally = Tally::default();
        schedule::check_schedules(0, 500, |seed| {
            if let (_, Some(v)) = run_one(seed, mode, &tally) {
                assert!(v.contains("Linearizability"), "{mode:?}, seed {seed}: {v}");
                caught.fetch_add(1, Ordering::Relaxed);
            }
        });
        let caught = caught.into_inner();
        eprintln!("{mode:?}: stale in {caught} of 500 schedules");
        assert!(
            caught >= 5,
            "{mode:?} was stale in only {caught} of 500 schedules"
        );
    }
}
