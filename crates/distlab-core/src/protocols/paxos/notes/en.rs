//! Paxos's explanations in English. The trace's notes are these words.

use super::{BallotWhy, PaxosNote, Reported};
use crate::protocols::paxos::messages::Command;
use crate::sim::{Labels, NodeId};

/// A command by its value: `"x"`, or `a no-op`.
pub(super) fn q(c: &Command) -> String {
    match c.id {
        None => "a no-op".to_owned(),
        Some(_) => format!("\"{}\"", c.value),
    }
}

/// A command by its value and id: `"x" (S1/0)`, or `a no-op`.
pub(super) fn with_id(c: &Command) -> String {
    match c.id {
        None => "a no-op".to_owned(),
        Some(id) => format!("\"{}\" ({id})", c.value),
    }
}

/// Two commands that must read as different: by value, or by value and
/// id when their values are the same.
pub(super) fn distinct(a: &Command, b: &Command) -> (String, String) {
    if a.value == b.value {
        (with_id(a), with_id(b))
    } else {
        (q(a), q(b))
    }
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}

pub(super) fn note(note: &PaxosNote, labels: &Labels) -> String {
    let l = |id: &NodeId| labels.get(*id);
    match note {
        PaxosNote::Found(finding) => super::findings::en(finding, labels),
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
            Reported::One(b, c) => format!(
                "{} promises ballot {ballot} and reports its accepted ({b}, {})",
                l(me),
                q(c)
            ),
            Reported::Many(n) => format!(
                "{} promises ballot {ballot} and reports {n} accepted values",
                l(me)
            ),
        },
        PaxosNote::RefusesAccept {
            me,
            command,
            ballot,
            promised,
        } => format!(
            "{} refuses to accept {} in ballot {ballot}: it promised {promised}",
            l(me),
            q(command)
        ),
        PaxosNote::Accepts {
            me,
            command,
            ballot,
            slot,
        } => format!(
            "{} accepts {} in ballot {ballot} (slot {slot}) and tells every learner",
            l(me),
            q(command)
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
            command,
            slot,
            count,
            ballot,
        } => format!(
            "{} learns {} is chosen in slot {slot}: a majority ({count}) accepted ballot {ballot}",
            l(me),
            q(command)
        ),
        PaxosNote::AlreadyKnows { me, slot } => format!(
            "{} already knows what was chosen in slot {slot}: one more Accepted changes nothing",
            l(me)
        ),
        PaxosNote::LateReply { me, ballot } => format!(
            "{} no longer runs ballot {ballot}: the reply comes too late to matter",
            l(me)
        ),
        PaxosNote::ExtraPromise { me, ballot } => format!(
            "{} already has the majority of promises ballot {ballot} needed: one more changes nothing",
            l(me)
        ),
        PaxosNote::AsksToCatchUp {
            me,
            leader,
            from_slot,
            learned,
        } => format!(
            "{} still lacks slot {from_slot}, though the leader {} had learned every slot below {learned} by its previous heartbeat: the Accepted messages never came, so it asks {} what was chosen",
            l(me),
            l(leader),
            l(leader)
        ),
        PaxosNote::TellsChosen {
            me,
            to,
            count,
            from_slot,
        } => format!(
            "{} tells {} the {count} {} it learned {} chosen from slot {from_slot} on",
            l(me),
            l(to),
            plural(*count, "command", "commands"),
            plural(*count, "was", "were")
        ),
        PaxosNote::NothingToTell { me, to, from_slot } => format!(
            "{} has learned nothing from slot {from_slot} on to tell {}",
            l(me),
            l(to)
        ),
        PaxosNote::LearnsFromPeer {
            me,
            from,
            count: 1,
            first,
            ..
        } => format!(
            "{} learns from {} what was chosen in slot {first}, whose Accepted messages it had missed",
            l(me),
            l(from)
        ),
        PaxosNote::LearnsFromPeer {
            me,
            from,
            count,
            first,
            last,
        } => format!(
            "{} learns from {} what was chosen in {count} slots from {first} to {last}, whose Accepted messages it had missed",
            l(me),
            l(from)
        ),
        PaxosNote::SkipsRepeat { me, slot, command } => format!(
            "{} skips slot {slot}: command {} already ran in an earlier slot, and a client's command takes effect once",
            l(me),
            with_id(command)
        ),
        PaxosNote::RunsRepeat { me, slot, command } => format!(
            "{} runs command {} again, in slot {slot}: without client ids it cannot tell a repeat from a new command",
            l(me),
            with_id(command)
        ),
        PaxosNote::NotProposer { me, value } => format!(
            "{} is not a proposer; it ignores the request to propose \"{value}\"",
            l(me)
        ),
        PaxosNote::StartsBallot { me, ballot, why } => {
            let asks = "asks every acceptor to promise it";
            match why {
                BallotWhy::ClientValue => format!(
                    "{} has a client's command to propose: it starts ballot {ballot} and {asks}",
                    l(me)
                ),
                BallotWhy::BackedOff => format!(
                    "{}'s back-off is over: it starts the higher ballot {ballot} and {asks}",
                    l(me)
                ),
                BallotWhy::NoHeartbeat {
                    leader: Some(leader),
                } => format!(
                    "{} has heard no heartbeat from the leader {} for an election timeout: it tries to lead with ballot {ballot} and {asks}",
                    l(me),
                    l(leader)
                ),
                BallotWhy::NoHeartbeat { leader: None } => format!(
                    "{} has heard from no leader for an election timeout: it tries to lead with ballot {ballot} and {asks}",
                    l(me)
                ),
                BallotWhy::Forced => format!(
                    "{}'s timer was forced early: it starts ballot {ballot} and {asks}",
                    l(me)
                ),
            }
        }
        PaxosNote::LeaderHasNoTimeout { me } => format!(
            "{} leads; a leader has no election timeout to force",
            l(me)
        ),
        PaxosNote::NothingToPropose { me } => format!(
            "{} has nothing to propose: no client's command waits for a decision",
            l(me)
        ),
        PaxosNote::FreshDecision { me, command, slot } => format!(
            "{} has learned the value chosen in every slot before {slot}: {} starts a fresh decision, in slot {slot}",
            l(me),
            q(command)
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
        PaxosNote::AdoptsReported {
            me,
            command,
            ballot,
        } => format!(
            "{} has a majority of promises; one reports {v} accepted in {ballot}, the highest, so it must propose {v}",
            l(me),
            v = q(command)
        ),
        PaxosNote::IgnoresReported {
            me,
            command,
            ballot,
            own,
        } => format!(
            "{} has a majority of promises and ignores the reported ({ballot}, {}): it proposes its own {}",
            l(me),
            q(command),
            q(own)
        ),
        PaxosNote::ProposesOwn { me, own } => format!(
            "{} has a majority of promises and none reports a value: it proposes its own {}",
            l(me),
            q(own)
        ),
        PaxosNote::GivesUp {
            me,
            ballot,
            promised,
            wait_ms: Some(wait),
        } => format!(
            "{} gives up ballot {ballot}: an acceptor promised {promised}; it backs off {wait} ms (its retry range drew that), then tries a higher ballot",
            l(me)
        ),
        PaxosNote::GivesUp {
            me,
            ballot,
            promised,
            wait_ms: None,
        } => format!(
            "{} gives up ballot {ballot}: an acceptor promised {promised}; it waits for that ballot's leader, and tries to lead again only if no heartbeat comes",
            l(me)
        ),
        PaxosNote::HeardTooLittle {
            me,
            ballot,
            wait_ms: Some(wait),
        } => format!(
            "{} heard too little in ballot {ballot}: it backs off {wait} ms (its retry range drew that), then tries a higher ballot",
            l(me)
        ),
        PaxosNote::HeardTooLittle {
            me,
            ballot,
            wait_ms: None,
        } => format!(
            "{} heard too little in ballot {ballot}: it waits an election timeout before trying to lead again",
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
        PaxosNote::Places {
            me,
            ballot,
            command,
            slot,
        } => format!(
            "{} leads ballot {ballot}: it puts {} in slot {slot} and skips phase 1",
            l(me),
            with_id(command)
        ),
        PaxosNote::AlreadyPlaced {
            me,
            command,
            slot: Some(slot),
        } => format!(
            "{} already has command {} in slot {slot}: it does not propose it again",
            l(me),
            with_id(command)
        ),
        PaxosNote::AlreadyPlaced {
            me,
            command,
            slot: None,
        } => format!(
            "{} already ran command {}: it does not propose it again",
            l(me),
            with_id(command)
        ),
        PaxosNote::Forwards { me, command, leader } => format!(
            "{} passes {} on to the leader {}",
            l(me),
            with_id(command),
            l(leader)
        ),
        PaxosNote::WaitsForLeader { me, command } => format!(
            "{} knows no leader: {} waits until one is found",
            l(me),
            with_id(command)
        ),
        PaxosNote::HearsHeartbeat {
            me,
            leader,
            ballot,
            proposer,
            lacks,
        } => {
            let mut text = format!(
                "{} hears the heartbeat of the leader {} (ballot {ballot})",
                l(me),
                l(leader)
            );
            if *proposer {
                text.push_str(
                    ": it follows, and waits another election timeout before it would try to lead",
                );
            }
            if let Some(slot) = lacks {
                text.push_str(&format!(
                    "; the leader has learned slot {slot}, which {} lacks: if its Accepted messages have not come by the next heartbeat, it will ask",
                    l(me)
                ));
            }
            text
        }
        PaxosNote::IgnoresOldLeader {
            me,
            from,
            ballot,
            higher,
        } => format!(
            "{} ignores {}'s heartbeat: its ballot {ballot} is lower than {higher}",
            l(me),
            l(from)
        ),
        PaxosNote::Follows { me, leader, ballot } => format!(
            "{} follows {} whose ballot {ballot} is higher than its own",
            l(me),
            l(leader)
        ),
    }
}
