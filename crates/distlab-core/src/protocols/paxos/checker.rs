//! Paxos's safety properties, checked after every event.
//!
//! "Chosen" is judged two ways: by the acceptors (a majority accepted one
//! ballot's command in a slot, whatever any learner thinks) and by the
//! learners' `chosen` records. Both must agree on one command per slot, so
//! a learner that counts wrongly is caught even when the acceptors are
//! right. A command chosen in two slots (a leader change can do that) is
//! no violation, but running it twice is: each state machine runs a
//! client's command once.

use crate::sim::Invariant;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use super::member::PaxosMember;
use super::messages::{Ballot, Command, CommandId, PaxosMsg, PaxosObs};
use super::node::PaxosNode;
use super::notes::{ChosenBy, PaxosFinding, PaxosNote};
use super::sessions::Sessions;
use crate::protocols::clients::{Monitor, LINEARIZABILITY};
use crate::sim::{CheckView, Checker, NodeId, RecordKind};

type Finding = crate::sim::Finding<PaxosNote>;

pub const ONE_VALUE_CHOSEN: Invariant = Invariant {
    en: "One Value Chosen Per Slot",
    zh: "每个槽只选定一个值",
};
pub const PROMISES_MONOTONIC: Invariant = Invariant {
    en: "Promises Never Decrease",
    zh: "承诺不减",
};
pub const ONE_VALUE_PER_BALLOT: Invariant = Invariant {
    en: "One Value Per Ballot",
    zh: "每个提案编号只提一个值",
};
pub const VALIDITY: Invariant = Invariant {
    en: "Chosen Values Were Proposed",
    zh: "选定的值都曾被提出",
};
pub const EXECUTE_ONCE: Invariant = Invariant {
    en: "Commands Execute Once",
    zh: "命令只执行一次",
};
/// Every invariant the checker can report, by the name it reports.
pub const INVARIANTS: [Invariant; 6] = [
    ONE_VALUE_CHOSEN,
    PROMISES_MONOTONIC,
    ONE_VALUE_PER_BALLOT,
    VALIDITY,
    EXECUTE_ONCE,
    LINEARIZABILITY,
];

#[derive(Clone, Debug, Default)]
pub struct PaxosChecker {
    /// Each acceptor's promise at the last check.
    promised: Vec<Ballot>,
    /// The phase-2a command sent for each (slot, ballot).
    proposals: BTreeMap<(u64, Ballot), Command>,
    /// The acceptors that accepted each (slot, ballot).
    votes: BTreeMap<(u64, Ballot), BTreeSet<NodeId>>,
    /// The command each slot was chosen with, by acceptors or learners,
    /// and who said so first.
    chosen: BTreeMap<u64, (Command, ChosenBy)>,
    /// Every command a client asked a proposer to propose, and its value.
    proposed: BTreeMap<CommandId, Arc<str>>,
    /// The commands each node's state machine ran.
    executed: Vec<Sessions>,
    /// Facts already reported, so a broken invariant is reported once.
    reported: BTreeSet<(&'static str, u64)>,
    /// What the client processes saw, checked as their operations complete.
    monitor: Monitor,
}

impl PaxosChecker {
    /// What the checker remembers that decides what it will find next, for
    /// the explorer's fingerprints: promises, what was proposed, voted and
    /// chosen, and what each state machine ran.
    pub(super) fn hash_memory(&self, h: &mut impl std::hash::Hasher) {
        use std::hash::Hash;
        self.promised.hash(h);
        self.proposals.hash(h);
        self.votes.hash(h);
        for (slot, (command, _)) in &self.chosen {
            (slot, command).hash(h);
        }
        self.proposed.hash(h);
        self.executed.hash(h);
        self.reported.len().hash(h);
    }

    /// What the client processes did so far.
    pub fn client_history(&self) -> &crate::history::History {
        self.monitor.history()
    }

    fn report(&mut self, out: &mut Vec<Finding>, key: u64, finding: Finding) {
        if self.reported.insert((finding.invariant.en, key)) {
            out.push(finding);
        }
    }

    /// `command` is chosen in `slot`, as `who` says.
    fn chosen(&mut self, out: &mut Vec<Finding>, slot: u64, command: &Command, who: ChosenBy) {
        let proposed = match command.id {
            None => true,
            Some(id) => self.proposed.get(&id) == Some(&command.value),
        };
        if !proposed {
            let note = PaxosFinding::NeverProposed {
                slot,
                command: command.clone(),
                by: who.clone(),
            };
            self.report(out, slot, Finding::violation(VALIDITY, vec![], note));
        }
        match self.chosen.get(&slot) {
            None => {
                self.chosen.insert(slot, (command.clone(), who));
            }
            Some((first, by)) if first != command => {
                let note = PaxosFinding::TwoValuesChosen {
                    slot,
                    first: first.clone(),
                    first_by: by.clone(),
                    second: command.clone(),
                    second_by: who,
                };
                self.report(
                    out,
                    slot,
                    Finding::violation(ONE_VALUE_CHOSEN, vec![], note),
                );
            }
            Some(_) => {}
        }
    }

