//! Raft's own lesson goals (`Raft(TermAtLeast(2))`) and the facts they read
//! from the records of a step.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::member::RaftMember;
use super::messages::{RaftObs, Role};
use super::node::RaftNode;
use crate::protocols::node_id;
use crate::protocols::{StepFacts, StepGoal};
use crate::sim::{NodeId, NodeStatus, Record, RecordKind, Sim};
use crate::units::{Lang, NodeNum};

/// Conditions on Raft's own state.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum RaftCondition {
    /// Some node's current term is at least this.
    TermAtLeast(u64),
    /// This node's current term is at least this.
    NodeTermAtLeast(NodeNum, u64),
    /// A majority of nodes know that the entry at this index is committed.
    CommittedOnMajority(u64),
    /// Every node knows that the entry at this index is committed.
    CommittedOnAll(u64),
    /// This node knows that the entry at this index is committed.
    CommittedOn(NodeNum, u64),
    /// A majority of nodes store an entry at this index, committed or not.
    StoredOnMajority(u64),
    /// This node deleted conflicting entries since the step began.
    Truncated(NodeNum),
    /// At least this many log indexes became committed (on any node) since
    /// the step began.
    CommitCountAtLeast(u64),
    /// An election ended without a winner since the step began: a later
    /// term started before anyone won the earlier one (a split vote).
    ElectionFailed,
    /// The leader knows this node's log agrees with its own up to this
    /// index (its matchIndex for the node).
    LeaderMatches(NodeNum, u64),
    /// There is a leader and every running follower has heard from it, so
    /// a write sent to any of them is passed on rather than turned away.
    LeaderKnownToAll,
    /// At least this many client operations completed (ok, fail or info)
    /// since the step began.
    OpsCompleted(u64),
    /// This node's log starts after a snapshot that ends at this index or
    /// later.
    SnapshotAtLeast(NodeNum, u64),
    /// This node installed a leader's snapshot since the step began.
    SnapshotInstalled(NodeNum),
    /// There is a leader, and its configuration holds this server.
    InConfiguration(NodeNum),
    /// The configuration in effect on this server is exactly these.
    Configuration(NodeNum, Vec<NodeNum>),
}

/// What happened since a step began that the state alone cannot answer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RaftFacts {
    truncated: BTreeSet<NodeId>,
    committed: BTreeSet<u64>,
    candidate_terms: BTreeSet<u64>,
    leader_terms: BTreeSet<u64>,
    ops_completed: u64,
    installed: BTreeSet<NodeId>,
}

impl StepFacts<RaftMember> for RaftFacts {
    fn absorb(&mut self, records: &[Record<RaftMember>]) {
        for record in records {
            let RecordKind::Proto(obs) = &record.kind else {
                continue;
            };
            match obs {
                RaftObs::Truncate { node, .. } => {
                    self.truncated.insert(*node);
                }
                RaftObs::Commit { index, .. } => {
                    self.committed.insert(*index);
                }
                RaftObs::Role {
                    term,
                    role: Role::Candidate,
                    ..
                } => {
                    self.candidate_terms.insert(*term);
                }
                RaftObs::Role {
                    term,
                    role: Role::Leader,
                    ..
                } => {
                    self.leader_terms.insert(*term);
                }
                RaftObs::Ok(_) | RaftObs::Fail(_) | RaftObs::Info(_) => self.ops_completed += 1,
                RaftObs::InstallSnapshot { node, .. } => {
                    self.installed.insert(*node);
                }
                RaftObs::Role { .. }
                | RaftObs::Vote { .. }
                | RaftObs::Invoke(_)
                | RaftObs::Snapshot { .. }
                | RaftObs::CatchUp { .. }
                | RaftObs::Config { .. } => {}
            }
        }
    }
}

impl RaftFacts {
    fn election_failed(&self) -> bool {
        let latest = self.candidate_terms.last().copied().unwrap_or(0);
        self.candidate_terms
            .iter()
            .any(|t| *t < latest && !self.leader_terms.contains(t))
    }
}

