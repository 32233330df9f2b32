//! What Paxos's checker found, as values (one kind per invariant broken),
//! and their words, each with its languages side by side.

use super::{words, ChosenBy, PaxosNote};
use crate::protocols::paxos::messages::{Ballot, Command};
use crate::say;
use crate::sim::{Labels, NodeId};
use crate::units::Lang;

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

/// What `finding` says in `lang`.
pub(super) fn words(finding: &PaxosFinding, lang: Lang, labels: &Labels) -> String {
    let l = |id: &NodeId| labels.get(*id);
    let by = |who: &ChosenBy| match who {
        ChosenBy::Acceptors(ballot) => say!(lang,
            en: "a majority of acceptors in ballot {ballot}",
            zh: "以提案编号 {ballot} 接受它的多数接受者"),
        ChosenBy::Learner(node) => say!(lang,
            en: "learned by {node}",
            zh: "{node} 得知",
            node = l(node)),
    };
    match finding {
        PaxosFinding::TwoValuesChosen {
            slot,
            first,
            first_by,
            second,
            second_by,
        } => {
            let (a, b) = words::distinct(lang, labels, first, second);
            say!(lang,
                en: "slot {slot} has two chosen values: {a} ({a_by}) and {b} ({b_by})",
                zh: "槽 {slot} 选定了两个值：{a}（{a_by}）和 {b}（{b_by}）",
                a_by = by(first_by), b_by = by(second_by))
        }
        PaxosFinding::NeverProposed {
            slot,
            command,
            by: b,
        } => say!(lang,
            en: "{command} is chosen in slot {slot} ({by}) but no client proposed it",
            zh: "槽 {slot} 选定了 {command}（{by}），但没有客户端提议过它",
            command = words::q(lang, command), by = by(b)),
        PaxosFinding::PromiseFell { node, from, to } => say!(lang,
            en: "{node}'s promise fell from ballot {from} to {to}",
            zh: "{node} 的承诺从提案编号 {from} 降到了 {to}",
            node = l(node)),
        PaxosFinding::TwoValuesInBallot {
            proposer,
            ballot,
            slot,
            first,
            second,
        } => {
            let (a, b) = words::distinct(lang, labels, first, second);
            say!(lang,
                en: "{proposer} sent two values in ballot {ballot}, slot {slot}: {a} and {b}",
                zh: "{proposer} 以同一提案编号 {ballot} 在槽 {slot} 发送了两个值：{a} 和 {b}",
                proposer = l(proposer))
        }
        PaxosFinding::RanTwice {
            node,
            command,
            slot,
        } => say!(lang,
            en: "{node} ran command {command} a second time, in slot {slot}",
            zh: "{node} 在槽 {slot} 第二次执行了命令 {command}",
            node = l(node), command = words::with_id(lang, labels, command)),
    }
}
