//! What travels between the generator, the balancer and the servers, the
//! timers they keep, and what the trace records (README, "Trace format").

use serde::Serialize;

use crate::sim::Message;

/// A request's number, given by the generator from 1.
pub type ReqId = u64;

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "msg")]
pub enum BalanceMsg {
    /// A new request from the generator to the balancer.
    Request {
        req: ReqId,
        #[serde(skip_serializing_if = "Option::is_none")]
        key: Option<u32>,
        cost_us: u64,
    },
    /// The balancer hands a request to a server.
    Work {
        req: ReqId,
        #[serde(skip_serializing_if = "Option::is_none")]
        key: Option<u32>,
        cost_us: u64,
        attempt: u32,
    },
    /// A server's answer: done, or refused (`queue-full`, `error`).
    Reply {
        req: ReqId,
        attempt: u32,
        ok: bool,
        #[serde(serialize_with = "refusal")]
        reason: Option<Reason>,
    },
    /// An active health check.
    Probe,
    /// The answer to a health check.
    ProbeReply { healthy: bool },
    /// A server that has just started asks the balancer to take it into
    /// its pool (`AddServer`), with the weight it was given.
    Join { weight: u32 },
    /// The balancer has the server in its pool: it may stop asking.
    Welcome,
}

impl Message for BalanceMsg {
    fn name(&self) -> &'static str {
        match self {
            BalanceMsg::Request { .. } => "Request",
            BalanceMsg::Work { .. } => "Work",
            BalanceMsg::Reply { .. } => "Reply",
            BalanceMsg::Probe => "Probe",
            BalanceMsg::ProbeReply { .. } => "ProbeReply",
            BalanceMsg::Join { .. } => "Join",
            BalanceMsg::Welcome => "Welcome",
        }
    }

    /// `Work(#7)`, a retry `Work(#7 ↻1)`, `Reply(#7 ✓)`,
    /// `Reply(#7 ✗ queue-full)`: symbols and the trace's reason codes, the
    /// same in every language.
    fn summary(&self) -> String {
        match self {
            BalanceMsg::Request { req, .. } => format!("Request(#{req})"),
            BalanceMsg::Work {
                req, attempt: 1, ..
            } => format!("Work(#{req})"),
            BalanceMsg::Work { req, attempt, .. } => format!("Work(#{req} ↻{})", attempt - 1),
            BalanceMsg::Reply { req, ok: true, .. } => format!("Reply(#{req} ✓)"),
            BalanceMsg::Reply { req, reason, .. } => {
                format!("Reply(#{req} ✗ {})", reason.map_or("", Reason::code))
            }
            BalanceMsg::Probe => "Probe".into(),
            BalanceMsg::ProbeReply { healthy } => {
                format!("ProbeReply({})", if *healthy { "✓" } else { "✗" })
            }
            BalanceMsg::Join { weight } => format!("Join(w{weight})"),
            BalanceMsg::Welcome => "Welcome".into(),
        }
    }
}

/// Timers carry the request they are about, so a server with eight
/// requests in service has eight completion timers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum BalanceTimer {
    /// The generator's next arrival.
    Arrival,
    /// The balancer gives up on every attempt past its time-out (one timer
    /// at the earliest deadline; see the balancer's `deadlines`).
    Deadline,
    /// The balancer's back-off before a retry ends.
    Backoff(ReqId),
    /// The balancer probes every server.
    Health,
    /// A server finishes a request's attempt.
    Done { req: ReqId, attempt: u32 },
    /// A server added at run time asks to join again, not yet welcomed.
    Announce,
}

/// The balancer's trace records.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum BalanceObs {
    /// A request goes to a server (1-based among the servers).
    Dispatch {
        req: ReqId,
        server: usize,
        #[serde(skip_serializing_if = "Option::is_none")]
        key: Option<u32>,
        attempt: u32,
        reason: &'static str,
    },
    /// A request ends with an answer.
    Complete {
        req: ReqId,
        server: usize,
        latency_us: u64,
        ok: bool,
    },
    /// A request ends without one.
    Reject { req: ReqId, reason: Reason },
}

/// Why a request ended without an answer, or why a server refused an
/// attempt, as the trace writes it (`queue-full`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    /// The server's queue was full.
    QueueFull,
    /// No server was in the pool, healthy and not ejected.
    NoServer,
    /// The attempt took longer than the request time-out.
    Timeout,
    /// The server answered with an error.
    Error,
    /// A retry was due, but the retry budget was spent.
    Budget,
}

impl Reason {
    /// Every reason, in the order summaries list them.
    pub const ALL: [Reason; 5] = [
        Reason::QueueFull,
        Reason::NoServer,
        Reason::Timeout,
        Reason::Error,
        Reason::Budget,
    ];

    /// The word the trace and scenario summaries use: `queue-full`.
    pub fn code(self) -> &'static str {
        match self {
            Reason::QueueFull => "queue-full",
            Reason::NoServer => "no-server",
            Reason::Timeout => "timeout",
            Reason::Error => "error",
            Reason::Budget => "budget",
        }
    }
}

/// A server's refusal as a reply writes it: `""` for a good answer, so the
/// trace's `reason` field stays a string.
fn refusal<S: serde::Serializer>(reason: &Option<Reason>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(reason.map_or("", Reason::code))
}
