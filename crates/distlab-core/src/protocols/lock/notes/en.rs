//! The lock family's words in English. The trace's notes are these.

use super::{in_ms, LockNote};
use crate::protocols::lock::goals::LockCondition;
use crate::protocols::lock::messages::{LockObs, LockTimer, Op};
use crate::protocols::lock::node::Ask;
use crate::protocols::lock::spec::LockAlias;
use crate::sim::{format_time, Labels, NodeId};

pub(super) fn note(note: &LockNote, labels: &Labels) -> String {
    let l = |id: &NodeId| labels.get(*id);
    match note {
        LockNote::AlreadyAfterLock { me } => {
            format!("{} is already after the lock or holds it", l(me))
        }
        LockNote::ToldToRelease { me } => {
            format!("{} is told to let go before finishing its work", l(me))
        }
        LockNote::NothingToRelease { me } => format!("{} holds no lock to release", l(me)),
        LockNote::NotAClient { me } => format!(
            "{} is not a client: only clients acquire and release",
            l(me)
        ),
        LockNote::ReadsAndWorks { me, value, work_us } => format!(
            "{} read {value} and works on it for {}ms",
            l(me),
            work_us / 1_000
        ),
        LockNote::FencedAtRead { me } => format!(
            "{}'s token was fenced off before it did anything: it lets go and asks again",
            l(me)
        ),
        LockNote::FinishesWork {
            me,
            read,
            value,
            trusting,
        } => match trusting {
            true => format!(
                "{} finishes its work and writes {value} (it read {read})",
                l(me)
            ),
            false => format!(
                "{} finishes its work and writes {value} (it read {read}), though it no longer trusts the lock: it checked its validity only when it won the lock",
                l(me)
            ),
        },
        LockNote::WriteStored { me, trusting } => match trusting {
            true => format!("{}'s write is stored: it releases the lock", l(me)),
            false => format!(
                "{}'s write is stored; it unlocks the masters all the same (compare-and-delete leaves another client's key alone)",
                l(me)
            ),
        },
        LockNote::WriteRefused { me } => {
            format!("{}'s write was refused as stale: it lets go", l(me))
        }
        LockNote::StorageSilent { me, waited_us } => format!(
            "{} got no answer from storage in {}ms and abandons its turn",
            l(me),
            waited_us / 1_000
        ),
        LockNote::ClientRestarts { me } => {
            format!("{} starts afresh, remembering no lock", l(me))
        }
        LockNote::IgnoresLateAnswer { me, from } => {
            format!("{} ignores a late answer from {}", l(me), l(from))
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
            format!("{} asks {} for the lock: {how}", l(me), l(server))
        }
        LockNote::GotKey { me, server, ttl_us } => format!(
            "{} got the key from {}: it starts its critical section{}",
            l(me),
            l(server),
            ttl_us.map_or(String::new(), |t| format!(", on a lease of {}ms", t / 1_000))
        ),
        LockNote::Refused { me, server } => format!(
            "{} was refused by {} and will retry after a random delay",
            l(me),
            l(server)
        ),
        LockNote::NoAnswer {
            me,
            server,
            waited_us,
        } => format!(
            "{} heard nothing from {} in {}ms and will try again",
            l(me),
            l(server),
            waited_us / 1_000
        ),
        LockNote::StartsRedlock { me, at, masters } => format!(
            "{} starts a Redlock attempt at {} on its clock: it asks the {masters} masters in turn",
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
            "{} holds the lock: {granted} of {masters} masters agree and {}ms − {}ms − {}ms = {}ms of validity remain (ttl − elapsed − drift)",
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
            "{} fails: {granted} of {masters} masters (it needs {needed}), validity {}ms; it unlocks every master and retries",
            l(me),
            in_ms(*validity_us)
        ),
        LockNote::ValidityRunsOut { me, at } => format!(
            "{}'s validity ran out at {} on its own clock: it no longer trusts the lock, but the critical section it began once the validity was checked runs on to its write",
            l(me),
            format_time(*at)
        ),
        LockNote::KeyExpires { me, clock, client } => format!(
            "{}'s clock reads {}: {}'s key has lived out its TTL and is deleted",
            l(me),
            format_time(*clock),
            l(client)
        ),
        LockNote::RedisRefuses {
            me,
            from,
            holder,
            until,
        } => format!(
            "{} refuses {}: the key is held by {} until {} on {}'s clock",
            l(me),
            l(from),
            l(holder),
            until.map_or("ever".to_owned(), format_time),
            l(me)
        ),
        LockNote::Overwrites { me, old, from } => format!(
            "{} overwrites {}'s key with {}'s: a plain SET does not ask whether the lock is taken",
            l(me),
            l(old),
            l(from)
        ),
        LockNote::SetsKey {
            me,
            from,
            token,
            until,
        } => {
            let token = token.map_or(String::new(), |t| format!(" (token {t})"));
            let until = until.map_or(String::new(), |t| {
                format!(" until {} on its clock", format_time(t))
            });
            format!(
                "{} sets the key for {}{token}{until}: nobody held it",
                l(me),
                l(from)
            )
        }
        LockNote::DeletesKey { me, from } => {
            format!("{} deletes {}'s key: the lock is free", l(me), l(from))
        }
        LockNote::DeletesOthersKey { me, from, holder } => format!(
            "{} deletes the key on {}'s DEL: it was {}'s lock, not {}'s",
            l(me),
            l(from),
            l(holder),
            l(from)
        ),
        LockNote::KeepsKey { me, from, holder } => format!(
            "{} keeps the key: it holds {}'s value, not {}'s (compare-and-delete)",
            l(me),
            l(holder),
            l(from)
        ),
        LockNote::NoKeyToDelete { me, from } => {
            format!("{} has no key to delete for {}", l(me), l(from))
        }
        LockNote::RedisRestarts { me, persisted } => match persisted {
            true => format!("{} restarts with its key and counter from disk", l(me)),
            false => format!(
                "{} restarts empty: no persistence, so the key and the token counter are gone",
                l(me)
            ),
        },
        LockNote::SessionGone {
            me,
            client,
            session,
        } => format!(
            "{} answers {}: session {session} has expired",
            l(me),
            l(client)
        ),
        LockNote::CreatesZnode { me, client, seq } => format!(
            "{} creates lock-{seq} for {}, ephemeral to its session",
            l(me),
            l(client)
        ),
        LockNote::SetsWatch { me, client, seq } => {
            format!("{} sets {}'s watch on lock-{seq}", l(me), l(client))
        }
        LockNote::DeletesZnode { me, client, seq } => {
            format!("{} deletes lock-{seq} at {}'s request", l(me), l(client))
        }
        LockNote::SessionExpires { me, client, nodes } => format!(
            "{} heard nothing from {} for a whole session timeout: its session expires and {}",
            l(me),
            l(client),
            match nodes {
                0 => "it had no lock node".to_owned(),
                1 => "its lock node goes".to_owned(),
                n => format!("its {n} lock nodes go"),
            }
        ),
        LockNote::ZkRestarts { me } => format!(
            "{} is back with its nodes and sessions: the ensemble keeps them",
            l(me)
        ),
        LockNote::CreatesNode { me } => {
            format!("{} creates an ephemeral sequential lock node", l(me))
        }
        LockNote::ListsForOrphan { me } => format!(
            "{} got no reply to its create: it lists the children to find its node by GUID",
            l(me)
        ),
        LockNote::CreatesAgain { me } => format!(
            "{} got no reply to its create and creates another node; one made without a reply would be an orphan",
            l(me)
        ),
        LockNote::NodeIs { me, seq } => format!(
            "{}'s node is lock-{seq}: it lists the children to see if it is lowest",
            l(me)
        ),
        LockNote::AlreadyGone { me, seq } => {
            format!("lock-{seq} is already gone: {} looks again", l(me))
        }
        LockNote::WatchFires { me, seq } => format!(
            "{}'s watch fires: lock-{seq} is gone, so it looks again",
            l(me)
        ),
        LockNote::WokenByChildren { me } => format!(
            "{} is woken: the lock's children changed, so it looks again",
            l(me)
        ),
        LockNote::LearnsSessionExpired { me, session } => format!(
            "{} learns its session expired: its lock node is gone; it opens session {session}",
            l(me)
        ),
        LockNote::FindsOwnNode { me, seq } => format!(
            "{} finds its own node lock-{seq} by its GUID and carries on",
            l(me)
        ),
        LockNote::NodeGone { me, seq } => {
            format!("{}'s node lock-{seq} is gone: it starts over", l(me))
        }
        LockNote::LowestHolds { me, seq } => format!(
            "lock-{seq} is the lowest node: {} holds the lock with token {seq}",
            l(me)
        ),
        LockNote::WaitsBehind { me, pred } => format!(
            "{} waits behind lock-{pred} and watches only that node",
            l(me)
        ),
        LockNote::WatchesParent { me } => format!(
            "{} is not lowest and watches the whole lock folder",
            l(me)
        ),
        LockNote::HandsValue { me, client, value } => {
            format!("{} hands {} the value {value}", l(me), l(client))
        }
        LockNote::TakesWrite {
            me,
            client,
            old,
            value,
        } => format!(
            "{} takes {}'s write: {old} becomes {value}",
            l(me),
            l(client)
        ),
        LockNote::RefusesStale {
            me,
            client,
            token,
            highest,
        } => format!(
            "{} refuses {}: token {token} is lower than {highest}, a newer holder's",
            l(me),
            l(client)
        ),
        LockNote::StorageRestarts { me } => {
            format!("{} is back with its value and highest token", l(me))
        }
        LockNote::LostUpdate {
            client,
            value,
            read,
            held,
        } => format!(
            "storage took {}'s write of {value}, computed from {read}, over {held}: an accepted update was lost",
            l(client)
        ),
        LockNote::TokenOrder {
            client,
            token,
            highest,
        } => format!(
            "storage accepted {}'s token {token} after token {highest}",
            l(client)
        ),
        LockNote::TwoHolders { clients } => {
            let names: Vec<&str> = clients.iter().map(l).collect();
            format!(
                "{} believe they hold the lock at the same time",
                names.join(" and ")
            )
        }
    }
}

