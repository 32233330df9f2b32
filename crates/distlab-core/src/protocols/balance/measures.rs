//! What experiments measure in dispatch runs.

use super::messages::BalanceObs;
use super::node::BalanceNode;
use crate::protocols::measure::{fresh, MeasureDef, Meter, Reading};
use crate::sim::{Record, RecordKind};

/// The dispatch family's measure: how long a request takes.
pub const MEASURES: [MeasureDef<BalanceNode>; 1] = [MeasureDef {
    name: "latency",
    about: "from a request leaving its generator to its answer, over the requests answered",
    each: "requests",
    open: "failed or rejected (counted as slower than any answer)",
    counted: None,
    meter: fresh::<BalanceNode, Latency>,
}];

/// Reads each answered request's latency; counts those that failed.
#[derive(Default)]
struct Latency {
    failed: u64,
}

impl Meter<BalanceNode> for Latency {
    fn observe(&mut self, record: &Record<BalanceNode>, readings: &mut Vec<Reading>) {
        match &record.kind {
            RecordKind::Proto(BalanceObs::Complete {
                latency_us,
                ok: true,
                ..
            }) => readings.push(Reading {
                us: *latency_us,
                counted: 0,
            }),
            RecordKind::Proto(
                BalanceObs::Complete { ok: false, .. } | BalanceObs::Reject { .. },
            ) => {
                self.failed += 1;
            }
            _ => {}
        }
    }

    fn open(&self) -> u64 {
        self.failed
    }
}
