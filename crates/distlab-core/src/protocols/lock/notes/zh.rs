//! The lock family's words in Simplified Chinese. Redis commands
//! (SET NX PX, DEL), ZooKeeper's node names (lock-3) and GUID stay as
//! they are written: they are what a reader looks up.

use super::{in_ms, LockNote};
use crate::protocols::lock::goals::LockCondition;
use crate::protocols::lock::messages::{LockObs, LockTimer, Op};
use crate::protocols::lock::node::Ask;
use crate::protocols::lock::spec::LockAlias;
use crate::sim::{format_time, Labels, NodeId};

pub(super) fn note(note: &LockNote, labels: &Labels) -> String {
    let l = |id: &NodeId| labels.get(*id);
    match note {
        LockNote::AlreadyAfterLock { me } => format!("{} 已经在拿锁或已持有锁", l(me)),
        LockNote::ToldToRelease { me } => format!("{} 被要求在完成处理之前放开锁", l(me)),
        LockNote::NothingToRelease { me } => format!("{} 没有持有锁，无锁可放", l(me)),
        LockNote::NotAClient { me } => {
            format!("{} 不是客户端：只有客户端才会获取和释放锁", l(me))
        }
        LockNote::ReadsAndWorks { me, value, work_us } => format!(
            "{} 读到 {value}，开始处理，需要 {} 毫秒",
            l(me),
            work_us / 1_000
        ),
        LockNote::FencedAtRead { me } => format!(
            "{} 的令牌在它动手之前就被防护挡下：它放开锁，重新请求",
            l(me)
        ),
        LockNote::FinishesWork {
            me,
            read,
            value,
            trusting,
        } => match trusting {
            true => format!("{} 完成处理，写入 {value}（它读到的是 {read}）", l(me)),
            false => format!(
                "{} 完成处理，写入 {value}（它读到的是 {read}），尽管它已不再信任这把锁：它只在拿到锁时检查过有效时间",
                l(me)
            ),
        },
        LockNote::WriteStored { me, trusting } => match trusting {
            true => format!("{} 的写入已保存：它释放锁", l(me)),
            false => format!(
                "{} 的写入已保存；它照样解锁各主节点（比较后删除不会动别的客户端的键）",
                l(me)
            ),
        },
        LockNote::WriteRefused { me } => format!("{} 的写入因令牌过期被拒绝：它放开锁", l(me)),
        LockNote::StorageSilent { me, waited_us } => format!(
            "{} 等了 {} 毫秒，存储没有回应：它放弃这一轮",
            l(me),
            waited_us / 1_000
        ),
        LockNote::ClientRestarts { me } => format!("{} 重新开始，不记得任何锁", l(me)),
        LockNote::IgnoresLateAnswer { me, from } => {
            format!("{} 忽略了 {} 迟到的回复", l(me), l(from))
        }
        LockNote::AsksRedis {
            me,
            server,
            value,
            ttl_ms,
        } => {
            let how = match ttl_ms {
                None => format!("SET lock {}", l(me)),
                Some(ttl) => format!("SET lock {value} NX PX {ttl}"),
            };
            format!("{} 向 {} 请求锁：{how}", l(me), l(server))
        }
        LockNote::GotKey { me, server, ttl_us } => format!(
            "{} 从 {} 拿到了键：进入临界区{}",
            l(me),
            l(server),
            ttl_us.map_or(String::new(), |t| format!("，租约 {} 毫秒", t / 1_000))
        ),
        LockNote::Refused { me, server } => {
            format!("{} 被 {} 拒绝，随机等待一段时间后重试", l(me), l(server))
        }
        LockNote::NoAnswer {
            me,
            server,
            waited_us,
        } => format!(
            "{} 等了 {} 毫秒，{} 没有回应：它会再试",
            l(me),
            waited_us / 1_000,
            l(server)
        ),
        LockNote::StartsRedlock { me, at, masters } => format!(
            "{} 在自己时钟的 {} 开始一次 Redlock 尝试：依次询问 {masters} 个主节点",
            l(me),
            format_time(*at)
        ),
        LockNote::RedlockHolds {
            me,
            granted,
            masters,
            sum,
        } => {
            let (ttl, elapsed, drift, validity) = sum.whole_ms();
            format!(
            "{} 持有锁：{masters} 个主节点中 {granted} 个同意，{}ms − {}ms − {}ms = {}ms 的有效时间（TTL − 已用时间 − 漂移）",
            l(me),
            ttl,
            elapsed,
            drift,
            validity
            )
        }
        LockNote::RedlockFails {
            me,
            granted,
            masters,
            needed,
            validity_us,
        } => format!(
            "{} 失败：{masters} 个主节点中只有 {granted} 个（需要 {needed} 个），有效时间 {}ms；它解锁所有主节点后重试",
            l(me),
            in_ms(*validity_us)
        ),
        LockNote::ValidityRunsOut { me, at } => format!(
            "按 {} 自己的时钟，有效时间在 {} 用完：它不再信任这把锁，但在检查过有效时间之后开始的临界区会继续，直到写入",
            l(me),
            format_time(*at)
        ),
        LockNote::KeyExpires { me, clock, client } => format!(
            "{} 的时钟读数为 {}：{} 的键已过 TTL，被删除",
            l(me),
            format_time(*clock),
            l(client)
        ),
        LockNote::RedisRefuses {
            me,
            from,
            holder,
            until,
        } => match until {
            Some(t) => format!(
                "{} 拒绝 {}：按 {} 的时钟，这个键由 {} 持有，直到 {}",
                l(me),
                l(from),
                l(me),
                l(holder),
                format_time(*t)
            ),
            None => format!(
                "{} 拒绝 {}：这个键由 {} 持有，永不过期",
                l(me),
                l(from),
                l(holder)
            ),
        },
        LockNote::Overwrites { me, old, from } => format!(
            "{} 用 {} 的键覆盖了 {} 的键：普通的 SET 不会问锁是否已被占用",
            l(me),
            l(from),
            l(old)
        ),
        LockNote::SetsKey {
            me,
            from,
            token,
            until,
        } => {
            let token = token.map_or(String::new(), |t| format!("（令牌 {t}）"));
            let until = until.map_or(String::new(), |t| {
                format!("，按它的时钟到 {} 为止", format_time(t))
            });
            format!(
                "{} 为 {} 设置了键{token}{until}：此前没有人持有它",
                l(me),
                l(from)
            )
        }
        LockNote::DeletesKey { me, from } => {
            format!("{} 删除了 {} 的键：锁空闲了", l(me), l(from))
        }
        LockNote::DeletesOthersKey { me, from, holder } => format!(
            "{} 按 {} 的 DEL 删除了键：那是 {} 的锁，不是 {} 的",
            l(me),
            l(from),
            l(holder),
            l(from)
        ),
        LockNote::KeepsKey { me, from, holder } => format!(
            "{} 保留这个键：它存的是 {} 的值，不是 {} 的（比较后删除）",
            l(me),
            l(holder),
            l(from)
        ),
        LockNote::NoKeyToDelete { me, from } => {
            format!("{} 没有可为 {} 删除的键", l(me), l(from))
        }
        LockNote::RedisRestarts { me, persisted } => match persisted {
            true => format!("{} 重启，从磁盘恢复了键和计数器", l(me)),
            false => format!(
                "{} 重启后空空如也：没有持久化，键和令牌计数器都没了",
                l(me)
            ),
        },
        LockNote::SessionGone {
            me,
            client,
            session,
        } => format!("{} 回复 {}：会话 {session} 已过期", l(me), l(client)),
        LockNote::CreatesZnode { me, client, seq } => format!(
            "{} 为 {} 创建 lock-{seq}，它随会话存亡（临时节点）",
            l(me),
            l(client)
        ),
        LockNote::SetsWatch { me, client, seq } => {
            format!("{} 为 {} 在 lock-{seq} 上设置监视", l(me), l(client))
        }
        LockNote::DeletesZnode { me, client, seq } => {
            format!("{} 应 {} 的请求删除 lock-{seq}", l(me), l(client))
        }
        LockNote::SessionExpires { me, client, nodes } => format!(
            "{} 在整整一个会话超时内没有收到 {} 的消息：它的会话过期，{}",
            l(me),
            l(client),
            match nodes {
                0 => "它没有锁节点".to_owned(),
                1 => "它的锁节点随之删除".to_owned(),
                n => format!("它的 {n} 个锁节点随之删除"),
            }
        ),
        LockNote::ZkRestarts { me } => {
            format!("{} 恢复了，节点和会话都在：集群保存着它们", l(me))
        }
        LockNote::CreatesNode { me } => format!("{} 创建一个临时顺序锁节点", l(me)),
        LockNote::ListsForOrphan { me } => format!(
            "{} 的创建请求没有回复：它列出子节点，按 GUID 找自己的节点",
            l(me)
        ),
        LockNote::CreatesAgain { me } => format!(
            "{} 的创建请求没有回复，于是再创建一个节点；没收到回复就创建出的那个会成为孤儿节点",
            l(me)
        ),
        LockNote::NodeIs { me, seq } => format!(
            "{} 的节点是 lock-{seq}：它列出子节点，看自己是不是最小的",
            l(me)
        ),
        LockNote::AlreadyGone { me, seq } => {
            format!("lock-{seq} 已经不在了：{} 重新查看", l(me))
        }
        LockNote::WatchFires { me, seq } => {
            format!("{} 的监视触发：lock-{seq} 不在了，于是它重新查看", l(me))
        }
        LockNote::WokenByChildren { me } => {
            format!("{} 被唤醒：锁的子节点变了，于是它重新查看", l(me))
        }
        LockNote::LearnsSessionExpired { me, session } => format!(
            "{} 得知自己的会话已过期：它的锁节点没了；它开启会话 {session}",
            l(me)
        ),
        LockNote::FindsOwnNode { me, seq } => {
            format!("{} 按 GUID 找到了自己的节点 lock-{seq}，继续", l(me))
        }
        LockNote::NodeGone { me, seq } => {
            format!("{} 的节点 lock-{seq} 不在了：它从头再来", l(me))
        }
        LockNote::LowestHolds { me, seq } => format!(
            "lock-{seq} 是最小的节点：{} 持有锁，令牌 {seq}",
            l(me)
        ),
        LockNote::WaitsBehind { me, pred } => {
            format!("{} 排在 lock-{pred} 后面，只监视这一个节点", l(me))
        }
        LockNote::WatchesParent { me } => {
            format!("{} 不是最小的，它监视整个锁目录", l(me))
        }
        LockNote::HandsValue { me, client, value } => {
            format!("{} 把值 {value} 交给 {}", l(me), l(client))
        }
        LockNote::TakesWrite {
            me,
            client,
            old,
            value,
        } => format!(
            "{} 接受 {} 的写入：{old} 变为 {value}",
            l(me),
            l(client)
        ),
        LockNote::RefusesStale {
            me,
            client,
            token,
            highest,
        } => format!(
            "{} 拒绝 {}：令牌 {token} 小于 {highest}，后者属于更新的持有者",
            l(me),
            l(client)
        ),
        LockNote::StorageRestarts { me } => {
            format!("{} 恢复了，值和最高令牌都还在", l(me))
        }
        LockNote::LostUpdate {
            client,
            value,
            read,
            held,
        } => format!(
            "存储接受了 {} 根据 {read} 算出的写入 {value}，覆盖了 {held}：一次已被接受的更新丢失了",
            l(client)
        ),
        LockNote::TokenOrder {
            client,
            token,
            highest,
        } => format!(
            "存储在接受令牌 {highest} 之后又接受了 {} 的令牌 {token}",
            l(client)
        ),
        LockNote::TwoHolders { clients } => {
            let names: Vec<&str> = clients.iter().map(l).collect();
            format!("{} 同时认为自己持有锁", names.join(" 和 "))
        }
    }
}

