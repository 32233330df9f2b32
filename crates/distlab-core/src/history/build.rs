//! From events to operations: each invocation paired with its client's
//! next completion.

use std::collections::BTreeMap;

use thiserror::Error;

use super::{Client, Func, History, Moment, Op, Outcome, Value};

/// What an event says happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventKind {
    Invoke,
    Done(Outcome),
}

impl EventKind {
    /// The name as histories write it (`:type` in Jepsen, `kind` in
    /// traces).
    pub fn parse(name: &str) -> Option<EventKind> {
        Some(match name {
            "invoke" => EventKind::Invoke,
            "ok" => EventKind::Done(Outcome::Ok),
            "fail" => EventKind::Done(Outcome::Fail),
            "info" => EventKind::Done(Outcome::Info),
            _ => return None,
        })
    }
}

/// One line of a history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    pub client: Client,
    pub kind: EventKind,
    pub func: Func,
    pub key: Option<String>,
    pub value: Value,
    pub time_us: Option<u64>,
    pub req: Option<u64>,
}

/// Why events do not make a history.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum HistoryError {
    #[error("{0} completes an operation it never invoked")]
    NotInvoked(String),
    #[error("{0} invokes an operation while its previous one is still open")]
    StillOpen(String),
    #[error("{client} invoked a {invoked} but completes a {completed}")]
    OtherFunction {
        client: String,
        invoked: &'static str,
        completed: &'static str,
    },
    #[error("a compare-and-set's value must be [from to], not {0}")]
    CasValue(String),
}

/// Pairs events into operations as they arrive.
#[derive(Clone, Debug, Default)]
pub struct Builder {
    history: History,
    /// Each client's open operation, by its place in `ops`.
    open: BTreeMap<Client, usize>,
    events: usize,
}

impl Builder {
    /// Takes the next event; the place of the operation it invokes or
    /// completes among the history's operations.
    pub fn push(&mut self, event: Event) -> Result<usize, HistoryError> {
        let at = Moment {
            index: self.events,
            time_us: event.time_us,
        };
        self.events += 1;
        let op = match event.kind {
            EventKind::Invoke => {
                if self.open.contains_key(&event.client) {
                    return Err(HistoryError::StillOpen(client_name(&event.client)));
                }
                if event.func == Func::Cas && !is_pair(&event.value) {
                    return Err(HistoryError::CasValue(event.value.to_string()));
                }
                let at_op = self.history.ops.len();
                self.open.insert(event.client.clone(), at_op);
                self.history.ops.push(Op {
                    client: event.client,
                    func: event.func,
                    key: event.key,
                    value: event.value,
                    outcome: Outcome::Info,
                    invoked: at,
                    completed: None,
                    req: event.req,
                });
                at_op
            }
            EventKind::Done(outcome) => {
                let Some(i) = self.open.remove(&event.client) else {
                    return Err(HistoryError::NotInvoked(client_name(&event.client)));
                };
                let op = &mut self.history.ops[i];
                if op.func != event.func {
                    return Err(HistoryError::OtherFunction {
                        client: client_name(&event.client),
                        invoked: op.func.name(),
                        completed: event.func.name(),
                    });
                }
                op.outcome = outcome;
                op.completed = Some(at);
                if op.func == Func::Read && outcome == Outcome::Ok {
                    op.value = event.value;
                }
                i
            }
        };
        Ok(op)
    }

    /// The history so far; operations still open count as `info`.
    pub fn history(&self) -> &History {
        &self.history
    }

    /// The history; operations still open count as `info`.
    pub fn finish(self) -> History {
        self.history
    }
}

impl History {
    /// The history these events make, or why they make none.
    pub fn from_events(events: impl IntoIterator<Item = Event>) -> Result<History, HistoryError> {
        let mut builder = Builder::default();
        for event in events {
            builder.push(event)?;
        }
        Ok(builder.finish())
    }
}

fn is_pair(value: &Value) -> bool {
    matches!(value, Value::List(items) if items.len() == 2)
}

fn client_name(client: &Client) -> String {
    match client {
        Client::Process(n) => format!("process {n}"),
        Client::Named(name) => name.clone(),
    }
}
