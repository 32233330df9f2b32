//! What experiments measure in Paxos runs.

use super::family::Paxos;
use super::messages::PaxosObs;
use super::node::PaxosNode;
use crate::protocols::measure::{
    first_leader, fresh, leader_downtime, MeasureDef, Meter, Reading, Stopwatches,
};
use crate::sim::{NodeId, Record, RecordKind};

/// Paxos's measures: the time to decide, and (Multi-Paxos) the leadership
/// ones.
pub const MEASURES: [MeasureDef<PaxosNode>; 3] = [
    MeasureDef {
        name: "decide",
        about: "from a proposer taking a client's value to that proposer learning which value was chosen (its own or a rival's)",
        each: "proposals",
        open: "still undecided when the run ended",
        retries: None,
        meter: fresh::<PaxosNode, Decide>,
    },
    leader_downtime::<Paxos>(),
    first_leader::<Paxos>(),
];

/// A stopwatch per proposer: a value's fate is settled for its proposer
/// when it learns what was chosen, whether it won or a rival did.
#[derive(Default)]
struct Decide {
    proposers: Stopwatches<NodeId>,
}

impl Meter<PaxosNode> for Decide {
    fn observe(&mut self, record: &Record<PaxosNode>, readings: &mut Vec<Reading>) {
        match &record.kind {
            RecordKind::Proto(PaxosObs::Propose { node, .. }) => {
                self.proposers.start(*node, record.t_us);
            }
            RecordKind::Proto(PaxosObs::Chosen { node, .. }) => {
                self.proposers.stop(node, record.t_us, readings);
            }
            RecordKind::Crash { node } => self.proposers.discard(node),
            _ => {}
        }
    }

    fn open(&self) -> u64 {
        self.proposers.running()
    }
}
