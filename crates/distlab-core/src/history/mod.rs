//! What clients saw: histories of operations, and whether they are
//! linearizable.
//!
//! A history is what a client-side observer records, Jepsen's way: each
//! operation is *invoked* and then completes exactly once, `ok` with what
//! it saw, `fail` when it certainly took no effect, or `info` when the
//! client gave up without knowing (a timed-out write may still take effect
//! later, or never). A history is linearizable when every operation can be
//! given one instant between its invocation and its completion at which it
//! takes effect, so that the operations in that order are a correct run of
//! a single copy of the data.
//!
//! The checker ([`check`]) is the search of Wing & Gong as improved by
//! Lowe, split key by key. It knows no protocol and no simulator: a
//! history comes from a run, from a Jepsen `history.edn` ([`edn`]) or from
//! a distlab trace ([`jsonl`]).

mod build;
mod check;
pub mod edn;
mod explain;
pub mod jsonl;
mod model;
mod online;
mod search;
mod words;

use std::fmt;

pub use build::{Builder, Event, EventKind, HistoryError};
pub use check::{check, check_key, Limits, Unknown, Verdict};
pub use explain::Explanation;
pub use model::Model;
pub use online::{Judged, Online};
pub use words::seconds;

/// Who issued an operation: a Jepsen process number, or a distlab client's
/// label (`C1`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Client {
    Process(i64),
    Named(String),
}

/// A value read or written. Jepsen's registers hold numbers; key-value
/// stores may hold strings, and appends build lists.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Value {
    Nil,
    Int(i64),
    Str(String),
    List(Vec<Value>),
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Nil => f.write_str("nil"),
            Value::Int(n) => write!(f, "{n}"),
            Value::Str(s) => f.write_str(s),
            Value::List(items) => {
                f.write_str("[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" ")?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_str("]")
            }
        }
    }
}

/// What an operation does. A key-value store's `get` and `put` are a
/// register's `read` and `write`, key by key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Func {
    Read,
    Write,
    /// Compare-and-set: `[from, to]`.
    Cas,
    Append,
}

impl Func {
    /// The name as histories write it (`:f` in Jepsen, `op` in traces).
    pub fn parse(name: &str) -> Option<Func> {
        Some(match name {
            "read" | "get" => Func::Read,
            "write" | "put" => Func::Write,
            "cas" => Func::Cas,
            "append" => Func::Append,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Func::Read => "read",
            Func::Write => "write",
            Func::Cas => "cas",
            Func::Append => "append",
        }
    }
}

/// How an operation completed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Outcome {
    Ok,
    /// It certainly took no effect (a compare-and-set that saw another
    /// value is one).
    Fail,
    /// The client gave up without knowing: it may take effect at any time
    /// after its invocation, or never.
    Info,
}

/// Where an event stands in its history: its place, and its time when the
/// history gives one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Moment {
    /// 0-based, in the order the history lists its events.
    pub index: usize,
    pub time_us: Option<u64>,
}

/// One operation, from its invocation to its completion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Op {
    pub client: Client,
    pub func: Func,
    /// The key, for a key-value store.
    pub key: Option<String>,
    /// What a write or append wrote, a compare-and-set's `[from, to]`,
    /// or what a read saw.
    pub value: Value,
    pub outcome: Outcome,
    pub invoked: Moment,
    /// When its completion was recorded; `None` when the history ends
    /// with it still open, which counts as `info`. An `info` operation may
    /// take effect even after this.
    pub completed: Option<Moment>,
    /// The request id, when the history gives one.
    pub req: Option<u64>,
}

/// Operations in the order they were invoked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct History {
    pub ops: Vec<Op>,
}

/// A history file's operations: distlab's JSON Lines trace when its first
/// line is a JSON object (`{"`), else Jepsen's EDN.
pub fn read(text: &str) -> Result<History, edn::ReadError> {
    let first = text.lines().map(str::trim_start).find(|l| !l.is_empty());
    if first.is_some_and(|l| l.starts_with("{\"")) {
        jsonl::read(text)
    } else {
        edn::read(text)
    }
}

impl History {
    /// The model its operations suggest: a key-value store when any names
    /// a key, else a register.
    pub fn model(&self) -> Model {
        if self.ops.iter().any(|op| op.key.is_some()) {
            Model::KeyValue
        } else {
            Model::Register
        }
    }
}

#[cfg(test)]
mod tests;
