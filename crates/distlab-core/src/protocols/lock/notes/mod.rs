//! Why a lock client, server or storage did what it did, and what the
//! monitor found: values, put into words only when someone reads them.
//! Each sentence is written once, every language beside the others:
//! a client's in `client.rs`, the service's and the monitor's findings in
//! `service.rs`, and observations, timers, requests, roles and lesson
//! goals in `words.rs`.

mod client;
mod service;
mod words;

use super::goals::LockCondition;
use super::messages::{LockObs, LockTimer};
use super::node::Ask;
use super::redlock_client::Validity;
use super::spec::LockAlias;
use crate::sim::{Describe, Labels, NodeId, SimTime};
use crate::units::Lang;

/// One explanation, or one finding of the monitor. `me` is the member
/// that acted; times are on the clock the note names, durations in µs.
#[derive(Clone, Debug, PartialEq)]
pub enum LockNote {
    // A client's cycle, whatever the service.
    /// Told to acquire while already after the lock or holding it.
    AlreadyAfterLock {
        me: NodeId,
    },
    /// Told to release in the middle of its critical section.
    ToldToRelease {
        me: NodeId,
    },
    NothingToRelease {
        me: NodeId,
    },
    /// A request sent to a lock server or storage.
    NotAClient {
        me: NodeId,
    },
    ReadsAndWorks {
        me: NodeId,
        value: u64,
        work_us: u64,
    },
    /// Storage refused the read: a newer token was seen.
    FencedAtRead {
        me: NodeId,
    },
    FinishesWork {
        me: NodeId,
        read: u64,
        value: u64,
        /// False under Redlock past its validity: the work goes on all the
        /// same, since the client checked only when it won the lock.
        trusting: bool,
    },
    WriteStored {
        me: NodeId,
        /// False under Redlock past its validity.
        trusting: bool,
    },
    WriteRefused {
        me: NodeId,
    },
    StorageSilent {
        me: NodeId,
        waited_us: u64,
    },
    ClientRestarts {
        me: NodeId,
    },
    IgnoresLateAnswer {
        me: NodeId,
        from: NodeId,
    },

    // A client of one Redis server.
    AsksRedis {
        me: NodeId,
        server: NodeId,
        /// The random value the key is set to, so that only its owner
        /// deletes it.
        value: u64,
        /// The lease in `PX`; a naive `SET` has none.
        ttl_ms: Option<u64>,
    },
    GotKey {
        me: NodeId,
        server: NodeId,
        /// The lease, for `SET NX PX`; a naive key has none.
        ttl_us: Option<u64>,
    },
    Refused {
        me: NodeId,
        server: NodeId,
    },
    NoAnswer {
        me: NodeId,
        server: NodeId,
        waited_us: u64,
    },

    // A Redlock client.
    StartsRedlock {
        me: NodeId,
        at: SimTime,
        masters: usize,
    },
    RedlockHolds {
        me: NodeId,
        granted: usize,
        masters: usize,
        sum: Validity,
    },
    RedlockFails {
        me: NodeId,
        granted: usize,
        masters: usize,
        needed: usize,
        validity_us: i64,
    },
    /// The validity ran out on the client's own clock.
    ValidityRunsOut {
        me: NodeId,
        at: SimTime,
    },

    // A Redis server (or Redlock master).
    KeyExpires {
        me: NodeId,
        clock: SimTime,
        client: NodeId,
    },
    RedisRefuses {
        me: NodeId,
        from: NodeId,
        holder: NodeId,
        until: Option<SimTime>,
    },
    Overwrites {
        me: NodeId,
        old: NodeId,
        from: NodeId,
    },
    SetsKey {
        me: NodeId,
        from: NodeId,
        token: Option<u64>,
        until: Option<SimTime>,
    },
    DeletesKey {
        me: NodeId,
        from: NodeId,
    },
    DeletesOthersKey {
        me: NodeId,
        from: NodeId,
        holder: NodeId,
    },
    KeepsKey {
        me: NodeId,
        from: NodeId,
        holder: NodeId,
    },
    NoKeyToDelete {
        me: NodeId,
        from: NodeId,
    },
    RedisRestarts {
        me: NodeId,
        persisted: bool,
    },

    // The ZooKeeper service.
    SessionGone {
        me: NodeId,
        client: NodeId,
        session: u32,
    },
    CreatesZnode {
        me: NodeId,
        client: NodeId,
        seq: u64,
    },
    SetsWatch {
        me: NodeId,
        client: NodeId,
        seq: u64,
    },
    DeletesZnode {
        me: NodeId,
        client: NodeId,
        seq: u64,
    },
    SessionExpires {
        me: NodeId,
        client: NodeId,
        nodes: usize,
    },
    ZkRestarts {
        me: NodeId,
    },

    // A ZooKeeper client.
    CreatesNode {
        me: NodeId,
    },
    ListsForOrphan {
        me: NodeId,
    },
    CreatesAgain {
        me: NodeId,
    },
    NodeIs {
        me: NodeId,
        seq: u64,
    },
    AlreadyGone {
        me: NodeId,
        seq: u64,
    },
    WatchFires {
        me: NodeId,
        seq: u64,
    },
    WokenByChildren {
        me: NodeId,
    },
    LearnsSessionExpired {
        me: NodeId,
        session: u32,
    },
    FindsOwnNode {
        me: NodeId,
        seq: u64,
    },
    NodeGone {
        me: NodeId,
        seq: u64,
    },
    LowestHolds {
        me: NodeId,
        seq: u64,
    },
    WaitsBehind {
        me: NodeId,
        pred: u64,
    },
    WatchesParent {
        me: NodeId,
    },

    // Storage.
    HandsValue {
        me: NodeId,
        client: NodeId,
        value: u64,
    },
    TakesWrite {
        me: NodeId,
        client: NodeId,
        old: u64,
        value: u64,
    },
    RefusesStale {
        me: NodeId,
        client: NodeId,
        token: u64,
        highest: u64,
    },
    StorageRestarts {
        me: NodeId,
    },

    // What the monitor found.
    LostUpdate {
        client: NodeId,
        value: u64,
        read: u64,
        held: u64,
    },
    TokenOrder {
        client: NodeId,
        token: u64,
        highest: u64,
    },
    TwoHolders {
        clients: Vec<NodeId>,
    },
}

impl Describe for LockNote {
    fn describe(&self, lang: Lang, labels: &Labels) -> String {
        service::note(self, lang, labels)
    }
}

impl Describe for LockObs {
    fn describe(&self, lang: Lang, labels: &Labels) -> String {
        words::obs(self, lang, labels)
    }
}

impl Describe for LockTimer {
    fn describe(&self, lang: Lang, labels: &Labels) -> String {
        words::timer(*self, lang, labels)
    }
}

impl Describe for Ask {
    fn describe(&self, lang: Lang, _: &Labels) -> String {
        words::ask(*self, lang).to_owned()
    }
}

impl Describe for LockAlias {
    fn describe(&self, lang: Lang, _: &Labels) -> String {
        words::role(*self, lang)
    }
}

/// A lesson goal in words.
pub fn goal(condition: &LockCondition, lang: Lang) -> String {
    words::goal(condition, lang)
}

/// The request key's task in a lesson's goal list.
pub fn request_task(lang: Lang) -> &'static str {
    words::request_task(lang)
}

/// A duration in whole milliseconds, rounded down; negative stays so.
fn in_ms(us: i64) -> i64 {
    us.div_euclid(1_000)
}

#[cfg(test)]
mod tests;
