//! Raft's trace records and timers in words, and the names of its roles,
//! each with its languages side by side.

use crate::protocols::raft::messages::{ClientEvent, RaftObs, RaftTimer, Role};
use crate::sim::{Labels, NodeId};
use crate::units::Lang;
use crate::{say, text};

/// What `obs` says in `lang`.
pub(super) fn obs(obs: &RaftObs, lang: Lang, labels: &Labels) -> String {
    let l = |id: &NodeId| labels.get(*id);
    match obs {
        RaftObs::Role {
            node,
            term,
            role: r,
        } => say!(lang,
            en: "{node} is {role} in term {term}",
            zh: "{node} 在任期 {term} 成为{role}",
            node = l(node), role = role(lang, *r)),
        RaftObs::Vote {
            node,
            term,
            candidate,
        } => say!(lang,
            en: "{node} votes for {candidate} in term {term}",
            zh: "{node} 在任期 {term} 投票给 {candidate}",
            node = l(node), candidate = l(candidate)),
        RaftObs::Commit {
            node,
            index,
            term,
            value,
        } => say!(lang,
            en: "{node} commits entry {index} (term {term}): {value}",
            zh: "{node} 提交第 {index} 条（任期 {term}）：{value}",
            node = l(node)),
        RaftObs::Truncate {
            node,
            index,
            removed,
        } => say!(lang,
        en: "{node} deletes {entries} from index {index}",
        zh: "{node} 从索引 {index} 起删除 {entries}",
        node = l(node), entries = if *removed == 1 {
            say!(lang, en: "{removed} conflicting entry", zh: "{removed} 条冲突的条目")
        } else {
            say!(lang, en: "{removed} conflicting entries", zh: "{removed} 条冲突的条目")
        }),
        RaftObs::Invoke(e) => say!(lang,
            en: "{client} invokes {op}",
            zh: "{client} 发起 {op}",
            client = e.client, op = operation(e, lang)),
        RaftObs::Ok(e) => say!(lang,
            en: "{client}'s {op} is done (ok)",
            zh: "{client} 的 {op} 完成（ok）",
            client = e.client, op = operation(e, lang)),
        RaftObs::Fail(e) => say!(lang,
            en: "{client}'s {op} certainly took no effect (fail)",
            zh: "{client} 的 {op} 确定没有生效（fail）",
            client = e.client, op = operation(e, lang)),
        RaftObs::Info(e) => say!(lang,
            en: "{client} does not know whether its {op} took effect (info)",
            zh: "{client} 不知道它的 {op} 是否生效（info）",
            client = e.client, op = operation(e, lang)),
    }
}

/// `read x = 3`, `write x = 11`, `read x`.
fn operation(e: &ClientEvent, lang: Lang) -> String {
    let key = &e.key;
    let read = e.op == "read";
    match &e.value {
        Some(value) if read => say!(lang, en: "read {key} = {value}", zh: "读 {key} = {value}"),
        Some(value) => say!(lang, en: "write {key} = {value}", zh: "写 {key} = {value}"),
        None if read => say!(lang, en: "read {key}", zh: "读 {key}"),
        None => say!(lang, en: "write {key} = nil", zh: "写 {key} = nil"),
    }
}

/// What a timer firing says in `lang`.
pub(super) fn timer(timer: RaftTimer, lang: Lang) -> &'static str {
    match timer {
        RaftTimer::Election => text!(lang, en: "election timer fires", zh: "选举计时器到时"),
        RaftTimer::Heartbeat => text!(lang, en: "heartbeat timer fires", zh: "心跳计时器到时"),
        RaftTimer::NextOp => {
            text!(lang, en: "time for the next operation", zh: "该发起下一个操作了")
        }
        RaftTimer::Retry => text!(lang, en: "no answer in time", zh: "未按时收到回答"),
    }
}

/// A role's name in `lang`.
pub(super) fn role(lang: Lang, role: Role) -> &'static str {
    match role {
        Role::Follower => text!(lang, en: "follower", zh: "跟随者"),
        Role::PreCandidate => text!(lang, en: "precandidate", zh: "预候选人"),
        Role::Candidate => text!(lang, en: "candidate", zh: "候选人"),
        Role::Leader => text!(lang, en: "leader", zh: "领导者"),
    }
}