    /// Phase 2a: one command per ballot and slot.
    fn accept_sent(
        &mut self,
        out: &mut Vec<Finding>,
        from: NodeId,
        ballot: Ballot,
        slot: u64,
        command: &Command,
    ) {
        let first = self
            .proposals
            .entry((slot, ballot))
            .or_insert_with(|| command.clone());
        if first != command {
            let note = PaxosFinding::TwoValuesInBallot {
                proposer: from,
                ballot,
                slot,
                first: first.clone(),
                second: command.clone(),
            };
            let key = slot << 32 ^ ballot.round << 8 ^ u64::from(ballot.node.0);
            self.report(
                out,
                key,
                Finding::violation(ONE_VALUE_PER_BALLOT, vec![from], note),
            );
        }
    }

    /// A node's state machine ran `cmd`: once is right, twice is not.
    fn executed(
        &mut self,
        out: &mut Vec<Finding>,
        node: NodeId,
        slot: u64,
        cmd: CommandId,
        value: &Arc<str>,
    ) {
        if self.executed[node.index()].insert(cmd) {
            return;
        }
        let note = PaxosFinding::RanTwice {
            node,
            command: Command {
                id: Some(cmd),
                value: value.clone(),
            },
            slot,
        };
        let key = u64::from(node.0) << 56 | slot;
        self.report(out, key, Finding::violation(EXECUTE_ONCE, vec![node], note));
    }

    fn check_promise(&mut self, nodes: &[&PaxosNode], id: NodeId, out: &mut Vec<Finding>) {
        let now = nodes[id.index()].promised;
        let before = self.promised[id.index()];
        if now < before {
            let note = PaxosFinding::PromiseFell {
                node: id,
                from: before,
                to: now,
            };
            let key = u64::from(id.0) << 56 | before.round;
            self.report(
                out,
                key,
                Finding::violation(PROMISES_MONOTONIC, vec![id], note),
            );
        }
        self.promised[id.index()] = now;
    }
}

impl Checker<PaxosMember> for PaxosChecker {
    fn check(&mut self, view: &CheckView<'_, PaxosMember>) -> Vec<Finding> {
        let mut out = Vec::new();
        let nodes: Vec<&PaxosNode> = view.nodes.iter().map_while(PaxosMember::server).collect();
        let n = nodes.len();
        if self.promised.len() != n {
            self.promised = vec![Ballot::ZERO; n];
            self.executed = vec![Sessions::default(); n];
        }
        for record in view.records {
            match &record.kind {
                RecordKind::Proto(PaxosObs::Propose {
                    command:
                        Command {
                            id: Some(id),
                            value,
                        },
                    ..
                }) => {
                    self.proposed.insert(*id, value.clone());
                }
                RecordKind::Send {
                    from,
                    msg:
                        PaxosMsg::Accept {
                            ballot,
                            slot,
                            command,
                        },
                    ..
                } => self.accept_sent(&mut out, *from, *ballot, *slot, command),
                RecordKind::Deliver {
                    to,
                    msg:
                        PaxosMsg::Accept {
                            ballot,
                            slot,
                            command,
                        },
                    ..
                } => {
                    let Some(node) = nodes.get(to.index()) else {
                        continue;
                    };
                    let holds = node.accepted.get(slot);
                    if !holds.is_some_and(|(b, c)| b == ballot && c == command) {
                        continue;
                    }
                    let voters = self.votes.entry((*slot, *ballot)).or_default();
                    voters.insert(*to);
                    if voters.len() == n / 2 + 1 {
                        let who = ChosenBy::Acceptors(*ballot);
                        self.chosen(&mut out, *slot, command, who);
                    }
                }
                RecordKind::Proto(PaxosObs::Chosen {
                    slot,
                    command,
                    node,
                    ..
                }) => {
                    self.chosen(&mut out, *slot, command, ChosenBy::Learner(*node));
                }
                RecordKind::Proto(PaxosObs::Execute {
                    node,
                    slot,
                    cmd,
                    value,
                }) => self.executed(&mut out, *node, *slot, *cmd, value),
                RecordKind::Proto(obs) => {
                    if let Some(finding) = self.monitor.observe(obs, view.now(), view.nodes) {
                        out.push(finding);
                    }
                }
                _ => {}
            }
        }
        match view.touched {
            Some(id) if id.index() < n => self.check_promise(&nodes, id, &mut out),
            Some(_) => {}
            None => {
                for id in NodeId::all(n) {
                    self.check_promise(&nodes, id, &mut out);
                }
            }
        }
        out
    }
}

#[cfg(test)]
#[path = "checker_tests.rs"]
mod tests;
