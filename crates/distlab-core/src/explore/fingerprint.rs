//! A state's fingerprint: 64 bits of everything that decides its future,
//! up to renaming. The clock, timers' deadlines, message ids and the
//! random generator are left out, otherwise every state would look new;
//! messages in flight count as a multiset, whatever order they were sent
//! in. A family supplies how its nodes, messages, timers and checker
//! memory hash (`Report::fingerprint`); the rest is the same everywhere.

use std::hash::{BuildHasher, Hash, Hasher};

use crate::sim::{Actor, NodeId, NodeStatus, Sim};

/// The hasher of states: foldhash's quality hasher with a fixed seed, so
/// that a state has one fingerprint on every run. A state is many small
/// fields; SipHash, the standard library's hasher, spent a quarter of a
/// search hashing them.
pub type StateHasher = foldhash::quality::FoldHasher<'static>;

/// A fresh [`StateHasher`].
pub fn state_hasher() -> StateHasher {
    foldhash::quality::FixedState::default().build_hasher()
}

/// How a family hashes the parts of its state that the engine cannot.
pub struct Parts<A: Actor> {
    pub node: fn(&A, &mut StateHasher),
    pub message: fn(&A::Msg, &mut StateHasher),
    pub timer: fn(&A::Timer, &mut StateHasher),
    pub checker: fn(&A::Checker, &mut StateHasher),
}

impl<A: Actor> Parts<A>
where
    A::Msg: Hash,
    A::Timer: Hash,
{
    /// The parts of a family whose messages and timers hash as they
    /// derive `Hash`; its nodes and checker memory say what counts.
    pub fn derived(
        node: fn(&A, &mut StateHasher),
        checker: fn(&A::Checker, &mut StateHasher),
    ) -> Parts<A> {
        Parts {
            node,
            message: |msg, h| msg.hash(h),
            timer: |timer, h| timer.hash(h),
            checker,
        }
    }
}

// Written out: a derive would ask the family's node to be `Copy` too.
impl<A: Actor> Clone for Parts<A> {
    fn clone(&self) -> Parts<A> {
        *self
    }
}
impl<A: Actor> Copy for Parts<A> {}

fn hash_one(f: impl FnOnce(&mut StateHasher)) -> u64 {
    let mut h = state_hasher();
    f(&mut h);
    h.finish()
}

/// The fingerprint of `sim` with the family's `parts`.
pub fn of<A: Actor>(sim: &Sim<A>, parts: &Parts<A>) -> u64 {
    let n = sim.cluster_size();
    let mut h = state_hasher();
    for (i, node) in sim.nodes().iter().enumerate() {
        let id = NodeId(i as u8);
        match sim.status(id) {
            NodeStatus::Up => 0u8.hash(&mut h),
            NodeStatus::Crashed => 1u8.hash(&mut h),
            NodeStatus::Paused { .. } => 2u8.hash(&mut h),
        }
        (parts.node)(node, &mut h);
        // Pending timers, by kind: a family explored untimed does not
        // depend on when they fire.
        for pending in sim.timers(id) {
            (parts.timer)(&pending.timer, &mut h);
        }
        u8::MAX.hash(&mut h);
        for j in 0..n {
            sim.is_link_blocked(id, NodeId(j as u8)).hash(&mut h);
        }
    }
    let mut wire: Vec<u64> = sim
        .in_flight()
        .map(|m| {
            hash_one(|h| {
                (m.from, m.to).hash(h);
                (parts.message)(&m.payload, h);
            })
        })
        .collect();
    wire.sort_unstable();
    wire.hash(&mut h);
    (parts.checker)(sim.checker(), &mut h);
    h.finish()
}
