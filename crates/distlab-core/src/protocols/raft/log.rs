//! The replicated log, indexed from 1 as in the paper.

use std::collections::BTreeSet;
use std::sync::Arc;

use serde::Serialize;

use crate::sim::{NodeId, SharedVec, SimTime};

/// Who asked for an entry, unique within a run, so that a leader can drop
/// a request the network delivered twice (Raft §8: clients number their
/// commands).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RequestId {
    /// A request handed straight to a server: the server that took it,
    /// when, and how many it had taken at that instant before.
    Taken { at: SimTime, via: NodeId, n: u32 },
    /// A client process's request, numbered by the client.
    Client { client: NodeId, seq: u64 },
}

/// The servers of a configuration.
pub type Members = Arc<BTreeSet<NodeId>>;

/// One log entry. `fingerprint` summarises this entry and every entry before
/// it, so that two logs can be compared up to an index in one step; the
/// safety checker relies on it to stay cheap on long logs.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Entry {
    pub term: u64,
    /// A client's `key=value`, a leader's no-op, or for a configuration
    /// entry the change it makes (`+S4`, `-S1`).
    pub value: Arc<str>,
    /// The configuration this entry sets (dissertation §4.1): it takes
    /// effect on a server as soon as the entry is in its log.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub config: Option<Members>,
    /// The client request it came from; none for a leader's no-op.
    #[serde(skip)]
    pub request: Option<RequestId>,
    #[serde(skip)]
    pub fingerprint: u64,
}

/// Where a log begins: the last index and term a snapshot replaced (§7,
/// "last included index" and "last included term"), and the fingerprint of
/// the prefix it replaced. A log without a snapshot begins at index 0,
/// term 0: "before the first entry", which keeps the consistency checks
/// uniform.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Base {
    pub index: u64,
    pub term: u64,
    #[serde(skip)]
    pub fingerprint: u64,
}

/// A log indexed from 1, whose entries up to `base.index` may have been
/// replaced by a snapshot. Indexes stay those of the whole log: only the
/// entries after the base are held.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Log {
    base: Base,
    entries: SharedVec<Entry>,
}

