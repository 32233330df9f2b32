//! Node identity and lifecycle.

use std::fmt;

use serde::{Serialize, Serializer};

use super::time::SimTime;

/// The most nodes the engine can run: as many as a [`NodeId`] tells
/// apart. Files and the command line allow fewer ([`crate::units::MAX_NODES`]).
pub const MAX_IDS: usize = u8::MAX as usize + 1;

/// A node's identity. Stored 0-based as an index; shown and serialised
/// 1-based (`S1`…`Sn`), because people count servers from one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeId(pub u8);

impl NodeId {
    /// The node a person calls `S<number>`.
    pub fn from_number(number: usize) -> Option<NodeId> {
        (1..=MAX_IDS)
            .contains(&number)
            .then(|| NodeId((number - 1) as u8))
    }

    /// The 1-based number people see.
    pub fn number(self) -> usize {
        self.0 as usize + 1
    }

    /// The index into per-node tables.
    pub fn index(self) -> usize {
        self.0 as usize
    }

    /// All node ids of a cluster of `n` nodes, in order.
    pub fn all(n: usize) -> impl Iterator<Item = NodeId> + Clone {
        (0..n).map(|i| NodeId(i as u8))
    }
}

impl fmt::Display for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "S{}", self.number())
    }
}

impl Serialize for NodeId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(self.number() as u64)
    }
}

/// Where a node is in its lifecycle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeStatus {
    /// Running normally.
    Up,
    /// Stopped: volatile state is gone, persistent state is kept, pending
    /// timers are void and messages sent to it are lost.
    Crashed,
    /// A process pause (think of a long GC pause): it runs nothing until the
    /// given time; its inbox waits and its timers fire late on resume.
    Paused { until: SimTime },
}

impl NodeStatus {
    pub fn is_up(self) -> bool {
        self == NodeStatus::Up
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_one_based() {
        let id = NodeId::from_number(3).expect("3 is a valid node number");
        assert_eq!(id.index(), 2);
        assert_eq!(id.to_string(), "S3");
        assert_eq!(serde_json::to_string(&id).expect("serialises"), "3");
        assert_eq!(NodeId::from_number(0), None);
    }
}
