//! Paxos: single-decree ("Paxos Made Simple", Lamport 2001) and
//! Multi-Paxos with a distinguished proposer, on one cluster where every
//! node is an acceptor and a learner and some are proposers; with
//! deliberate bugs for teaching.

mod checker;
mod family;
mod goals;
mod measures;
mod messages;
mod node;
mod notes;
mod proposer;
mod spec;

pub use checker::{PaxosChecker, INVARIANTS};
pub use family::{Paxos, PaxosSummary};
pub use goals::{PaxosCondition, PaxosFacts, PaxosGoal};
pub use messages::{Ballot, PaxosMsg, PaxosObs, PaxosTimer, Vote};
pub use node::{PaxosNode, Phase, Propose, NOOP};
pub use notes::{ChosenBy, PaxosNote, Reported};
pub use spec::{Bug, Mode, PaxosConfig, PaxosRequest, PaxosSpec};

use crate::sim::{Sim, SimConfig};

/// A fresh Paxos cluster with every node configured alike.
pub fn cluster(config: PaxosConfig, sim: SimConfig) -> Sim<PaxosNode> {
    let config = std::sync::Arc::new(config);
    let nodes = crate::sim::NodeId::all(config.nodes)
        .map(|id| PaxosNode::new(id, config.clone()))
        .collect();
    Sim::new(sim, nodes)
}
