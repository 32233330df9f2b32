//! The engine's sentences in English. The trace's texts are these.

use super::percent;
use crate::sim::action::{Action, Target};
use crate::sim::actor::{Actor, Message};
use crate::sim::describe::Describe;
use crate::sim::engine::{Stall, MAX_EVENTS_PER_INSTANT, MAX_IN_FLIGHT};
use crate::sim::labels::Labels;
use crate::sim::network::DropReason;
use crate::sim::time::format_time;
use crate::sim::trace::{RecordKind, SkipReason};
use crate::units::Lang;

const LANG: Lang = Lang::En;

pub(super) fn record<A: Actor>(kind: &RecordKind<A>, labels: &Labels) -> String {
    let l = |id: &crate::sim::NodeId| labels.get(*id);
    let say = |d: &dyn Describe| d.describe(LANG, labels);
    match kind {
        RecordKind::Send { from, to, msg, .. } => {
            format!("{} → {} {}", l(from), l(to), msg.summary())
        }
        RecordKind::Deliver { from, to, msg, .. } => {
            format!("{} receives {} from {}", l(to), msg.summary(), l(from))
        }
        RecordKind::Drop {
            from,
            to,
            msg,
            reason,
            ..
        } => {
            let why = match reason {
                DropReason::Loss => "lost on the network",
                DropReason::Partition => "blocked by the partition",
                DropReason::Crashed => "its receiver is down",
                DropReason::User => "dropped by you",
            };
            format!("{} {} → {} dropped: {why}", msg.name(), l(from), l(to))
        }
        RecordKind::Delay { id, by_us } => {
            format!("message #{} delayed by {}ms", id.0, by_us / 1_000)
        }
        RecordKind::Duplicate { id, copy } => {
            format!("message #{} duplicated as #{}", id.0, copy.0)
        }
        RecordKind::Timer { node, timer } => format!("{}: {}", l(node), say(timer)),
        RecordKind::Crash { node } => format!("{} crashes", l(node)),
        RecordKind::Restart { node } => format!("{} restarts", l(node)),
        RecordKind::Pause { node, us } => format!("{} pauses for {}ms", l(node), us / 1_000),
        RecordKind::Resume { node } => format!("{} resumes", l(node)),
        RecordKind::Persist { node, us } => format!(
            "{} writes to disk ({}ms); its replies wait for the write",
            l(node),
            us / 1_000
        ),
        RecordKind::Partition { groups } => {
            format!("network partitioned: {}", labels.groups(groups))
        }
        RecordKind::Cut { from, to } => format!("link {} → {} cut", l(from), l(to)),
        RecordKind::Rejoin { node } => format!("{} reconnected", l(node)),
        RecordKind::Heal => "network healed".to_owned(),
        RecordKind::Loss { from: None, p } => format!("message loss set to {}%", percent(*p)),
        RecordKind::Loss {
            from: Some((a, b)),
            p,
        } => format!("loss on {} → {} set to {}%", l(a), l(b), percent(*p)),
        RecordKind::Duplication { p } => {
            format!("message duplication set to {}%", percent(*p))
        }
        RecordKind::DropNext { from, to } => {
            format!("the next message {} → {} will be dropped", l(from), l(to))
        }
        RecordKind::Clock {
            node,
            jump_us,
            drift_ppm,
        } => format!(
            "{}'s clock moved {}ms, drift {drift_ppm}ppm",
            l(node),
            jump_us / 1_000
        ),
        RecordKind::Note { note, .. } => say(note),
        RecordKind::Skip { action, reason } => format!(
            "skipped \"{}\": {}",
            say(action),
            skip_reason(*reason, action.target(), labels)
        ),
        RecordKind::Violation {
            invariant, note, ..
        } => format!("✗ {}: {}", invariant.en, say(note)),
        RecordKind::Warning {
            invariant, note, ..
        } => format!("⚠ {}: {}", invariant.en, say(note)),
        RecordKind::Proto(obs) => say(obs),
    }
}

pub(super) fn action<R: Describe, T: Describe>(action: &Action<R, T>, labels: &Labels) -> String {
    let node = |id: &crate::sim::NodeId| labels.get(*id);
    let target = |t: &Target<T>| t.describe(LANG, labels);
    match action {
        Action::Crash(t) => format!("crash {}", target(t)),
        Action::Restart(t) => format!("restart {}", target(t)),
        Action::ToggleCrash(t) => format!("crash or restart {}", target(t)),
        Action::Pause(t, us) => format!("pause {} for {}ms", target(t), us / 1_000),
        Action::Isolate(t) => format!("isolate {}", target(t)),
        Action::Rejoin(t) => format!("reconnect {}", target(t)),
        Action::Partition(groups) => format!("partition {}", labels.groups(groups)),
        Action::CutLink(a, b) => format!("cut the link {}→{}", node(a), node(b)),
        Action::Heal => "heal the network".to_owned(),
        Action::SetLoss(p) => format!("set message loss to {}%", percent(*p)),
        Action::SetDuplication(p) => format!("set message duplication to {}%", percent(*p)),
        Action::SetLinkLoss(a, b, p) => {
            format!("set loss on {}→{} to {}%", node(a), node(b), percent(*p))
        }
        Action::DropNext(a, b) => format!("drop the next message {}→{}", node(a), node(b)),
        Action::DropMessage(id) => format!("drop message #{}", id.0),
        Action::DelayMessage(id, us) => format!("delay message #{} by {}ms", id.0, us / 1_000),
        Action::DuplicateMessage(id) => format!("duplicate message #{}", id.0),
        Action::Timeout(t) => format!("force a timeout on {}", target(t)),
        Action::ClockJump(t, us) => format!("move {}'s clock by {}ms", target(t), us / 1_000),
        Action::SetDrift(t, ppm) => format!("make {}'s clock drift {ppm}ppm", target(t)),
        Action::Request(t, r) => format!("{} to {}", r.describe(LANG, labels), target(t)),
    }
}

pub(super) fn skip_reason<T: Describe>(
    reason: SkipReason,
    target: Option<&Target<T>>,
    labels: &Labels,
) -> String {
    let l = |id: crate::sim::NodeId| labels.get(id);
    match reason {
        SkipReason::NoTarget => match target {
            Some(Target::Node(id)) => format!("{} does not exist", l(*id)),
            Some(Target::Alias(role)) => {
                format!("no node is {} right now", role.describe(LANG, labels))
            }
            Some(Target::Leader) | None => "there is no leader right now".to_owned(),
        },
        SkipReason::Down(id) => format!("{} is down", l(id)),
        SkipReason::AlreadyDown(id) => format!("{} is already down", l(id)),
        SkipReason::NotDown(id) => format!("{} is not down", l(id)),
        SkipReason::NotRunning(id) => format!("{} is not running", l(id)),
        SkipReason::TurnedAway(id) => format!("{} turned it away", l(id)),
        SkipReason::NoSuchLink => "no such link".to_owned(),
        SkipReason::MessageGone => "that message is no longer in flight".to_owned(),
    }
}

pub(super) fn stall(stall: Stall) -> String {
    match stall {
        Stall::Spinning { at } => format!(
            "the simulation makes no progress: {MAX_EVENTS_PER_INSTANT} events at t={} without the clock moving (work scheduled for the same instant over and over)",
            format_time(at)
        ),
        Stall::Flooded { at } => format!(
            "the simulation stops: more than {MAX_IN_FLIGHT} messages in flight at t={} (messages are sent far faster than they land)",
            format_time(at)
        ),
    }
}
