//! Paxos: single-decree ("Paxos Made Simple", Lamport 2001) and
//! Multi-Paxos with a distinguished proposer, on one cluster where every
//! node is an acceptor and a learner (with a state machine that runs the
//! chosen commands) and some are proposers; with deliberate bugs for
//! teaching.

mod acceptor;
mod checker;
mod family;
mod goals;
mod leader;
mod learner;
mod measures;
mod messages;
mod node;
mod notes;
mod proposer;
mod sessions;
mod spec;

pub use checker::{PaxosChecker, INVARIANTS};
pub use family::{Paxos, PaxosSummary};
pub use goals::{PaxosCondition, PaxosFacts};
pub use messages::{Ballot, Command, CommandId, PaxosMsg, PaxosObs, PaxosTimer, Vote, NOOP};
pub use node::{PaxosNode, Phase, Propose};
pub use notes::{BallotWhy, ChosenBy, PaxosFinding, PaxosNote, Reported};
pub use sessions::Sessions;
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
