//! The single copy of the data a linearizable history must be a correct
//! run of: a register, or a key-value store checked key by key.

use super::{Func, Op, Outcome, Value};

/// What the operations act on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Model {
    /// One value: read, write, compare-and-set.
    Register,
    /// A register per key (get, put, append, compare-and-set); since
    /// linearizability is local, each key is checked by itself.
    KeyValue,
}

impl Model {
    /// The name as the command line writes it.
    pub fn parse(name: &str) -> Option<Model> {
        match name {
            "register" => Some(Model::Register),
            "kv" => Some(Model::KeyValue),
            _ => None,
        }
    }
}

/// Every value starts as `nil`.
pub(super) const INITIAL: Value = Value::Nil;

/// The state after `op` takes effect on `state`, or `None` when it cannot
/// take effect there (a read that would see another value).
pub(super) fn step(state: &Value, op: &Op) -> Option<Value> {
    match (op.func, op.outcome) {
        (Func::Read, _) => (*state == op.value).then(|| state.clone()),
        (Func::Write, _) => Some(op.value.clone()),
        (Func::Append, _) => match state {
            Value::Nil => Some(Value::List(vec![op.value.clone()])),
            Value::List(items) => {
                let mut items = items.clone();
                items.push(op.value.clone());
                Some(Value::List(items))
            }
            _ => None,
        },
        (Func::Cas, outcome) => {
            let (from, to) = cas_pair(&op.value)?;
            let matched = state == from;
            match outcome {
                // A failed compare-and-set saw another value, and changed
                // nothing.
                Outcome::Fail => (!matched).then(|| state.clone()),
                // One that took effect found what it compared with (an
                // `info` that failed its compare is one that never took
                // effect, which the search allows anyway).
                Outcome::Ok | Outcome::Info => matched.then(|| to.clone()),
            }
        }
    }
}

/// A compare-and-set's `[from, to]`.
pub(super) fn cas_pair(value: &Value) -> Option<(&Value, &Value)> {
    match value {
        Value::List(items) if items.len() == 2 => Some((&items[0], &items[1])),
        _ => None,
    }
}

/// Whether `op` constrains the history at all: a failed read, write or
/// append took no effect, and a read that never answered saw nothing.
pub(super) fn matters(op: &Op) -> bool {
    match (op.func, op.outcome) {
        (Func::Cas, _) => true,
        (_, Outcome::Fail) => false,
        (Func::Read, Outcome::Info) => false,
        _ => true,
    }
}

/// Whether `op` must take effect: everything but `info`, which may never.
pub(super) fn required(op: &Op) -> bool {
    op.outcome != Outcome::Info
}

/// Whether `op`, taking effect, leaves `value` behind (a failed one
/// leaves nothing).
pub(super) fn writes(op: &Op, value: &Value) -> bool {
    if op.outcome == Outcome::Fail {
        return false;
    }
    match op.func {
        Func::Write => op.value == *value,
        Func::Cas => cas_pair(&op.value).is_some_and(|(_, to)| to == value),
        Func::Append => matches!(value, Value::List(items) if items.last() == Some(&op.value)),
        Func::Read => false,
    }
}

/// The value `op` must find to take effect: what a read saw, what a
/// compare-and-set that succeeded (or may have) compared with.
pub(super) fn needs(op: &Op) -> Option<&Value> {
    match (op.func, op.outcome) {
        (Func::Read, _) => Some(&op.value),
        (Func::Cas, Outcome::Ok | Outcome::Info) => cas_pair(&op.value).map(|(from, _)| from),
        _ => None,
    }
}
