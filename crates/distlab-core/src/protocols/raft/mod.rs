//! Raft, faithful to Figure 2 of "In Search of an Understandable Consensus
//! Algorithm" (Ongaro and Ousterhout, 2014), with optional rules from the
//! dissertation and deliberate bugs for teaching.

mod checker;
mod config;
mod election;
mod family;
mod goals;
mod log;
mod measures;
mod messages;
mod node;
mod notes;
mod replication;
mod spec;

pub use checker::{RaftChecker, INVARIANTS};
pub use config::{Bug, RaftConfig, Rule};
pub use family::{Raft, RaftSummary};
pub use goals::{RaftCondition, RaftFacts};
pub use log::{Entry, Log};
pub use messages::{RaftMsg, RaftObs, RaftTimer, Role};
pub use node::{ClientWrite, RaftNode, NOOP};
pub use notes::RaftNote;
pub use spec::{RaftRequest, RaftSpec};

use crate::sim::{Sim, SimConfig};

/// A fresh Raft cluster with every node configured alike.
pub fn cluster(config: RaftConfig, sim: SimConfig) -> Sim<RaftNode> {
    let config = std::sync::Arc::new(config);
    let nodes = crate::sim::NodeId::all(config.nodes)
        .map(|id| RaftNode::new(id, config.clone()))
        .collect();
    Sim::new(sim, nodes)
}
