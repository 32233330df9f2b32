//! Where messages went: recent sends with their fate, for the space-time
//! diagram, and drops still flashing in the cluster view.
//!
//! Like the feed, everything carries event numbers so that stepping back in
//! time can cut it to the moment the simulation returned to.

use std::collections::VecDeque;
use std::time::Duration;

use crate::protocols::{Family, MsgLook, SimOf};
use crate::sim::{Actor, DropReason, MsgId, NodeId, Record, RecordKind, Sim, SimTime};

/// Messages remembered for the space-time diagram.
const CAPACITY: usize = 600;
/// How long, in real time while playing, a drop stays on screen.
pub const FLASH: Duration = Duration::from_millis(1_500);
/// Drops flashing at once, at most.
const MAX_FLASHES: usize = 32;

/// How a remembered message ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fate {
    InFlight,
    Delivered,
    Dropped,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Trail {
    pub id: MsgId,
    pub from: NodeId,
    pub to: NodeId,
    /// What the message meant, kept after it is gone.
    pub look: MsgLook,
    pub sent_at: SimTime,
    pub sent_event: u64,
    /// When it arrives (in flight), arrived, or died.
    pub end_at: SimTime,
    pub end_event: u64,
    pub fate: Fate,
    /// How far along the link it got, 0 to 1, once it has ended.
    pub reach: f64,
}

/// A drop shown where the message died, for a moment.
#[derive(Clone, Debug, PartialEq)]
pub struct Flash {
    pub from: NodeId,
    pub to: NodeId,
    /// How far along the link it was, from 0 to 1.
    pub progress: f64,
    pub event: u64,
    pub remaining: Duration,
}

#[derive(Clone, Debug, Default)]
pub struct Trails {
    trails: VecDeque<Trail>,
    flashes: Vec<Flash>,
    /// The last event taken in, so that records handed over again are not
    /// remembered twice.
    last_event: u64,
}

impl Trails {
    /// Takes in the records of one processed event; `sim` is the state
    /// right after it, which knows when new messages will arrive.
    pub fn ingest<F: Family>(&mut self, records: &[Record<F::Node>], sim: &SimOf<F>) {
        let seen = self.last_event;
        if let Some(last) = records.last() {
            self.last_event = seen.max(last.event);
        }
        for record in records.iter().filter(|r| r.event > seen) {
            match &record.kind {
                RecordKind::Send { id, from, to, msg } => {
                    let end_at = sim.message(*id).map_or(record.t_us, |m| m.deliver_at);
                    self.trails.push_back(Trail {
                        id: *id,
                        from: *from,
                        to: *to,
                        look: F::message_look(msg),
                        sent_at: record.t_us,
                        sent_event: record.event,
                        end_at,
                        end_event: record.event,
                        fate: Fate::InFlight,
                        reach: 0.0,
                    });
                    if self.trails.len() > CAPACITY {
                        self.trails.pop_front();
                    }
                }
                RecordKind::Deliver { id, .. } => {
                    if let Some(t) = self.find_mut(*id) {
                        t.fate = Fate::Delivered;
                        t.end_at = record.t_us;
                        t.end_event = record.event;
                        t.reach = 1.0;
                    }
                }
                RecordKind::Delay { id, .. } => {
                    if let (Some(m), Some(t)) = (sim.message(*id), self.find_mut(*id)) {
                        t.end_at = m.deliver_at;
                    }
                }
                RecordKind::Drop {
                    id,
                    from,
                    to,
                    reason,
                    ..
                } => {
                    let progress = match (reason, self.find_mut(*id)) {
                        (DropReason::Loss, _) => 0.0,
                        (DropReason::User, Some(t)) if t.end_at > t.sent_at => {
                            record.t_us.saturating_sub(t.sent_at) as f64
                                / (t.end_at - t.sent_at) as f64
                        }
                        (DropReason::User, _) => 0.5,
                        (DropReason::Partition | DropReason::Crashed, _) => 1.0,
                    };
                    let progress = progress.clamp(0.0, 1.0);
                    if let Some(t) = self.find_mut(*id) {
                        t.fate = Fate::Dropped;
                        t.end_at = record.t_us;
                        t.end_event = record.event;
                        t.reach = progress;
                    }
                    self.flashes.push(Flash {
                        from: *from,
                        to: *to,
                        progress,
                        event: record.event,
                        remaining: FLASH,
                    });
                    if self.flashes.len() > MAX_FLASHES {
                        self.flashes.remove(0);
                    }
                }
                _ => {}
            }
        }
    }

    fn find_mut(&mut self, id: MsgId) -> Option<&mut Trail> {
        self.trails.iter_mut().rev().find(|t| t.id == id)
    }

    /// Real time passed while playing: flashes fade.
    pub fn age(&mut self, elapsed: Duration) {
        for f in &mut self.flashes {
            f.remaining = f.remaining.saturating_sub(elapsed);
        }
        self.flashes.retain(|f| !f.remaining.is_zero());
    }

    /// Forgets what happened after event number `event`; `sim` is the
    /// state just after that event, which knows what is still in flight.
    pub fn truncate_after<A: Actor>(&mut self, event: u64, sim: &Sim<A>) {
        self.last_event = self.last_event.min(event);
        while self.trails.back().is_some_and(|t| t.sent_event > event) {
            self.trails.pop_back();
        }
        for t in &mut self.trails {
            if t.fate != Fate::InFlight && t.end_event > event {
                t.fate = Fate::InFlight;
                t.end_event = t.sent_event;
                t.end_at = sim.message(t.id).map_or(t.end_at, |m| m.deliver_at);
            }
        }
        self.flashes.retain(|f| f.event <= event);
    }

    /// Oldest first.
    pub fn trails(&self) -> impl DoubleEndedIterator<Item = &Trail> {
        self.trails.iter()
    }

    pub fn flashes(&self) -> &[Flash] {
        &self.flashes
    }
}