pub(super) fn obs(obs: &LockObs, labels: &Labels) -> String {
    let l = |id: &NodeId| labels.get(*id);
    let with = |t: &Option<u64>| t.map_or(String::new(), |t| format!("，令牌 {t}"));
    match obs {
        LockObs::Acquire { client, token } => {
            format!("{} 认为自己持有锁{}", l(client), with(token))
        }
        LockObs::Release { client, token } => {
            format!("{} 放开了锁{}", l(client), with(token))
        }
        LockObs::Grant {
            by, client, token, ..
        } => format!("{} 记录 {} 为持有者{}", l(by), l(client), with(token)),
        LockObs::Expire {
            by, client, token, ..
        } => format!("{}：{} 的锁过期了{}", l(by), l(client), with(token)),
        LockObs::Write {
            client,
            op,
            value,
            accepted,
            ..
        } => {
            let what = match op {
                Op::Read => "读取",
                Op::Write => "写入",
            };
            let verdict = match accepted {
                true => "被接受",
                false => "被拒绝：令牌过期",
            };
            format!("存储：{} 对 {value} 的{what}{verdict}", l(client))
        }
        LockObs::Wake { client } => format!("{} 被监视唤醒", l(client)),
    }
}

pub(super) fn timer(timer: LockTimer, labels: &Labels) -> String {
    match timer {
        LockTimer::Think => "思考时间结束：它去拿锁".to_owned(),
        LockTimer::Retry => "重试等待结束：它再次请求".to_owned(),
        LockTimer::Request(_) => "它的请求没有及时得到回应".to_owned(),
        LockTimer::Work => "它的处理完成了".to_owned(),
        LockTimer::Validity => "按它自己的时钟，有效时间用完".to_owned(),
        LockTimer::Storage => "存储没有及时回应".to_owned(),
        LockTimer::Heartbeat => "心跳计时器触发：它向服务发送心跳".to_owned(),
        LockTimer::Expiry => "按它的时钟，键的存活时间到了".to_owned(),
        LockTimer::Session(client) => format!("{} 的会话计时器到期", labels.get(client)),
    }
}

