//! What servers and client processes say about client requests and reads,
//! and the linearizability finding, each sentence with its languages side
//! by side.

use std::sync::Arc;

use crate::history::Explanation;
use crate::protocols::raft::messages::ClientOp;
use crate::protocols::raft::workload::ReadMode;
use crate::sim::{Labels, NodeId};
use crate::units::Lang;
use crate::{say, text};

/// One explanation about a client process's request, or the monitor's
/// finding on the clients' history.
#[derive(Clone, Debug, PartialEq)]
pub enum ReadNote {
    RedirectsClient {
        me: NodeId,
        client: NodeId,
        hint: Option<NodeId>,
    },
    AnswersRepeat {
        me: NodeId,
        client: NodeId,
    },
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
    ClientSends {
        me: NodeId,
        to: NodeId,
        op: ClientOp,
        seq: u64,
        attempt: u32,
    },
    ClientFollowsRedirect {
        me: NodeId,
        from: NodeId,
        leader: NodeId,
    },
    ClientIgnoresLateAnswer {
        me: NodeId,
        from: NodeId,
        seq: u64,
    },
    ClientGivesUp {
        me: NodeId,
        op: ClientOp,
    },
    IgnoresVoteLeaderRecent {
        me: NodeId,
        from: NodeId,
        term: u64,
    },
    /// The clients' history cannot be put in one order.
    NotLinearizable(Explanation),
}

/// What `note` says in `lang`.
pub(super) fn note(note: &ReadNote, lang: Lang, labels: &Labels) -> String {
    let l = |id: &NodeId| labels.get(*id);
    let shown = |value: &Option<Arc<str>>| match value {
        Some(v) => v.to_string(),
        None => "nil".to_owned(),
    };
    match note {
        ReadNote::RedirectsClient {
            me,
            client,
            hint: Some(leader),
        } => say!(lang,
            en: "{me} is not the leader; it tells {client} to ask {leader}",
            zh: "{me} 不是领导者；它让 {client} 去问 {leader}",
            me = l(me), client = l(client), leader = l(leader)),
        ReadNote::RedirectsClient {
            me,
            client,
            hint: None,
        } => say!(lang,
            en: "{me} is not the leader and knows no leader; it tells {client} so",
            zh: "{me} 不是领导者，也不知道谁是领导者；它如实告诉 {client}",
            me = l(me), client = l(client)),
        ReadNote::AnswersRepeat { me, client } => say!(lang,
            en: "leader {me} has already applied this request of {client}: it answers again without applying it twice",
            zh: "领导者 {me} 已经应用过 {client} 的这个请求：它再次作答，但不会应用两次",
            me = l(me), client = l(client)),
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
        ReadNote::ClientSends {
            me,
            to,
            op,
            seq,
            attempt: 1,
        } => say!(lang,
            en: "{me} sends request {seq} ({op}) to {to}, the leader it believes in",
            zh: "{me} 把请求 {seq}（{op}）发给它认为的领导者 {to}",
            me = l(me), to = l(to)),
        ReadNote::ClientSends {
            me,
            to,
            op,
            seq,
            attempt,
        } => say!(lang,
            en: "{me} sends request {seq} ({op}) again, to {to}, with the same number (attempt {attempt})",
            zh: "{me} 以同一编号再次把请求 {seq}（{op}）发给 {to}（第 {attempt} 次）",
            me = l(me), to = l(to)),
        ReadNote::ClientFollowsRedirect { me, from, leader } => say!(lang,
            en: "{from} says {leader} leads, so {me} asks {leader}",
            zh: "{from} 说 {leader} 是领导者，于是 {me} 去问 {leader}",
            me = l(me), from = l(from), leader = l(leader)),
        ReadNote::ClientIgnoresLateAnswer { me, from, seq } => say!(lang,
            en: "{me} no longer waits for request {seq}: it ignores {from}'s late answer",
            zh: "{me} 已不再等待请求 {seq}：它忽略 {from} 迟到的回答",
            me = l(me), from = l(from)),
        ReadNote::ClientGivesUp {
            me,
            op: op @ ClientOp::Write { .. },
        } => say!(lang,
            en: "{me} gives up on {op} without an answer: the write may still take effect later (info)",
            zh: "{me} 没等到回答，放弃了 {op}：这次写入之后仍可能生效（info）",
            me = l(me)),
        ReadNote::ClientGivesUp { me, op } => say!(lang,
            en: "{me} gives up on {op} without an answer: a read changes nothing, so it failed",
            zh: "{me} 没等到回答，放弃了 {op}：读取不改变任何东西，所以算失败",
            me = l(me)),
        ReadNote::IgnoresVoteLeaderRecent { me, from, term } => say!(lang,
            en: "{me} heard from a leader within the minimum election timeout, so it ignores {from}'s request for votes in term {term}: a leader's lease counts on it",
            zh: "{me} 在最短选举超时内听到过领导者，于是不理会 {from} 在任期 {term} 的拉票：领导者的租约依赖这一点",
            me = l(me), from = l(from)),
        ReadNote::NotLinearizable(explanation) => explanation.describe(lang),
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