fn mix(prev: u64, term: u64, value: &str, config: Option<&Members>) -> u64 {
    // FNV-1a over the term, value and members, chained from the previous
    // fingerprint.
    let members = config.into_iter().flat_map(|m| m.iter().map(|id| id.0));
    let mut h = prev ^ 0xcbf2_9ce4_8422_2325;
    for byte in term
        .to_le_bytes()
        .into_iter()
        .chain(value.bytes())
        .chain(members)
    {
        h ^= u64::from(byte);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

impl Log {
    pub fn last_index(&self) -> u64 {
        self.base.index + self.entries.len() as u64
    }

    pub fn last_term(&self) -> u64 {
        self.entries.last().map_or(self.base.term, |e| e.term)
    }

    /// What the last snapshot replaced; index 0 when there is none.
    pub fn base(&self) -> Base {
        self.base
    }

    /// The term of the entry at `index`: the base's term at the base, `None`
    /// past the end or before the base (the snapshot no longer says).
    pub fn term_at(&self, index: u64) -> Option<u64> {
        if index == self.base.index {
            return Some(self.base.term);
        }
        self.get(index).map(|e| e.term)
    }

    /// The entry at `index`, if the log still holds it.
    pub fn get(&self, index: u64) -> Option<&Entry> {
        index
            .checked_sub(self.base.index + 1)
            .and_then(|i| self.entries.get(usize::try_from(i).ok()?))
    }

    /// Every entry held, the oldest first.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &Entry> + '_ {
        self.entries.iter()
    }

    /// The entries held from `index` (inclusive) on.
    pub fn iter_from(&self, index: u64) -> impl Iterator<Item = &Entry> + '_ {
        let skip = index.saturating_sub(self.base.index + 1);
        self.entries.iter_from(skip as usize)
    }

    /// Fingerprint of the prefix up to `index`: known at the base and for
    /// every entry held.
    pub fn fingerprint_at(&self, index: u64) -> Option<u64> {
        if index == self.base.index {
            return Some(self.base.fingerprint);
        }
        self.get(index).map(|e| e.fingerprint)
    }

    /// Entries from `from` (inclusive), at most `max` of them.
    pub fn slice_from(&self, from: u64, max: usize) -> Vec<Entry> {
        self.iter_from(from).take(max).cloned().collect()
    }

    /// Replaces the entries up to `index` with a snapshot's base. Does
    /// nothing unless `index` lies past the base and within the log.
    pub fn compact_through(&mut self, index: u64) {
        let (Some(term), Some(fingerprint)) = (self.term_at(index), self.fingerprint_at(index))
        else {
            return;
        };
        if index <= self.base.index {
            return;
        }
        let mut kept = SharedVec::default();
        for entry in self.iter_from(index + 1) {
            kept.push(entry.clone());
        }
        self.entries = kept;
        self.base = Base {
            index,
            term,
            fingerprint,
        };
    }

    /// Discards every entry and starts the log at `base` (Figure 13, step
    /// 7: the snapshot holds all the log said, and more).
    pub fn reset_to(&mut self, base: Base) {
        self.entries = SharedVec::default();
        self.base = base;
    }

    /// Appends a new entry of `term` that no client asked for.
    pub fn append(&mut self, term: u64, value: Arc<str>) -> u64 {
        self.append_request(term, value, None)
    }

    /// Appends a new entry of `term`, remembering the request it came from.
    pub fn append_request(
        &mut self,
        term: u64,
        value: Arc<str>,
        request: Option<RequestId>,
    ) -> u64 {
        self.push(Entry {
            term,
            value,
            config: None,
            request,
            fingerprint: 0,
        })
    }

    /// Appends a configuration entry of `term`: `members`, reached by
    /// `change`.
    pub fn append_config(&mut self, term: u64, change: Arc<str>, members: Members) -> u64 {
        self.push(Entry {
            term,
            value: change,
            config: Some(members),
            request: None,
            fingerprint: 0,
        })
    }

    /// Appends `entry` as a leader sent it, its fingerprint chained here.
    pub fn push(&mut self, mut entry: Entry) -> u64 {
        let prev = self
            .entries
            .last()
            .map_or(self.base.fingerprint, |e| e.fingerprint);
        entry.fingerprint = mix(prev, entry.term, &entry.value, entry.config.as_ref());
        self.entries.push(entry);
        self.last_index()
    }

    /// The newest configuration entry the log holds, with its index.
    pub fn last_config(&self) -> Option<(u64, &Members)> {
        let from_end = self.entries.iter().rev().position(|e| e.config.is_some())?;
        let index = self.last_index() - from_end as u64;
        Some((index, self.get(index)?.config.as_ref()?))
    }

    /// The index of the entry that came from `request`, if the log has one.
    pub fn index_of(&self, request: RequestId) -> Option<u64> {
        let from_end = self
            .entries
            .iter()
            .rev()
            .position(|e| e.request == Some(request))?;
        Some(self.last_index() - from_end as u64)
    }

    /// Removes the entry at `index` and everything after it; entries a
    /// snapshot replaced are not the log's to remove.
    pub fn truncate_from(&mut self, index: u64) {
        let keep = index.saturating_sub(self.base.index + 1);
        self.entries.truncate(keep as usize);
    }

    /// True when a log ending at (`last_index`, `last_term`) is at least as
    /// up to date as this one (§5.4.1): a later last term wins; with equal
    /// last terms, the longer log wins.
    pub fn is_behind_or_equal_to(&self, last_index: u64, last_term: u64) -> bool {
        (last_term, last_index) >= (self.last_term(), self.last_index())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexes_from_one_and_term_zero_before_the_start() {
        let mut log = Log::default();
        assert_eq!(log.term_at(0), Some(0));
        assert_eq!(log.term_at(1), None);
        log.append(2, "x=1".into());
        log.append(3, "y=2".into());
        assert_eq!(log.term_at(1), Some(2));
        assert_eq!(log.last_index(), 2);
        assert_eq!(log.last_term(), 3);
        log.truncate_from(2);
        assert_eq!(log.last_index(), 1);
    }

    #[test]
    fn fingerprints_cover_the_whole_prefix() {
        let mut a = Log::default();
        let mut b = Log::default();
        a.append(1, "x".into());
        a.append(2, "y".into());
        b.append(1, "z".into());
        b.append(2, "y".into());
        assert_eq!(a.term_at(2), b.term_at(2));
        assert_ne!(a.fingerprint_at(2), b.fingerprint_at(2));
    }

    #[test]
    fn a_snapshot_replaces_a_prefix_and_keeps_indexes_and_fingerprints() {
        let mut log = Log::default();
        for (term, value) in [(1, "a"), (1, "b"), (2, "c"), (2, "d")] {
            log.append(term, value.into());
        }
        let whole = log.clone();
        log.compact_through(2);
        assert_eq!(log.base().index, 2);
        assert_eq!(log.base().term, 1);
        assert_eq!(log.get(2), None);
        assert_eq!(log.term_at(1), None);
        assert_eq!(log.term_at(2), Some(1));
        assert_eq!(log.get(3).map(|e| &*e.value), Some("c"));
        assert_eq!(log.last_index(), 4);
        assert_eq!(log.fingerprint_at(2), whole.fingerprint_at(2));
        assert_eq!(log.fingerprint_at(4), whole.fingerprint_at(4));
        log.append(3, "e".into());
        let mut grown = whole.clone();
        grown.append(3, "e".into());
        assert_eq!(log.fingerprint_at(5), grown.fingerprint_at(5));
        assert_eq!(log.iter().count(), 3);
        assert_eq!(
            log.slice_from(1, 9).len(),
            3,
            "from before the base: what is held"
        );
        log.truncate_from(1);
        assert_eq!(log.last_index(), 2, "the snapshot's part stays");
        log.compact_through(1);
        assert_eq!(log.base().index, 2, "a base never moves back");
    }

    #[test]
    fn a_reset_log_starts_at_the_snapshot() {
        let mut log = Log::default();
        log.append(1, "a".into());
        let base = Base {
            index: 7,
            term: 3,
            fingerprint: 99,
        };
        log.reset_to(base);
        assert_eq!((log.last_index(), log.last_term()), (7, 3));
        assert_eq!(log.fingerprint_at(7), Some(99));
        assert!(log.is_behind_or_equal_to(7, 3));
    }

    #[test]
    fn up_to_date_compares_last_term_then_length() {
        let mut log = Log::default();
        log.append(1, "a".into());
        log.append(3, "b".into());
        assert!(log.is_behind_or_equal_to(2, 3));
        assert!(log.is_behind_or_equal_to(1, 4));
        assert!(!log.is_behind_or_equal_to(9, 2));
        assert!(!log.is_behind_or_equal_to(1, 3));
    }
}
