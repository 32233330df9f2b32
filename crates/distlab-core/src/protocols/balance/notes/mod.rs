//! Why a member of a dispatch cluster did what it did, what the checker
//! found, and every other value of the family that people read (timers,
//! commands, trace records, targets, lesson goals): put into words only
//! when someone reads them. Each sentence is written once, every language
//! beside the others: the generator's and the servers' in `servers.rs`,
//! the balancer's and the checker's in `balancer.rs`, why an algorithm
//! picked a server in `picks.rs`, and the rest in `words.rs`.

mod balancer;
mod picks;
mod servers;
mod words;

use super::algo::Pick;
use super::goals::BalanceCondition;
use super::members::BalanceAlias;
use super::messages::{BalanceObs, BalanceTimer, Reason, ReqId};
use super::node::BalanceCommand;
use super::spec::Algorithm;
use crate::sim::{Describe, Labels, NodeId};
use crate::units::Lang;

/// One explanation, or one checker finding. `me` is the member that
/// acted; servers are named by their node, so labels apply.
#[derive(Clone, Debug, PartialEq)]
pub enum BalanceNote {
    // The load generator.
    /// LG sends a new request.
    Sends {
        req: ReqId,
        cost_us: u64,
    },
    /// LG's rate changed (`SetRate`).
    NewRate {
        rate: u32,
    },

    // A server.
    /// Failing fast, it answers with an error at once.
    FailsAtOnce {
        me: NodeId,
        req: ReqId,
    },
    /// Every slot is busy: the request waits in the queue.
    Queues {
        me: NodeId,
        req: ReqId,
        in_service: u32,
        waiting: usize,
    },
    /// The queue is full: the server refuses.
    QueueFull {
        me: NodeId,
        req: ReqId,
        queue: u32,
    },
    /// The server starts the work, `work_us` long (a tenth on a cache hit).
    Starts {
        me: NodeId,
        req: ReqId,
        work_us: u64,
        hit: bool,
    },
    /// The work is done and answered.
    Finishes {
        me: NodeId,
        req: ReqId,
    },
    /// `SlowDown`: work takes `factor` times as long.
    Slowed {
        me: NodeId,
        factor: f64,
    },
    /// `FailFast`: it now fails every request at once, or serves again.
    FailFast {
        me: NodeId,
        on: bool,
    },
    /// `AddServer` started this spare server; it asks LB to join.
    Starting {
        me: NodeId,
        weight: u32,
    },
    /// It is not welcomed yet and asks again.
    AsksAgain {
        me: NodeId,
    },
    /// A server answers a health check.
    AnswersProbe {
        me: NodeId,
        healthy: bool,
    },
    /// A member got a command that is not for its kind.
    NotForMe {
        me: NodeId,
        command: BalanceCommand,
    },

    // The balancer.
    /// A duplicated request is dropped.
    SecondCopy {
        req: ReqId,
    },
    /// No server is eligible.
    NoServer {
        req: ReqId,
    },
    /// The pick, and why: the algorithm's state at the decision (boxed:
    /// it is large, and every record has room for the largest note).
    Picks(Box<PickNote>),
    /// An answer to an attempt that already ended.
    LateAnswer {
        from: NodeId,
        req: ReqId,
    },
    /// A good answer goes back to the client.
    PassesAnswer {
        from: NodeId,
        req: ReqId,
    },
    /// An error answer with retries off: the error goes back.
    PassesError {
        from: NodeId,
        req: ReqId,
    },
    /// The attempt took too long.
    GivesUp {
        server: NodeId,
        req: ReqId,
        after_ms: u64,
    },
    /// Outlier detection ejects a server until `until_ms`.
    Ejects {
        server: NodeId,
        until_ms: u64,
        errors: u32,
    },
    /// The deadline timer found no attempt past its time-out (they were
    /// answered); it is set again for the next, if any is waiting.
    NoneOverdue {
        next_ms: Option<u64>,
    },
    /// The retry budget refuses a retry.
    OverBudget {
        req: ReqId,
        out: usize,
    },
    /// All tries are spent.
    OutOfTries {
        req: ReqId,
        tries: u32,
    },
    /// A retry is coming after a back-off.
    WillRetry {
        req: ReqId,
        why: Reason,
        delay_us: u64,
    },
    /// Active health checks changed their verdict.
    Healthy {
        server: NodeId,
        checks: u32,
    },
    Unhealthy {
        server: NodeId,
        checks: u32,
    },
    /// `SetAlgorithm`.
    NewAlgorithm {
        algorithm: Algorithm,
    },
    /// A new server asked to join and is in the pool now.
    Admits {
        server: NodeId,
        weight: u32,
    },
    /// It asked again, and is already in.
    AlreadyIn {
        server: NodeId,
    },
    /// `RemoveServer`.
    Removes {
        server: NodeId,
    },
    /// `RemoveServer` of a server that is out already.
    AlreadyOut {
        server: NodeId,
    },

