//! What a client of the lock did and why, whatever service it uses: its
//! cycle of acquire, work, write and release, then what is particular to
//! a Redis client, a Redlock client and a ZooKeeper client. Redis
//! commands (SET NX PX), ZooKeeper's node names (lock-3) and GUID read
//! the same in every language: they are what a reader looks up.

use super::{in_ms, LockNote};
use crate::say;
use crate::sim::{format_time, Labels, NodeId};
use crate::units::Lang;

/// A client's note in `lang`. The service's notes and the monitor's
/// findings are said in `service.rs`, which hands the others here.
pub(super) fn note(note: &LockNote, lang: Lang, labels: &Labels) -> String {
    let l = |id: &NodeId| labels.get(*id);
    match note {
        LockNote::AlreadyAfterLock { me } => say!(lang,
            en: "{me} is already after the lock or holds it",
            zh: "{me} 已经在拿锁或已持有锁",
            me = l(me)),
        LockNote::ToldToRelease { me } => say!(lang,
            en: "{me} is told to let go before finishing its work",
            zh: "{me} 被要求在完成处理之前放开锁",
            me = l(me)),
        LockNote::NothingToRelease { me } => say!(lang,
            en: "{me} holds no lock to release",
            zh: "{me} 没有持有锁，无锁可放",
            me = l(me)),
        LockNote::NotAClient { me } => say!(lang,
            en: "{me} is not a client: only clients acquire and release",
            zh: "{me} 不是客户端：只有客户端才会获取和释放锁",
            me = l(me)),
        LockNote::ReadsAndWorks { me, value, work_us } => say!(lang,
            en: "{me} read {value} and works on it for {ms}ms",
            zh: "{me} 读到 {value}，开始处理，需要 {ms} 毫秒",
            me = l(me), ms = work_us / 1_000),
        LockNote::FencedAtRead { me } => say!(lang,
            en: "{me}'s token was fenced off before it did anything: it lets go and asks again",
            zh: "{me} 的令牌在它动手之前就被防护挡下：它放开锁，重新请求",
            me = l(me)),
        LockNote::FinishesWork {
            me,
            read,
            value,
            trusting: true,
        } => say!(lang,
            en: "{me} finishes its work and writes {value} (it read {read})",
            zh: "{me} 完成处理，写入 {value}（它读到的是 {read}）",
            me = l(me)),
        LockNote::FinishesWork {
            me,
            read,
            value,
            trusting: false,
        } => say!(lang,
            en: "{me} finishes its work and writes {value} (it read {read}), though it no longer trusts the lock: it checked its validity only when it won the lock",
            zh: "{me} 完成处理，写入 {value}（它读到的是 {read}），尽管它已不再信任这把锁：它只在拿到锁时检查过有效时间",
            me = l(me)),
        LockNote::WriteStored { me, trusting: true } => say!(lang,
            en: "{me}'s write is stored: it releases the lock",
            zh: "{me} 的写入已保存：它释放锁",
            me = l(me)),
        LockNote::WriteStored {
            me,
            trusting: false,
        } => say!(lang,
            en: "{me}'s write is stored; it unlocks the masters all the same (compare-and-delete leaves another client's key alone)",
            zh: "{me} 的写入已保存；它照样解锁各主节点（比较后删除不会动别的客户端的键）",
            me = l(me)),
        LockNote::WriteRefused { me } => say!(lang,
            en: "{me}'s write was refused as stale: it lets go",
            zh: "{me} 的写入因令牌过期被拒绝：它放开锁",
            me = l(me)),
        LockNote::StorageSilent { me, waited_us } => say!(lang,
            en: "{me} got no answer from storage in {ms}ms and abandons its turn",
            zh: "{me} 等了 {ms} 毫秒，存储没有回应：它放弃这一轮",
            me = l(me), ms = waited_us / 1_000),
        LockNote::ClientRestarts { me } => say!(lang,
            en: "{me} starts afresh, remembering no lock",
            zh: "{me} 重新开始，不记得任何锁",
            me = l(me)),
        LockNote::IgnoresLateAnswer { me, from } => say!(lang,
            en: "{me} ignores a late answer from {from}",
            zh: "{me} 忽略了 {from} 迟到的回复",
            me = l(me), from = l(from)),

        // A client of one Redis server.
        LockNote::AsksRedis {
            me,
            server,
            value,
            ttl_ms,
        } => {
            // The command as sent; the naive lock's key names its client.
            let how = match ttl_ms {
                None => format!("SET lock {me}", me = l(me)),
                Some(ttl) => format!("SET lock {value} NX PX {ttl}"),
            };
            say!(lang,
                en: "{me} asks {server} for the lock: {how}",
                zh: "{me} 向 {server} 请求锁：{how}",
                me = l(me), server = l(server))
        }
        LockNote::GotKey { me, server, ttl_us } => {
            let lease = match ttl_us {
                None => String::new(),
                Some(t) => say!(lang,
                    en: ", on a lease of {ms}ms",
                    zh: "，租约 {ms} 毫秒",
                    ms = t / 1_000),
            };
            say!(lang,
                en: "{me} got the key from {server}: it starts its critical section{lease}",
                zh: "{me} 从 {server} 拿到了键：进入临界区{lease}",
                me = l(me), server = l(server))
        }
        LockNote::Refused { me, server } => say!(lang,
            en: "{me} was refused by {server} and will retry after a random delay",
            zh: "{me} 被 {server} 拒绝，随机等待一段时间后重试",
            me = l(me), server = l(server)),
        LockNote::NoAnswer {
            me,
            server,
            waited_us,
        } => say!(lang,
            en: "{me} heard nothing from {server} in {ms}ms and will try again",
            zh: "{me} 等了 {ms} 毫秒，{server} 没有回应：它会再试",
            me = l(me), server = l(server), ms = waited_us / 1_000),

        // A Redlock client.
        LockNote::StartsRedlock { me, at, masters } => say!(lang,
            en: "{me} starts a Redlock attempt at {at} on its clock: it asks the {masters} masters in turn",
            zh: "{me} 在自己时钟的 {at} 开始一次 Redlock 尝试：依次询问 {masters} 个主节点",
            me = l(me), at = format_time(*at)),
        LockNote::RedlockHolds {
            me,
            granted,
            masters,
            sum,
        } => {
            let (ttl, elapsed, drift, validity) = sum.whole_ms();
            say!(lang,
                en: "{me} holds the lock: {granted} of {masters} masters agree and {ttl}ms − {elapsed}ms − {drift}ms = {validity}ms of validity remain (ttl − elapsed − drift)",
                zh: "{me} 持有锁：{masters} 个主节点中 {granted} 个同意，{ttl}ms − {elapsed}ms − {drift}ms = {validity}ms 的有效时间（TTL − 已用时间 − 漂移）",
                me = l(me))
        }
        LockNote::RedlockFails {
            me,
            granted,
            masters,
            needed,
            validity_us,
        } => say!(lang,
            en: "{me} fails: {granted} of {masters} masters (it needs {needed}), validity {ms}ms; it unlocks every master and retries",
            zh: "{me} 失败：{masters} 个主节点中只有 {granted} 个（需要 {needed} 个），有效时间 {ms}ms；它解锁所有主节点后重试",
            me = l(me), ms = in_ms(*validity_us)),
        LockNote::ValidityRunsOut { me, at } => say!(lang,
            en: "{me}'s validity ran out at {at} on its own clock: it no longer trusts the lock, but the critical section it began once the validity was checked runs on to its write",
            zh: "按 {me} 自己的时钟，有效时间在 {at} 用完：它不再信任这把锁，但在检查过有效时间之后开始的临界区会继续，直到写入",
            me = l(me), at = format_time(*at)),

        // A ZooKeeper client.
        LockNote::CreatesNode { me } => say!(lang,
            en: "{me} creates an ephemeral sequential lock node",
            zh: "{me} 创建一个临时顺序锁节点",
            me = l(me)),
        LockNote::ListsForOrphan { me } => say!(lang,
            en: "{me} got no reply to its create: it lists the children to find its node by GUID",
            zh: "{me} 的创建请求没有回复：它列出子节点，按 GUID 找自己的节点",
            me = l(me)),
        LockNote::CreatesAgain { me } => say!(lang,
            en: "{me} got no reply to its create and creates another node; one made without a reply would be an orphan",
            zh: "{me} 的创建请求没有回复，于是再创建一个节点；没收到回复就创建出的那个会成为孤儿节点",
            me = l(me)),
        LockNote::NodeIs { me, seq } => say!(lang,
            en: "{me}'s node is lock-{seq}: it lists the children to see if it is lowest",
            zh: "{me} 的节点是 lock-{seq}：它列出子节点，看自己是不是最小的",
            me = l(me)),
        LockNote::AlreadyGone { me, seq } => say!(lang,
            en: "lock-{seq} is already gone: {me} looks again",
            zh: "lock-{seq} 已经不在了：{me} 重新查看",
            me = l(me)),
        LockNote::WatchFires { me, seq } => say!(lang,
            en: "{me}'s watch fires: lock-{seq} is gone, so it looks again",
            zh: "{me} 的监视触发：lock-{seq} 不在了，于是它重新查看",
            me = l(me)),
        LockNote::WokenByChildren { me } => say!(lang,
            en: "{me} is woken: the lock's children changed, so it looks again",
            zh: "{me} 被唤醒：锁的子节点变了，于是它重新查看",
            me = l(me)),
        LockNote::LearnsSessionExpired { me, session } => say!(lang,
            en: "{me} learns its session expired: its lock node is gone; it opens session {session}",
            zh: "{me} 得知自己的会话已过期：它的锁节点没了；它开启会话 {session}",
            me = l(me)),
        LockNote::FindsOwnNode { me, seq } => say!(lang,
            en: "{me} finds its own node lock-{seq} by its GUID and carries on",
            zh: "{me} 按 GUID 找到了自己的节点 lock-{seq}，继续",
            me = l(me)),
        LockNote::NodeGone { me, seq } => say!(lang,
            en: "{me}'s node lock-{seq} is gone: it starts over",
            zh: "{me} 的节点 lock-{seq} 不在了：它从头再来",
            me = l(me)),
        LockNote::LowestHolds { me, seq } => say!(lang,
            en: "lock-{seq} is the lowest node: {me} holds the lock with token {seq}",
            zh: "lock-{seq} 是最小的节点：{me} 持有锁，令牌 {seq}",
            me = l(me)),
        LockNote::WaitsBehind { me, pred } => say!(lang,
            en: "{me} waits behind lock-{pred} and watches only that node",
            zh: "{me} 排在 lock-{pred} 后面，只监视这一个节点",
            me = l(me)),
        LockNote::WatchesParent { me } => say!(lang,
            en: "{me} is not lowest and watches the whole lock folder",
            zh: "{me} 不是最小的，它监视整个锁目录",
            me = l(me)),

        LockNote::KeyExpires { .. }
        | LockNote::RedisRefuses { .. }
        | LockNote::Overwrites { .. }
        | LockNote::SetsKey { .. }
        | LockNote::DeletesKey { .. }
        | LockNote::DeletesOthersKey { .. }
        | LockNote::KeepsKey { .. }
        | LockNote::NoKeyToDelete { .. }
        | LockNote::RedisRestarts { .. }
        | LockNote::SessionGone { .. }
        | LockNote::CreatesZnode { .. }
        | LockNote::SetsWatch { .. }
        | LockNote::DeletesZnode { .. }
        | LockNote::SessionExpires { .. }
        | LockNote::ZkRestarts { .. }
        | LockNote::HandsValue { .. }
        | LockNote::TakesWrite { .. }
        | LockNote::RefusesStale { .. }
        | LockNote::StorageRestarts { .. }
        | LockNote::LostUpdate { .. }
        | LockNote::TokenOrder { .. }
        | LockNote::TwoHolders { .. } => {
            unreachable!("the service's notes are said in service.rs")
        }
    }
}
