//! What Paxos nodes say to each other, and what they report to the trace.

use std::fmt;
use std::sync::Arc;

use serde::{Serialize, Serializer};

use super::workload::LogRead;
use crate::protocols::clients::{Answer, ClientEvent, ClientOp};
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

/// A command's identity: the node a client sent it to, and that node's
/// count of the requests it took (kept on disk, so never reused). A
/// command passed on or proposed again keeps its id, which is how a leader
/// and the state machines tell a repeat from a new command that happens to
/// carry the same value. `S1/3`, as the explanations and the trace write it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CommandId {
    pub via: NodeId,
    pub seq: u64,
}

impl fmt::Display for CommandId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.via, self.seq)
    }
}

impl Serialize for CommandId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// What Paxos decides on: a client's command, or a no-op that a new leader
/// puts in a gap (no id, value [`NOOP`]).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Command {
    #[serde(rename = "cmd")]
    pub id: Option<CommandId>,
    pub value: Arc<str>,
}

/// The value of a no-op.
pub const NOOP: &str = "no-op";

impl Command {
    pub fn noop() -> Command {
        Command {
            id: None,
            value: NOOP.into(),
        }
    }

    pub fn is_noop(&self) -> bool {
        self.id.is_none()
    }

    /// How a message summary writes it, the same in every language: its
    /// value in quotes, or `∅` for a no-op.
    pub fn symbol(&self) -> String {
        if self.is_noop() {
            "∅".to_owned()
        } else {
            format!("\"{}\"", self.value)
        }
    }
}

/// An acceptor's vote in one slot: the ballot it accepted a command in.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Vote {
    pub slot: u64,
    pub ballot: Ballot,
    #[serde(flatten)]
    pub command: Command,
}

/// The messages of both phases; in Multi-Paxos also the leader's
/// heartbeat, a command passed on to it, and a learner catching up.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "msg")]
pub enum PaxosMsg {
    /// Phase 1a: "promise to ignore ballots below this one, for every slot
    /// from `from_slot` on".
    Prepare { ballot: Ballot, from_slot: u64 },
    /// Phase 1b: the promise, with every command the acceptor has accepted
    /// in those slots.
    Promise { ballot: Ballot, accepted: Vec<Vote> },
    /// The acceptor refuses `ballot`: it promised `promised`, which is
    /// higher.
    Nack { ballot: Ballot, promised: Ballot },
    /// Phase 2a: "accept this command in this slot, in this ballot".
    Accept {
        ballot: Ballot,
        slot: u64,
        #[serde(flatten)]
        command: Command,
    },
    /// Phase 2b, sent to every learner.
    Accepted {
        ballot: Ballot,
        slot: u64,
        #[serde(flatten)]
        command: Command,
    },
    /// Multi-Paxos: the leader of `ballot` is alive, and has learned every
    /// slot below `learned`.
    Heartbeat { ballot: Ballot, learned: u64 },
    /// Multi-Paxos: a client command passed on to the leader.
    Forward {
        #[serde(flatten)]
        command: Command,
    },
    /// Multi-Paxos: a learner that missed slots asks the leader for what
    /// was chosen from `from_slot` on.
    CatchUp { from_slot: u64 },
    /// The answer: commands the sender learned were chosen.
    Decided { chosen: Vec<Vote> },
    /// A client process's operation, numbered by the client: the number is
    /// the command's id, so a retry is recognised.
    ClientRequest {
        seq: u64,
        #[serde(flatten)]
        op: ClientOp<LogRead>,
    },
    /// A server's answer to a client process.
    ClientReply {
        seq: u64,
        #[serde(flatten)]
        answer: Answer,
    },
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
            PaxosMsg::CatchUp { .. } => "CatchUp",
            PaxosMsg::Decided { .. } => "Decided",
            PaxosMsg::ClientRequest { .. } => "ClientRequest",
            PaxosMsg::ClientReply { .. } => "ClientReply",
        }
    }

    fn summary(&self) -> String {
        match self {
            PaxosMsg::Prepare { ballot, .. } => format!("Prepare({ballot})"),
            PaxosMsg::Promise { ballot, accepted } => match accepted.as_slice() {
                [] => format!("Promise({ballot})"),
                [v] => format!(
                    "Promise({ballot}, #{} {} {})",
                    v.slot,
                    v.ballot,
                    v.command.symbol()
                ),
                many => format!("Promise({ballot}, +{})", many.len()),
            },
            PaxosMsg::Nack { ballot, promised } => format!("Nack({ballot} < {promised})"),
            PaxosMsg::Accept {
                ballot,
                slot,
                command,
            } => format!("Accept({ballot}, #{slot} {})", command.symbol()),
            PaxosMsg::Accepted {
                ballot,
                slot,
                command,
            } => format!("Accepted({ballot}, #{slot} {})", command.symbol()),
            PaxosMsg::Heartbeat { ballot, learned: 0 } => format!("Heartbeat({ballot})"),
            PaxosMsg::Heartbeat { ballot, learned } => {
                format!("Heartbeat({ballot}, ✓≤#{})", learned - 1)
            }
            PaxosMsg::Forward { command } => format!("Forward({})", command.symbol()),
            PaxosMsg::CatchUp { from_slot } => format!("CatchUp(#{from_slot}..)"),
            PaxosMsg::Decided { chosen } => match (chosen.first(), chosen.last()) {
                (Some(one), _) if chosen.len() == 1 => {
                    format!("Decided(#{} {})", one.slot, one.command.symbol())
                }
                (Some(first), Some(last)) => format!("Decided(#{}..#{})", first.slot, last.slot),
                _ => "Decided()".to_owned(),
            },
            PaxosMsg::ClientRequest { op, .. } => format!("ClientRequest({op})"),
            PaxosMsg::ClientReply { answer, .. } => format!("ClientReply({answer})"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PaxosTimer {
    /// Multi-Paxos: no leader's heartbeat for this long, and a proposer
    /// tries to lead.
    Election,
    /// Single-decree: a proposer's back-off is over; it tries a higher
    /// ballot.
    Retry,
    /// A phase took too long: the proposer gives up on its ballot.
    Timeout,
    /// Multi-Paxos leader: time to say it is alive and resend open slots.
    Heartbeat,
    /// Client processes: time to start the next operation.
    #[serde(rename = "next_op")]
    NextOp,
    /// Client processes: no answer in time; ask again.
    #[serde(rename = "client_retry")]
    ClientRetry,
}

/// Paxos's own trace records (README, "Trace format").
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum PaxosObs {
    /// One per learner and slot, when that learner learns the command.
    Chosen {
        slot: u64,
        #[serde(flatten)]
        command: Command,
        ballot: Ballot,
        node: NodeId,
    },
    /// A node's state machine runs a chosen command (slot by slot, in
    /// order, each command once): the client is answered.
    Execute {
        node: NodeId,
        slot: u64,
        cmd: CommandId,
        value: Arc<str>,
    },
    /// A proposer took a client's command (the values Validity allows).
    Propose {
        node: NodeId,
        #[serde(flatten)]
        command: Command,
    },
    /// A Multi-Paxos proposer gained (`leads`) or lost the lead.
    Leader {
        node: NodeId,
        ballot: Ballot,
        leads: bool,
    },
    /// A client process starts an operation (README, "Client histories").
    Invoke(ClientEvent),
    /// It completed: `value` is what a read saw.
    Ok(ClientEvent),
    /// It certainly took no effect.
    Fail(ClientEvent),
    /// The client gave up without knowing: a write may still take effect.
    Info(ClientEvent),
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
