//! Which commands a state machine has run, per client (the node each
//! command came in through): every command number below a mark, plus the
//! few above it, since a leader change can get commands chosen out of
//! order. The set stays small however long the run.

use std::collections::{BTreeMap, BTreeSet};

use super::messages::CommandId;
use crate::sim::NodeId;

#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Sessions {
    clients: BTreeMap<NodeId, Window>,
}

/// One client's commands run: every number below `below`, and `above`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
struct Window {
    below: u64,
    above: BTreeSet<u64>,
}

impl Sessions {
    pub fn contains(&self, id: CommandId) -> bool {
        self.clients
            .get(&id.via)
            .is_some_and(|w| id.seq < w.below || w.above.contains(&id.seq))
    }

    /// Records `id` as run; false if it had run before.
    pub fn insert(&mut self, id: CommandId) -> bool {
        if self.contains(id) {
            return false;
        }
        let window = self.clients.entry(id.via).or_default();
        window.above.insert(id.seq);
        while window.above.remove(&window.below) {
            window.below += 1;
        }
        true
    }

    /// How many commands have run.
    pub fn len(&self) -> u64 {
        self.clients
            .values()
            .map(|w| w.below + w.above.len() as u64)
            .sum()
    }

    pub fn is_empty(&self) -> bool {
        self.clients.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(via: u8, seq: u64) -> CommandId {
        CommandId {
            via: NodeId(via),
            seq,
        }
    }

    #[test]
    fn a_command_runs_once_in_any_order_and_the_window_closes_behind_it() {
        let mut s = Sessions::default();
        assert!(s.is_empty());
        assert!(s.insert(id(0, 1)));
        assert!(s.insert(id(1, 0)));
        assert!(!s.contains(id(0, 0)));
        assert!(s.insert(id(0, 0)));
        assert!(!s.insert(id(0, 1)), "a repeat");
        assert!(s.contains(id(0, 0)) && s.contains(id(0, 1)));
        assert_eq!(
            s.clients[&NodeId(0)].below,
            2,
            "0 and 1 folded into the mark"
        );
        assert!(s.clients[&NodeId(0)].above.is_empty());
        assert_eq!(s.len(), 3);
    }
}
