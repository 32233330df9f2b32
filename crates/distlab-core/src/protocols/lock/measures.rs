//! What experiments measure in lock runs.

use super::messages::{LockMsg, LockObs};
use super::node::LockNode;
use crate::protocols::measure::{fresh, MeasureDef, Meter, Reading, Stopwatches};
use crate::sim::{NodeId, Record, RecordKind};

/// The lock family's measure: how long a client waits for the lock.
pub const MEASURES: [MeasureDef<LockNode>; 1] = [MeasureDef {
    name: "wait",
    about: "from a client's first request for the lock to the moment it believes it holds it",
    each: "waits for the lock",
    open: "still waiting when the run ended",
    counted: None,
    meter: fresh::<LockNode, Wait>,
}];

/// A stopwatch per client; a crash ends its wait without a reading.
#[derive(Default)]
struct Wait {
    clients: Stopwatches<NodeId>,
}

impl Meter<LockNode> for Wait {
    fn observe(&mut self, record: &Record<LockNode>, readings: &mut Vec<Reading>) {
        match &record.kind {
            RecordKind::Send {
                from,
                msg: LockMsg::Lock { .. } | LockMsg::Create { .. },
                ..
            } => self.clients.start(*from, record.t_us),
            RecordKind::Proto(LockObs::Acquire { client, .. }) => {
                self.clients.stop(client, record.t_us, readings);
            }
            RecordKind::Crash { node } => self.clients.discard(node),
            _ => {}
        }
    }

    fn open(&self) -> u64 {
        self.clients.running()
    }
}
