//! Why a Paxos node did what it did, and what the checker found: values
//! that the tables of each language (`en.rs`, `zh.rs`) put into words when
//! someone reads them. Ballots (`2.S1`), slots and values read the same in
//! every language.

mod en;
mod zh;

use std::sync::Arc;

use super::goals::PaxosCondition;
use super::messages::{Ballot, PaxosObs, PaxosTimer};
use super::node::Propose;
use crate::sim::{Describe, Labels, NodeId};
use crate::units::Lang;

/// What an acceptor's promise reports of the values it accepted.
#[derive(Clone, Debug, PartialEq)]
pub enum Reported {
    Nothing,
    /// One value, in the ballot it was accepted in.
    One(Ballot, Arc<str>),
    /// Several slots' values (Multi-Paxos).
    Many(usize),
}

/// Who says a value is chosen, in a checker's finding.
#[derive(Clone, Debug, PartialEq)]
pub enum ChosenBy {
    /// A majority of acceptors accepted it in this ballot.
    Acceptors(Ballot),
    /// This learner learned it.
    Learner(NodeId),
}

/// One explanation, or one checker finding. `me` is the node that acted.
#[derive(Clone, Debug, PartialEq)]
pub enum PaxosNote {
    // The acceptor.
    RefusesPrepare {
        me: NodeId,
        ballot: Ballot,
        promised: Ballot,
    },
    Promises {
        me: NodeId,
        ballot: Ballot,
        reported: Reported,
    },
    RefusesAccept {
        me: NodeId,
        value: Arc<str>,
        ballot: Ballot,
        promised: Ballot,
    },
    Accepts {
        me: NodeId,
        value: Arc<str>,
        ballot: Ballot,
        slot: u64,
    },

    // The learner.
    CountsAccepts {
        me: NodeId,
        count: usize,
        need: usize,
        ballot: Ballot,
        slot: u64,
    },
    Learns {
        me: NodeId,
        value: Arc<str>,
        slot: u64,
        count: usize,
        ballot: Ballot,
    },

    // The proposer.
    NotProposer {
        me: NodeId,
        value: Arc<str>,
    },
    StartsBallot {
        me: NodeId,
        ballot: Ballot,
    },
    AlreadyChosen {
        me: NodeId,
        value: Arc<str>,
        chosen: Arc<str>,
    },
    Places {
        me: NodeId,
        ballot: Ballot,
        value: Arc<str>,
        slot: u64,
    },
    Forwards {
        me: NodeId,
        value: Arc<str>,
        leader: NodeId,
    },
    WaitsForLeader {
        me: NodeId,
        value: Arc<str>,
    },
    CountsPromises {
        me: NodeId,
        count: usize,
        need: usize,
        ballot: Ballot,
    },
    AdoptsReported {
        me: NodeId,
        value: Arc<str>,
        ballot: Ballot,
    },
    IgnoresReported {
        me: NodeId,
        value: Arc<str>,
        ballot: Ballot,
        own: Arc<str>,
    },
    ProposesOwn {
        me: NodeId,
        own: Arc<str>,
    },
    Leads {
        me: NodeId,
        ballot: Ballot,
        kept: usize,
        filled: usize,
        next_slot: u64,
    },
    GivesUp {
        me: NodeId,
        ballot: Ballot,
        promised: Ballot,
    },
    HeardTooLittle {
        me: NodeId,
        ballot: Ballot,
    },
    Follows {
        me: NodeId,
        leader: NodeId,
        ballot: Ballot,
    },

    // What the checker found.
    TwoValuesChosen {
        slot: u64,
        first: Arc<str>,
        first_by: ChosenBy,
        second: Arc<str>,
        second_by: ChosenBy,
    },
    NeverProposed {
        slot: u64,
        value: Arc<str>,
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
        first: Arc<str>,
        second: Arc<str>,
    },
}

impl Describe for PaxosNote {
    fn describe(&self, lang: Lang, labels: &Labels) -> String {
        match lang {
            Lang::En => en::note(self, labels),
            Lang::Zh => zh::note(self, labels),
        }
    }
}

impl Describe for PaxosObs {
    fn describe(&self, lang: Lang, labels: &Labels) -> String {
        match lang {
            Lang::En => en::obs(self, labels),
            Lang::Zh => zh::obs(self, labels),
        }
    }
}

impl Describe for PaxosTimer {
    fn describe(&self, lang: Lang, _: &Labels) -> String {
        match lang {
            Lang::En => en::timer(*self),
            Lang::Zh => zh::timer(*self),
        }
        .to_owned()
    }
}

impl Describe for Propose {
    fn describe(&self, lang: Lang, _: &Labels) -> String {
        match lang {
            Lang::En => en::request(self),
            Lang::Zh => zh::request(self),
        }
    }
}

/// A lesson goal in `lang`.
pub(super) fn goal(goal: &PaxosCondition, lang: Lang) -> String {
    match lang {
        Lang::En => en::goal(goal),
        Lang::Zh => zh::goal(goal),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ballot(round: u64, node: u8) -> Ballot {
        Ballot {
            round,
            node: NodeId(node),
        }
    }

    #[test]
    fn a_promise_reads_as_the_issue_writes_it_in_both_languages() {
        let note = PaxosNote::Promises {
            me: NodeId(2),
            ballot: ballot(2, 0),
            reported: Reported::One(ballot(1, 1), "y".into()),
        };
        assert_eq!(
            note.english(),
            "S3 promises ballot 2.S1 and reports its accepted (1.S2, \"y\")"
        );
        let zh = note.describe(Lang::Zh, Labels::plain());
        assert!(zh.starts_with("S3 承诺选票 2.S1"), "{zh}");
        assert!(zh.contains("(1.S2, \"y\")"), "{zh}");
    }

    #[test]
    fn findings_name_who_says_a_value_is_chosen() {
        let note = PaxosNote::TwoValuesChosen {
            slot: 0,
            first: "x".into(),
            first_by: ChosenBy::Acceptors(ballot(1, 0)),
            second: "y".into(),
            second_by: ChosenBy::Learner(NodeId(3)),
        };
        assert_eq!(
            note.english(),
            "slot 0 has two chosen values: \"x\" (a majority of acceptors in ballot 1.S1) and \"y\" (learned by S4)"
        );
        let zh = note.describe(Lang::Zh, Labels::plain());
        assert!(zh.contains("S4"), "{zh}");
    }
}
