//! What may happen next in a state: any message in flight delivered, any
//! pending timer fired, and, within the budgets the user gives, a message
//! dropped or duplicated, a node crashed or restarted. Each choice is an
//! ordinary action, so a schedule the explorer finds is a scenario file
//! like any other.

use std::collections::BTreeSet;
use std::hash::{Hash, Hasher};

use crate::sim::{timer_name, Action, Actor, MsgId, NodeId, NodeStatus, Sim, Target};

/// How many of each fault a schedule may still use. Crashes and restarts
/// share one budget.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Budgets {
    pub crashes: u32,
    pub drops: u32,
    pub duplicates: u32,
}

/// One step of a schedule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Choice {
    Deliver(MsgId),
    /// Fire the node's pending timer of this name.
    Fire(NodeId, String),
    Drop(MsgId),
    Duplicate(MsgId),
    Crash(NodeId),
    Restart(NodeId),
}

impl Choice {
    /// The action that makes this choice happen.
    pub fn action<R, T>(&self) -> Action<R, T> {
        match self {
            Choice::Deliver(id) => Action::DeliverMessage(*id),
            Choice::Fire(node, name) => Action::FireTimer(Target::Node(*node), name.clone()),
            Choice::Drop(id) => Action::DropMessage(*id),
            Choice::Duplicate(id) => Action::DuplicateMessage(*id),
            Choice::Crash(node) => Action::Crash(Target::Node(*node)),
            Choice::Restart(node) => Action::Restart(Target::Node(*node)),
        }
    }

    /// The budgets left after this choice, if it may be made with `left`.
    pub fn spend(&self, left: Budgets) -> Option<Budgets> {
        let take = |n: u32| n.checked_sub(1);
        Some(match self {
            Choice::Deliver(_) | Choice::Fire(..) => left,
            Choice::Drop(_) => Budgets {
                drops: take(left.drops)?,
                ..left
            },
            Choice::Duplicate(_) => Budgets {
                duplicates: take(left.duplicates)?,
                ..left
            },
            Choice::Crash(_) | Choice::Restart(_) => Budgets {
                crashes: take(left.crashes)?,
                ..left
            },
        })
    }
}

/// The choices in `sim` with `left` to spend, in a fixed order: deliveries
/// by message id, timers by node, then faults. Messages alike in sender,
/// receiver and content are one choice, since delivering either leaves
/// the same state; a message to a node that is down is not delivered (the
/// network would drop it, a drop the budget counts).
pub fn choices<A: Actor>(
    sim: &Sim<A>,
    left: Budgets,
    message_hash: fn(&A::Msg, &mut super::fingerprint::StateHasher),
) -> Vec<Choice> {
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    let mut messages: Vec<(MsgId, bool)> = Vec::new();
    for m in sim.in_flight() {
        let mut h = super::fingerprint::state_hasher();
        (m.from, m.to).hash(&mut h);
        message_hash(&m.payload, &mut h);
        let fresh = seen.insert(h.finish());
        messages.push((m.id, fresh));
        if fresh && sim.status(m.to) == NodeStatus::Up {
            out.push(Choice::Deliver(m.id));
        }
    }
    for i in 0..sim.cluster_size() {
        let id = NodeId(i as u8);
        if sim.status(id) != NodeStatus::Up {
            continue;
        }
        for pending in sim.timers(id) {
            out.push(Choice::Fire(id, timer_name(&pending.timer)));
        }
    }
    if left.drops > 0 {
        out.extend(messages.iter().filter(|m| m.1).map(|m| Choice::Drop(m.0)));
    }
    if left.duplicates > 0 {
        out.extend(
            messages
                .iter()
                .filter(|m| m.1)
                .map(|m| Choice::Duplicate(m.0)),
        );
    }
    if left.crashes > 0 {
        for i in 0..sim.cluster_size() {
            let id = NodeId(i as u8);
            match sim.status(id) {
                NodeStatus::Crashed => out.push(Choice::Restart(id)),
                _ => out.push(Choice::Crash(id)),
            }
        }
    }
    out
}
