//! Paxos's explanations in English. The trace's notes are these words.

use super::{ChosenBy, PaxosNote, Reported};
use crate::protocols::paxos::goals::PaxosCondition;
use crate::protocols::paxos::messages::{PaxosObs, PaxosTimer};
use crate::protocols::paxos::node::Propose;
use crate::sim::{Labels, NodeId};

pub(super) fn note(note: &PaxosNote, labels: &Labels) -> String {
    let l = |id: &NodeId| labels.get(*id);
    match note {
        PaxosNote::RefusesPrepare {
            me,
            ballot,
            promised,
        } => format!(
            "{} refuses ballot {ballot}: it promised the higher {promised}",
            l(me)
        ),
        PaxosNote::Promises {
            me,
            ballot,
            reported,
        } => match reported {
            Reported::Nothing => {
                format!("{} promises ballot {ballot}; it has accepted nothing", l(me))
            }
            Reported::One(b, v) => format!(
                "{} promises ballot {ballot} and reports its accepted ({b}, \"{v}\")",
                l(me)
            ),
            Reported::Many(n) => format!(
                "{} promises ballot {ballot} and reports {n} accepted values",
                l(me)
            ),
        },
        PaxosNote::RefusesAccept {
            me,
            value,
            ballot,
            promised,
        } => format!(
            "{} refuses to accept \"{value}\" in ballot {ballot}: it promised {promised}",
            l(me)
        ),
        PaxosNote::Accepts {
            me,
            value,
            ballot,
            slot,
        } => format!(
            "{} accepts \"{value}\" in ballot {ballot} (slot {slot}) and tells every learner",
            l(me)
        ),
        PaxosNote::CountsAccepts {
            me,
            count,
            need,
            ballot,
            slot,
        } => format!(
            "{} has heard {count} {} accept ballot {ballot} in slot {slot}; it needs {need}",
            l(me),
            plural(*count, "acceptor", "acceptors"),
        ),
        PaxosNote::Learns {
            me,
            value,
            slot,
            count,
            ballot,
        } => format!(
            "{} learns \"{value}\" is chosen in slot {slot}: a majority ({count}) accepted ballot {ballot}",
            l(me)
        ),
        PaxosNote::NotProposer { me, value } => format!(
            "{} is not a proposer; it ignores the request to propose \"{value}\"",
            l(me)
        ),
        PaxosNote::StartsBallot { me, ballot } => format!(
            "{} starts ballot {ballot}: it asks every acceptor to promise it",
            l(me)
        ),
        PaxosNote::AlreadyChosen { me, value, chosen } => format!(
            "{} does not propose \"{value}\": it knows \"{chosen}\" is already chosen",
            l(me)
        ),
        PaxosNote::Places {
            me,
            ballot,
            value,
            slot,
        } => format!(
            "{} leads ballot {ballot}: it puts \"{value}\" in slot {slot} and skips phase 1",
            l(me)
        ),
        PaxosNote::Forwards { me, value, leader } => format!(
            "{} passes \"{value}\" on to the leader {}",
            l(me),
            l(leader)
        ),
        PaxosNote::WaitsForLeader { me, value } => format!(
            "{} knows no leader: \"{value}\" waits until one is found",
            l(me)
        ),
        PaxosNote::CountsPromises {
            me,
            count,
            need,
            ballot,
        } => format!(
            "{} has {count} of the {need} promises ballot {ballot} needs",
            l(me)
        ),
        PaxosNote::AdoptsReported { me, value, ballot } => format!(
            "{} has a majority of promises; one reports \"{value}\" accepted in {ballot}, the highest, so it must propose \"{value}\"",
            l(me)
        ),
        PaxosNote::IgnoresReported {
            me,
            value,
            ballot,
            own,
        } => format!(
            "{} has a majority of promises and ignores the reported ({ballot}, \"{value}\"): it proposes its own \"{own}\"",
            l(me)
        ),
        PaxosNote::ProposesOwn { me, own } => format!(
            "{} has a majority of promises and none reports a value: it proposes its own \"{own}\"",
            l(me)
        ),
        PaxosNote::Leads {
            me,
            ballot,
            kept,
            filled,
            next_slot,
        } => format!(
            "{} leads with ballot {ballot}: it re-proposes {kept} accepted {}, fills {filled} {} with no-ops, and serves new commands from slot {next_slot}",
            l(me),
            plural(*kept, "value", "values"),
            plural(*filled, "gap", "gaps"),
        ),
        PaxosNote::GivesUp {
            me,
            ballot,
            promised,
        } => format!(
            "{} gives up ballot {ballot}: an acceptor promised {promised}; it backs off and will retry higher",
            l(me)
        ),
        PaxosNote::HeardTooLittle { me, ballot } => format!(
            "{} heard too little in ballot {ballot}: it backs off and will retry higher",
            l(me)
        ),
        PaxosNote::Follows { me, leader, ballot } => format!(
            "{} follows {} whose ballot {ballot} is higher than its own",
            l(me),
            l(leader)
        ),
        PaxosNote::TwoValuesChosen {
            slot,
            first,
            first_by,
            second,
            second_by,
        } => format!(
            "slot {slot} has two chosen values: \"{first}\" ({}) and \"{second}\" ({})",
            by(first_by, labels),
            by(second_by, labels)
        ),
        PaxosNote::NeverProposed { slot, value, by: b } => format!(
            "\"{value}\" is chosen in slot {slot} ({}) but no client proposed it",
            by(b, labels)
        ),
        PaxosNote::PromiseFell { node, from, to } => {
            format!("{}'s promise fell from ballot {from} to {to}", l(node))
        }
        PaxosNote::TwoValuesInBallot {
            proposer,
            ballot,
            slot,
            first,
            second,
        } => format!(
            "{} sent two values in ballot {ballot}, slot {slot}: \"{first}\" and \"{second}\"",
            l(proposer)
        ),
    }
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}

