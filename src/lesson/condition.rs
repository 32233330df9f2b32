//! Conditions over a running simulation: what a step waits for.
//!
//! Generic conditions (leaders, crashes, violations, time) work for every
//! protocol; conditions that only make sense for one protocol live in that
//! protocol's group (`Raft(…)`), so that other protocols add a group of
//! their own without touching the rest. Conditions read the simulation's
//! state plus the [`Facts`] gathered from records since the step began.

use std::cell::Cell;
use std::collections::BTreeSet;

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};

use super::text::Lang;
use crate::protocols::raft::{self, RaftNode, RaftObs, Role};
use crate::scenario::NodeNum;
use crate::sim::{Actor, NodeId, NodeStatus, Record, RecordKind, Sim, SimTime};

/// The invariants a protocol's checker can report.
pub fn invariants_of(protocol: &str) -> &'static [&'static str] {
    match protocol {
        "raft" => &raft::INVARIANTS,
        _ => &[],
    }
}

thread_local! {
    /// The protocol of the lesson being parsed, once known: conditions for
    /// another protocol are then errors at their own line and column.
    static PROTOCOL: Cell<Option<&'static str>> = const { Cell::new(None) };
}

/// Runs `f` with `protocol` in force for protocol-specific checks.
pub(crate) fn with_protocol<T>(protocol: &'static str, f: impl FnOnce() -> T) -> T {
    let before = PROTOCOL.with(|c| c.replace(Some(protocol)));
    let out = f();
    PROTOCOL.with(|c| c.set(before));
    out
}

/// A condition over the simulation. Combine with `All`, `Any` and `Not`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Condition {
    All(Vec<Condition>),
    Any(Vec<Condition>),
    Not(Box<Condition>),
    /// Some running node leads.
    LeaderExists,
    /// This node leads the highest term among running nodes.
    LeaderIs(NodeNum),
    /// Some node other than this one leads the highest term.
    LeaderIsNot(NodeNum),
    Crashed(NodeNum),
    /// The node is running (not crashed, not paused).
    Up(NodeNum),
    /// The safety checker reported this invariant broken since the step
    /// began.
    Violated(#[serde(deserialize_with = "invariant_name")] String),
    /// No invariant was reported broken since the step began.
    NoViolation,
    /// At least this many simulated milliseconds passed since the step began.
    ElapsedMs(u64),
    /// A condition that only Raft clusters have.
    Raft(#[serde(deserialize_with = "raft_only")] RaftCondition),
}

/// Conditions on Raft's own state.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum RaftCondition {
    /// Some node's current term is at least this.
    TermAtLeast(u64),
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
}

fn invariant_name<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let name = String::deserialize(d)?;
    let known: Vec<&str> = match PROTOCOL.with(Cell::get) {
        Some(p) => invariants_of(p).to_vec(),
        None => return Ok(name),
    };
    if known.contains(&name.as_str()) {
        Ok(name)
    } else {
        Err(de::Error::custom(format!(
            "unknown invariant \"{name}\"; this protocol checks: {}",
            known.join(", ")
        )))
    }
}

fn raft_only<'de, D: Deserializer<'de>>(d: D) -> Result<RaftCondition, D::Error> {
    match PROTOCOL.with(Cell::get) {
        Some(p) if p != "raft" => Err(de::Error::custom(format!(
            "a Raft condition cannot apply to a {p} cluster"
        ))),
        _ => RaftCondition::deserialize(d),
    }
}

/// What happened since a step began, gathered from the records of each
/// simulation step, for conditions that the state alone cannot answer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Facts {
    pub started_at: SimTime,
    violations_before: usize,
    truncated: BTreeSet<NodeId>,
    committed: BTreeSet<u64>,
    candidate_terms: BTreeSet<u64>,
    leader_terms: BTreeSet<u64>,
}

impl Facts {
    /// Facts start empty at the simulation's present moment.
    pub fn begin<A: Actor>(sim: &Sim<A>) -> Facts {
        Facts {
            started_at: sim.now(),
            violations_before: sim.violations().len(),
            ..Facts::default()
        }
    }

    /// Takes note of one simulation step's records.
    pub fn absorb(&mut self, records: &[Record<RaftNode>]) {
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
                RaftObs::Role { .. } | RaftObs::Vote { .. } => {}
            }
        }
    }

    fn election_failed(&self) -> bool {
        let latest = self.candidate_terms.last().copied().unwrap_or(0);
        self.candidate_terms
            .iter()
            .any(|t| *t < latest && !self.leader_terms.contains(t))
    }
}

fn id(n: NodeNum) -> NodeId {
    NodeId((n.0 - 1) as u8)
}

impl Condition {
    /// Whether the condition holds now.
    pub fn holds(&self, sim: &Sim<RaftNode>, facts: &Facts) -> bool {
        match self {
            Condition::All(cs) => cs.iter().all(|c| c.holds(sim, facts)),
            Condition::Any(cs) => cs.iter().any(|c| c.holds(sim, facts)),
            Condition::Not(c) => !c.holds(sim, facts),
            Condition::Raft(c) => c.holds(sim, facts),
            generic => generic.holds_generic(sim, facts),
        }
    }

