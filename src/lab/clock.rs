//! One clock for every process of a run: the machine's monotonic clock,
//! which a child reads alike, so that events from different processes
//! merge into one timeline. A run's times are microseconds since its
//! epoch, the parent's reading when the run began: once every client
//! process is connected and ready, so that a slow start never eats into
//! the story's first moments.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Nanoseconds on the machine's monotonic clock.
pub fn monotonic_ns() -> u64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; CLOCK_MONOTONIC always
    // exists on the systems distlab builds for.
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
    (ts.tv_sec as u64) * 1_000_000_000 + ts.tv_nsec as u64
}

/// Microseconds from `epoch_ns` to now.
pub fn since_us(epoch_ns: u64) -> u64 {
    monotonic_ns().saturating_sub(epoch_ns) / 1_000
}

/// When a run began, shared by the threads that record its events; set
/// once the clients are ready.
#[derive(Clone, Debug, Default)]
pub struct Epoch(Arc<AtomicU64>);

impl Epoch {
    /// Starts the run's clock now; the reading is returned.
    pub fn start(&self) -> u64 {
        let now = monotonic_ns();
        self.0.store(now, Ordering::Relaxed);
        now
    }

    pub fn ns(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }

    /// Microseconds since the run began.
    pub fn since_us(&self) -> u64 {
        since_us(self.ns())
    }
}
