//! What experiments measure in Paxos runs.

use std::collections::BTreeSet;

use super::family::Paxos;
use super::member::PaxosMember;
use super::messages::{CommandId, PaxosObs};
use crate::protocols::measure::{
    first_leader, fresh, leader_downtime, Counted, MeasureDef, MessagesBetweenCommands, Meter,
    Reading, Stopwatches,
};
use crate::sim::{NodeId, Record, RecordKind};

/// Paxos's measures: the time to decide, (Multi-Paxos) the leadership
/// ones, and the messages a committed command costs.
pub const MEASURES: [MeasureDef<PaxosMember>; 4] = [
    MeasureDef {
        name: "decide",
        about: "from a proposer taking a client's value to that proposer learning which value was chosen (its own or a rival's)",
        each: "proposals",
        open: "still undecided when the run ended",
        counted: None,
        meter: fresh::<PaxosMember, Decide>,
    },
    leader_downtime::<Paxos>(),
    first_leader::<Paxos>(),
    MeasureDef {
        name: "messages-per-command",
        about: "from one client command being chosen to the next: the time between them, and the messages sent meanwhile (heartbeats and elections included)",
        each: "chosen commands",
        open: "proposed but never chosen",
        counted: Counted::mean("messages sent between commands chosen", "msgs"),
        meter: fresh::<PaxosMember, MessagesPerCommand>,
    },
];

/// A stopwatch per proposer: a value's fate is settled for its proposer
/// when it learns what was chosen, whether it won or a rival did.
#[derive(Default)]
struct Decide {
    proposers: Stopwatches<NodeId>,
}

impl Meter<PaxosMember> for Decide {
    fn observe(&mut self, record: &Record<PaxosMember>, readings: &mut Vec<Reading>) {
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

/// Counts sends from the first command chosen on; each later slot whose
/// command is chosen (first learned anywhere, no-ops aside) takes a
/// reading of the messages since the one before.
#[derive(Default)]
struct MessagesPerCommand {
    messages: MessagesBetweenCommands,
    counted: BTreeSet<u64>,
    /// Commands proposed and not (yet) chosen.
    waiting: BTreeSet<CommandId>,
}

impl Meter<PaxosMember> for MessagesPerCommand {
    fn observe(&mut self, record: &Record<PaxosMember>, readings: &mut Vec<Reading>) {
        match &record.kind {
            RecordKind::Send { .. } => self.messages.sent_one(),
            RecordKind::Proto(PaxosObs::Propose { command, .. }) => {
                self.waiting.extend(command.id);
            }
            RecordKind::Proto(PaxosObs::Chosen { slot, command, .. })
                if !command.is_noop() && self.counted.insert(*slot) =>
            {
                if let Some(id) = command.id {
                    self.waiting.remove(&id);
                }
                self.messages.command_done(record.t_us, readings);
            }
            _ => {}
        }
    }

    fn open(&self) -> u64 {
        self.waiting.len() as u64
    }
}