pub(super) fn obs(obs: &LockObs, labels: &Labels) -> String {
    let l = |id: &NodeId| labels.get(*id);
    let with = |t: &Option<u64>| t.map_or(String::new(), |t| format!(" with token {t}"));
    match obs {
        LockObs::Acquire { client, token } => {
            format!("{} believes it holds the lock{}", l(client), with(token))
        }
        LockObs::Release { client, token } => {
            format!("{} lets go of the lock{}", l(client), with(token))
        }
        LockObs::Grant {
            by, client, token, ..
        } => format!("{} records {} as holder{}", l(by), l(client), with(token)),
        LockObs::Expire {
            by, client, token, ..
        } => format!("{}: {}'s lock{} expires", l(by), l(client), with(token)),
        LockObs::Write {
            client,
            op,
            value,
            accepted,
            reason,
            ..
        } => {
            let what = match op {
                Op::Read => "read",
                Op::Write => "write",
            };
            let verdict = match (accepted, reason) {
                (true, _) => "accepted".to_owned(),
                (false, r) => format!("refused: {}", r.unwrap_or("stale token")),
            };
            format!("storage: {}'s {what} of {value} {verdict}", l(client))
        }
        LockObs::Wake { client } => format!("{} is woken by a watch", l(client)),
    }
}

