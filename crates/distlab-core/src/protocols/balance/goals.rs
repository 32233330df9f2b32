//! The dispatch family's lesson goals (`Balancer(CompletedAtLeast(50))`)
//! and the facts they read from the records of a step.

use serde::{Deserialize, Serialize};

use super::members::{server_node, server_number, BALANCER};
use super::messages::BalanceObs;
use super::node::BalanceNode;
use super::spec::{Algorithm, MAX_SERVERS};
use crate::protocols::{StepFacts, StepGoal};
use crate::sim::{Record, RecordKind, Sim};
use crate::units::Lang;

/// Server numbers count from 1 among the servers, as `Server(n)` does.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum BalanceCondition {
    /// At least this many requests completed since the step began.
    CompletedAtLeast(u64),
    /// At least this many requests rejected since the step began.
    RejectedAtLeast(u64),
    /// At least this many retries sent since the step began.
    RetriesAtLeast(u64),
    /// At least this many requests sent to server n since the step began.
    DispatchedTo(#[serde(deserialize_with = "server_number")] u8, u64),
    /// Server n's queue holds at least this many requests now.
    QueueAtLeast(#[serde(deserialize_with = "server_number")] u8, usize),
    /// The balancer has server n ejected as an outlier now.
    Ejected(#[serde(deserialize_with = "server_number")] u8),
    /// The balancer picks by this algorithm now.
    AlgorithmIs(Algorithm),
    /// Server n is in the balancer's pool now (an added server has
    /// joined; a removed one is not).
    InPool(#[serde(deserialize_with = "server_number")] u8),
}

/// What happened since a step began.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BalanceFacts {
    completed: u64,
    rejected: u64,
    retries: u64,
    dispatched: [u64; MAX_SERVERS],
}

impl StepFacts<BalanceNode> for BalanceFacts {
    fn absorb(&mut self, records: &[Record<BalanceNode>]) {
        for r in records {
            match &r.kind {
                RecordKind::Proto(BalanceObs::Complete { .. }) => self.completed += 1,
                RecordKind::Proto(BalanceObs::Reject { .. }) => self.rejected += 1,
                RecordKind::Proto(BalanceObs::Dispatch {
                    server, attempt, ..
                }) => {
                    if let Some(d) = self.dispatched.get_mut(server - 1) {
                        *d += 1;
                    }
                    self.retries += u64::from(*attempt > 1);
                }
                _ => {}
            }
        }
    }
}

impl StepGoal<BalanceNode, BalanceFacts> for BalanceCondition {
    fn holds(&self, sim: &Sim<BalanceNode>, facts: &BalanceFacts) -> bool {
        let server = |n: u8| {
            let i = usize::from(n).checked_sub(1)?;
            let id = server_node(i);
            (id.index() < sim.cluster_size()).then_some((i, id))
        };
        match self {
            BalanceCondition::CompletedAtLeast(k) => facts.completed >= *k,
            BalanceCondition::RejectedAtLeast(k) => facts.rejected >= *k,
            BalanceCondition::RetriesAtLeast(k) => facts.retries >= *k,
            BalanceCondition::DispatchedTo(n, k) => usize::from(*n)
                .checked_sub(1)
                .and_then(|i| facts.dispatched.get(i))
                .is_some_and(|d| d >= k),
            BalanceCondition::QueueAtLeast(n, k) => server(*n)
                .and_then(|(_, id)| sim.node(id).server())
                .is_some_and(|s| s.queue.len() >= *k),
            BalanceCondition::AlgorithmIs(a) => sim
                .node(BALANCER)
                .balancer()
                .is_some_and(|b| b.algorithm == *a),
            BalanceCondition::Ejected(n) => server(*n).is_some_and(|(i, _)| {
                sim.node(BALANCER)
                    .balancer()
                    .and_then(|b| b.peers.get(i))
                    .is_some_and(|p| p.is_ejected(sim.now()))
            }),
            BalanceCondition::InPool(n) => server(*n).is_some_and(|(i, _)| {
                sim.node(BALANCER)
                    .balancer()
                    .and_then(|b| b.peers.get(i))
                    .is_some_and(|p| p.in_pool)
            }),
        }
    }

    fn describe(&self, lang: Lang) -> String {
        super::notes::goal(self, lang)
    }
}
