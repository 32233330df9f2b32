//! Paxos: single-decree ("Paxos Made Simple", Lamport 2001) and
//! Multi-Paxos with a distinguished proposer, on one cluster where every
//! node is an acceptor and a learner (with a state machine that runs the
//! chosen commands) and some are proposers; with deliberate bugs for
//! teaching.

mod acceptor;
mod checker;
mod explore;
mod family;
mod goals;
mod leader;
mod learner;
mod measures;
mod member;
mod messages;
mod node;
mod notes;
mod proposer;
mod serving;
mod sessions;
mod spec;
mod workload;

pub use checker::{PaxosChecker, INVARIANTS};
pub use family::{Paxos, PaxosSummary};
pub use goals::{PaxosCondition, PaxosFacts};
pub use member::{PaxosClient, PaxosMember, Submit};
pub use messages::{Ballot, Command, CommandId, PaxosMsg, PaxosObs, PaxosTimer, Vote, NOOP};
pub use node::{PaxosNode, Phase};
pub use notes::{BallotWhy, ChosenBy, PaxosFinding, PaxosNote, Reported};
pub use sessions::Sessions;
pub use spec::{Bug, Mode, PaxosConfig, PaxosRequest, PaxosSpec};
pub use workload::{LogRead, Workload};

use crate::sim::{Sim, SimConfig};

/// A fresh Paxos cluster: servers configured alike, then the workload's
/// client processes, if any.
pub fn cluster(
    config: PaxosConfig,
    workload: Option<&Workload>,
    sim: SimConfig,
) -> Sim<PaxosMember> {
    let servers = config.nodes;
    let config = std::sync::Arc::new(config);
    let mut members: Vec<PaxosMember> = crate::sim::NodeId::all(servers)
        .map(|id| PaxosMember::Server(PaxosNode::new(id, config.clone())))
        .collect();
    if let Some(workload) = workload {
        let load = workload.load();
        members.extend(
            (1..=load.clients)
                .map(|n| PaxosMember::Client(PaxosClient::new(n, servers, load.clone()))),
        );
    }
    Sim::new(sim, members)
}
