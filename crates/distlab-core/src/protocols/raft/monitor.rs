//! The Linearizability monitor: the client processes' history, checked
//! key by key as operations complete, and the first operation that made it
//! impossible to order named like any other broken invariant.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::member::RaftMember;
use super::messages::{ClientEvent, RaftObs};
use super::notes::{RaftNote, ReadNote};
use crate::history::{
    self, Builder, Client, Event, EventKind, Func, Limits, Model, Outcome, Value, Verdict,
};
use crate::sim::{Finding, Invariant, NodeId, SimTime};

pub const LINEARIZABILITY: Invariant = Invariant {
    en: "Linearizability",
    zh: "线性一致性",
};

/// Configurations one check may try inside a run: fixed, so that a run
/// gives the same verdict on every machine. A key whose history needs more
/// is left unjudged rather than judged wrongly.
const STEPS: u64 = 200_000;

#[derive(Clone, Debug, Default)]
pub struct Monitor {
    /// Each key's history so far.
    keys: BTreeMap<Arc<str>, Builder>,
    /// Reported already: the history stays non-linearizable.
    broken: bool,
}

impl Monitor {
    /// Takes one trace record; a finding if the operation it completes
    /// leaves the history impossible to order.
    pub fn observe(
        &mut self,
        obs: &RaftObs,
        now: SimTime,
        members: &[RaftMember],
    ) -> Option<Finding<RaftNote>> {
        let (kind, event) = match obs {
            RaftObs::Invoke(e) => (EventKind::Invoke, e),
            RaftObs::Ok(e) => (EventKind::Done(Outcome::Ok), e),
            RaftObs::Fail(e) => (EventKind::Done(Outcome::Fail), e),
            RaftObs::Info(e) => (EventKind::Done(Outcome::Info), e),
            _ => return None,
        };
        let builder = self.keys.entry(event.key.clone()).or_default();
        // The clients' own records always pair up; a record that did not
        // would be a bug in the client, not in what it saw.
        builder.push(history_event(kind, event, now)).ok()?;
        if self.broken || kind == EventKind::Invoke {
            return None;
        }
        let history = builder.history();
        let limits = Limits {
            steps: STEPS,
            deadline: None,
        };
        let Verdict::NotLinearizable(explanation) =
            history::check(&history, Model::KeyValue, limits)
        else {
            return None;
        };
        self.broken = true;
        let mut clients: Vec<NodeId> = explanation
            .operations()
            .iter()
            .filter_map(|op| match &op.client {
                Client::Named(label) => client_id(members, label),
                Client::Process(_) => None,
            })
            .collect();
        clients.sort_unstable();
        clients.dedup();
        Some(Finding::violation(
            LINEARIZABILITY,
            clients,
            ReadNote::NotLinearizable(explanation),
        ))
    }
}

fn history_event(kind: EventKind, e: &ClientEvent, now: SimTime) -> Event {
    Event {
        client: Client::Named(e.client.to_string()),
        kind,
        func: if e.op == "read" {
            Func::Read
        } else {
            Func::Write
        },
        key: Some(e.key.to_string()),
        value: match &e.value {
            None => Value::Nil,
            Some(v) => v
                .parse()
                .map_or_else(|_| Value::Str(v.to_string()), Value::Int),
        },
        time_us: Some(now),
        req: Some(e.req),
    }
}

fn client_id(members: &[RaftMember], label: &str) -> Option<NodeId> {
    members
        .iter()
        .position(|m| m.client().is_some_and(|c| &*c.label == label))
        .map(|i| NodeId(i as u8))
}
