//! Raft for the explorer: its safety (Figure 3) does not depend on
//! timing, so any order of its messages and timers is a real schedule.
//! What decides a state's future is hashed here; the clock, deadlines and
//! leases measured on it are not.

use std::collections::hash_map::DefaultHasher;
use std::hash::Hash;

use super::member::RaftMember;
use super::RaftChecker;
use crate::explore::Parts;

pub fn parts() -> Parts<RaftMember> {
    Parts {
        node: hash_member,
        message: |msg, h| msg.hash(h),
        timer: |timer, h| timer.hash(h),
        checker: |checker: &RaftChecker, h| checker.hash_memory(h),
    }
}

fn hash_member(member: &RaftMember, h: &mut DefaultHasher) {
    match member {
        RaftMember::Server(s) => {
            (s.current_term, s.voted_for, s.role).hash(h);
            let last = s.log.last_index();
            (last, s.log.fingerprint_at(last)).hash(h);
            (s.commit_index, s.last_applied, s.leader_hint).hash(h);
            (&s.votes, &s.next_index, &s.match_index, &s.in_flight).hash(h);
            (&s.state, &s.heard_from).hash(h);
        }
        RaftMember::Client(c) => {
            (c.leader, c.next_seq, c.completed).hash(h);
            c.current.as_ref().map(|p| (p.seq, &p.op, p.tries)).hash(h);
            c.queue.hash(h);
        }
    }
}
