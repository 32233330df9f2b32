//! Raft in scenario files: the `cluster: Raft((…))` settings and the client
//! requests a script can send.

use serde::{Deserialize, Serialize};

use super::config::{Bug, RaftConfig, Rule};
use crate::protocols::TargetSpec;
use crate::sim::ms;
use crate::units::{cluster_size, positive_ms, MsRange};

fn default_nodes() -> usize {
    5
}
fn default_election() -> MsRange {
    MsRange(150, 300)
}
fn default_heartbeat() -> u64 {
    50
}

/// `cluster: Raft((nodes: 5, election_timeout_ms: (150, 300), …))`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RaftSpec {
    #[serde(default = "default_nodes", deserialize_with = "cluster_size")]
    pub nodes: usize,
    #[serde(default = "default_election")]
    pub election_timeout_ms: MsRange,
    #[serde(default = "default_heartbeat", deserialize_with = "positive_ms")]
    pub heartbeat_ms: u64,
    #[serde(default)]
    pub rules: Vec<Rule>,
    #[serde(default)]
    pub bugs: Vec<Bug>,
}

impl Default for RaftSpec {
    fn default() -> Self {
        RaftSpec {
            nodes: default_nodes(),
            election_timeout_ms: default_election(),
            heartbeat_ms: default_heartbeat(),
            rules: Vec::new(),
            bugs: Vec::new(),
        }
    }
}

impl RaftSpec {
    /// The node configuration these settings stand for.
    pub fn config(&self) -> RaftConfig {
        RaftConfig {
            nodes: self.nodes,
            election_timeout: (
                ms(self.election_timeout_ms.0),
                ms(self.election_timeout_ms.1),
            ),
            heartbeat: ms(self.heartbeat_ms),
            rules: self.rules.iter().copied().collect(),
            bugs: self.bugs.iter().copied().collect(),
            ..RaftConfig::default()
        }
    }
}

/// A client request among a scenario's actions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum RaftRequest {
    /// A client write, sent to the leader.
    ClientWrite(String),
    /// A client write sent to a chosen node (followers pass it on).
    ClientWriteTo(TargetSpec, String),
}
