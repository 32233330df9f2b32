//! Lock goals for lessons (`Lock(TwoHolders)`) and the facts they read
//! from the records of a step.

use serde::{Deserialize, Serialize};

use super::checker::TWO_HOLDERS;
use super::client::{Client, Phase};
use super::messages::LockObs;
use super::node::{holder, LockNode};
use super::spec::client_number;
use crate::protocols::{StepFacts, StepGoal};
use crate::sim::{Record, RecordKind, Sim};
use crate::units::Lang;

/// Conditions on the lock cluster.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum LockCondition {
    /// Client n believes it holds the lock now.
    Holds(#[serde(deserialize_with = "client_number")] u8),
    /// Client n has read the value and is working on it.
    Working(#[serde(deserialize_with = "client_number")] u8),
    /// The lock service grants the lock to no one: no key on a majority
    /// of Redis masters (one master of one), no ZooKeeper node.
    Free,
    /// At least this many acquires since the step began.
    Acquired(u64),
    /// Two clients believed they held the lock at once since the step began.
    TwoHolders,
    /// Storage refused a stale token since the step began.
    Fenced,
    /// A lease or a session ran out on a server since the step began.
    Expired,
    /// At least this many waiters were woken since the step began.
    Woken(u64),
    /// At least this many writes were accepted since the step began.
    Written(u64),
}

/// What happened since a step began.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LockFacts {
    acquires: u64,
    two_holders: bool,
    fenced: bool,
    expired: bool,
    wakes: u64,
    written: u64,
}

impl StepFacts<LockNode> for LockFacts {
    fn absorb(&mut self, records: &[Record<LockNode>]) {
        for record in records {
            match &record.kind {
                RecordKind::Proto(LockObs::Acquire { .. }) => self.acquires += 1,
                RecordKind::Proto(LockObs::Expire { .. }) => self.expired = true,
                RecordKind::Proto(LockObs::Wake { .. }) => self.wakes += 1,
                RecordKind::Proto(LockObs::Write { accepted, op, .. }) => match accepted {
                    true => self.written += u64::from(*op == super::Op::Write),
                    false => self.fenced = true,
                },
                RecordKind::Warning { invariant, .. } if *invariant == TWO_HOLDERS => {
                    self.two_holders = true;
                }
                _ => {}
            }
        }
    }
}

fn client(sim: &Sim<LockNode>, n: u8) -> Option<&Client> {
    (n as usize)
        .checked_sub(1)
        .and_then(|i| sim.nodes().get(i))
        .and_then(LockNode::client)
}

impl StepGoal<LockNode, LockFacts> for LockCondition {
    fn holds(&self, sim: &Sim<LockNode>, facts: &LockFacts) -> bool {
        match self {
            LockCondition::Holds(n) => client(sim, *n).is_some_and(|c| c.holds()),
            LockCondition::Working(n) => client(sim, *n).is_some_and(|c| c.phase == Phase::Working),
            LockCondition::Free => holder(sim.nodes()).is_none(),
            LockCondition::Acquired(k) => facts.acquires >= *k,
            LockCondition::TwoHolders => facts.two_holders,
            LockCondition::Fenced => facts.fenced,
            LockCondition::Expired => facts.expired,
            LockCondition::Woken(k) => facts.wakes >= *k,
            LockCondition::Written(k) => facts.written >= *k,
        }
    }

    fn describe(&self, lang: Lang) -> String {
        super::notes::goal(self, lang)
    }
}
