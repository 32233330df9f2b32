//! The deterministic discrete-event simulator.
//!
//! This module knows nothing of any protocol and nothing of the screen. It
//! moves virtual time forward one event at a time, delivers typed messages
//! across a faulty network, fires timers, and applies the faults a person or a
//! script asks for. A run is a pure function of (configuration, seed, timed
//! actions): the same inputs always give the same trace, which is what makes
//! rewind, replay, sharing and testing possible.
//!
//! Protocols plug in by implementing [`Actor`], which also names the
//! family's own targets ([`Target::Alias`]) and its nodes' [`Labels`]. Their
//! invariants plug in by implementing [`Checker`]: after every event it sees
//! the whole event ([`CheckView`]) and reports violations or warnings.

mod action;
mod actor;
mod agenda;
mod check;
mod describe;
mod engine;
mod history;
mod labels;
mod network;
mod node;
mod rng;
mod shared_vec;
mod time;
mod trace;
mod words;
pub use words::skip_reason;

pub use action::{Action, NoAlias, Target};
#[cfg(test)]
pub(crate) use actor::Effect;
pub use actor::{Actor, Ctx, Message};
pub use check::{CheckView, Checker, Finding, FindingOf, Invariant, Severity, Violation};
pub use describe::Describe;
pub use engine::{
    timer_name, ClusterAction, PendingTimer, Scheduled, ScheduledOf, Sim, SimConfig, Stall,
    StepOutcome, Timers, MAX_IN_FLIGHT,
};
pub use history::History;
pub use labels::Labels;
pub use network::{DropReason, InFlight, Latency, MsgId, NetworkConfig};
pub use node::{NodeId, NodeStatus, MAX_IDS};
pub use rng::SimRng;
pub use shared_vec::SharedVec;
pub use time::{format_time, ms, parse_time, SimTime};
pub use trace::{Record, RecordKind, SkipReason};

#[cfg(test)]
mod tests;
