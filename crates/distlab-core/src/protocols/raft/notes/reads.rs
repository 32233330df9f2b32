//! What servers say about client requests and reads, each sentence with
//! its languages side by side.

use std::sync::Arc;

use crate::protocols::raft::workload::ReadMode;
use crate::sim::{Labels, NodeId};
use crate::units::Lang;
use crate::{say, text};

/// One explanation about a server's part in a client process's request.
#[derive(Clone, Debug, PartialEq)]
pub enum ReadNote {
    AnswersRead {
        me: NodeId,
        client: NodeId,
        key: Arc<str>,
        value: Option<Arc<str>>,
        mode: ReadMode,
    },
    HoldsRead {
        me: NodeId,
        client: NodeId,
        key: Arc<str>,
        leased: bool,
    },
    ConfirmsLeadership {
        me: NodeId,
        index: u64,
    },
    ShowsValue {
        me: NodeId,
        key: Arc<str>,
        value: Option<Arc<str>>,
    },
    IgnoresVoteLeaderRecent {
        me: NodeId,
        from: NodeId,
        term: u64,
    },
}

/// What `note` says in `lang`.
pub(super) fn note(note: &ReadNote, lang: Lang, labels: &Labels) -> String {
    let l = |id: &NodeId| labels.get(*id);
    let shown = |value: &Option<Arc<str>>| match value {
        Some(v) => v.to_string(),
        None => "nil".to_owned(),
    };
    match note {
        ReadNote::AnswersRead {
            me,
            client,
            key,
            value,
            mode,
        } => say!(lang,
            en: "{me} answers {client}'s read: {key} = {value} {how}",
            zh: "{me} 回答 {client} 的读取：{key} = {value}{how}",
            me = l(me), client = l(client), value = shown(value), how = read_how(*mode, lang)),
        ReadNote::HoldsRead {
            me,
            client,
            key,
            leased: true,
        } => say!(lang,
            en: "leader {me} holds a lease (a majority heard from it recently): it will answer {client}'s read of {key} once its commit index is applied, without a round",
            zh: "领导者 {me} 持有租约（多数节点刚听到过它）：等提交索引应用后就回答 {client} 对 {key} 的读取，无需再发一轮",
            me = l(me), client = l(client)),
        ReadNote::HoldsRead {
            me,
            client,
            key,
            leased: false,
        } => say!(lang,
            en: "leader {me} holds {client}'s read of {key} until a majority confirms it still leads",
            zh: "领导者 {me} 暂存 {client} 对 {key} 的读取，直到多数节点确认它仍是领导者",
            me = l(me), client = l(client)),
        ReadNote::ConfirmsLeadership { me, index } => say!(lang,
            en: "leader {me} notes its commit index {index} and sends a round of heartbeats: a majority must answer before it reads",
            zh: "领导者 {me} 记下提交索引 {index}，并发出一轮心跳：多数节点回应后才读取",
            me = l(me)),
        ReadNote::ShowsValue { me, key, value } => say!(lang,
            en: "{me}'s state machine holds {key} = {value}",
            zh: "{me} 的状态机中 {key} = {value}",
            me = l(me), value = shown(value)),
        ReadNote::IgnoresVoteLeaderRecent { me, from, term } => say!(lang,
            en: "{me} heard from a leader within the minimum election timeout, so it ignores {from}'s request for votes in term {term}: a leader's lease counts on it",
            zh: "{me} 在最短选举超时内听到过领导者，于是不理会 {from} 在任期 {term} 的拉票：领导者的租约依赖这一点",
            me = l(me), from = l(from)),
    }
}

/// How a read mode found its answer, after the value.
fn read_how(mode: ReadMode, lang: Lang) -> &'static str {
    match mode {
        ReadMode::Log => text!(lang,
            en: "(its read entry is applied)",
            zh: "（它的读取条目已应用）"),
        ReadMode::ReadIndex => text!(lang,
            en: "(a majority confirmed it still leads, and the read index is applied)",
            zh: "（多数节点确认它仍是领导者，且读索引已应用）"),
        ReadMode::Lease => text!(lang,
            en: "(its lease holds, on its own clock)",
            zh: "（按它自己的时钟，租约仍有效）"),
        ReadMode::LeaderLocal => text!(lang,
            en: "(from its own state: it believes it leads but has not checked)",
            zh: "（来自它自己的状态：它以为自己是领导者，但没有确认）"),
        ReadMode::FollowerLocal => text!(lang,
            en: "(from its own state, whatever its role)",
            zh: "（来自它自己的状态，不论它是什么角色）"),
    }
}