pub(super) fn timer(timer: LockTimer, labels: &Labels) -> String {
    match timer {
        LockTimer::Think => "think time is over: it goes for the lock".to_owned(),
        LockTimer::Retry => "retry delay is over: it asks again".to_owned(),
        LockTimer::Request(_) => "no answer to its request in time".to_owned(),
        LockTimer::Work => "its work is done".to_owned(),
        LockTimer::Validity => "its validity runs out on its own clock".to_owned(),
        LockTimer::Storage => "storage did not answer in time".to_owned(),
        LockTimer::Heartbeat => "heartbeat timer fires: it pings the service".to_owned(),
        LockTimer::Expiry => "the key's time to live is up on its clock".to_owned(),
        LockTimer::Session(client) => {
            format!("{}'s session timer runs out", labels.get(client))
        }
    }
}

pub(super) const REQUEST_TASK: &str = "acquire the lock on a client (w)";

pub(super) fn ask(ask: Ask) -> &'static str {
    match ask {
        Ask::Acquire => "an acquire request",
        Ask::Release => "a release request",
    }
}

pub(super) fn role(role: LockAlias) -> String {
    match role {
        LockAlias::Client(n) => format!("C{n}"),
        LockAlias::Server(n) => format!("lock server {n}"),
        LockAlias::Storage => "storage".to_owned(),
        LockAlias::Holder => "the lock holder".to_owned(),
    }
}

pub(super) fn goal(condition: &LockCondition) -> String {
    match condition {
        LockCondition::Holds(n) => format!("C{n} believes it holds the lock"),
        LockCondition::Working(n) => format!("C{n} has read the value and is working"),
        LockCondition::Free => "the lock service grants the lock to no one".into(),
        LockCondition::Acquired(1) => "the lock is acquired once more".into(),
        LockCondition::Acquired(k) => format!("the lock is acquired {k} more times"),
        LockCondition::TwoHolders => "two clients believe they hold the lock at once".into(),
        LockCondition::Fenced => "storage refuses a stale token".into(),
        LockCondition::Expired => "a lease or a session expires".into(),
        LockCondition::Woken(1) => "a waiter is woken".into(),
        LockCondition::Woken(k) => format!("waiters are woken {k} times"),
        LockCondition::Written(1) => "storage accepts one more write".into(),
        LockCondition::Written(k) => format!("storage accepts {k} more writes"),
    }
}
