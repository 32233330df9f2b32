//! The agenda: every future event, totally ordered.
//!
//! Events are keyed by `(time, seq)`. `seq` is a counter stamped at
//! insertion, so events at the same instant run in the order they were
//! scheduled. (Actions are not on the agenda: they live on the simulation's
//! script and run before any event of their instant.)

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use super::time::SimTime;

#[derive(Clone, Debug)]
pub(crate) struct Entry<E> {
    pub time: SimTime,
    seq: u64,
    pub event: E,
}

impl<E> Entry<E> {
    fn key(&self) -> (SimTime, u64) {
        (self.time, self.seq)
    }
}

impl<E> PartialEq for Entry<E> {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}
impl<E> Eq for Entry<E> {}
impl<E> PartialOrd for Entry<E> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl<E> Ord for Entry<E> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(&other.key())
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Agenda<E> {
    heap: BinaryHeap<Reverse<Entry<E>>>,
    next_seq: u64,
}

impl<E> Agenda<E> {
    pub fn new() -> Self {
        Agenda {
            heap: BinaryHeap::new(),
            next_seq: 0,
        }
    }

    pub fn push(&mut self, time: SimTime, event: E) {
        let seq = self.next_seq;
        self.next_seq += 1;
        self.heap.push(Reverse(Entry { time, seq, event }));
    }

    pub fn pop(&mut self) -> Option<Entry<E>> {
        self.heap.pop().map(|Reverse(e)| e)
    }
    pub fn len(&self) -> usize {
        self.heap.len()
    }

    /// Keeps only the events `keep` accepts. Their keys do not change, so
    /// they run in the same order as before.
    pub fn retain(&mut self, mut keep: impl FnMut(&E) -> bool) {
        self.heap.retain(|Reverse(entry)| keep(&entry.event));
    }

    pub fn peek_time(&self) -> Option<SimTime> {
        self.heap.peek().map(|Reverse(e)| e.time)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_by_time_then_insertion() {
        let mut a = Agenda::new();
        a.push(10, "late");
        a.push(5, "first at 5");
        a.push(5, "second at 5");
        a.push(1, "earliest");
        let order: Vec<_> = std::iter::from_fn(|| a.pop().map(|e| e.event)).collect();
        assert_eq!(order, ["earliest", "first at 5", "second at 5", "late"]);
    }
}
