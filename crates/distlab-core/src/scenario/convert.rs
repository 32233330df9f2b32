//! Between the file's actions (1-based nodes, milliseconds) and the
//! simulator's (node indexes, microseconds).

use super::spec::ActionSpec;
use crate::protocols::{node_id as node, node_num as num, target, target_spec, ActionOf, Family};
use crate::sim::{Action, MsgId};
use crate::units::Probability;

const US_PER_MS: u64 = 1_000;

/// The simulator action a file's action stands for. The file was checked
/// when read (node numbers against the cluster), so this cannot fail.
pub fn to_sim<F: Family>(spec: &ActionSpec<F>) -> ActionOf<F> {
    match spec {
        ActionSpec::Crash(t) => Action::Crash(target(*t)),
        ActionSpec::Restart(t) => Action::Restart(target(*t)),
        ActionSpec::ToggleCrash(t) => Action::ToggleCrash(target(*t)),
        ActionSpec::Pause(t, ms) => Action::Pause(target(*t), ms.saturating_mul(US_PER_MS)),
        ActionSpec::Isolate(t) => Action::Isolate(target(*t)),
        ActionSpec::Rejoin(t) => Action::Rejoin(target(*t)),
        ActionSpec::Partition(groups) => Action::Partition(
            groups
                .iter()
                .map(|g| g.iter().map(|&n| node(n)).collect())
                .collect(),
        ),
        ActionSpec::CutLink(a, b) => Action::CutLink(node(*a), node(*b)),
        ActionSpec::Heal => Action::Heal,
        ActionSpec::SetLoss(p) => Action::SetLoss(p.0),
        ActionSpec::SetDuplication(p) => Action::SetDuplication(p.0),
        ActionSpec::SetLinkLoss(a, b, p) => Action::SetLinkLoss(node(*a), node(*b), p.0),
        ActionSpec::DropNext(a, b) => Action::DropNext(node(*a), node(*b)),
        ActionSpec::DropMessage(id) => Action::DropMessage(MsgId(*id)),
        ActionSpec::DelayMessage(id, ms) => {
            Action::DelayMessage(MsgId(*id), ms.saturating_mul(US_PER_MS))
        }
        ActionSpec::DuplicateMessage(id) => Action::DuplicateMessage(MsgId(*id)),
        ActionSpec::Timeout(t) => Action::Timeout(target(*t)),
        ActionSpec::DeliverMessage(id) => Action::DeliverMessage(MsgId(*id)),
        ActionSpec::FireTimer(t, name) => Action::FireTimer(target(*t), name.clone()),
        ActionSpec::ClockJump(t, ms) => {
            Action::ClockJump(target(*t), ms.saturating_mul(US_PER_MS as i64))
        }
        ActionSpec::SetDrift(t, ppm) => Action::SetDrift(target(*t), *ppm),
        ActionSpec::Request(request) => {
            let (to, request) = F::request_to_sim(request);
            Action::Request(to, request)
        }
    }
}

/// The file form of a simulator action. Durations are written in whole
/// milliseconds, which is the unit every way of typing an action uses.
pub fn from_sim<F: Family>(action: &ActionOf<F>) -> Option<ActionSpec<F>> {
    Some(match action {
        Action::Crash(t) => ActionSpec::Crash(target_spec(*t)),
        Action::Restart(t) => ActionSpec::Restart(target_spec(*t)),
        Action::ToggleCrash(t) => ActionSpec::ToggleCrash(target_spec(*t)),
        Action::Pause(t, us) => ActionSpec::Pause(target_spec(*t), us / US_PER_MS),
        Action::Isolate(t) => ActionSpec::Isolate(target_spec(*t)),
        Action::Rejoin(t) => ActionSpec::Rejoin(target_spec(*t)),
        Action::Partition(groups) => ActionSpec::Partition(
            groups
                .iter()
                .map(|g| g.iter().map(|&id| num(id)).collect())
                .collect(),
        ),
        Action::CutLink(a, b) => ActionSpec::CutLink(num(*a), num(*b)),
        Action::Heal => ActionSpec::Heal,
        Action::SetLoss(p) => ActionSpec::SetLoss(Probability(*p)),
        Action::SetDuplication(p) => ActionSpec::SetDuplication(Probability(*p)),
        Action::SetLinkLoss(a, b, p) => ActionSpec::SetLinkLoss(num(*a), num(*b), Probability(*p)),
        Action::DropNext(a, b) => ActionSpec::DropNext(num(*a), num(*b)),
        Action::DropMessage(id) => ActionSpec::DropMessage(id.0),
        Action::DelayMessage(id, us) => ActionSpec::DelayMessage(id.0, us / US_PER_MS),
        Action::DuplicateMessage(id) => ActionSpec::DuplicateMessage(id.0),
        Action::Timeout(t) => ActionSpec::Timeout(target_spec(*t)),
        Action::DeliverMessage(id) => ActionSpec::DeliverMessage(id.0),
        Action::FireTimer(t, name) => ActionSpec::FireTimer(target_spec(*t), name.clone()),
        Action::ClockJump(t, us) => ActionSpec::ClockJump(target_spec(*t), us / US_PER_MS as i64),
        Action::SetDrift(t, ppm) => ActionSpec::SetDrift(target_spec(*t), *ppm),
        Action::Request(t, request) => ActionSpec::Request(F::request_from_sim(*t, request)?),
    })
}