    /// The conditions that hold for any protocol.
    fn holds_generic<A: Actor>(&self, sim: &Sim<A>, facts: &Facts) -> bool {
        let exists = |n: NodeNum| n.0 <= sim.cluster_size();
        match self {
            Condition::LeaderExists => sim.leader().is_some(),
            Condition::LeaderIs(n) => sim.leader() == Some(id(*n)),
            Condition::LeaderIsNot(n) => sim.leader().is_some_and(|l| l != id(*n)),
            Condition::Crashed(n) => exists(*n) && sim.status(id(*n)) == NodeStatus::Crashed,
            Condition::Up(n) => exists(*n) && sim.status(id(*n)).is_up(),
            Condition::Violated(name) => sim.violations()
                [facts.violations_before.min(sim.violations().len())..]
                .iter()
                .any(|(_, v)| v.invariant == name),
            Condition::NoViolation => sim.violations().len() <= facts.violations_before,
            Condition::ElapsedMs(ms) => {
                sim.now().saturating_sub(facts.started_at) >= ms.saturating_mul(1_000)
            }
            Condition::All(_) | Condition::Any(_) | Condition::Not(_) | Condition::Raft(_) => false,
        }
    }

    /// The goals a person ticks off: the parts of a top-level `All`, else
    /// the condition itself.
    pub fn goals(&self) -> Vec<&Condition> {
        match self {
            Condition::All(cs) => cs.iter().collect(),
            other => vec![other],
        }
    }

    /// The condition in words, for the goal list.
    pub fn describe(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let join = |cs: &[Condition], en: &str, cn: &str| {
            let parts: Vec<String> = cs.iter().map(|c| c.describe(lang)).collect();
            parts.join(if zh { cn } else { en })
        };
        match self {
            Condition::All(cs) => join(cs, " and ", "，且"),
            Condition::Any(cs) => join(cs, " or ", "，或"),
            Condition::Not(c) if zh => format!("并非：{}", c.describe(lang)),
            Condition::Not(c) => format!("not: {}", c.describe(lang)),
            Condition::LeaderExists if zh => "存在一个领导者".into(),
            Condition::LeaderExists => "a leader exists".into(),
            Condition::LeaderIs(n) if zh => format!("S{} 是领导者", n.0),
            Condition::LeaderIs(n) => format!("S{} leads", n.0),
            Condition::LeaderIsNot(n) if zh => format!("S{} 以外的节点成为领导者", n.0),
            Condition::LeaderIsNot(n) => format!("a node other than S{} leads", n.0),
            Condition::Crashed(n) if zh => format!("S{} 已崩溃", n.0),
            Condition::Crashed(n) => format!("S{} is down", n.0),
            Condition::Up(n) if zh => format!("S{} 正在运行", n.0),
            Condition::Up(n) => format!("S{} is running", n.0),
            Condition::Violated(name) if zh => format!("安全监视器报告违反 {name}"),
            Condition::Violated(name) => format!("the safety monitor reports {name} broken"),
            Condition::NoViolation if zh => "没有违反任何安全不变式".into(),
            Condition::NoViolation => "no safety invariant is broken".into(),
            Condition::ElapsedMs(ms) if zh => format!("经过 {ms} 毫秒模拟时间"),
            Condition::ElapsedMs(ms) => format!("{ms} ms of simulated time pass"),
            Condition::Raft(c) => c.describe(lang),
        }
    }
}

impl RaftCondition {
    pub fn holds(&self, sim: &Sim<RaftNode>, facts: &Facts) -> bool {
        let nodes = sim.nodes();
        let majority = nodes.len() / 2 + 1;
        let count = |f: &dyn Fn(&RaftNode) -> bool| nodes.iter().filter(|n| f(n)).count();
        match self {
            RaftCondition::TermAtLeast(t) => nodes.iter().any(|n| n.current_term >= *t),
            RaftCondition::CommittedOnMajority(i) => {
                count(&|n: &RaftNode| n.commit_index >= *i) >= majority
            }
            RaftCondition::CommittedOnAll(i) => {
                count(&|n: &RaftNode| n.commit_index >= *i) == nodes.len()
            }
            RaftCondition::CommittedOn(n, i) => nodes
                .get(id(*n).index())
                .is_some_and(|node| node.commit_index >= *i),
            RaftCondition::StoredOnMajority(i) => {
                count(&|n: &RaftNode| n.log.last_index() >= *i) >= majority
            }
            RaftCondition::Truncated(n) => facts.truncated.contains(&id(*n)),
            RaftCondition::CommitCountAtLeast(k) => facts.committed.len() as u64 >= *k,
            RaftCondition::ElectionFailed => facts.election_failed(),
        }
    }

    pub fn describe(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            RaftCondition::TermAtLeast(t) if zh => format!("任期达到 {t}"),
            RaftCondition::TermAtLeast(t) => format!("some node reaches term {t}"),
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
        }
    }
}
