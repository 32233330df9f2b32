//! Paxos's trace records, timers, requests and lesson goals in words, in
//! each language.

use super::{en, zh};
use crate::protocols::paxos::goals::PaxosCondition;
use crate::protocols::paxos::messages::{PaxosObs, PaxosTimer};
use crate::protocols::paxos::node::Propose;
use crate::sim::{Labels, NodeId};
use crate::units::Lang;

pub(super) fn obs(obs: &PaxosObs, lang: Lang, labels: &Labels) -> String {
    match lang {
        Lang::En => en_obs(obs, labels),
        Lang::Zh => zh_obs(obs, labels),
    }
}

pub(super) fn timer(timer: PaxosTimer, lang: Lang) -> &'static str {
    match lang {
        Lang::En => en_timer(timer),
        Lang::Zh => zh_timer(timer),
    }
}

pub(super) fn request(request: &Propose, lang: Lang) -> String {
    match lang {
        Lang::En => en_request(request),
        Lang::Zh => zh_request(request),
    }
}

pub(super) fn goal(goal: &PaxosCondition, lang: Lang) -> String {
    match lang {
        Lang::En => en_goal(goal),
        Lang::Zh => zh_goal(goal),
    }
}

fn en_obs(obs: &PaxosObs, labels: &Labels) -> String {
    let l = |id: &NodeId| labels.get(*id);
    match obs {
        PaxosObs::Chosen {
            slot,
            command,
            ballot,
            node,
        } => format!(
            "{} learns {} is chosen in slot {slot} (ballot {ballot})",
            l(node),
            en::q(command)
        ),
        PaxosObs::Execute {
            node,
            slot,
            cmd,
            value,
        } => format!("{} runs \"{value}\" ({cmd}) from slot {slot}", l(node)),
        PaxosObs::Propose { node, command } => {
            format!("{} proposes {}", l(node), en::with_id(command))
        }
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
fn en_timer(timer: PaxosTimer) -> &'static str {
    match timer {
        PaxosTimer::Election => "election timer fires",
        PaxosTimer::Retry => "back-off timer fires",
        PaxosTimer::Timeout => "phase timer fires",
        PaxosTimer::Heartbeat => "heartbeat timer fires",
    }
}
fn en_request(request: &Propose) -> String {
    format!("client asks to propose \"{}\"", request.0)
}
fn en_goal(goal: &PaxosCondition) -> String {
    match goal {
        PaxosCondition::Chosen(s) => format!("a learner learns the value chosen in slot {s}"),
        PaxosCondition::ChosenOnAll(s) => format!("every learner learns slot {s}"),
        PaxosCondition::Learned(n, s, v) => {
            format!("S{} learns \"{v}\" is chosen in slot {s}", n.0)
        }
        PaxosCondition::ChosenSince(1) => "1 more slot is chosen".to_owned(),
        PaxosCondition::ChosenSince(k) => format!("{k} more slots are chosen"),
        PaxosCondition::BallotAtLeast(r) => {
            format!("an acceptor promises a ballot of round {r} or higher")
        }
        PaxosCondition::NoopChosen => "a no-op is chosen in some slot".to_owned(),
        PaxosCondition::Leading(n) => format!("S{} leads", n.0),
        PaxosCondition::Follows(n) => format!("S{} follows a leader", n.0),
    }
}

fn zh_obs(obs: &PaxosObs, labels: &Labels) -> String {
    let l = |id: &NodeId| labels.get(*id);
    match obs {
        PaxosObs::Chosen {
            slot,
            command,
            ballot,
            node,
        } => format!(
            "{} 得知槽 {slot} 选定了 {}（提案编号 {ballot}）",
            l(node),
            zh::q(command)
        ),
        PaxosObs::Execute {
            node,
            slot,
            cmd,
            value,
        } => format!("{} 执行槽 {slot} 的 \"{value}\"（{cmd}）", l(node)),
        PaxosObs::Propose { node, command } => {
            format!("{} 提议 {}", l(node), zh::with_id(command))
        }
        PaxosObs::Leader {
            node,
            ballot,
            leads: true,
        } => format!("{} 以提案编号 {ballot} 成为领导者", l(node)),
        PaxosObs::Leader { node, ballot, .. } => {
            format!("{} 不再以提案编号 {ballot} 领导", l(node))
        }
    }
}
fn zh_timer(timer: PaxosTimer) -> &'static str {
    match timer {
        PaxosTimer::Election => "选举计时器到时",
        PaxosTimer::Retry => "退避计时器到时",
        PaxosTimer::Timeout => "阶段计时器到时",
        PaxosTimer::Heartbeat => "心跳计时器到时",
    }
}
fn zh_request(request: &Propose) -> String {
    format!("客户端请求提议 \"{}\"", request.0)
}
fn zh_goal(goal: &PaxosCondition) -> String {
    match goal {
        PaxosCondition::Chosen(s) => format!("有学习者得知槽 {s} 的选定值"),
        PaxosCondition::ChosenOnAll(s) => format!("所有学习者都得知槽 {s} 的选定值"),
        PaxosCondition::Learned(n, s, v) => format!("S{} 得知槽 {s} 选定了 \"{v}\"", n.0),
        PaxosCondition::ChosenSince(k) => format!("又有 {k} 个槽被选定"),
        PaxosCondition::BallotAtLeast(r) => format!("有接受者承诺了轮次不低于 {r} 的提案编号"),
        PaxosCondition::NoopChosen => "某个槽选定了空操作（no-op）".to_owned(),
        PaxosCondition::Leading(n) => format!("S{} 成为领导者", n.0),
        PaxosCondition::Follows(n) => format!("S{} 跟随一个领导者", n.0),
    }
}
