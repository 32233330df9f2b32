//! The event feed: one entry per processed event, with the reasons the
//! protocol gave, kept for the most recent events only.
//!
//! Entries carry their event number, so that stepping back in time can cut
//! the feed to the moment the simulation returned to.

use std::collections::{BTreeMap, VecDeque};

use crate::protocols::Family;
use crate::sim::{Actor, Describe, Labels, NodeId, Record, RecordKind, SimTime};
use crate::units::Lang;

/// Entries kept; older ones fall off.
const CAPACITY: usize = 1_000;

/// How an entry should stand out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    /// Routine traffic: heartbeats and their acknowledgements.
    Quiet,
    Normal,
    /// Something a person or the script did to the cluster.
    Fault,
    /// A safety invariant broke.
    Violation,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FeedItem {
    pub event: u64,
    pub t_us: SimTime,
    pub headline: String,
    /// The protocol's explanations and findings, in order.
    pub reasons: Vec<String>,
    /// Nodes the event involved, highlighted when the entry is selected.
    pub nodes: Vec<NodeId>,
    pub tone: Tone,
}

#[derive(Clone, Debug, Default)]
pub struct Feed {
    /// Oldest first.
    items: VecDeque<FeedItem>,
    /// Words put first under an event's entry, by event number, whenever
    /// the entry is made: the explorer's reason for each step of a schedule
    /// it loaded, kept when travelling in time rebuilds the entries.
    notes: BTreeMap<u64, String>,
}

fn is_fault<A: Actor>(kind: &RecordKind<A>) -> bool {
    matches!(
        kind,
        RecordKind::Drop { .. }
            | RecordKind::Delay { .. }
            | RecordKind::Duplicate { .. }
            | RecordKind::Crash { .. }
            | RecordKind::Restart { .. }
            | RecordKind::Pause { .. }
            | RecordKind::Resume { .. }
            | RecordKind::Partition { .. }
            | RecordKind::Cut { .. }
            | RecordKind::Rejoin { .. }
            | RecordKind::Heal
            | RecordKind::Loss { .. }
            | RecordKind::Clock { .. }
            | RecordKind::Skip { .. }
    )
}

/// Records that follow from an event's cause rather than being it.
fn is_consequence<A: Actor>(kind: &RecordKind<A>) -> bool {
    matches!(
        kind,
        RecordKind::Send { .. }
            | RecordKind::Note { .. }
            | RecordKind::Proto(_)
            | RecordKind::Drop { .. }
            | RecordKind::Delay { .. }
            | RecordKind::Duplicate { .. }
            | RecordKind::Persist { .. }
            | RecordKind::Warning { .. }
            | RecordKind::Violation { .. }
    )
}

impl Feed {
    /// Adds the records of each processed event as one entry: an action
    /// (a person's or the script's) that ran after other events of the
    /// same instant gets its own headline, with its explanation under it.
    /// Records of an event already listed (a lesson step that begins
    /// without acting hands over the latest records again) are ignored:
    /// the feed never lists an event twice.
    pub fn ingest<F: Family>(&mut self, records: &[Record<F::Node>], labels: &Labels, lang: Lang) {
        for event in records.chunk_by(|a, b| a.event == b.event) {
            self.ingest_event::<F>(event, labels, lang);
        }
    }

