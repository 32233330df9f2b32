//! The lock family's other values in words: what the trace records
//! (observations), what a timer means when it fires, the requests a
//! client is told to make, the members' roles, and lesson goals.

use crate::protocols::lock::goals::LockCondition;
use crate::protocols::lock::messages::{LockObs, LockTimer, Op};
use crate::protocols::lock::node::Ask;
use crate::protocols::lock::spec::LockAlias;
use crate::sim::{Labels, NodeId};
use crate::units::Lang;
use crate::{say, text};

pub(super) fn obs(obs: &LockObs, lang: Lang, labels: &Labels) -> String {
    let l = |id: &NodeId| labels.get(*id);
    let with = |token: &Option<u64>| match token {
        None => String::new(),
        Some(token) => say!(lang, en: " with token {token}", zh: "，令牌 {token}"),
    };
    match obs {
        LockObs::Acquire { client, token } => say!(lang,
            en: "{client} believes it holds the lock{with}",
            zh: "{client} 认为自己持有锁{with}",
            client = l(client), with = with(token)),
        LockObs::Release { client, token } => say!(lang,
            en: "{client} lets go of the lock{with}",
            zh: "{client} 放开了锁{with}",
            client = l(client), with = with(token)),
        LockObs::Grant {
            by, client, token, ..
        } => say!(lang,
            en: "{by} records {client} as holder{with}",
            zh: "{by} 记录 {client} 为持有者{with}",
            by = l(by), client = l(client), with = with(token)),
        LockObs::Expire {
            by, client, token, ..
        } => say!(lang,
            en: "{by}: {client}'s lock{with} expires",
            zh: "{by}：{client} 的锁过期了{with}",
            by = l(by), client = l(client), with = with(token)),
        LockObs::Write {
            client,
            op,
            value,
            accepted,
            reason,
            ..
        } => {
            let what = match op {
                Op::Read => text!(lang, en: "read", zh: "读取"),
                Op::Write => text!(lang, en: "write", zh: "写入"),
            };
            let verdict = match accepted {
                true => text!(lang, en: "accepted", zh: "被接受").to_owned(),
                false => say!(lang,
                    en: "refused: {why}",
                    zh: "被拒绝：{why}",
                    why = refusal(*reason, lang)),
            };
            say!(lang,
                en: "storage: {client}'s {what} of {value} {verdict}",
                zh: "存储：{client} 对 {value} 的{what}{verdict}",
                client = l(client))
        }
        LockObs::Wake { client } => say!(lang,
            en: "{client} is woken by a watch",
            zh: "{client} 被监视唤醒",
            client = l(client)),
    }
}

/// Why storage refused a write. Storage refuses only stale tokens; a
/// reason it records without a translation is shown as recorded.
fn refusal(reason: Option<&'static str>, lang: Lang) -> &'static str {
    match reason {
        None | Some("stale token") => text!(lang, en: "stale token", zh: "令牌过期"),
        Some(other) => other,
    }
}

pub(super) fn timer(timer: LockTimer, lang: Lang, labels: &Labels) -> String {
    match timer {
        LockTimer::Think => text!(lang,
            en: "think time is over: it goes for the lock",
            zh: "思考时间结束：它去拿锁")
        .into(),
        LockTimer::Retry => text!(lang,
            en: "retry delay is over: it asks again",
            zh: "重试等待结束：它再次请求")
        .into(),
        LockTimer::Request(_) => text!(lang,
            en: "no answer to its request in time",
            zh: "它的请求没有及时得到回应")
        .into(),
        LockTimer::Work => text!(lang, en: "its work is done", zh: "它的处理完成了").into(),
        LockTimer::Validity => text!(lang,
            en: "its validity runs out on its own clock",
            zh: "按它自己的时钟，有效时间用完")
        .into(),
        LockTimer::Storage => text!(lang,
            en: "storage did not answer in time",
            zh: "存储没有及时回应")
        .into(),
        LockTimer::Heartbeat => text!(lang,
            en: "heartbeat timer fires: it pings the service",
            zh: "心跳计时器触发：它向服务发送心跳")
        .into(),
        LockTimer::Expiry => text!(lang,
            en: "the key's time to live is up on its clock",
            zh: "按它的时钟，键的存活时间到了")
        .into(),
        LockTimer::Session(client) => say!(lang,
            en: "{client}'s session timer runs out",
            zh: "{client} 的会话计时器到期",
            client = labels.get(client)),
    }
}

/// The request key's task in a lesson's goal list.
pub(super) fn request_task(lang: Lang) -> &'static str {
    text!(lang,
        en: "acquire the lock on a client (w)",
        zh: "让一个客户端获取锁（w）")
}

pub(super) fn ask(ask: Ask, lang: Lang) -> &'static str {
    match ask {
        Ask::Acquire => text!(lang, en: "an acquire request", zh: "获取锁的请求"),
        Ask::Release => text!(lang, en: "a release request", zh: "释放锁的请求"),
    }
}

pub(super) fn role(role: LockAlias, lang: Lang) -> String {
    match role {
        LockAlias::Client(n) => format!("C{n}"),
        LockAlias::Server(n) => say!(lang, en: "lock server {n}", zh: "锁服务器 {n}"),
        LockAlias::Storage => text!(lang, en: "storage", zh: "存储").to_owned(),
        LockAlias::Holder => text!(lang, en: "the lock holder", zh: "锁的持有者").to_owned(),
    }
}

pub(super) fn goal(condition: &LockCondition, lang: Lang) -> String {
    match condition {
        LockCondition::Holds(n) => say!(lang,
            en: "C{n} believes it holds the lock",
            zh: "C{n} 认为自己持有锁"),
        LockCondition::Working(n) => say!(lang,
            en: "C{n} has read the value and is working",
            zh: "C{n} 读到值，正在处理"),
        LockCondition::Free => text!(lang,
            en: "the lock service grants the lock to no one",
            zh: "锁服务没有把锁授予任何人")
        .into(),
        LockCondition::Acquired(1) => text!(lang,
            en: "the lock is acquired once more",
            zh: "锁又被获取 1 次")
        .into(),
        LockCondition::Acquired(k) => say!(lang,
            en: "the lock is acquired {k} more times",
            zh: "锁又被获取 {k} 次"),
        LockCondition::TwoHolders => text!(lang,
            en: "two clients believe they hold the lock at once",
            zh: "两个客户端同时认为自己持有锁")
        .into(),
        LockCondition::Fenced => text!(lang,
            en: "storage refuses a stale token",
            zh: "存储拒绝了一个过期的令牌")
        .into(),
        LockCondition::Expired => text!(lang,
            en: "a lease or a session expires",
            zh: "一个租约或会话到期")
        .into(),
        LockCondition::Woken(1) => text!(lang,
            en: "a waiter is woken",
            zh: "等待者被唤醒 1 次")
        .into(),
        LockCondition::Woken(k) => say!(lang,
            en: "waiters are woken {k} times",
            zh: "等待者被唤醒 {k} 次"),
        LockCondition::Written(1) => text!(lang,
            en: "storage accepts one more write",
            zh: "存储又接受 1 次写入")
        .into(),
        LockCondition::Written(k) => say!(lang,
            en: "storage accepts {k} more writes",
            zh: "存储又接受 {k} 次写入"),
    }
}