pub(super) const REQUEST_TASK: &str = "让一个客户端获取锁（w）";

pub(super) fn ask(ask: Ask) -> &'static str {
    match ask {
        Ask::Acquire => "获取锁的请求",
        Ask::Release => "释放锁的请求",
    }
}

pub(super) fn role(role: LockAlias) -> String {
    match role {
        LockAlias::Client(n) => format!("C{n}"),
        LockAlias::Server(n) => format!("锁服务器 {n}"),
        LockAlias::Storage => "存储".to_owned(),
        LockAlias::Holder => "锁的持有者".to_owned(),
    }
}

pub(super) fn goal(condition: &LockCondition) -> String {
    match condition {
        LockCondition::Holds(n) => format!("C{n} 认为自己持有锁"),
        LockCondition::Working(n) => format!("C{n} 读到值，正在处理"),
        LockCondition::Free => "锁服务没有把锁授予任何人".into(),
        LockCondition::Acquired(k) => format!("锁又被获取 {k} 次"),
        LockCondition::TwoHolders => "两个客户端同时认为自己持有锁".into(),
        LockCondition::Fenced => "存储拒绝了一个过期的令牌".into(),
        LockCondition::Expired => "一个租约或会话到期".into(),
        LockCondition::Woken(k) => format!("等待者被唤醒 {k} 次"),
        LockCondition::Written(k) => format!("存储又接受 {k} 次写入"),
    }
}
