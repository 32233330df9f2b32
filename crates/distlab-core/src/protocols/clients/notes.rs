//! What client processes say about their requests, the monitor's finding
//! on their history, and their history's records in words, each sentence
//! with its languages side by side.

use crate::history::{EventKind, Explanation, Outcome};
use crate::sim::{Labels, NodeId};
use crate::units::Lang;
use crate::{say, text};

use super::client::ClientTimer;
use super::op::{ClientEvent, ClientOp};

/// One explanation about a client process's request, or the monitor's
/// finding on the clients' history.
#[derive(Clone, Debug, PartialEq)]
pub enum ClientNote<M> {
    Sends {
        me: NodeId,
        to: NodeId,
        op: ClientOp<M>,
        seq: u64,
        attempt: u32,
    },
    FollowsRedirect {
        me: NodeId,
        from: NodeId,
        leader: NodeId,
    },
    IgnoresLateAnswer {
        me: NodeId,
        from: NodeId,
        seq: u64,
    },
    GivesUp {
        me: NodeId,
        op: ClientOp<M>,
    },
    /// A server that does not lead turns a client away, naming the leader
    /// it knows.
    Redirects {
        me: NodeId,
        client: NodeId,
        hint: Option<NodeId>,
    },
    /// The leader's state machine ran this request already.
    AnswersRepeat {
        me: NodeId,
        client: NodeId,
    },
    /// The clients' history cannot be put in one order.
    NotLinearizable(Explanation),
}

impl<M> ClientNote<M> {
    /// What the note says in `lang`.
    pub fn describe(&self, lang: Lang, labels: &Labels) -> String {
        let l = |id: &NodeId| labels.get(*id);
        match self {
            ClientNote::Sends {
                me,
                to,
                op,
                seq,
                attempt: 1,
            } => say!(lang,
                en: "{me} sends request {seq} ({op}) to {to}, the leader it believes in",
                zh: "{me} 把请求 {seq}（{op}）发给它认为的领导者 {to}",
                me = l(me), to = l(to)),
            ClientNote::Sends {
                me,
                to,
                op,
                seq,
                attempt,
            } => say!(lang,
                en: "{me} sends request {seq} ({op}) again, to {to}, with the same number (attempt {attempt})",
                zh: "{me} 以同一编号再次把请求 {seq}（{op}）发给 {to}（第 {attempt} 次）",
                me = l(me), to = l(to)),
            ClientNote::FollowsRedirect { me, from, leader } => say!(lang,
                en: "{from} says {leader} leads, so {me} asks {leader}",
                zh: "{from} 说 {leader} 是领导者，于是 {me} 去问 {leader}",
                me = l(me), from = l(from), leader = l(leader)),
            ClientNote::IgnoresLateAnswer { me, from, seq } => say!(lang,
                en: "{me} no longer waits for request {seq}: it ignores {from}'s late answer",
                zh: "{me} 已不再等待请求 {seq}：它忽略 {from} 迟到的回答",
                me = l(me), from = l(from)),
            ClientNote::GivesUp {
                me,
                op: op @ ClientOp::Write { .. },
            } => say!(lang,
                en: "{me} gives up on {op} without an answer: the write may still take effect later (info)",
                zh: "{me} 没等到回答，放弃了 {op}：这次写入之后仍可能生效（info）",
                me = l(me)),
            ClientNote::GivesUp { me, op } => say!(lang,
                en: "{me} gives up on {op} without an answer: a read changes nothing, so it failed",
                zh: "{me} 没等到回答，放弃了 {op}：读取不改变任何东西，所以算失败",
                me = l(me)),
            ClientNote::Redirects {
                me,
                client,
                hint: Some(leader),
            } => say!(lang,
                en: "{me} is not the leader; it tells {client} to ask {leader}",
                zh: "{me} 不是领导者；它让 {client} 去问 {leader}",
                me = l(me), client = l(client), leader = l(leader)),
            ClientNote::Redirects {
                me,
                client,
                hint: None,
            } => say!(lang,
                en: "{me} is not the leader and knows no leader; it tells {client} so",
                zh: "{me} 不是领导者，也不知道谁是领导者；它如实告诉 {client}",
                me = l(me), client = l(client)),
            ClientNote::AnswersRepeat { me, client } => say!(lang,
                en: "leader {me} has already applied this request of {client}: it answers again without applying it twice",
                zh: "领导者 {me} 已经应用过 {client} 的这个请求：它再次作答，但不会应用两次",
                me = l(me), client = l(client)),
            ClientNote::NotLinearizable(explanation) => explanation.describe(lang),
        }
    }
}

impl ClientTimer {
    /// What the timer firing means, in `lang`.
    pub fn describe(self, lang: Lang) -> &'static str {
        match self {
            ClientTimer::NextOp => {
                text!(lang, en: "time for the next operation", zh: "该发起下一个操作了")
            }
            ClientTimer::Retry => text!(lang, en: "no answer in time", zh: "未按时收到回答"),
        }
    }
}

/// One event of a client's history (`invoke`, `ok`, `fail`, `info`) in
/// words.
pub fn describe_record(kind: EventKind, e: &ClientEvent, lang: Lang) -> String {
    let client = &e.client;
    let op = operation(e, lang);
    match kind {
        EventKind::Invoke => say!(lang,
            en: "{client} invokes {op}",
            zh: "{client} 发起 {op}"),
        EventKind::Done(Outcome::Ok) => say!(lang,
            en: "{client}'s {op} is done (ok)",
            zh: "{client} 的 {op} 完成（ok）"),
        EventKind::Done(Outcome::Fail) => say!(lang,
            en: "{client}'s {op} certainly took no effect (fail)",
            zh: "{client} 的 {op} 确定没有生效（fail）"),
        EventKind::Done(Outcome::Info) => say!(lang,
            en: "{client} does not know whether its {op} took effect (info)",
            zh: "{client} 不知道它的 {op} 是否生效（info）"),
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
