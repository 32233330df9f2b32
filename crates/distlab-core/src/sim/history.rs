//! Going back in time.
//!
//! A run is a pure function of its configuration, seed and script, so the
//! past need not be stored event by event: sparse snapshots (clones of the
//! simulation) are kept, and any earlier moment is reached by restoring the
//! nearest snapshot before it and replaying forward. When there are too many
//! snapshots, every other one is dropped and the spacing doubles, so memory
//! stays bounded however long a session runs while seeking stays fast.

use super::actor::Actor;
use super::engine::{ClusterAction, Sim, StepOutcome};
use super::time::SimTime;

/// Events between snapshots at the start of a run.
const INITIAL_INTERVAL: u64 = 1_024;
/// Snapshots kept at most before thinning.
const MAX_SNAPSHOTS: usize = 128;

#[derive(Clone, Debug)]
pub struct History<A: Actor> {
    snapshots: Vec<Sim<A>>,
    interval: u64,
}

impl<A: Actor> History<A> {
    /// Starts a history whose first snapshot is `sim` as it is now.
    pub fn new(sim: &Sim<A>) -> Self {
        History {
            snapshots: vec![sim.clone()],
            interval: INITIAL_INTERVAL,
        }
    }

    pub fn snapshot_count(&self) -> usize {
        self.snapshots.len()
    }

    /// Takes a snapshot if one is due. Call after stepping forward.
    pub fn record(&mut self, sim: &Sim<A>) {
        let last = self.snapshots.last().map_or(0, Sim::events_processed);
        if sim.events_processed() >= last + self.interval {
            self.snapshots.push(sim.clone());
            if self.snapshots.len() > MAX_SNAPSHOTS {
                self.thin();
            }
        }
    }

    fn thin(&mut self) {
        let mut i = 0;
        self.snapshots.retain(|_| {
            let keep = i % 2 == 0;
            i += 1;
            keep
        });
        self.interval *= 2;
    }

    /// Restores the latest snapshot at or before `fits`, keeping `sim`'s
    /// script (which may know of actions typed after the snapshot).
    fn restore(&self, sim: &mut Sim<A>, fits: impl Fn(&Sim<A>) -> bool) {
        let Some(snap) = self.snapshots.iter().rev().find(|s| fits(s)) else {
            return;
        };
        let mut restored = snap.clone();
        restored.adopt_script(sim);
        *sim = restored;
    }

    /// Moves `sim` to just after event number `target` (0 = the start).
    pub fn seek_event(&self, sim: &mut Sim<A>, target: u64) {
        let here = sim.events_processed();
        // Back: from the latest snapshot before the target. Ahead: from
        // one past the present, if there is one, rather than replaying
        // all the way.
        if target < here || self.snapshot_between(here, target) {
            self.restore(sim, |s| s.events_processed() <= target);
        }
        while sim.events_processed() < target {
            if sim.step() != StepOutcome::Stepped {
                break;
            }
        }
    }

    /// Moves `sim` to simulated time `t`: every event up to `t` processed.
    pub fn seek_time(&self, sim: &mut Sim<A>, t: SimTime) {
        let ahead = self
            .snapshots
            .iter()
            .any(|s| s.events_processed() > sim.events_processed() && s.now() <= t);
        if t < sim.now() || ahead {
            self.restore(sim, |s| s.now() <= t);
        }
        sim.run_until(t, u64::MAX);
    }

    /// Whether a snapshot lies after event `here` and at or before event
    /// `target`.
    fn snapshot_between(&self, here: u64, target: u64) -> bool {
        self.snapshots
            .iter()
            .any(|s| (here + 1..=target).contains(&s.events_processed()))
    }

    /// Applies a person's action now. If `sim` was rewound, the future it
    /// had is discarded: snapshots ahead of this moment, and actions typed
    /// after it. The history forks here.
    pub fn act(&mut self, sim: &mut Sim<A>, action: ClusterAction<A>) {
        let here = sim.events_processed();
        self.snapshots.retain(|s| s.events_processed() <= here);
        sim.act(action);
        self.record(sim);
    }
}
