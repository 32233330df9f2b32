//! Raft, faithful to Figure 2 of "In Search of an Understandable Consensus
//! Algorithm" (Ongaro and Ousterhout, 2014), with optional rules from the
//! dissertation and deliberate bugs for teaching.

mod checker;
mod config;
mod election;
mod explore;
mod family;
mod goals;
mod log;
mod measures;
mod member;
mod membership;
mod messages;
mod node;
mod notes;
mod reads;
mod replication;
mod snapshot;
mod spec;
#[cfg(test)]
mod testing;
mod workload;

pub use crate::protocols::clients::ClientAlias;
pub use crate::protocols::clients::{Answer, ClientEvent};
pub use checker::{RaftChecker, INVARIANTS};
pub use config::{Bug, RaftConfig, Rule};
pub use family::{Raft, RaftSummary};
pub use goals::{RaftCondition, RaftFacts};
pub use log::{Base, Entry, Log, Members};
pub use member::{Command, RaftClient, RaftMember};
pub use membership::{CatchUp, CATCH_UP_ROUNDS};
pub use messages::{ClientOp, RaftMsg, RaftObs, RaftTimer, Role};
pub use node::{RaftNode, NOOP};
pub use notes::{RaftNote, ReadNote};
pub use snapshot::Snapshot;
pub use spec::{RaftRequest, RaftSpec};
pub use workload::{ReadMode, Workload};

use std::sync::Arc;

use crate::sim::{NodeId, Sim, SimConfig};

/// A fresh Raft cluster: servers configured alike, then the workload's
/// client processes, if any.
pub fn cluster(config: RaftConfig, workload: Option<&Workload>, sim: SimConfig) -> Sim<RaftMember> {
    let servers = config.nodes;
    let config = Arc::new(config);
    let mut members: Vec<RaftMember> = NodeId::all(servers)
        .map(|id| RaftMember::Server(RaftNode::new(id, config.clone())))
        .collect();
    if let Some(workload) = workload {
        let load = workload.load();
        members.extend(
            (1..=load.clients)
                .map(|n| RaftMember::Client(RaftClient::new(n, servers, load.clone()))),
        );
    }
    Sim::new(sim, members)
}
