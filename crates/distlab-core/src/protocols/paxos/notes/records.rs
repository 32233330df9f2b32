//! Paxos's trace records, timers, requests and lesson goals in words,
//! each with its languages side by side.

use super::words::{id_of, q, with_id};
use crate::history::{EventKind, Outcome};
use crate::protocols::clients::{describe_record, ClientTimer};
use crate::protocols::paxos::goals::PaxosCondition;
use crate::protocols::paxos::member::Submit;
use crate::protocols::paxos::messages::{PaxosObs, PaxosTimer};
use crate::sim::{Labels, NodeId};
use crate::units::Lang;
use crate::{say, text};

/// What `obs` says in `lang`.
pub(super) fn obs(obs: &PaxosObs, lang: Lang, labels: &Labels) -> String {
    let l = |id: &NodeId| labels.get(*id);
    match obs {
        PaxosObs::Chosen {
            slot,
            command,
            ballot,
            node,
        } => say!(lang,
            en: "{node} learns {command} is chosen in slot {slot} (ballot {ballot})",
            zh: "{node} 得知槽 {slot} 选定了 {command}（提案编号 {ballot}）",
            node = l(node), command = q(lang, command)),
        PaxosObs::Execute {
            node,
            slot,
            cmd,
            value,
        } => say!(lang,
            en: "{node} runs \"{value}\" ({cmd}) from slot {slot}",
            zh: "{node} 执行槽 {slot} 的 \"{value}\"（{cmd}）",
            node = l(node), cmd = id_of(labels, *cmd)),
        PaxosObs::Propose { node, command } => say!(lang,
            en: "{node} proposes {command}",
            zh: "{node} 提议 {command}",
            node = l(node), command = with_id(lang, labels, command)),
        PaxosObs::Leader {
            node,
            ballot,
            leads: true,
        } => say!(lang,
            en: "{node} leads with ballot {ballot}",
            zh: "{node} 以提案编号 {ballot} 成为领导者",
            node = l(node)),
        PaxosObs::Leader { node, ballot, .. } => say!(lang,
            en: "{node} stops leading ballot {ballot}",
            zh: "{node} 不再以提案编号 {ballot} 领导",
            node = l(node)),
        PaxosObs::Invoke(e) => describe_record(EventKind::Invoke, e, lang),
        PaxosObs::Ok(e) => describe_record(EventKind::Done(Outcome::Ok), e, lang),
        PaxosObs::Fail(e) => describe_record(EventKind::Done(Outcome::Fail), e, lang),
        PaxosObs::Info(e) => describe_record(EventKind::Done(Outcome::Info), e, lang),
    }
}

/// What a timer firing says in `lang`.
pub(super) fn timer(timer: PaxosTimer, lang: Lang) -> &'static str {
    match timer {
        PaxosTimer::Election => text!(lang, en: "election timer fires", zh: "选举计时器到时"),
        PaxosTimer::Retry => text!(lang, en: "back-off timer fires", zh: "退避计时器到时"),
        PaxosTimer::Timeout => text!(lang, en: "phase timer fires", zh: "阶段计时器到时"),
        PaxosTimer::Heartbeat => text!(lang, en: "heartbeat timer fires", zh: "心跳计时器到时"),
        PaxosTimer::NextOp => ClientTimer::NextOp.describe(lang),
        PaxosTimer::ClientRetry => ClientTimer::Retry.describe(lang),
    }
}

pub(super) fn request(request: &Submit, lang: Lang) -> String {
    match request {
        Submit::Propose(value) => say!(lang,
            en: "client asks to propose \"{value}\"",
            zh: "客户端请求提议 \"{value}\""),
        Submit::Write(value) => say!(lang, en: "client write {value}", zh: "客户端写入 {value}"),
        Submit::Read(key) => say!(lang, en: "client read of {key}", zh: "客户端读取 {key}"),
    }
}

/// A lesson goal in `lang`.
pub(super) fn goal(goal: &PaxosCondition, lang: Lang) -> String {
    match goal {
        PaxosCondition::Chosen(s) => say!(lang,
            en: "a learner learns the value chosen in slot {s}",
            zh: "有学习者得知槽 {s} 的选定值"),
        PaxosCondition::ChosenOnAll(s) => say!(lang,
            en: "every learner learns slot {s}",
            zh: "所有学习者都得知槽 {s} 的选定值"),
        PaxosCondition::Learned(n, s, v) => say!(lang,
            en: "S{node} learns \"{v}\" is chosen in slot {s}",
            zh: "S{node} 得知槽 {s} 选定了 \"{v}\"",
            node = n.0),
        PaxosCondition::ChosenSince(1) => say!(lang,
            en: "1 more slot is chosen",
            zh: "又有 1 个槽被选定"),
        PaxosCondition::ChosenSince(k) => say!(lang,
            en: "{k} more slots are chosen",
            zh: "又有 {k} 个槽被选定"),
        PaxosCondition::BallotAtLeast(r) => say!(lang,
            en: "an acceptor promises a ballot of round {r} or higher",
            zh: "有接受者承诺了轮次不低于 {r} 的提案编号"),
        PaxosCondition::NoopChosen => text!(lang,
            en: "a no-op is chosen in some slot",
            zh: "某个槽选定了空操作（no-op）")
        .to_owned(),
        PaxosCondition::Leading(n) => say!(lang,
            en: "S{node} leads",
            zh: "S{node} 成为领导者",
            node = n.0),
        PaxosCondition::Follows(n) => say!(lang,
            en: "S{node} follows a leader",
            zh: "S{node} 跟随一个领导者",
            node = n.0),
    }
}
