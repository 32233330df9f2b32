//! Why a history is not linearizable, in as few operations as possible.
//!
//! The culprit is the completion that first made the history wrong: every
//! shorter prefix (operations still open then counted as `info`) can be
//! ordered. Then operations are deleted from that prefix, one at a time,
//! as long as the rest still cannot be ordered, until deleting any one of
//! those left would let the rest be ordered (a read leaves with the last
//! writer of its value: see [`without_orphans`]). What remains is small
//! enough to read: usually a read, the write it should have seen, and the
//! one it saw.

use super::model;
use super::search::{search, Budget, Found};
use super::{History, Op, Outcome, Value};

/// A smallest set of operations that cannot be put in one order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    /// Indices into the history's operations, in invocation order.
    pub ops: Vec<usize>,
    /// The operation whose completion first made the history wrong: every
    /// prefix before it can be ordered. Usually one of `ops`.
    pub culprit: usize,
    /// The operations themselves, so that the explanation can be put into
    /// words on its own.
    pub(super) seen: Vec<Op>,
    culprit_done: usize,
}

impl Explanation {
    /// Where the culprit completed.
    pub(super) fn culprit_done(&self) -> usize {
        self.culprit_done
    }

    /// The operations, as the history recorded them.
    pub fn operations(&self) -> &[Op] {
        &self.seen
    }
}

/// Explains why `part` (one key's operations of `history`, known not to be
/// linearizable) cannot be ordered.
pub(super) fn explain(history: &History, part: &[usize], budget: Budget) -> Explanation {
    let mut ends: Vec<usize> = part
        .iter()
        .filter_map(|&i| required_end(&history.ops[i]))
        .collect();
    ends.sort_unstable();
    // The shortest prefix that is already wrong: being wrong only grows
    // with the history, so a binary search finds it.
    let (mut low, mut high) = (0, ends.len().saturating_sub(1));
    while low < high {
        let mid = (low + high) / 2;
        if cannot_order(&prefix(history, part, ends[mid]), budget) {
            high = mid;
        } else {
            low = mid + 1;
        }
    }
    let end = ends.get(low).copied().unwrap_or(usize::MAX);
    let culprit = part
        .iter()
        .copied()
        .find(|&i| required_end(&history.ops[i]) == Some(end))
        .unwrap_or(part[0]);
    // Operations still open at the end may take effect or not; without
    // them the rest is no easier to order, so they go at once.
    let all: Vec<Op> = part.iter().map(|&i| history.ops[i].clone()).collect();
    let mut kept: Vec<usize> = prefix(history, part, end)
        .into_iter()
        .filter(|(_, op)| model::required(op))
        .map(|(i, _)| i)
        .collect();
    let wrong = |kept: &[usize]| {
        let subset: Vec<Op> = kept.iter().map(|&i| history.ops[i].clone()).collect();
        let ops: Vec<(usize, Op)> = without_orphans(&all, &subset)
            .into_iter()
            .enumerate()
            .collect();
        cannot_order(&ops, budget)
    };
    loop {
        let mut shrunk = false;
        let mut at = 0;
        while at < kept.len() {
            let mut rest = kept.clone();
            rest.remove(at);
            if wrong(&rest) {
                kept = rest;
                shrunk = true;
            } else {
                at += 1;
            }
        }
        if !shrunk {
            break;
        }
    }
    Explanation {
        seen: kept.iter().map(|&i| history.ops[i].clone()).collect(),
        ops: kept,
        culprit,
        culprit_done: end,
    }
}

/// `subset` without the operations that needed a value only operations
/// left out of it wrote: a read that saw it, or a compare-and-set that
/// found it. Such an operation is wrong in the subset only because its
/// writer was deleted, which explains nothing: so while an explanation
/// shrinks, it goes with the last writer of its value. One that needed a
/// value nothing in `all` wrote stays: it is wrong on its own.
///
/// An operation that goes may take another's writer with it (a read of
/// the value a compare-and-set left), so this repeats until nothing more
/// goes.
pub(super) fn without_orphans(all: &[Op], subset: &[Op]) -> Vec<Op> {
    // A writer can be the source only if it began before the operation
    // that needs its value ended.
    let source_in = |ops: &[Op], needer: &Op, value: &Value| {
        let ended = needer.completed.map_or(usize::MAX, |at| at.index);
        ops.iter()
            .any(|op| op.invoked.index < ended && model::writes(op, value))
    };
    let mut kept = subset.to_vec();
    loop {
        let before = kept.len();
        let rest = kept.clone();
        kept.retain(|op| match model::needs(op) {
            Some(value) => {
                *value == Value::Nil || source_in(&rest, op, value) || !source_in(all, op, value)
            }
            None => true,
        });
        if kept.len() == before {
            return kept;
        }
    }
}

/// Where a required operation completed.
fn required_end(op: &Op) -> Option<usize> {
    op.completed
        .filter(|_| model::required(op))
        .map(|at| at.index)
}

/// `part` as it stood when event `end` had happened: operations not yet
/// invoked are left out, those still open become `info`.
fn prefix(history: &History, part: &[usize], end: usize) -> Vec<(usize, Op)> {
    part.iter()
        .filter(|&&i| history.ops[i].invoked.index <= end)
        .filter_map(|&i| {
            let op = &history.ops[i];
            if required_end(op).is_some_and(|done| done <= end) {
                return Some((i, op.clone()));
            }
            let open = Op {
                outcome: Outcome::Info,
                completed: None,
                ..op.clone()
            };
            model::matters(&open).then_some((i, open))
        })
        .collect()
}

/// Whether the search proves these operations cannot be ordered; running
/// out of budget proves nothing.
fn cannot_order(ops: &[(usize, Op)], budget: Budget) -> bool {
    let refs: Vec<&Op> = ops.iter().map(|(_, op)| op).collect();
    search(&refs, budget) == Found::None
}
