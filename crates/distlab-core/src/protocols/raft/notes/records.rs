//! Raft's trace records and timers in words, and the names of its roles,
//! each with its languages side by side.

use crate::history::{EventKind, Outcome};
use crate::protocols::clients::{describe_record, ClientTimer};
use crate::protocols::raft::messages::{RaftObs, RaftTimer, Role};
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
        RaftObs::Snapshot { node, index, term } => say!(lang,
            en: "{node} replaces its log up to entry {index} (term {term}) with a snapshot",
            zh: "{node} 用快照取代第 {index} 条（任期 {term}）及之前的日志",
            node = l(node)),
        RaftObs::InstallSnapshot {
            node,
            from,
            index,
            kept,
            ..
        } => say!(lang,
            en: "{node} installs {from}'s snapshot up to entry {index}, keeping {kept} later entries",
            zh: "{node} 安装 {from} 的快照（到第 {index} 条），保留其后的 {kept} 条",
            node = l(node), from = l(from)),
        RaftObs::CatchUp {
            node,
            server,
            round,
            upto,
        } => say!(lang,
            en: "{node} brings {server} up to date as a learner before adding it: round {round} ends once {server} holds the log up to {upto}",
            zh: "{node} 在加入 {server} 之前先让它作为学习者追上日志：第 {round} 轮在 {server} 存下到第 {upto} 条的日志时结束",
            node = l(node), server = l(server)),
        RaftObs::Config { node, members } => say!(lang,
            en: "{node}'s configuration is now {members}",
            zh: "{node} 的配置现在是 {members}",
            node = l(node), members = super::words::member_list(members, labels)),
        RaftObs::Invoke(e) => describe_record(EventKind::Invoke, e, lang),
        RaftObs::Ok(e) => describe_record(EventKind::Done(Outcome::Ok), e, lang),
        RaftObs::Fail(e) => describe_record(EventKind::Done(Outcome::Fail), e, lang),
        RaftObs::Info(e) => describe_record(EventKind::Done(Outcome::Info), e, lang),
    }
}

/// What a timer firing says in `lang`.
pub(super) fn timer(timer: RaftTimer, lang: Lang) -> &'static str {
    match timer {
        RaftTimer::Election => text!(lang, en: "election timer fires", zh: "选举计时器到时"),
        RaftTimer::Heartbeat => text!(lang, en: "heartbeat timer fires", zh: "心跳计时器到时"),
        RaftTimer::NextOp => ClientTimer::NextOp.describe(lang),
        RaftTimer::Retry => ClientTimer::Retry.describe(lang),
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
