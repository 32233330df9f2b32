//! Commands carry client ids: a command that a deposed leader leaves
//! behind and passes to the next leader is not chosen a second time, and
//! one that a leader change does get chosen in two slots runs once. The
//! same scripts without client ids (the bug `IgnoreClientIds`) run a
//! command twice, and the checker says so.

use crate::support::paxos;
use crate::support::paxos::{broken, paxos, propose, s, server, Fate};
use distlab::protocols::paxos::{Bug, Mode, PaxosMember, PaxosMsg, PaxosObs};
use distlab::sim::{ms, Action, NodeId, RecordKind, Sim, Target};

/// Every slot whose chosen command has value `value`, on node `n`.
fn slots_of(sim: &Sim<PaxosMember>, n: u8, value: &str) -> Vec<u64> {
    server(sim, s(n))
        .chosen
        .iter()
        .filter(|(_, (_, c))| &*c.value == value)
        .map(|(&slot, _)| slot)
        .collect()
}

/// How often each node ran a command of value `value`.
fn runs_of(records: &[(NodeId, String)], value: &str) -> Vec<usize> {
    (1..=5)
        .map(|n| {
            records
                .iter()
                .filter(|(node, v)| *node == s(n) && v == value)
                .count()
        })
        .collect()
}

/// Drives `sim` to `until_ms` under `rule`, collecting every execution.
fn run(
    sim: &mut Sim<PaxosMember>,
    until_ms: u64,
    rule: &paxos::Rule,
) -> (Vec<String>, Vec<(NodeId, String)>) {
    let mut runs = Vec::new();
    let notes = paxos::drive_watching(sim, until_ms, rule, &mut |r| {
        if let RecordKind::Proto(PaxosObs::Execute { node, value, .. }) = &r.kind {
            runs.push((*node, value.to_string()));
        }
    });
    (notes, runs)
}

/// S1 leads and gets "b" chosen in slot 0, but never hears so: the
/// Accepted messages to S1 are lost. S2 takes over; S1 steps down and
/// passes "b" on to S2, which has already run it.
fn deposed_leader(bugs: &[Bug]) -> (Sim<PaxosMember>, Vec<String>, Vec<(NodeId, String)>) {
    let mut sim = paxos(5, &[1, 2], Mode::Multi, bugs);
    sim.schedule(0, Action::Timeout(Target::Node(s(1))), false);
    propose(&mut sim, 100, 1, "b");
    sim.schedule(ms(150), Action::Timeout(Target::Node(s(2))), false);
    let rule = |_: NodeId, to: NodeId, msg: &PaxosMsg, t: u64| match msg {
        PaxosMsg::Accepted { .. } if to == s(1) && t < 200 => Fate::Drop,
        _ => Fate::Deliver,
    };
    let (notes, runs) = run(&mut sim, 600, &rule);
    (sim, notes, runs)
}

#[test]
fn a_deposed_leaders_command_passed_on_is_not_chosen_again() {
    let (sim, notes, runs) = deposed_leader(&[]);
    let text = notes.join("\n");
    assert!(broken(&sim).is_empty(), "{:?}\n{text}", broken(&sim));
    assert!(
        text.contains("S1 passes \"b\" (S1/0) on to the leader S2"),
        "{text}"
    );
    assert!(
        text.contains("S2 already ran command \"b\" (S1/0)"),
        "{text}"
    );
    for n in 1..=5 {
        assert_eq!(slots_of(&sim, n, "b"), [0], "S{n}\n{text}");
    }
    assert_eq!(runs_of(&runs, "b"), [1; 5], "{text}");
    // S1 missed slot 0's Accepted messages and caught up from the leader.
    assert!(
        text.contains("S1 learns from S2 what was chosen in slot 0"),
        "{text}"
    );
}

#[test]
fn without_client_ids_the_passed_on_command_runs_twice() {
    let (sim, notes, runs) = deposed_leader(&[Bug::IgnoreClientIds]);
    let text = notes.join("\n");
    assert_eq!(slots_of(&sim, 3, "b"), [0, 1], "{text}");
    assert_eq!(runs_of(&runs, "b"), [2; 5], "{text}");
    assert_eq!(broken(&sim), ["Commands Execute Once"; 5], "{text}");
}

/// A command chosen in two slots. S1 leads and puts "c" in slot 0 (only
/// S5 accepts it) and "e" in slot 1 (chosen). S2 takes over without S5:
/// it fills slot 0 with a no-op that nobody receives, is handed "c" by
/// the deposed S1 and gets it chosen in slot 2, then crashes. S3 takes
/// over with S5 among its promises (S1's never arrives), and S5 reports
/// "c" in slot 0: S3 must propose it there, so "c" is chosen in slots 0
/// and 2.
fn chosen_twice(bugs: &[Bug]) -> (Sim<PaxosMember>, Vec<String>, Vec<(NodeId, String)>) {
    let mut sim = paxos(5, &[1, 2, 3], Mode::Multi, bugs);
    sim.schedule(0, Action::Timeout(Target::Node(s(1))), false);
    propose(&mut sim, 100, 1, "c");
    propose(&mut sim, 100, 1, "e");
    sim.schedule(ms(150), Action::Timeout(Target::Node(s(2))), false);
    sim.schedule(ms(250), Action::Crash(Target::Node(s(2))), false);
    sim.schedule(ms(300), Action::Timeout(Target::Node(s(3))), false);
    let rule = |from: NodeId, to: NodeId, msg: &PaxosMsg, _: u64| match msg {
        PaxosMsg::Accept {
            slot: 0, command, ..
        } if from == s(1) && &*command.value == "c" && to != s(5) => Fate::Drop,
        PaxosMsg::Accept { slot: 0, .. } if from == s(2) => Fate::Drop,
        PaxosMsg::Prepare { .. } if from == s(2) && to == s(5) => Fate::Drop,
        PaxosMsg::Prepare { .. } if from == s(3) && to == s(1) => Fate::Drop,
        _ => Fate::Deliver,
    };
    let (notes, runs) = run(&mut sim, 800, &rule);
    (sim, notes, runs)
}

#[test]
fn a_command_chosen_in_two_slots_runs_once() {
    let (sim, notes, runs) = chosen_twice(&[]);
    let text = notes.join("\n");
    assert!(broken(&sim).is_empty(), "{:?}\n{text}", broken(&sim));
    for n in [1, 3, 4, 5] {
        assert_eq!(slots_of(&sim, n, "c"), [0, 2], "S{n}\n{text}");
        assert!(server(&sim, s(n)).skipped.contains(&2), "S{n}\n{text}");
    }
    assert!(
        text.contains("S3 skips slot 2: command \"c\" (S1/0) already ran"),
        "{text}"
    );
    // S2 crashed with slot 0 still open, so it never ran anything.
    assert_eq!(runs_of(&runs, "c"), [1, 0, 1, 1, 1], "{text}");
}

#[test]
fn without_client_ids_a_command_chosen_in_two_slots_runs_twice() {
    let (sim, notes, runs) = chosen_twice(&[Bug::IgnoreClientIds]);
    let text = notes.join("\n");
    assert_eq!(runs_of(&runs, "c"), [2, 0, 2, 2, 2], "{text}");
    assert_eq!(broken(&sim), ["Commands Execute Once"; 4], "{text}");
}
