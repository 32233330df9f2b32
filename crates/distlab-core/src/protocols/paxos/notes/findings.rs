//! What Paxos's checker found, as values (one kind per invariant broken),
//! and their words in each language.

use super::{en, zh, ChosenBy, PaxosNote};
use crate::protocols::paxos::messages::{Ballot, Command};
use crate::sim::{Labels, NodeId};

/// One finding of the checker.
#[derive(Clone, Debug, PartialEq)]
pub enum PaxosFinding {
    TwoValuesChosen {
        slot: u64,
        first: Command,
        first_by: ChosenBy,
        second: Command,
        second_by: ChosenBy,
    },
    NeverProposed {
        slot: u64,
        command: Command,
        by: ChosenBy,
    },
    PromiseFell {
        node: NodeId,
        from: Ballot,
        to: Ballot,
    },
    TwoValuesInBallot {
        proposer: NodeId,
        ballot: Ballot,
        slot: u64,
        first: Command,
        second: Command,
    },
    RanTwice {
        node: NodeId,
        command: Command,
        slot: u64,
    },
}

impl From<PaxosFinding> for PaxosNote {
    fn from(finding: PaxosFinding) -> Self {
        PaxosNote::Found(finding)
    }
}

pub(super) fn en(finding: &PaxosFinding, labels: &Labels) -> String {
    let l = |id: &NodeId| labels.get(*id);
    let by = |who: &ChosenBy| match who {
        ChosenBy::Acceptors(ballot) => format!("a majority of acceptors in ballot {ballot}"),
        ChosenBy::Learner(node) => format!("learned by {}", l(node)),
    };
    match finding {
        PaxosFinding::TwoValuesChosen {
            slot,
            first,
            first_by,
            second,
            second_by,
        } => {
            let (a, b) = en::distinct(first, second);
            format!(
                "slot {slot} has two chosen values: {a} ({}) and {b} ({})",
                by(first_by),
                by(second_by)
            )
        }
        PaxosFinding::NeverProposed {
            slot,
            command,
            by: b,
        } => format!(
            "{} is chosen in slot {slot} ({}) but no client proposed it",
            en::q(command),
            by(b)
        ),
        PaxosFinding::PromiseFell { node, from, to } => {
            format!("{}'s promise fell from ballot {from} to {to}", l(node))
        }
        PaxosFinding::TwoValuesInBallot {
            proposer,
            ballot,
            slot,
            first,
            second,
        } => {
            let (a, b) = en::distinct(first, second);
            format!(
                "{} sent two values in ballot {ballot}, slot {slot}: {a} and {b}",
                l(proposer)
            )
        }
        PaxosFinding::RanTwice {
            node,
            command,
            slot,
        } => format!(
            "{} ran command {} a second time, in slot {slot}",
            l(node),
            en::with_id(command)
        ),
    }
}

pub(super) fn zh(finding: &PaxosFinding, labels: &Labels) -> String {
    let l = |id: &NodeId| labels.get(*id);
    let by = |who: &ChosenBy| match who {
        ChosenBy::Acceptors(ballot) => format!("以提案编号 {ballot} 接受它的多数接受者"),
        ChosenBy::Learner(node) => format!("{} 得知", l(node)),
    };
    match finding {
        PaxosFinding::TwoValuesChosen {
            slot,
            first,
            first_by,
            second,
            second_by,
        } => {
            let (a, b) = zh::distinct(first, second);
            format!(
                "槽 {slot} 选定了两个值：{a}（{}）和 {b}（{}）",
                by(first_by),
                by(second_by)
            )
        }
        PaxosFinding::NeverProposed {
            slot,
            command,
            by: b,
        } => format!(
            "槽 {slot} 选定了 {}（{}），但没有客户端提议过它",
            zh::q(command),
            by(b)
        ),
        PaxosFinding::PromiseFell { node, from, to } => {
            format!("{} 的承诺从提案编号 {from} 降到了 {to}", l(node))
        }
        PaxosFinding::TwoValuesInBallot {
            proposer,
            ballot,
            slot,
            first,
            second,
        } => {
            let (a, b) = zh::distinct(first, second);
            format!(
                "{} 以同一提案编号 {ballot} 在槽 {slot} 发送了两个值：{a} 和 {b}",
                l(proposer)
            )
        }
        PaxosFinding::RanTwice {
            node,
            command,
            slot,
        } => format!(
            "{} 在槽 {slot} 第二次执行了命令 {}",
            l(node),
            zh::with_id(command)
        ),
    }
}
