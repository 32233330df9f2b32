//! Processing the agenda's events, one kind at a time: a node starting, a
//! message arriving, a timer firing, a pause ending, a disk write ending.
//! Each returns `None` for a voided entry (nothing happened, nothing is
//! counted), else the node it touched, if one.

use super::{Event, Sim};
use crate::sim::actor::Actor;
use crate::sim::network::{DropReason, MsgId};
use crate::sim::node::{NodeId, NodeStatus};
use crate::sim::time::SimTime;
use crate::sim::trace::RecordKind;

impl<A: Actor> Sim<A> {
    /// Handles one agenda entry.
    pub(super) fn process(&mut self, time: SimTime, event: Event<A>) -> Option<Option<NodeId>> {
        match event {
            Event::Start(id) => {
                self.begin_event(time);
                self.run_handler(id, |node, ctx| node.on_start(ctx));
                Some(Some(id))
            }
            Event::Flush(id) => self.flush(time, id),
            Event::Resume(id) => self.resume(time, id),
            Event::Timer { node, timer, gen } => self.fire_timer(time, node, timer, gen),
            Event::Deliver(id) => self.deliver(time, id),
        }
    }

    /// A disk write ended: the messages that waited for it leave.
    fn flush(&mut self, time: SimTime, id: NodeId) -> Option<Option<NodeId>> {
        let ready = |o: &Vec<(SimTime, NodeId, A::Msg)>| o.iter().any(|m| m.0 <= time);
        if self.status(id) == NodeStatus::Crashed || !ready(&self.hosts[id.index()].outbox) {
            return None;
        }
        if let NodeStatus::Paused { until } = self.status(id) {
            self.agenda.push(until, Event::Flush(id));
            return None;
        }
        self.begin_event(time);
        let waiting = std::mem::take(&mut self.hosts[id.index()].outbox);
        let (leave, stay): (Vec<_>, Vec<_>) = waiting.into_iter().partition(|m| m.0 <= time);
        self.hosts[id.index()].outbox = stay;
        for (_, to, msg) in leave {
            self.send(id, to, msg);
        }
        Some(Some(id))
    }

    /// A pause ended, unless the node was paused again or crashed since.
    fn resume(&mut self, time: SimTime, id: NodeId) -> Option<Option<NodeId>> {
        if self.status(id) != (NodeStatus::Paused { until: time }) {
            return None;
        }
        self.begin_event(time);
        self.status[id.index()] = NodeStatus::Up;
        self.record(RecordKind::Resume { node: id });
        Some(Some(id))
    }

    /// A timer fires, unless it was reset since (`gen` tells); a paused
    /// node's timer waits for the pause to end.
    fn fire_timer(
        &mut self,
        time: SimTime,
        node: NodeId,
        timer: A::Timer,
        gen: u64,
    ) -> Option<Option<NodeId>> {
        let pending = self.hosts[node.index()]
            .timers
            .get_mut(&timer)
            .filter(|p| p.gen == gen)?;
        if let NodeStatus::Paused { until } = self.status[node.index()] {
            pending.deadline = until;
            self.agenda.push(until, Event::Timer { node, timer, gen });
            return None;
        }
        self.begin_event(time);
        self.run_timer(node, timer);
        Some(Some(node))
    }

    /// The timer fires: it is no longer pending, and its node handles it.
    pub(super) fn run_timer(&mut self, node: NodeId, timer: A::Timer) {
        self.hosts[node.index()].timers.remove(&timer);
        self.record(RecordKind::Timer { node, timer });
        self.run_handler(node, |n, ctx| n.on_timer(ctx, timer));
    }

    /// A message arrives: it waits for a paused receiver, is dropped at a
    /// crashed one or across a partition, and is otherwise handed over.
    fn deliver(&mut self, time: SimTime, id: MsgId) -> Option<Option<NodeId>> {
        let m = self.net.in_flight.get(&id)?;
        if m.deliver_at != time {
            return None;
        }
        let to = m.to;
        if let NodeStatus::Paused { until } = self.status(to) {
            if let Some(m) = self.net.in_flight.get_mut(&id) {
                m.deliver_at = until;
                m.waiting = true;
            }
            self.agenda.push(until, Event::Deliver(id));
            return None;
        }
        self.begin_event(time);
        self.hand_over(id).map(Some)
    }

    /// The message leaves the wire: dropped at a crashed receiver or
    /// across a partition, else handed to the receiver. Returns the
    /// receiver, if the message was still in flight.
    pub(super) fn hand_over(&mut self, id: MsgId) -> Option<NodeId> {
        let m = self.net.in_flight.remove(&id)?;
        let (from, to) = (m.from, m.to);
        let reason = if self.status(to) == NodeStatus::Crashed {
            Some(DropReason::Crashed)
        } else if self.net.is_blocked(from, to) {
            Some(DropReason::Partition)
        } else {
            None
        };
        match reason {
            Some(reason) => self.record(RecordKind::Drop {
                id,
                from,
                to,
                msg: m.payload,
                reason,
            }),
            None => {
                self.record(RecordKind::Deliver {
                    id,
                    from,
                    to,
                    msg: m.payload.clone(),
                });
                self.run_handler(to, |n, ctx| n.on_message(ctx, from, m.payload));
            }
        }
        Some(to)
    }
}
