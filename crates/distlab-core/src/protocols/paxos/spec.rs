//! Paxos in scenario files: `cluster: Paxos((…))` and the `Propose`
//! request.

use std::collections::BTreeSet;

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};

use super::workload::{Shape, Workload, SINGLE_HAS_NO_CLIENTS};
use crate::protocols::clients::{servers, ClientAlias};
use crate::protocols::TargetSpec;
use crate::units::{recall, MsRange, NodeNum};

/// Single-decree Paxos decides one value; Multi-Paxos a sequence of them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mode {
    #[default]
    Single,
    Multi,
}

/// Deliberate mistakes, each breaking a rule the algorithm needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Bug {
    /// An acceptor keeps its promise only in memory: a restart forgets it.
    AcceptorForgetsPromiseOnRestart,
    /// Phase 2 sends the proposer's own value even when a promise reported
    /// an accepted one.
    ProposerIgnoresAcceptedValues,
    /// Learners add up 2b messages of different ballots for one slot.
    LearnerCountsAnyBallot,
    /// A proposer forgets the rounds it used when it restarts.
    ReuseBallotAfterRestart,
    /// Multi-Paxos without client ids: a leader proposes a command it
    /// already placed in a slot again, and state machines run a command
    /// as often as it is chosen.
    IgnoreClientIds,
}

fn default_nodes() -> usize {
    5
}
fn default_proposers() -> Vec<NodeNum> {
    vec![NodeNum(1), NodeNum(2)]
}
fn default_retry() -> MsRange {
    MsRange(50, 150)
}

/// `cluster: Paxos((nodes: 5, mode: Single, proposers: [1, 2], retry_ms:
/// (50, 150), bugs: []))`, and in Multi-Paxos a `workload: (…)` of client
/// processes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaxosSpec {
    #[serde(default = "default_nodes", deserialize_with = "servers")]
    pub nodes: usize,
    #[serde(default, deserialize_with = "mode")]
    pub mode: Mode,
    #[serde(default = "default_proposers")]
    pub proposers: Vec<NodeNum>,
    #[serde(default = "default_retry")]
    pub retry_ms: MsRange,
    #[serde(default)]
    pub bugs: Vec<Bug>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workload: Option<Workload>,
}

fn mode<'de, D: Deserializer<'de>>(d: D) -> Result<Mode, D::Error> {
    let mode = Mode::deserialize(d)?;
    recall::note(|s: &mut Shape| s.mode = Some(mode));
    if mode == Mode::Single && recall::recalled::<Shape>().is_some_and(|s| s.workload) {
        return Err(de::Error::custom(SINGLE_HAS_NO_CLIENTS));
    }
    Ok(mode)
}

impl Default for PaxosSpec {
    fn default() -> Self {
        PaxosSpec {
            nodes: default_nodes(),
            mode: Mode::Single,
            proposers: default_proposers(),
            retry_ms: default_retry(),
            bugs: Vec::new(),
            workload: None,
        }
    }
}

/// The shortest a proposer waits for a phase's replies, in µs: several
/// round trips on the slowest links a scenario usually has.
pub const MIN_PHASE_TIMEOUT: u64 = 100_000;

/// The settings every node shares.
#[derive(Clone, Debug, PartialEq)]
pub struct PaxosConfig {
    pub nodes: usize,
    pub mode: Mode,
    /// Zero-based indexes of the proposers.
    pub proposers: BTreeSet<usize>,
    /// Back-off before a retry, in µs.
    pub retry: (u64, u64),
    pub bugs: BTreeSet<Bug>,
}

impl PaxosConfig {
    pub fn majority(&self) -> usize {
        self.nodes / 2 + 1
    }

    pub fn has(&self, bug: Bug) -> bool {
        self.bugs.contains(&bug)
    }

    /// How long a phase may take before its proposer gives up on it: twice
    /// the longest back-off, so a phase outlives a rival's retry, and never
    /// under [`MIN_PHASE_TIMEOUT`], so that a short back-off does not give up
    /// on replies still on their way.
    pub fn phase_timeout(&self) -> u64 {
        (self.retry.1 * 2).max(MIN_PHASE_TIMEOUT)
    }

    /// How often a Multi-Paxos leader says it is alive: often enough that
    /// several heartbeats fit in the shortest election timeout.
    pub fn heartbeat(&self) -> u64 {
        (self.retry.0 / 2).max(1_000)
    }

    /// The range a Multi-Paxos follower waits in without a heartbeat
    /// before it runs phase 1 itself.
    pub fn election_timeout(&self) -> (u64, u64) {
        (self.retry.0 * 2, self.retry.1 * 2)
    }
}

impl PaxosSpec {
    /// Servers and client processes.
    pub fn members(&self) -> usize {
        self.nodes + self.workload.as_ref().map_or(0, |w| w.clients)
    }

    pub fn config(&self) -> PaxosConfig {
        PaxosConfig {
            nodes: self.nodes,
            mode: self.mode,
            proposers: self
                .proposers
                .iter()
                .map(|n| n.0 - 1)
                .filter(|&i| i < self.nodes)
                .collect(),
            retry: (
                crate::sim::ms(self.retry_ms.0),
                crate::sim::ms(self.retry_ms.1),
            ),
            bugs: self.bugs.iter().copied().collect(),
        }
    }
}

/// A request among a scenario's actions: `Propose(Node(1), "x")`; in
/// Multi-Paxos `Propose(Leader, "x")` goes to the leader. With a workload,
/// a client process's operation: `ClientWrite("x=1")` and
/// `ClientRead("x")` by `C1`, `ClientWriteTo(Client(2), "x=1")` and
/// `ClientReadFrom(Client(2), "x")` by another.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum PaxosRequest {
    Propose(TargetSpec<ClientAlias>, String),
    ClientWrite(String),
    ClientWriteTo(TargetSpec<ClientAlias>, String),
    ClientRead(String),
    ClientReadFrom(TargetSpec<ClientAlias>, String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_design_line_parses_and_unknown_fields_do_not() {
        let text = "(nodes: 5, mode: Single, proposers: [1, 2], retry_ms: (50, 150), bugs: [])";
        let spec: PaxosSpec = ron::from_str(text).expect("parses");
        assert_eq!(spec, PaxosSpec::default());
        let multi: PaxosSpec = ron::from_str("(mode: Multi, bugs: [LearnerCountsAnyBallot])")
            .expect("defaults fill the rest");
        assert_eq!(multi.mode, Mode::Multi);
        assert!(multi.config().has(Bug::LearnerCountsAnyBallot));
        assert!(ron::from_str::<PaxosSpec>("(leaders: 2)").is_err());
        assert!(ron::from_str::<PaxosSpec>("(retry_ms: (150, 50))").is_err());
    }

    #[test]
    fn proposers_are_counted_from_one() {
        let config = PaxosSpec::default().config();
        assert_eq!(config.proposers.iter().copied().collect::<Vec<_>>(), [0, 1]);
        assert_eq!(config.majority(), 3);
    }
}
