//! Lab runs: the lock story played by real processes against a real
//! `redis-server`, as the records they leave. This module knows no
//! process: it reads and writes a lab trace, checks it by the same rules
//! as the simulated lock family, and folds it into what a screen shows at
//! any moment, so that a live run and its replay are one picture.
//!
//! A lab trace is JSON lines: first the [`LabSetup`], then one
//! [`LabEvent`] per line, in the order they arrived.

mod event;
mod monitor;
mod state;
mod step;
mod trace;
pub mod words;

pub use event::{LabEvent, LabKind, LabMode, LabSetup, Who};
pub use monitor::{LabFinding, LabMonitor, LabNote, FREED_OTHERS_LOCK};
pub use state::{Holding, LabClient, LabPhase, LabState, StorageOp};
pub use step::{LabStep, PauseAt, MAX_CLIENTS, MAX_RUN_MS};
pub use trace::{read_trace, write_event, write_setup, LabTrace, TraceError};

#[cfg(test)]
mod tests;
