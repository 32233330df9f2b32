//! Each deliberate Paxos bug breaks safety in a scripted run, and the
//! checker says so; the same script on the correct algorithm breaks
//! nothing.

use crate::support::paxos::{broken, drive, paxos, propose, s, Fate};
use distlab::protocols::paxos::{Bug, Mode, PaxosMsg};
use distlab::sim::{ms, Action, NodeId, Target};

fn deliver_all(_: NodeId, _: NodeId, _: &PaxosMsg, _: u64) -> Fate {
    Fate::Deliver
}

/// S1's value is chosen while S2 is cut off; later S2 runs its own ballot
/// and hears of it.
fn later_proposer(bugs: &[Bug]) -> Vec<&'static str> {
    let mut sim = paxos(5, &[1, 2], Mode::Single, bugs);
    propose(&mut sim, 0, 1, "x");
    sim.schedule(0, Action::Isolate(Target::Node(s(2))), false);
    sim.schedule(ms(90), Action::Rejoin(Target::Node(s(2))), false);
    propose(&mut sim, 100, 2, "y");
    drive(&mut sim, 400, &deliver_all);
    broken(&sim)
}

#[test]
fn a_proposer_that_ignores_accepted_values_chooses_a_second_value() {
    assert_eq!(later_proposer(&[]), Vec::<&str>::new());
    let broken = later_proposer(&[Bug::ProposerIgnoresAcceptedValues]);
    assert_eq!(broken, ["One Value Chosen Per Slot"]);
}

/// S3 promises S1's ballot, then crashes and restarts.
fn restarted_acceptor(bugs: &[Bug]) -> Vec<&'static str> {
    let mut sim = paxos(5, &[1, 2], Mode::Single, bugs);
    propose(&mut sim, 0, 1, "x");
    sim.schedule(ms(15), Action::Crash(Target::Node(s(3))), false);
    sim.schedule(ms(16), Action::Restart(Target::Node(s(3))), false);
    drive(&mut sim, 400, &deliver_all);
    broken(&sim)
}

#[test]
fn an_acceptor_that_forgets_its_promise_lets_it_fall() {
    assert_eq!(restarted_acceptor(&[]), Vec::<&str>::new());
    let broken = restarted_acceptor(&[Bug::AcceptorForgetsPromiseOnRestart]);
    assert_eq!(broken, ["Promises Never Decrease"]);
}

/// "x" is accepted by S1 and S2 only, in ballot 1.S1; "y" is chosen by
/// S3, S4 and S5 in ballot 1.S3. S4's learner hears "y" from itself alone,
/// then, late, "x" from S1 and S2.
fn mixed_ballots(bugs: &[Bug]) -> Vec<&'static str> {
    let mut sim = paxos(5, &[1, 3], Mode::Single, bugs);
    propose(&mut sim, 0, 1, "x");
    propose(&mut sim, 100, 3, "y");
    let rule = |from: NodeId, to: NodeId, msg: &PaxosMsg, _: u64| match msg {
        PaxosMsg::Prepare { .. } if from == s(1) && to >= s(4) => Fate::Drop,
        PaxosMsg::Prepare { .. } if from == s(3) && to <= s(2) => Fate::Drop,
        PaxosMsg::Accept { .. } if from == s(1) && to >= s(3) => Fate::Drop,
        PaxosMsg::Accepted { command, .. } if to == s(4) && &*command.value == "x" => {
            Fate::Delay(200)
        }
        PaxosMsg::Accepted { command, .. }
            if to == s(4) && from != s(4) && &*command.value == "y" =>
        {
            Fate::Drop
        }
        _ => Fate::Deliver,
    };
    drive(&mut sim, 300, &rule);
    broken(&sim)
}

#[test]
fn a_learner_that_counts_any_ballot_learns_a_value_that_was_not_chosen() {
    assert_eq!(mixed_ballots(&[]), Vec::<&str>::new());
    let broken = mixed_ballots(&[Bug::LearnerCountsAnyBallot]);
    assert_eq!(broken, ["One Value Chosen Per Slot"]);
}

/// S1 gets "x" accepted by S2 alone, crashes, restarts and proposes "y";
/// its second prepare misses S2.
fn restarted_proposer(bugs: &[Bug]) -> Vec<&'static str> {
    let mut sim = paxos(5, &[1, 2], Mode::Single, bugs);
    propose(&mut sim, 0, 1, "x");
    sim.schedule(ms(25), Action::Crash(Target::Node(s(1))), false);
    sim.schedule(ms(30), Action::Restart(Target::Node(s(1))), false);
    propose(&mut sim, 40, 1, "y");
    let rule = |from: NodeId, to: NodeId, msg: &PaxosMsg, t: u64| match msg {
        PaxosMsg::Accept { .. } if from == s(1) && to != s(2) && t < 30 => Fate::Drop,
        PaxosMsg::Prepare { .. } if to == s(2) && t >= 30 => Fate::Drop,
        _ => Fate::Deliver,
    };
    drive(&mut sim, 300, &rule);
    broken(&sim)
}

#[test]
fn a_proposer_that_reuses_a_ballot_sends_two_values_in_it() {
    assert_eq!(restarted_proposer(&[]), Vec::<&str>::new());
    let broken = restarted_proposer(&[Bug::ReuseBallotAfterRestart]);
    assert_eq!(broken[0], "One Value Per Ballot", "{broken:?}");
}
