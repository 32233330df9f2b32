//! Paxos's own lesson goals (`Paxos(Chosen(0))`) and the facts they read
//! from the records of a step.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::member::PaxosMember;
use super::messages::PaxosObs;
use super::node::PaxosNode;
use crate::protocols::node_id;
use crate::protocols::{StepFacts, StepGoal};
use crate::sim::{Record, RecordKind, Sim};
use crate::units::{Lang, NodeNum};

/// Conditions on Paxos's own state.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum PaxosCondition {
    /// Some learner knows the value chosen in this slot.
    Chosen(u64),
    /// Every learner knows the value chosen in this slot.
    ChosenOnAll(u64),
    /// This learner knows this value was chosen in this slot.
    Learned(NodeNum, u64, String),
    /// At least this many slots were learned (anywhere) since the step
    /// began.
    ChosenSince(u64),
    /// Some acceptor promised a ballot of at least this round.
    BallotAtLeast(u64),
    /// Some learner knows a no-op was chosen in a slot.
    NoopChosen,
    /// This node leads (Multi-Paxos).
    Leading(NodeNum),
    /// This node heard another's heartbeat and follows it (Multi-Paxos).
    Follows(NodeNum),
}

/// What happened since a step began that the state alone cannot answer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PaxosFacts {
    chosen: BTreeSet<u64>,
}

impl StepFacts<PaxosMember> for PaxosFacts {
    fn absorb(&mut self, records: &[Record<PaxosMember>]) {
        for record in records {
            if let RecordKind::Proto(PaxosObs::Chosen { slot, .. }) = &record.kind {
                self.chosen.insert(*slot);
            }
        }
    }
}

impl StepGoal<PaxosMember, PaxosFacts> for PaxosCondition {
    fn holds(&self, sim: &Sim<PaxosMember>, facts: &PaxosFacts) -> bool {
        let nodes: Vec<&PaxosNode> = sim.nodes().iter().map_while(PaxosMember::server).collect();
        match self {
            PaxosCondition::Chosen(s) => nodes.iter().any(|n| n.chosen.contains_key(s)),
            PaxosCondition::ChosenOnAll(s) => nodes.iter().all(|n| n.chosen.contains_key(s)),
            PaxosCondition::Learned(n, s, v) => nodes
                .get(node_id(*n).index())
                .and_then(|node| node.chosen.get(s))
                .is_some_and(|(_, c)| *c.value == **v),
            PaxosCondition::ChosenSince(k) => facts.chosen.len() as u64 >= *k,
            PaxosCondition::BallotAtLeast(r) => nodes.iter().any(|n| n.promised.round >= *r),
            PaxosCondition::NoopChosen => nodes
                .iter()
                .any(|n| n.chosen.values().any(|(_, c)| c.is_noop())),
            PaxosCondition::Leading(n) => nodes
                .get(node_id(*n).index())
                .is_some_and(|node| node.leading_term().is_some()),
            PaxosCondition::Follows(n) => nodes
                .get(node_id(*n).index())
                .is_some_and(|node| node.leader.is_some_and(|(l, _)| l != node.id)),
        }
    }

    fn describe(&self, lang: Lang) -> String {
        super::notes::goal(self, lang)
    }
}