impl StepGoal<RaftMember, RaftFacts> for RaftCondition {
    fn holds(&self, sim: &Sim<RaftMember>, facts: &RaftFacts) -> bool {
        let nodes: Vec<&RaftNode> = sim.nodes().iter().filter_map(RaftMember::server).collect();
        let majority = nodes.len() / 2 + 1;
        let count = |f: &dyn Fn(&RaftNode) -> bool| nodes.iter().filter(|n| f(n)).count();
        match self {
            RaftCondition::TermAtLeast(t) => nodes.iter().any(|n| n.current_term >= *t),
            RaftCondition::NodeTermAtLeast(n, t) => nodes
                .get(node_id(*n).index())
                .is_some_and(|node| node.current_term >= *t),
            RaftCondition::CommittedOnMajority(i) => {
                count(&|n: &RaftNode| n.commit_index >= *i) >= majority
            }
            RaftCondition::CommittedOnAll(i) => {
                count(&|n: &RaftNode| n.commit_index >= *i) == nodes.len()
            }
            RaftCondition::CommittedOn(n, i) => nodes
                .get(node_id(*n).index())
                .is_some_and(|node| node.commit_index >= *i),
            RaftCondition::StoredOnMajority(i) => {
                count(&|n: &RaftNode| n.log.last_index() >= *i) >= majority
            }
            RaftCondition::Truncated(n) => facts.truncated.contains(&node_id(*n)),
            RaftCondition::CommitCountAtLeast(k) => facts.committed.len() as u64 >= *k,
            RaftCondition::ElectionFailed => facts.election_failed(),
            RaftCondition::LeaderMatches(n, i) => sim.leader().is_some_and(|leader| {
                sim.node(leader)
                    .server()
                    .and_then(|l| l.match_index.get(node_id(*n).index()))
                    .is_some_and(|m| m >= i)
            }),
            RaftCondition::OpsCompleted(k) => facts.ops_completed >= *k,
            RaftCondition::SnapshotAtLeast(n, i) => nodes
                .get(node_id(*n).index())
                .is_some_and(|node| node.log.base().index >= *i),
            RaftCondition::SnapshotInstalled(n) => facts.installed.contains(&node_id(*n)),
            RaftCondition::InConfiguration(n) => sim
                .leader()
                .and_then(|leader| sim.node(leader).server())
                .is_some_and(|l| l.members.contains(&node_id(*n))),
            RaftCondition::Configuration(n, members) => {
                nodes.get(node_id(*n).index()).is_some_and(|node| {
                    node.members
                        .iter()
                        .copied()
                        .eq(members.iter().map(|m| node_id(*m)))
                })
            }
            RaftCondition::LeaderKnownToAll => sim.leader().is_some_and(|leader| {
                nodes.iter().all(|n| {
                    n.id == leader
                        || sim.status(n.id) == NodeStatus::Crashed
                        || n.leader_hint == Some(leader)
                })
            }),
        }
    }

    fn describe(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            RaftCondition::TermAtLeast(t) if zh => format!("任期达到 {t}"),
            RaftCondition::TermAtLeast(t) => format!("some node reaches term {t}"),
            RaftCondition::NodeTermAtLeast(n, t) if zh => format!("S{} 的任期达到 {t}", n.0),
            RaftCondition::NodeTermAtLeast(n, t) => format!("S{} reaches term {t}", n.0),
            RaftCondition::CommittedOnMajority(i) if zh => {
                format!("多数节点知道条目 {i} 已提交")
            }
            RaftCondition::CommittedOnMajority(i) => {
                format!("a majority know entry {i} is committed")
            }
            RaftCondition::CommittedOnAll(i) if zh => format!("所有节点知道条目 {i} 已提交"),
            RaftCondition::CommittedOnAll(i) => format!("every node knows entry {i} is committed"),
            RaftCondition::CommittedOn(n, i) if zh => {
                format!("S{} 知道条目 {i} 已提交", n.0)
            }
            RaftCondition::CommittedOn(n, i) => {
                format!("S{} knows entry {i} is committed", n.0)
            }
            RaftCondition::StoredOnMajority(i) if zh => format!("多数节点存有条目 {i}"),
            RaftCondition::StoredOnMajority(i) => format!("a majority store entry {i}"),
            RaftCondition::Truncated(n) if zh => format!("S{} 删除了冲突的条目", n.0),
            RaftCondition::Truncated(n) => format!("S{} deletes conflicting entries", n.0),
            RaftCondition::CommitCountAtLeast(k) if zh => format!("又有 {k} 个条目被提交"),
            RaftCondition::CommitCountAtLeast(k) => format!("{k} more entries are committed"),
            RaftCondition::ElectionFailed if zh => "一次选举无人胜出（分裂投票）".into(),
            RaftCondition::ElectionFailed => {
                "an election ends with no winner (a split vote)".into()
            }
            RaftCondition::LeaderMatches(n, i) if zh => {
                format!("领导者得知 S{} 的日志与自己一致到索引 {i}", n.0)
            }
            RaftCondition::LeaderMatches(n, i) => {
                format!("the leader knows S{}'s log agrees up to index {i}", n.0)
            }
            RaftCondition::LeaderKnownToAll if zh => "每个跟随者都已得知领导者".into(),
            RaftCondition::LeaderKnownToAll => "every follower knows the leader".into(),
            RaftCondition::OpsCompleted(k) if zh => format!("客户端又完成 {k} 个操作"),
            RaftCondition::OpsCompleted(1) => "1 more client operation completes".into(),
            RaftCondition::OpsCompleted(k) => format!("{k} more client operations complete"),
            RaftCondition::SnapshotAtLeast(n, i) if zh => {
                format!("S{} 的快照至少到第 {i} 条", n.0)
            }
            RaftCondition::SnapshotAtLeast(n, i) => {
                format!("S{}'s snapshot reaches entry {i}", n.0)
            }
            RaftCondition::SnapshotInstalled(n) if zh => format!("S{} 安装了领导者的快照", n.0),
            RaftCondition::SnapshotInstalled(n) => {
                format!("S{} installs the leader's snapshot", n.0)
            }
            RaftCondition::InConfiguration(n) if zh => format!("领导者的配置包含 S{}", n.0),
            RaftCondition::InConfiguration(n) => {
                format!("the leader's configuration holds S{}", n.0)
            }
            RaftCondition::Configuration(n, members) if zh => {
                format!("S{} 的配置是 {}", n.0, list(members))
            }
            RaftCondition::Configuration(n, members) => {
                format!("S{}'s configuration is {}", n.0, list(members))
            }
        }
    }
}

/// `{S1, S2, S3}`.
fn list(members: &[NodeNum]) -> String {
    let names: Vec<String> = members.iter().map(|m| format!("S{}", m.0)).collect();
    format!("{{{}}}", names.join(", "))
}