    // What the checker found.
    EndsTwice {
        req: ReqId,
        how: End,
    },
    NeverTaken {
        req: ReqId,
        how: End,
    },
    Vanished {
        req: ReqId,
        since_ms: u64,
    },
}

/// A pick and the algorithm's state at it. Handlers explain with this
/// value, and it is boxed into a [`BalanceNote`] only when a run keeps
/// explanations, so that a headless run allocates nothing per pick.
#[derive(Clone, Debug, PartialEq)]
pub struct PickNote {
    pub req: ReqId,
    /// The request's key, if it has one (hashing uses its number
    /// otherwise).
    pub key: Option<u32>,
    pub algorithm: Algorithm,
    pub attempt: u32,
    pub pick: Pick,
}

impl From<PickNote> for BalanceNote {
    fn from(note: PickNote) -> Self {
        BalanceNote::Picks(Box::new(note))
    }
}

/// How a request ended, as the checker saw it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    Completed,
    Rejected(Reason),
}

impl Describe for BalanceNote {
    fn describe(&self, lang: Lang, labels: &Labels) -> String {
        servers::note(self, lang, labels)
    }
}

impl Describe for BalanceObs {
    fn describe(&self, lang: Lang, labels: &Labels) -> String {
        words::obs(self, lang, labels)
    }
}

impl Describe for BalanceTimer {
    fn describe(&self, lang: Lang, _: &Labels) -> String {
        words::timer(*self, lang)
    }
}

impl Describe for BalanceCommand {
    fn describe(&self, lang: Lang, labels: &Labels) -> String {
        words::command(self, lang, labels)
    }
}

impl Describe for BalanceAlias {
    fn describe(&self, lang: Lang, _: &Labels) -> String {
        words::role(*self, lang)
    }
}

/// A lesson goal in `lang`.
pub fn goal(condition: &BalanceCondition, lang: Lang) -> String {
    words::goal(condition, lang)
}

/// Why a request ended without an answer, in `lang`.
pub fn reason_text(reason: Reason, lang: Lang) -> &'static str {
    words::reason(reason, lang)
}

/// An algorithm's name for people: the file's name in English, a
/// translation beside it in Chinese.
pub fn algorithm_name(algorithm: Algorithm, lang: Lang) -> &'static str {
    words::algorithm(algorithm, lang)
}

/// A point of the hash ring as a share of the way round, in percent.
pub fn ring_share(point: u64) -> f64 {
    point as f64 / u64::MAX as f64 * 100.0
}

/// Milliseconds from microseconds, with one decimal below 10 ms.
fn in_ms(us: u64) -> String {
    let ms = us as f64 / 1000.0;
    if ms < 10.0 {
        format!("{ms:.1}")
    } else {
        format!("{ms:.0}")
    }
}

#[cfg(test)]
mod tests;
