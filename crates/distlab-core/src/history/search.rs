//! The search for a linearization of one key's operations: Wing & Gong's,
//! with Lowe's improvements.
//!
//! Calls and returns sit in one list in history order. The search walks
//! it: at a call, it tries to let that operation take effect now (the
//! model must allow it); at a return whose operation has not taken effect,
//! the order so far cannot be right, so it undoes the last choice and tries
//! the next call instead. Lowe's cache remembers every (set of operations
//! done, state) pair already explored, so no configuration is searched
//! twice; operations that took effect are lifted out of the list and put
//! back on undo. An `info` operation returns after everything else: it may
//! take effect any time after its call, or never.

use std::collections::hash_map::DefaultHasher;
use std::collections::HashSet;
use std::hash::BuildHasherDefault;

use super::model::{self, INITIAL};
use super::{Op, Value};

/// How far one search may go before it answers "unknown".
#[derive(Clone, Copy, Debug)]
pub(super) struct Budget {
    /// Configurations tried; fixed, so that a run's answer never depends
    /// on the machine.
    pub steps: u64,
    pub deadline: Option<std::time::Instant>,
}

/// What a search found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Found {
    /// The operations (indices into the slice searched) in an order that
    /// takes effect correctly; `info` operations that never took effect
    /// are left out.
    Order(Vec<usize>),
    None,
    /// The budget ran out first.
    OutOfSteps,
    OutOfTime,
}

#[derive(Clone, Copy)]
struct Entry {
    op: usize,
    call: bool,
}

/// A fixed hasher: the cache only answers "seen before?", but nothing in a
/// run may depend on a random seed, not even its speed.
type Cache = HashSet<(Vec<u64>, Value), BuildHasherDefault<DefaultHasher>>;

pub(super) fn search(ops: &[&Op], budget: Budget) -> Found {
    search_from(ops, INITIAL, budget)
}

/// The search, with the data holding `initial` before any of `ops`.
pub(super) fn search_from(ops: &[&Op], initial: Value, budget: Budget) -> Found {
    let n = ops.len();
    let entries = entries(ops);
    let head = entries.len();
    let end = head + 1;
    // A doubly linked list over the entries, with `head` and `end` as
    // sentinels.
    let mut next = vec![end; entries.len() + 2];
    let mut prev = vec![head; entries.len() + 2];
    let mut order = vec![head];
    order.extend(0..entries.len());
    order.push(end);
    for pair in order.windows(2) {
        next[pair[0]] = pair[1];
        prev[pair[1]] = pair[0];
    }
    let mut call_at = vec![0; n];
    let mut return_at = vec![0; n];
    for (i, e) in entries.iter().enumerate() {
        if e.call {
            call_at[e.op] = i;
        } else {
            return_at[e.op] = i;
        }
    }
    let unlink = |next: &mut Vec<usize>, prev: &mut Vec<usize>, i: usize| {
        next[prev[i]] = next[i];
        prev[next[i]] = prev[i];
    };
    let relink = |next: &mut Vec<usize>, prev: &mut Vec<usize>, i: usize| {
        next[prev[i]] = i;
        prev[next[i]] = i;
    };

    let mut required_left = ops.iter().filter(|op| model::required(op)).count();
    let mut done = vec![0u64; n.div_ceil(64)];
    let mut cache = Cache::default();
    let mut stack: Vec<(usize, Value)> = Vec::new();
    let mut state = initial;
    let mut entry = next[head];
    let mut steps = 0u64;
    loop {
        if required_left == 0 {
            return Found::Order(stack.into_iter().map(|(op, _)| op).collect());
        }
        steps += 1;
        if steps > budget.steps {
            return Found::OutOfSteps;
        }
        if steps.is_multiple_of(1024)
            && budget
                .deadline
                .is_some_and(|d| std::time::Instant::now() >= d)
        {
            return Found::OutOfTime;
        }
        let Some(&Entry { op, call }) = entries.get(entry) else {
            // Past the last return: only possible if an operation had no
            // return, which `entries` never builds.
            return Found::None;
        };
        if call {
            if let Some(after) = model::step(&state, ops[op]) {
                done[op / 64] |= 1 << (op % 64);
                if cache.insert((done.clone(), after.clone())) {
                    stack.push((op, std::mem::replace(&mut state, after)));
                    if model::required(ops[op]) {
                        required_left -= 1;
                    }
                    unlink(&mut next, &mut prev, call_at[op]);
                    unlink(&mut next, &mut prev, return_at[op]);
                    entry = next[head];
                    continue;
                }
                done[op / 64] &= !(1 << (op % 64));
            }
            entry = next[entry];
        } else {
            // A return whose operation has not taken effect: undo the
            // latest choice and try the call after it.
            let Some((undone, before)) = stack.pop() else {
                return Found::None;
            };
            state = before;
            done[undone / 64] &= !(1 << (undone % 64));
            if model::required(ops[undone]) {
                required_left += 1;
            }
            relink(&mut next, &mut prev, return_at[undone]);
            relink(&mut next, &mut prev, call_at[undone]);
            entry = next[call_at[undone]];
        }
    }
}

/// Every call and return in history order; `info` returns last of all.
fn entries(ops: &[&Op]) -> Vec<Entry> {
    let mut keyed: Vec<(usize, Entry)> = Vec::with_capacity(ops.len() * 2);
    for (i, op) in ops.iter().enumerate() {
        keyed.push((op.invoked.index, Entry { op: i, call: true }));
        let back = match op.completed {
            Some(at) if model::required(op) => at.index,
            _ => usize::MAX,
        };
        keyed.push((back, Entry { op: i, call: false }));
    }
    keyed.sort_by_key(|(at, e)| (*at, e.op));
    keyed.into_iter().map(|(_, e)| e).collect()
}
