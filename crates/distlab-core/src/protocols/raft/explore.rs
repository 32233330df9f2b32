//! Raft for the explorer: its safety (Figure 3) does not depend on
//! timing, so any order of its messages and timers is a real schedule.
//! What decides a state's future is hashed here; the clock, deadlines and
//! leases measured on it are not.

use std::hash::Hash;

use super::member::RaftMember;
use super::RaftChecker;
use crate::explore::fingerprint::StateHasher;
use crate::explore::Parts;

pub fn parts() -> Parts<RaftMember> {
    Parts::derived(hash_member, |checker: &RaftChecker, h| {
        checker.hash_memory(h)
    })
}

fn hash_member(member: &RaftMember, h: &mut StateHasher) {
    match member {
        RaftMember::Server(s) => {
            (s.current_term, s.voted_for, s.role).hash(h);
            let last = s.log.last_index();
            (last, s.log.fingerprint_at(last), s.log.base().index).hash(h);
            (s.commit_index, s.last_applied, s.leader_hint).hash(h);
            (&s.votes, &s.next_index, &s.match_index, &s.in_flight).hash(h);
            (&s.state, &s.heard_from, &s.catch_up).hash(h);
        }
        RaftMember::Client(c) => c.hash_state(h),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explore::{choices, fingerprint, Budgets, Choice};
    use crate::sim::{Action, MsgId, NodeId, Sim, SimConfig, Target};

    /// Three servers; S1's election timer fired, its two RequestVotes in
    /// flight.
    fn asking() -> (Sim<RaftMember>, MsgId, MsgId) {
        let spec = super::super::RaftSpec {
            nodes: 3,
            ..Default::default()
        };
        let mut sim = super::super::cluster(
            spec.config(),
            None,
            SimConfig {
                seed: 1,
                network: Default::default(),
            },
        );
        sim.act(Action::FireTimer(
            Target::Node(NodeId(0)),
            "election".into(),
        ));
        let ids: Vec<MsgId> = sim.in_flight().map(|m| m.id).collect();
        assert_eq!(ids.len(), 2, "a RequestVote to S2 and one to S3");
        (sim, ids[0], ids[1])
    }

    fn after(sim: &Sim<RaftMember>, steps: &[MsgId]) -> u64 {
        let mut sim = sim.clone();
        for &id in steps {
            sim.act(Action::DeliverMessage(id));
        }
        fingerprint::of(&sim, &parts())
    }

    #[test]
    fn two_orders_that_reach_one_state_give_one_fingerprint() {
        let (sim, to_s2, to_s3) = asking();
        assert_eq!(after(&sim, &[to_s2, to_s3]), after(&sim, &[to_s3, to_s2]));
    }

    #[test]
    fn a_state_differing_in_a_vote_or_a_message_gives_another() {
        let (sim, to_s2, to_s3) = asking();
        let start = fingerprint::of(&sim, &parts());
        assert_ne!(after(&sim, &[to_s2]), after(&sim, &[to_s3]));
        assert_ne!(after(&sim, &[to_s2]), start);
        let mut dropped = sim.clone();
        dropped.act(Action::DropMessage(to_s2));
        assert_ne!(fingerprint::of(&dropped, &parts()), start);
    }

    #[test]
    fn the_choices_are_each_message_and_timer_then_the_faults_budgeted() {
        let (sim, to_s2, to_s3) = asking();
        let free = choices(&sim, Budgets::default(), parts().message);
        assert_eq!(
            &free[..2],
            &[Choice::Deliver(to_s2), Choice::Deliver(to_s3)]
        );
        assert!(free[2..].iter().all(|c| matches!(c, Choice::Fire(..))));
        let budgeted = Budgets {
            crashes: 1,
            drops: 1,
            duplicates: 0,
        };
        let all = choices(&sim, budgeted, parts().message);
        assert_eq!(all.len(), free.len() + 2 + 3, "two drops, three crashes");
        assert!(Choice::Drop(to_s2).spend(Budgets::default()).is_none());
    }
}
