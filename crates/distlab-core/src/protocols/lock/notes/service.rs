//! What the lock service did and why (a Redis server or Redlock master,
//! the ZooKeeper ensemble), what storage did with reads and writes, and
//! what the monitor found. Redis commands (SET, DEL), ZooKeeper's node
//! names (lock-3) and TTL read the same in every language.

use super::{client, LockNote};
use crate::sim::{format_time, Labels, NodeId};
use crate::units::Lang;
use crate::{say, text};

/// A note in `lang`: the service's and the monitor's here, a client's in
/// `client.rs`.
pub(super) fn note(note: &LockNote, lang: Lang, labels: &Labels) -> String {
    let l = |id: &NodeId| labels.get(*id);
    match note {
        // A Redis server (or Redlock master).
        LockNote::KeyExpires { me, clock, client } => say!(lang,
            en: "{me}'s clock reads {clock}: {client}'s key has lived out its TTL and is deleted",
            zh: "{me} 的时钟读数为 {clock}：{client} 的键已过 TTL，被删除",
            me = l(me), clock = format_time(*clock), client = l(client)),
        LockNote::RedisRefuses {
            me,
            from,
            holder,
            until: Some(until),
        } => say!(lang,
            en: "{me} refuses {from}: the key is held by {holder} until {until} on {me}'s clock",
            zh: "{me} 拒绝 {from}：按 {me} 的时钟，这个键由 {holder} 持有，直到 {until}",
            me = l(me), from = l(from), holder = l(holder), until = format_time(*until)),
        LockNote::RedisRefuses {
            me,
            from,
            holder,
            until: None,
        } => say!(lang,
            en: "{me} refuses {from}: the key is held by {holder} until ever on {me}'s clock",
            zh: "{me} 拒绝 {from}：这个键由 {holder} 持有，永不过期",
            me = l(me), from = l(from), holder = l(holder)),
        LockNote::Overwrites { me, old, from } => say!(lang,
            en: "{me} overwrites {old}'s key with {from}'s: a plain SET does not ask whether the lock is taken",
            zh: "{me} 用 {from} 的键覆盖了 {old} 的键：普通的 SET 不会问锁是否已被占用",
            me = l(me), old = l(old), from = l(from)),
        LockNote::SetsKey {
            me,
            from,
            token,
            until,
        } => {
            let token = match token {
                None => String::new(),
                Some(token) => say!(lang, en: " (token {token})", zh: "（令牌 {token}）"),
            };
            let until = match until {
                None => String::new(),
                Some(t) => say!(lang,
                    en: " until {time} on its clock",
                    zh: "，按它的时钟到 {time} 为止",
                    time = format_time(*t)),
            };
            say!(lang,
                en: "{me} sets the key for {from}{token}{until}: nobody held it",
                zh: "{me} 为 {from} 设置了键{token}{until}：此前没有人持有它",
                me = l(me), from = l(from))
        }
        LockNote::DeletesKey { me, from } => say!(lang,
            en: "{me} deletes {from}'s key: the lock is free",
            zh: "{me} 删除了 {from} 的键：锁空闲了",
            me = l(me), from = l(from)),
        LockNote::DeletesOthersKey { me, from, holder } => say!(lang,
            en: "{me} deletes the key on {from}'s DEL: it was {holder}'s lock, not {from}'s",
            zh: "{me} 按 {from} 的 DEL 删除了键：那是 {holder} 的锁，不是 {from} 的",
            me = l(me), from = l(from), holder = l(holder)),
        LockNote::KeepsKey { me, from, holder } => say!(lang,
            en: "{me} keeps the key: it holds {holder}'s value, not {from}'s (compare-and-delete)",
            zh: "{me} 保留这个键：它存的是 {holder} 的值，不是 {from} 的（比较后删除）",
            me = l(me), from = l(from), holder = l(holder)),
        LockNote::NoKeyToDelete { me, from } => say!(lang,
            en: "{me} has no key to delete for {from}",
            zh: "{me} 没有可为 {from} 删除的键",
            me = l(me), from = l(from)),
        LockNote::RedisRestarts {
            me,
            persisted: true,
        } => say!(lang,
            en: "{me} restarts with its key and counter from disk",
            zh: "{me} 重启，从磁盘恢复了键和计数器",
            me = l(me)),
        LockNote::RedisRestarts {
            me,
            persisted: false,
        } => say!(lang,
            en: "{me} restarts empty: no persistence, so the key and the token counter are gone",
            zh: "{me} 重启后空空如也：没有持久化，键和令牌计数器都没了",
            me = l(me)),

        // The ZooKeeper service.
        LockNote::SessionGone {
            me,
            client,
            session,
        } => say!(lang,
            en: "{me} answers {client}: session {session} has expired",
            zh: "{me} 回复 {client}：会话 {session} 已过期",
            me = l(me), client = l(client)),
        LockNote::CreatesZnode { me, client, seq } => say!(lang,
            en: "{me} creates lock-{seq} for {client}, ephemeral to its session",
            zh: "{me} 为 {client} 创建 lock-{seq}，它随会话存亡（临时节点）",
            me = l(me), client = l(client)),
        LockNote::SetsWatch { me, client, seq } => say!(lang,
            en: "{me} sets {client}'s watch on lock-{seq}",
            zh: "{me} 为 {client} 在 lock-{seq} 上设置监视",
            me = l(me), client = l(client)),
        LockNote::DeletesZnode { me, client, seq } => say!(lang,
            en: "{me} deletes lock-{seq} at {client}'s request",
            zh: "{me} 应 {client} 的请求删除 lock-{seq}",
            me = l(me), client = l(client)),
        LockNote::SessionExpires { me, client, nodes } => say!(lang,
            en: "{me} heard nothing from {client} for a whole session timeout: its session expires and {gone}",
            zh: "{me} 在整整一个会话超时内没有收到 {client} 的消息：它的会话过期，{gone}",
            me = l(me), client = l(client), gone = nodes_gone(*nodes, lang)),
        LockNote::ZkRestarts { me } => say!(lang,
            en: "{me} is back with its nodes and sessions: the ensemble keeps them",
            zh: "{me} 恢复了，节点和会话都在：集群保存着它们",
            me = l(me)),

        // Storage.
        LockNote::HandsValue { me, client, value } => say!(lang,
            en: "{me} hands {client} the value {value}",
            zh: "{me} 把值 {value} 交给 {client}",
            me = l(me), client = l(client)),
        LockNote::TakesWrite {
            me,
            client,
            old,
            value,
        } => say!(lang,
            en: "{me} takes {client}'s write: {old} becomes {value}",
            zh: "{me} 接受 {client} 的写入：{old} 变为 {value}",
            me = l(me), client = l(client)),
        LockNote::RefusesStale {
            me,
            client,
            token,
            highest,
        } => say!(lang,
            en: "{me} refuses {client}: token {token} is lower than {highest}, a newer holder's",
            zh: "{me} 拒绝 {client}：令牌 {token} 小于 {highest}，后者属于更新的持有者",
            me = l(me), client = l(client)),
        LockNote::StorageRestarts { me } => say!(lang,
            en: "{me} is back with its value and highest token",
            zh: "{me} 恢复了，值和最高令牌都还在",
            me = l(me)),

        // What the monitor found.
        LockNote::LostUpdate {
            client,
            value,
            read,
            held,
        } => say!(lang,
            en: "storage took {client}'s write of {value}, computed from {read}, over {held}: an accepted update was lost",
            zh: "存储接受了 {client} 根据 {read} 算出的写入 {value}，覆盖了 {held}：一次已被接受的更新丢失了",
            client = l(client)),
        LockNote::TokenOrder {
            client,
            token,
            highest,
        } => say!(lang,
            en: "storage accepted {client}'s token {token} after token {highest}",
            zh: "存储在接受令牌 {highest} 之后又接受了 {client} 的令牌 {token}",
            client = l(client)),
        LockNote::TwoHolders { clients } => {
            let names: Vec<&str> = clients.iter().map(l).collect();
            say!(lang,
                en: "{names} believe they hold the lock at the same time",
                zh: "{names} 同时认为自己持有锁",
                names = names.join(text!(lang, en: " and ", zh: " 和 ")))
        }

        other => client::note(other, lang, labels),
    }
}

/// What becomes of an expired session's lock nodes.
fn nodes_gone(nodes: usize, lang: Lang) -> String {
    match nodes {
        0 => text!(lang, en: "it had no lock node", zh: "它没有锁节点").to_owned(),
        1 => text!(lang, en: "its lock node goes", zh: "它的锁节点随之删除").to_owned(),
        n => say!(lang, en: "its {n} lock nodes go", zh: "它的 {n} 个锁节点随之删除"),
    }
}
