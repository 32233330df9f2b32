//! When a run cannot go on: the guards that turn a runaway cluster (work
//! that never lets time pass, messages that pile up faster than they land)
//! into a stop with a reason, so that no input can hang distlab or eat
//! the machine's memory.

use std::fmt;

use crate::sim::time::SimTime;
use crate::sim::words;
use crate::units::Lang;

/// Events one instant may hold before the run is declared stuck: far more
/// than any real burst (64 nodes each sending to every peer is about 4,000).
pub const MAX_EVENTS_PER_INSTANT: u64 = 1_000_000;

/// Messages in flight at once before the run is stopped: a hundred times
/// the largest burst a cluster of 64 sends, and few enough that the
/// snapshots time travel keeps stay within a few hundred megabytes. Only a
/// latency far longer than the timers that send messages reaches it.
pub const MAX_IN_FLIGHT: usize = 10_000;

/// Why a run stopped making progress.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stall {
    /// [`MAX_EVENTS_PER_INSTANT`] events at this instant without the
    /// clock moving (work scheduled for the same instant over and over).
    Spinning { at: SimTime },
    /// More than [`MAX_IN_FLIGHT`] messages in flight at this time.
    Flooded { at: SimTime },
}

impl Stall {
    /// The sentence that says why, in `lang`.
    pub fn describe(self, lang: Lang) -> String {
        words::stall(self, lang)
    }
}

/// English, for the command line's errors.
impl fmt::Display for Stall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(Lang::En))
    }
}
