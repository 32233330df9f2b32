//! Invariant checks: what a checker sees after each event, and what it
//! reports.
//!
//! Some properties are about states (two leaders in one term), others about
//! what just happened (a lock token reused after a drop, a request sent to a
//! server that is down): so a checker sees every record of the event, not
//! only the protocol's own observations, and the messages still in flight.

use std::collections::btree_map::{self, BTreeMap};
use std::fmt::Debug;

use super::actor::Actor;
use super::network::{InFlight, MsgId};
use super::node::{NodeId, NodeStatus};
use super::time::SimTime;
use super::trace::{Record, RecordKind};
use crate::units::Lang;

/// A safety property a checker watches, named in English as the
/// literature gives it (the name in traces, summaries and lessons'
/// conditions) and in Chinese beside it, for the screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Invariant {
    pub en: &'static str,
    pub zh: &'static str,
}

impl Invariant {
    /// The name in `lang`.
    pub fn name(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Zh => self.zh,
        }
    }
}

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// A safety property is broken: shown in red; a headless run exits 1.
    Violation,
    /// A hazard that is not (yet) a violation, such as a lease that a
    /// paused client may still trust: shown in amber; the exit code is
    /// unchanged.
    Warning,
}

/// What a check found, with enough context to find the cause. `N` is the
/// family's note type ([`Actor::Note`]): a finding is explained in words
/// only when someone reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding<N> {
    pub severity: Severity,
    pub invariant: Invariant,
    pub nodes: Vec<NodeId>,
    pub note: N,
}

impl<N: Clone> Finding<N> {
    /// A broken safety invariant.
    pub fn violation(invariant: Invariant, nodes: Vec<NodeId>, note: impl Into<N>) -> Self {
        Finding {
            severity: Severity::Violation,
            invariant,
            nodes,
            note: note.into(),
        }
    }

    /// A hazard worth pointing at that breaks nothing yet.
    pub fn warning(invariant: Invariant, nodes: Vec<NodeId>, note: impl Into<N>) -> Self {
        Finding {
            severity: Severity::Warning,
            invariant,
            nodes,
            note: note.into(),
        }
    }

    /// The trace record of this finding.
    pub(crate) fn record_kind<A: Actor<Note = N>>(&self) -> RecordKind<A> {
        let (invariant, nodes, note) = (self.invariant, self.nodes.clone(), self.note.clone());
        match self.severity {
            Severity::Violation => RecordKind::Violation {
                invariant,
                nodes,
                note,
            },
            Severity::Warning => RecordKind::Warning {
                invariant,
                nodes,
                note,
            },
        }
    }
}

/// A finding of family `A`'s checker.
pub type FindingOf<A> = Finding<<A as Actor>::Note>;

/// The name the layers above use for what [`Sim::violations`] returns:
/// findings whose severity is always [`Severity::Violation`].
///
/// [`Sim::violations`]: super::Sim::violations
pub type Violation<A> = FindingOf<A>;

/// Everything a checker may look at after one event.
pub struct CheckView<'a, A: Actor> {
    /// Every node, as the event left it.
    pub nodes: &'a [A],
    /// The node the event involved, if it involved one; `None` means any
    /// node may have changed.
    pub touched: Option<NodeId>,
    /// Every record of the event, in order: sends, deliveries, drops,
    /// timers, faults, notes and the protocol's observations.
    pub records: &'a [Record<A>],
    pub(crate) now: SimTime,
    pub(crate) status: &'a [NodeStatus],
    pub(crate) in_flight: &'a BTreeMap<MsgId, InFlight<A::Msg>>,
}

impl<'a, A: Actor> CheckView<'a, A> {
    /// When the event happened.
    pub fn now(&self) -> SimTime {
        self.now
    }

    /// Where node `id` is in its lifecycle.
    pub fn status(&self, id: NodeId) -> NodeStatus {
        self.status[id.index()]
    }

    /// The messages still on the wire after the event, in the order they
    /// were sent.
    pub fn in_flight(&self) -> btree_map::Values<'a, MsgId, InFlight<A::Msg>> {
        self.in_flight.values()
    }

    /// The protocol's own observations among the event's records.
    pub fn observations(&self) -> impl Iterator<Item = &'a A::Obs> + 'a {
        self.records.iter().filter_map(|r| match &r.kind {
            RecordKind::Proto(obs) => Some(obs),
            _ => None,
        })
    }
}

/// Invariants, checked after every processed event.
///
/// Checkers are stateful (what was committed, who led which term) and are
/// cloned with the simulation so that rewinding restores them too.
pub trait Checker<A: Actor>: Clone + Debug + Default {
    /// Inspects the cluster after one event and reports what is wrong, or
    /// hazardous, now.
    fn check(&mut self, view: &CheckView<'_, A>) -> Vec<FindingOf<A>>;
}