    /// Adds the records of one event as one entry.
    fn ingest_event<F: Family>(
        &mut self,
        records: &[Record<F::Node>],
        labels: &Labels,
        lang: Lang,
    ) {
        let Some(first) = records.first() else {
            return;
        };
        if self
            .items
            .back()
            .is_some_and(|newest| newest.event >= first.event)
        {
            return;
        }
        let headline_of = |pick: &dyn Fn(&RecordKind<F::Node>) -> bool| {
            records.iter().position(|r| pick(&r.kind))
        };
        // The headline is what caused the event (a delivery, a timer, a
        // fault); what followed from it (a state change, a message lost on
        // the way out) comes next, then the explanations. A request leaves
        // no record of its own, so the node's account of it heads the
        // entry, never a message that its answer lost on the way out.
        let lead = headline_of(&|k| !is_consequence(k))
            .or_else(|| headline_of(&|k| matches!(k, RecordKind::Proto(_))))
            .or_else(|| headline_of(&|k| matches!(k, RecordKind::Note { .. })))
            .or_else(|| headline_of(&|k| !matches!(k, RecordKind::Send { .. })))
            .unwrap_or(0);
        let mut nodes: Vec<NodeId> = Vec::new();
        let mut reasons: Vec<String> = self.notes.get(&first.event).cloned().into_iter().collect();
        let mut violation = false;
        for (i, record) in records.iter().enumerate() {
            for node in record.kind.nodes() {
                if !nodes.contains(&node) {
                    nodes.push(node);
                }
            }
            match &record.kind {
                RecordKind::Note { .. }
                | RecordKind::Violation { .. }
                | RecordKind::Warning { .. }
                | RecordKind::Drop { .. }
                    if i != lead =>
                {
                    reasons.push(record.kind.describe(lang, labels));
                }
                _ => {}
            }
            violation |= matches!(record.kind, RecordKind::Violation { .. });
        }
        let lead_kind = &records[lead].kind;
        let tone = if violation {
            Tone::Violation
        } else if is_fault(lead_kind) {
            Tone::Fault
        } else if F::is_routine(lead_kind) {
            Tone::Quiet
        } else {
            Tone::Normal
        };
        self.items.push_back(FeedItem {
            event: first.event,
            t_us: first.t_us,
            headline: lead_kind.describe(lang, labels),
            reasons,
            nodes,
            tone,
        });
        if self.items.len() > CAPACITY {
            self.items.pop_front();
        }
    }

    /// Puts `text` first under the entry of event number `event`, now if
    /// it is listed and whenever it is listed again.
    pub fn note(&mut self, event: u64, text: String) {
        if let Ok(i) = self.items.binary_search_by_key(&event, |i| i.event) {
            self.items[i].reasons.insert(0, text.clone());
        }
        self.notes.insert(event, text);
    }

    /// Forgets the notes of events after `event`: the history forked
    /// there, and those events will not happen again.
    pub fn forget_notes_after(&mut self, event: u64) {
        self.notes.split_off(&(event + 1));
    }

    /// Forgets every entry after event number `event`.
    pub fn truncate_after(&mut self, event: u64) {
        while self.items.back().is_some_and(|i| i.event > event) {
            self.items.pop_back();
        }
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn newest_first(&self) -> impl Iterator<Item = &FeedItem> {
        self.items.iter().rev()
    }

    /// The entry for event number `event`, if it is still kept.
    pub fn find(&self, event: u64) -> Option<&FeedItem> {
        self.items
            .binary_search_by_key(&event, |i| i.event)
            .ok()
            .and_then(|i| self.items.get(i))
    }

    /// The event number of the newest entry older than `before` whose
    /// headline or reasons mention `words` (in any case), starting again
    /// from the newest entry when no older one does.
    pub fn mentioning(&self, words: &str, before: Option<u64>) -> Option<u64> {
        let words = words.to_lowercase();
        let mentions = |item: &&FeedItem| {
            std::iter::once(&item.headline)
                .chain(&item.reasons)
                .any(|line| line.to_lowercase().contains(&words))
        };
        let older = |item: &&FeedItem| before.is_none_or(|e| item.event < e);
        self.newest_first()
            .filter(older)
            .find(mentions)
            .or_else(|| self.newest_first().find(mentions))
            .map(|item| item.event)
    }

    /// The event number of the entry `steps` newer (negative: older) than
    /// the one for `from`; `None` starts from just before the newest.
    pub fn neighbour(&self, from: Option<u64>, steps: isize) -> Option<u64> {
        let last = self.items.len().checked_sub(1)?;
        let position =
            match from.and_then(|e| self.items.binary_search_by_key(&e, |i| i.event).ok()) {
                Some(p) => p.saturating_add_signed(steps).min(last),
                None => last,
            };
        self.items.get(position).map(|i| i.event)
    }
}
