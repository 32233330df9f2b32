//! What Paxos nodes say to each other, and what they report to the trace.

use std::fmt;
use std::sync::Arc;

use serde::{Serialize, Serializer};

use crate::sim::{Message, NodeId};

/// A ballot: a round number made unique by the proposer's identity, so two
/// proposers never share one. Ordered by round, then by node.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ballot {
    pub round: u64,
    pub node: NodeId,
}

impl Default for Ballot {
    fn default() -> Self {
        Ballot::ZERO
    }
}

impl Ballot {
    /// The ballot below every real one: nothing promised, nothing accepted.
    pub const ZERO: Ballot = Ballot {
        round: 0,
        node: NodeId(0),
    };

    pub fn is_zero(self) -> bool {
        self.round == 0
    }
}

/// `2.S1`, as the explanations and the trace write it; `-` for none.
impl fmt::Display for Ballot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_zero() {
            write!(f, "-")
        } else {
            write!(f, "{}.{}", self.round, self.node)
        }
    }
}

impl Serialize for Ballot {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// An acceptor's vote in one slot: the ballot it accepted a value in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Vote {
    pub slot: u64,
    pub ballot: Ballot,
    pub value: Arc<str>,
}

/// The messages of both phases, plus the leader's heartbeat and a
/// command passed on to it (Multi-Paxos).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "msg")]
pub enum PaxosMsg {
    /// Phase 1a: "promise to ignore ballots below this one, for every slot
    /// from `from_slot` on".
    Prepare { ballot: Ballot, from_slot: u64 },
    /// Phase 1b: the promise, with every value the acceptor has accepted
    /// in those slots.
    Promise { ballot: Ballot, accepted: Vec<Vote> },
    /// The acceptor refuses `ballot`: it promised `promised`, which is
    /// higher.
    Nack { ballot: Ballot, promised: Ballot },
    /// Phase 2a: "accept this value in this slot, in this ballot".
    Accept {
        ballot: Ballot,
        slot: u64,
        value: Arc<str>,
    },
    /// Phase 2b, sent to every learner.
    Accepted {
        ballot: Ballot,
        slot: u64,
        value: Arc<str>,
    },
    /// Multi-Paxos: the leader of `ballot` is alive.
    Heartbeat { ballot: Ballot },
    /// Multi-Paxos: a client command passed on to the leader.
    Forward { value: Arc<str> },
}

impl Message for PaxosMsg {
    fn name(&self) -> &'static str {
        match self {
            PaxosMsg::Prepare { .. } => "Prepare",
            PaxosMsg::Promise { .. } => "Promise",
            PaxosMsg::Nack { .. } => "Nack",
            PaxosMsg::Accept { .. } => "Accept",
            PaxosMsg::Accepted { .. } => "Accepted",
            PaxosMsg::Heartbeat { .. } => "Heartbeat",
            PaxosMsg::Forward { .. } => "Forward",
        }
    }

    fn summary(&self) -> String {
        match self {
            PaxosMsg::Prepare { ballot, .. } => format!("Prepare({ballot})"),
            PaxosMsg::Promise { ballot, accepted } => match accepted.as_slice() {
                [] => format!("Promise({ballot})"),
                [v] => format!("Promise({ballot}, had {}:\"{}\")", v.ballot, v.value),
                many => format!("Promise({ballot}, {} accepted)", many.len()),
            },
            PaxosMsg::Nack { ballot, promised } => format!("Nack({ballot} < {promised})"),
            PaxosMsg::Accept {
                ballot,
                slot,
                value,
            } => format!("Accept({ballot}, #{slot} \"{value}\")"),
            PaxosMsg::Accepted {
                ballot,
                slot,
                value,
            } => format!("Accepted({ballot}, #{slot} \"{value}\")"),
            PaxosMsg::Heartbeat { ballot } => format!("heartbeat({ballot})"),
            PaxosMsg::Forward { value } => format!("Forward(\"{value}\")"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PaxosTimer {
    /// A proposer's next try: after a back-off (single-decree), or when no
    /// leader has been heard from for too long (Multi-Paxos).
    Retry,
    /// A phase took too long: the proposer gives up on its ballot.
    Timeout,
    /// Multi-Paxos leader: time to say it is alive and resend open slots.
    Heartbeat,
}

/// Paxos's own trace records (DESIGN §4).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum PaxosObs {
    /// One per learner and slot, when that learner learns the value.
    Chosen {
        slot: u64,
        value: Arc<str>,
        ballot: Ballot,
        node: NodeId,
    },
    /// A proposer took a client's value (the values Validity allows).
    Propose { node: NodeId, value: Arc<str> },
    /// A Multi-Paxos proposer gained (`leads`) or lost the lead.
    Leader {
        node: NodeId,
        ballot: Ballot,
        leads: bool,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ballots_order_by_round_then_node_and_read_as_round_dot_node() {
        let b = |round, node| Ballot {
            round,
            node: NodeId(node),
        };
        assert!(b(1, 1) > b(1, 0));
        assert!(b(2, 0) > b(1, 4));
        assert!(Ballot::ZERO < b(1, 0));
        assert_eq!(b(2, 0).to_string(), "2.S1");
        assert_eq!(Ballot::ZERO.to_string(), "-");
        assert_eq!(serde_json::to_string(&b(3, 1)).expect("json"), "\"3.S2\"");
    }
}
