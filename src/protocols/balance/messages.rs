//! What travels between the generator, the balancer and the servers, the
//! timers they keep, and what the trace records (DESIGN §4).

use std::fmt;

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
        reason: &'static str,
    },
    /// An active health check.
    Probe,
    /// The answer to a health check.
    ProbeReply { healthy: bool },
}

impl Message for BalanceMsg {
    fn name(&self) -> &'static str {
        match self {
            BalanceMsg::Request { .. } => "Request",
            BalanceMsg::Work { .. } => "Work",
            BalanceMsg::Reply { .. } => "Reply",
            BalanceMsg::Probe => "Probe",
            BalanceMsg::ProbeReply { .. } => "ProbeReply",
        }
    }

    fn summary(&self) -> String {
        match self {
            BalanceMsg::Request { req, .. } => format!("Request(#{req})"),
            BalanceMsg::Work { req, attempt, .. } => format!("Work(#{req}, try {attempt})"),
            BalanceMsg::Reply { req, ok: true, .. } => format!("Reply(#{req}, ok)"),
            BalanceMsg::Reply { req, reason, .. } => format!("Reply(#{req}, {reason})"),
            BalanceMsg::Probe => "Probe".into(),
            BalanceMsg::ProbeReply { healthy } => {
                format!("ProbeReply({})", if *healthy { "up" } else { "failing" })
            }
        }
    }
}

/// Timers carry the request they are about, so a server with eight
/// requests in service has eight completion timers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum BalanceTimer {
    /// The generator's next arrival.
    Arrival,
    /// The balancer gives up on a request's current attempt.
    Deadline(ReqId),
    /// The balancer's back-off before a retry ends.
    Backoff(ReqId),
    /// The balancer probes every server.
    Health,
    /// A server finishes a request's attempt.
    Done { req: ReqId, attempt: u32 },
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
    Reject { req: ReqId, reason: &'static str },
}

impl fmt::Display for BalanceObs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BalanceObs::Dispatch {
                req,
                server,
                attempt,
                ..
            } => write!(f, "request #{req} goes to S{server} (try {attempt})"),
            BalanceObs::Complete {
                req,
                server,
                latency_us,
                ..
            } => write!(
                f,
                "request #{req} completes on S{server} in {:.1} ms",
                *latency_us as f64 / 1000.0
            ),
            BalanceObs::Reject { req, reason } => write!(f, "request #{req} is rejected: {reason}"),
        }
    }
}

/// Reasons a request ends without an answer, as the trace writes them.
pub mod reason {
    pub const QUEUE_FULL: &str = "queue-full";
    pub const NO_SERVER: &str = "no-server";
    pub const TIMEOUT: &str = "timeout";
    pub const ERROR: &str = "error";
    pub const BUDGET: &str = "budget";
}
