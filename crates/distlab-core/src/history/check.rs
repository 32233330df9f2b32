//! The verdict on a whole history: each key searched by itself
//! (linearizability is local, Herlihy & Wing), and the first key found
//! wrong explained.

use std::collections::BTreeMap;
use std::time::Instant;

use super::explain::{explain, Explanation};
use super::model::{self, Model};
use super::search::{search, Budget, Found};
use super::History;

/// How long the checker may search before it answers "unknown" rather
/// than guess.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Configurations one key's search may try. Fixed, so that the answer
    /// inside a run is the same on every machine.
    pub steps: u64,
    /// A wall-clock bound, for the command line; never used inside a run.
    pub deadline: Option<Instant>,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            steps: 20_000_000,
            deadline: None,
        }
    }
}

/// What the checker says of a history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Every operation can take effect at one instant of its own: `order`
    /// lists them (indices into the history's operations), key by key;
    /// an `info` operation that need never have taken effect is left out.
    Linearizable { order: Vec<usize> },
    /// No order exists; the explanation is a smallest set of operations
    /// that cannot be ordered.
    NotLinearizable(Explanation),
    /// The search ran out of its limits on `key` before it could tell.
    Unknown { key: Option<String>, why: Unknown },
}

/// Which limit the search reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unknown {
    Steps(u64),
    Time,
}

/// Checks `history` against `model`.
pub fn check(history: &History, model: Model, limits: Limits) -> Verdict {
    verdict(history, partitions(history, model), limits)
}

/// Checks the operations of one key of a key-value `history`: what a
/// monitor asks when an operation on that key completes, since the others
/// were checked when theirs did.
pub fn check_key(history: &History, key: &str, limits: Limits) -> Verdict {
    let part: Vec<usize> = history
        .ops
        .iter()
        .enumerate()
        .filter(|(_, op)| op.key.as_deref() == Some(key) && model::matters(op))
        .map(|(i, _)| i)
        .collect();
    verdict(
        history,
        BTreeMap::from([(Some(key.to_owned()), part)]),
        limits,
    )
}

/// The verdict on the given partitions of `history`.
fn verdict(
    history: &History,
    parts: BTreeMap<Option<String>, Vec<usize>>,
    limits: Limits,
) -> Verdict {
    let budget = Budget {
        steps: limits.steps,
        deadline: limits.deadline,
    };
    let mut order = Vec::new();
    let mut wrong: Option<Explanation> = None;
    let mut unknown = None;
    for (key, part) in parts {
        let ops: Vec<_> = part.iter().map(|&i| &history.ops[i]).collect();
        match search(&ops, budget) {
            Found::Order(found) => order.extend(found.into_iter().map(|i| part[i])),
            Found::None => {
                let explanation = explain(history, &part, budget);
                let earlier = wrong
                    .as_ref()
                    .is_none_or(|w| explanation.culprit_done() < w.culprit_done());
                if earlier {
                    wrong = Some(explanation);
                }
            }
            Found::OutOfSteps => unknown = unknown.or(Some((key, Unknown::Steps(limits.steps)))),
            Found::OutOfTime => unknown = unknown.or(Some((key, Unknown::Time))),
        }
    }
    match (wrong, unknown) {
        (Some(explanation), _) => Verdict::NotLinearizable(explanation),
        (None, Some((key, why))) => Verdict::Unknown { key, why },
        (None, None) => Verdict::Linearizable { order },
    }
}

/// The operations that matter, by key (a register has one), each list in
/// invocation order.
fn partitions(history: &History, model: Model) -> BTreeMap<Option<String>, Vec<usize>> {
    let mut parts: BTreeMap<Option<String>, Vec<usize>> = BTreeMap::new();
    for (i, op) in history.ops.iter().enumerate() {
        if !model::matters(op) {
            continue;
        }
        let key = match model {
            Model::Register => None,
            Model::KeyValue => op.key.clone(),
        };
        parts.entry(key).or_default().push(i);
    }
    parts
}
