//! Paxos for the explorer: its safety does not depend on timing, so any
//! order of its messages and timers is a real schedule. What decides a
//! state's future is hashed here.

use std::hash::Hash;

use super::checker::PaxosChecker;
use super::member::PaxosMember;
use crate::explore::fingerprint::StateHasher;
use crate::explore::Parts;

pub fn parts() -> Parts<PaxosMember> {
    Parts::derived(hash_member, |checker: &PaxosChecker, h| {
        checker.hash_memory(h)
    })
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explore::{choices, fingerprint, Budgets, Choice};
    use crate::protocols::paxos::Paxos;
    use crate::scenario::Scenario;
    use crate::sim::{ms, Action, MsgId, Sim};

    /// Three acceptors; S1 has just sent Prepare(1.S1) to each of them.
    fn preparing() -> (Sim<PaxosMember>, Vec<MsgId>) {
        let text = r#"Scenario(
            seed: 1,
            cluster: Paxos((nodes: 3, mode: Single, proposers: [1], retry_ms: (50, 150))),
            network: (latency_ms: (10, 10)),
            actions: [(at_ms: 0, do: Propose(Node(1), "x"))],
        )"#;
        let scenario = Scenario::<Paxos>::parse(text, std::path::Path::new("t.ron"))
            .unwrap_or_else(|e| panic!("{e}"));
        let mut sim = scenario.build();
        sim.run_until(ms(1), u64::MAX);
        let ids: Vec<MsgId> = sim.in_flight().map(|m| m.id).collect();
        assert_eq!(ids.len(), 3, "a Prepare to each acceptor, S1 included");
        (sim, ids)
    }

    fn after(sim: &Sim<PaxosMember>, steps: &[MsgId]) -> u64 {
        let mut sim = sim.clone();
        for &id in steps {
            sim.act(Action::DeliverMessage(id));
        }
        fingerprint::of(&sim, &parts())
    }

    #[test]
    fn promises_in_either_order_give_one_fingerprint_and_fewer_give_another() {
        let (sim, ids) = preparing();
        assert_eq!(
            after(&sim, &[ids[1], ids[2]]),
            after(&sim, &[ids[2], ids[1]])
        );
        assert_ne!(after(&sim, &[ids[1]]), after(&sim, &[ids[2]]));
        assert_ne!(after(&sim, &[ids[1]]), after(&sim, &[]));
    }

    #[test]
    fn the_choices_are_each_prepare_then_the_retry_timer() {
        let (sim, ids) = preparing();
        let free = choices(&sim, Budgets::default(), parts().message);
        let deliveries: Vec<Choice> = ids.iter().map(|&id| Choice::Deliver(id)).collect();
        assert_eq!(&free[..3], &deliveries[..]);
        assert!(
            free[3..].iter().all(|c| matches!(c, Choice::Fire(..))) && free.len() > 3,
            "{free:?}"
        );
        let one_crash = Budgets {
            crashes: 1,
            ..Budgets::default()
        };
        let with_crashes = choices(&sim, one_crash, parts().message);
        assert_eq!(with_crashes.len(), free.len() + 3, "a crash per server");
    }
}
