//! Paxos for the explorer: its safety does not depend on timing, so any
//! order of its messages and timers is a real schedule. What decides a
//! state's future is hashed here.

use std::hash::Hash;

use super::checker::PaxosChecker;
use super::member::PaxosMember;
use crate::explore::fingerprint::StateHasher;
use crate::explore::Parts;

pub fn parts() -> Parts<PaxosMember> {
    Parts {
        node: hash_member,
        message: |msg, h| msg.hash(h),
        timer: |timer, h| timer.hash(h),
        checker: |checker: &PaxosChecker, h| checker.hash_memory(h),
    }
}

fn hash_member(member: &PaxosMember, h: &mut StateHasher) {
    match member {
        PaxosMember::Server(s) => {
            (s.promised, &s.accepted, &s.chosen, &s.tallies).hash(h);
            (s.applied, &s.executed, &s.skipped, s.leader_learned).hash(h);
            (s.max_round, s.requests, s.phase, s.ballot, &s.value).hash(h);
            (s.instance, &s.promises, s.leader, s.next_slot, &s.open).hash(h);
            (&s.pending, &s.store, &s.answers).hash(h);
        }
        PaxosMember::Client(c) => c.hash_state(h),
    }
}
