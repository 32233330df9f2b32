//! The Linearizability monitor: the client processes' history, checked
//! key by key as operations complete, and the first operation that made it
//! impossible to order named like any other broken invariant.

use super::client::ClientHost;
use super::notes::ClientNote;
use super::op::ClientEvent;
use crate::history::{
    self, Builder, Client, Event, EventKind, Func, History, Judged, Limits, Online, Value, Verdict,
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
    /// The clients' history so far.
    history: Builder,
    /// What is left to search of each key's history.
    online: Online,
    /// Reported already: the history stays non-linearizable.
    broken: bool,
}

impl Monitor {
    /// What the clients did so far.
    pub fn history(&self) -> &History {
        self.history.history()
    }

    /// Takes one trace record; a finding if the operation it completes
    /// leaves the history impossible to order.
    pub fn observe<A: ClientHost>(
        &mut self,
        obs: &A::Obs,
        now: SimTime,
        members: &[A],
    ) -> Option<Finding<A::Note>> {
        let (kind, event) = A::client_event(obs)?;
        // The clients' own records always pair up; a record that did not
        // would be a bug in the client, not in what it saw.
        let op = self.history.push(history_event(kind, event, now)).ok()?;
        let history = self.history.history();
        if kind == EventKind::Invoke {
            self.online.invoked(history, op);
            return None;
        }
        let limits = Limits {
            steps: STEPS,
            deadline: None,
        };
        if self.broken || self.online.completed(history, op, limits) != Judged::NotLinearizable {
            return None;
        }
        // The first wrong completion is explained from the whole history,
        // once.
        let verdict = history::check_key(history, &event.key, limits);
        let Verdict::NotLinearizable(explanation) = verdict else {
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
            A::note(ClientNote::NotLinearizable(explanation)),
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

fn client_id<A: ClientHost>(members: &[A], label: &str) -> Option<NodeId> {
    members
        .iter()
        .position(|m| m.as_client().is_some_and(|c| &*c.label == label))
        .map(|i| NodeId(i as u8))
}
