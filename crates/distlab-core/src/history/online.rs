//! Checking a history while it grows, as a monitor inside a run does,
//! without searching it all again at each completion.
//!
//! Each key keeps a window: the operations since the last moment at which
//! none was open, and the values the key may hold where the window starts
//! (every valid order of what came before leaves one of them). A
//! completion is judged by searching the window from each of those values.
//! When the window's last open operation completes, and nothing in it may
//! still take effect later (no `info`), the window closes: the values it
//! may leave behind are found (each candidate tried as a read after it),
//! and the next window starts from them. This is exact, not an
//! approximation: an order of the whole history is an order of the closed
//! windows, one after the other, because no operation spans a cut.
//!
//! A window that holds an `info` operation never closes (the operation may
//! take effect at any later time), and grows; so does one whose operations
//! are not reads and writes, whose final values cannot be listed.

use std::collections::BTreeMap;

use super::check::Limits;
use super::model;
use super::search::{search_from, Budget, Found};
use super::{Client, Func, History, Moment, Op, Outcome, Value};

/// What the online check says after a completion.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Judged {
    Linearizable,
    NotLinearizable,
    /// The search ran out of its steps.
    Unknown,
}

/// The windows of a key-value history, key by key.
#[derive(Clone, Debug, Default)]
pub struct Online {
    windows: BTreeMap<Option<String>, Window>,
    /// Windows closed so far.
    closed: u64,
}

#[derive(Clone, Debug)]
struct Window {
    /// The values the key may hold where the window starts.
    start: Vec<Value>,
    /// The window's operations, as places in the history.
    ops: Vec<usize>,
}

impl Default for Window {
    fn default() -> Window {
        Window {
            start: vec![Value::Nil],
            ops: Vec::new(),
        }
    }
}

impl Online {
    /// How many times a window closed: how much searching was saved.
    pub fn closed(&self) -> u64 {
        self.closed
    }

    /// Operation `op` of `history` was just invoked.
    pub fn invoked(&mut self, history: &History, op: usize) {
        let key = history.ops[op].key.clone();
        self.windows.entry(key).or_default().ops.push(op);
    }

    /// Operation `op` of `history` just completed: whether its key's
    /// operations can still be put in one order.
    pub fn completed(&mut self, history: &History, op: usize, limits: Limits) -> Judged {
        let key = history.ops[op].key.clone();
        let window = self.windows.entry(key).or_default();
        let all: Vec<&Op> = window.ops.iter().map(|&i| &history.ops[i]).collect();
        let ops: Vec<&Op> = all
            .iter()
            .copied()
            .filter(|op| model::matters(op))
            .collect();
        let budget = Budget {
            steps: limits.steps,
            deadline: limits.deadline,
        };
        // A write that completes, or an operation given up on, narrows
        // nothing an order needs: before it completed, it could already
        // take effect at any time after its call, now included.
        let narrows = history.ops[op].outcome == Outcome::Fail
            || history.ops[op].func != Func::Write && history.ops[op].outcome == Outcome::Ok;
        let mut unknown = false;
        let mut fits = !narrows;
        for start in window.start.iter().filter(|_| narrows) {
            match search_from(&ops, start.clone(), budget) {
                Found::Order(_) => {
                    fits = true;
                    break;
                }
                Found::None => {}
                Found::OutOfSteps | Found::OutOfTime => unknown = true,
            }
        }
        if !fits {
            return if unknown {
                Judged::Unknown
            } else {
                Judged::NotLinearizable
            };
        }
        if closes(&all) {
            if let Some(ends) = ends(window, &ops, budget) {
                window.start = ends;
                window.ops.clear();
                self.closed += 1;
            }
        }
        Judged::Linearizable
    }
}

/// Whether the window may close: nothing open, nothing that may take
/// effect later, and only reads and writes.
fn closes(ops: &[&Op]) -> bool {
    ops.iter().all(|op| {
        op.completed.is_some()
            && op.outcome != Outcome::Info
            && matches!(op.func, Func::Read | Func::Write)
    })
}

/// The values the window may leave behind: among what it started with and
/// what its writes wrote, those a read after the window could see. `None`
/// when a search ran out of steps (the window then stays open).
fn ends(window: &Window, ops: &[&Op], budget: Budget) -> Option<Vec<Value>> {
    let mut candidates: Vec<Value> = window.start.clone();
    for op in ops {
        if op.func == Func::Write && op.outcome == Outcome::Ok && !candidates.contains(&op.value) {
            candidates.push(op.value.clone());
        }
    }
    let mut ends = Vec::new();
    for value in candidates {
        let last_read = Op {
            client: Client::Named(String::new()),
            func: Func::Read,
            key: None,
            value: value.clone(),
            outcome: Outcome::Ok,
            invoked: Moment {
                index: usize::MAX - 2,
                time_us: None,
            },
            completed: Some(Moment {
                index: usize::MAX - 1,
                time_us: None,
            }),
            req: None,
        };
        let mut with_read = ops.to_vec();
        with_read.push(&last_read);
        let mut seen = false;
        for start in &window.start {
            match search_from(&with_read, start.clone(), budget) {
                Found::Order(_) => {
                    seen = true;
                    break;
                }
                Found::None => {}
                Found::OutOfSteps | Found::OutOfTime => return None,
            }
        }
        if seen {
            ends.push(value);
        }
    }
    Some(ends)
}
