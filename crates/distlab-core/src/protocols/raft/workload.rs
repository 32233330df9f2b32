//! Clients of a Raft cluster: how many, how busy, and how they read.
//!
//! `workload: (clients: 3, ops_per_s: 2.0, keys: ["x"], reads: 0.5,
//! read_mode: ReadIndex)` inside `cluster: Raft((…))` adds client
//! processes `C1…` after the servers. Each issues one operation at a time
//! to the server it believes leads, follows redirects, and retries a
//! timed-out request with the same number, so that the servers' sessions
//! (dissertation §6.3) apply a write once however often it arrives.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::protocols::clients::{
    client_count, default_clients, default_keys, default_rate, default_reads, default_timeout,
    default_tries, keys, rate, tries, Load,
};
use crate::units::{positive_ms, Probability};

/// How a server answers a read (dissertation §6.4; paper §8). The first
/// three are linearizable; the last two are the shortcuts people take.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum ReadMode {
    /// The read goes through the log as an entry: slow and safe.
    Log,
    /// The leader notes its commit index, confirms with a round of
    /// heartbeats that a majority still follows it, waits until that
    /// index is applied, and answers.
    #[default]
    ReadIndex,
    /// The leader answers without a round while a majority heard from it
    /// within the minimum election timeout, less the clock-drift bound,
    /// measured on its own clock.
    Lease,
    /// Whoever believes it leads answers from its own state.
    LeaderLocal,
    /// Any server answers from its own state.
    FollowerLocal,
}

impl ReadMode {
    pub const ALL: [ReadMode; 5] = [
        ReadMode::Log,
        ReadMode::ReadIndex,
        ReadMode::Lease,
        ReadMode::LeaderLocal,
        ReadMode::FollowerLocal,
    ];

    /// The name files write.
    pub fn name(self) -> &'static str {
        match self {
            ReadMode::Log => "Log",
            ReadMode::ReadIndex => "ReadIndex",
            ReadMode::Lease => "Lease",
            ReadMode::LeaderLocal => "LeaderLocal",
            ReadMode::FollowerLocal => "FollowerLocal",
        }
    }
}

fn default_drift() -> u64 {
    20
}

/// `workload: (…)`: every field has a default.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workload {
    /// Client processes, labelled `C1…` after the servers.
    #[serde(default = "default_clients", deserialize_with = "client_count")]
    pub clients: usize,
    /// Operations each client starts per second of simulated time; 0 for
    /// clients that act only when a file, a task or a key tells them to.
    #[serde(default = "default_rate", deserialize_with = "rate")]
    pub ops_per_s: f64,
    /// The keys operations choose from, uniformly.
    #[serde(default = "default_keys", deserialize_with = "keys")]
    pub keys: Vec<String>,
    /// The share of operations that are reads.
    #[serde(default = "default_reads")]
    pub reads: Probability,
    #[serde(default)]
    pub read_mode: ReadMode,
    /// How long a client waits for an answer before it tries again.
    #[serde(default = "default_timeout", deserialize_with = "positive_ms")]
    pub timeout_ms: u64,
    /// Attempts before a client gives up on an operation: a write it gave
    /// up on is recorded `info` (it may still take effect), a read `fail`.
    #[serde(default = "default_tries", deserialize_with = "tries")]
    pub tries: u32,
    /// How far the servers' clocks may drift apart during one lease, which
    /// `Lease` reads subtract from the minimum election timeout.
    #[serde(default = "default_drift")]
    pub drift_bound_ms: u64,
}

impl Default for Workload {
    fn default() -> Self {
        Workload {
            clients: default_clients(),
            ops_per_s: default_rate(),
            keys: default_keys(),
            reads: default_reads(),
            read_mode: ReadMode::default(),
            timeout_ms: default_timeout(),
            tries: default_tries(),
            drift_bound_ms: default_drift(),
        }
    }
}

impl Workload {
    /// What the client processes act on.
    pub fn load(&self) -> Arc<Load<ReadMode>> {
        Arc::new(Load {
            clients: self.clients,
            ops_per_s: self.ops_per_s,
            keys: self.keys.clone(),
            reads: self.reads.0,
            read_mode: self.read_mode,
            timeout_ms: self.timeout_ms,
            tries: self.tries,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_has_a_default() {
        let w: Workload = ron::from_str("()").expect("parses");
        assert_eq!(w, Workload::default());
        let w: Workload =
            ron::from_str("(clients: 2, read_mode: Lease, keys: [\"a\", \"b\"])").expect("parses");
        assert_eq!(
            (w.clients, w.read_mode, w.keys.len()),
            (2, ReadMode::Lease, 2)
        );
    }

    #[test]
    fn bad_settings_say_why() {
        for (text, why) in [
            ("(clients: 0)", "1 to 63 clients"),
            ("(keys: [])", "at least one key"),
            ("(keys: [\"a=b\"])", "without `=`"),
            ("(ops_per_s: -1.0)", "between 0 and 1000"),
            ("(tries: 0)", "between 1 and 100"),
            ("(read_mode: Quorum)", "Quorum"),
        ] {
            let err = ron::from_str::<Workload>(text).expect_err(text).to_string();
            assert!(err.contains(why), "{text}: {err}");
        }
    }
}
