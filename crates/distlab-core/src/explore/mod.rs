//! Exploring from a state: every schedule of the next events, searched for
//! one that breaks an invariant.
//!
//! A family whose safety does not depend on timing (Raft, Paxos) says how
//! its states hash (`Report::explore`); any order of its messages and
//! timers is then a schedule the real network could produce, so the
//! explorer may deliver any message and fire any timer next, at the same
//! instant, ignoring when they were due. Each step is an ordinary action
//! (`DeliverMessage`, `FireTimer`, a drop, a crash), so a schedule found
//! is a scenario the ordinary simulator replays to the same violation.

mod choice;
pub mod fingerprint;
mod scenario;
mod search;
mod words;

pub use choice::{choices, Budgets, Choice};
pub use fingerprint::Parts;
pub use scenario::{from_scenario, ExploreError, Explored};
pub use search::{Counterexample, Exploration, Explorer, Outcome, Search};
pub use words::{
    describe_choice, describe_result, describe_search, describe_speed, describe_steps,
};
