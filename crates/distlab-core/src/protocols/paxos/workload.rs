//! Clients of a Multi-Paxos cluster: how many and how busy.
//!
//! `workload: (clients: 3, ops_per_s: 2.0, keys: ["x"], reads: 0.5)`
//! inside `cluster: Paxos((mode: Multi, …))` adds client processes `C1…`
//! after the servers. Each issues one operation at a time to the node it
//! believes leads, follows redirects, and retries a timed-out request with
//! the same number: the request's command id, so a leader never places a
//! command twice and a state machine runs it once. Reads go through the
//! log like writes: a read is answered when its slot runs.

use std::sync::Arc;

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};

use super::spec::Mode;
use crate::protocols::clients::{
    client_count, default_clients, default_keys, default_rate, default_reads, default_timeout,
    default_tries, keys, rate, tries, Load,
};
use crate::units::{positive_ms, recall, Probability};

/// How a Multi-Paxos server answers a read: when the read's own slot
/// runs, in the order of the log.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LogRead {
    #[default]
    Log,
}

/// `workload: (…)`: every field has a default.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Workload {
    /// Client processes, labelled `C1…` after the servers.
    pub clients: usize,
    /// Operations each client starts per second of simulated time; 0 for
    /// clients that act only when a file, a task or a key tells them to.
    pub ops_per_s: f64,
    /// The keys operations choose from, uniformly.
    pub keys: Vec<String>,
    /// The share of operations that are reads.
    pub reads: Probability,
    /// How long a client waits for an answer before it tries again.
    pub timeout_ms: u64,
    /// Attempts before a client gives up on an operation.
    pub tries: u32,
}

/// The fields as a file writes them; [`Workload`] adds the check that the
/// cluster runs Multi-Paxos.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "Workload")]
struct Written {
    #[serde(default = "default_clients", deserialize_with = "client_count")]
    clients: usize,
    #[serde(default = "default_rate", deserialize_with = "rate")]
    ops_per_s: f64,
    #[serde(default = "default_keys", deserialize_with = "keys")]
    keys: Vec<String>,
    #[serde(default = "default_reads")]
    reads: Probability,
    #[serde(default = "default_timeout", deserialize_with = "positive_ms")]
    timeout_ms: u64,
    #[serde(default = "default_tries", deserialize_with = "tries")]
    tries: u32,
}

impl Default for Workload {
    fn default() -> Self {
        Workload {
            clients: default_clients(),
            ops_per_s: default_rate(),
            keys: default_keys(),
            reads: default_reads(),
            timeout_ms: default_timeout(),
            tries: default_tries(),
        }
    }
}

/// What a Paxos cluster's fields say about each other: clients need a
/// sequence of slots, which only Multi-Paxos decides.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Shape {
    pub mode: Option<Mode>,
    pub workload: bool,
}

pub(super) const SINGLE_HAS_NO_CLIENTS: &str =
    "a workload needs `mode: Multi`: single-decree Paxos decides one value, not a client's sequence of operations";

impl<'de> Deserialize<'de> for Workload {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let w = Written::deserialize(d)?;
        recall::note(|s: &mut Shape| s.workload = true);
        if let Some(shape) = recall::recalled::<Shape>() {
            if shape.mode.unwrap_or_default() == Mode::Single {
                return Err(de::Error::custom(SINGLE_HAS_NO_CLIENTS));
            }
        }
        Ok(Workload {
            clients: w.clients,
            ops_per_s: w.ops_per_s,
            keys: w.keys,
            reads: w.reads,
            timeout_ms: w.timeout_ms,
            tries: w.tries,
        })
    }
}

impl Workload {
    /// What the client processes act on.
    pub fn load(&self) -> Arc<Load<LogRead>> {
        Arc::new(Load {
            clients: self.clients,
            ops_per_s: self.ops_per_s,
            keys: self.keys.clone(),
            reads: self.reads.0,
            read_mode: LogRead::Log,
            timeout_ms: self.timeout_ms,
            tries: self.tries,
        })
    }
}