fn by(who: &ChosenBy, labels: &Labels) -> String {
    match who {
        ChosenBy::Acceptors(ballot) => format!("a majority of acceptors in ballot {ballot}"),
        ChosenBy::Learner(node) => format!("learned by {}", labels.get(*node)),
    }
}

pub(super) fn obs(obs: &PaxosObs, labels: &Labels) -> String {
    let l = |id: &NodeId| labels.get(*id);
    match obs {
        PaxosObs::Chosen {
            slot,
            value,
            ballot,
            node,
        } => format!(
            "{} learns \"{value}\" is chosen in slot {slot} (ballot {ballot})",
            l(node)
        ),
        PaxosObs::Propose { node, value } => format!("{} proposes \"{value}\"", l(node)),
        PaxosObs::Leader {
            node,
            ballot,
            leads: true,
        } => format!("{} leads with ballot {ballot}", l(node)),
        PaxosObs::Leader { node, ballot, .. } => {
            format!("{} stops leading ballot {ballot}", l(node))
        }
    }
}

pub(super) fn timer(timer: PaxosTimer) -> &'static str {
    match timer {
        PaxosTimer::Retry => "retry timer fires",
        PaxosTimer::Timeout => "phase timer fires",
        PaxosTimer::Heartbeat => "heartbeat timer fires",
    }
}

pub(super) fn request(request: &Propose) -> String {
    format!("client asks to propose \"{}\"", request.0)
}

pub(super) fn goal(goal: &PaxosCondition) -> String {
    match goal {
        PaxosCondition::Chosen(s) => format!("a learner learns the value chosen in slot {s}"),
        PaxosCondition::ChosenOnAll(s) => format!("every learner learns slot {s}"),
        PaxosCondition::Learned(n, s, v) => {
            format!("S{} learns \"{v}\" is chosen in slot {s}", n.0)
        }
        PaxosCondition::ChosenSince(k) => format!("{k} more slots are chosen"),
        PaxosCondition::BallotAtLeast(r) => {
            format!("an acceptor promises a ballot of round {r} or higher")
        }
        PaxosCondition::NoopChosen => "a no-op is chosen in some slot".to_owned(),
        PaxosCondition::Leading(n) => format!("S{} leads", n.0),
    }
}
