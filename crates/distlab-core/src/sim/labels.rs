//! The names people see for nodes.
//!
//! Raft and Paxos servers are all alike, so `S1`…`Sn` says enough; a lock
//! cluster holds clients, lock servers and a storage node, and "C2 asks L1"
//! says more than "S4 asks S2". The family chooses ([`Actor::label`]); the
//! engine computes the labels once per run and uses them in every text it
//! writes itself.

use std::sync::{Arc, LazyLock};

use super::actor::Actor;
use super::node::{NodeId, MAX_IDS};

/// `S1`…`S256`: every node's default label, built once.
static PLAIN: LazyLock<Labels> = LazyLock::new(|| Labels {
    names: NodeId::all(MAX_IDS).map(|id| id.to_string()).collect(),
});

/// The label of every node of a run. Cloning is cheap (the labels are
/// shared), so snapshots and screens can keep their own.
#[derive(Clone, Debug)]
pub struct Labels {
    names: Arc<[String]>,
}

impl Labels {
    /// The labels the family chooses for `nodes`.
    pub(crate) fn of<A: Actor>(nodes: &[A]) -> Labels {
        Labels {
            names: NodeId::all(nodes.len())
                .map(|id| A::label(nodes, id))
                .collect(),
        }
    }

    /// `S1`, `S2`…: the labels of a family that chooses none.
    pub fn plain() -> &'static Labels {
        &PLAIN
    }

    /// The label of `id`. A node outside the cluster keeps its default
    /// label, so that a text about a node that does not exist still names
    /// it.
    pub fn get(&self, id: NodeId) -> &str {
        match self.names.get(id.index()) {
            Some(name) => name,
            None => &PLAIN.names[id.index()],
        }
    }

    /// Groups of nodes as people write them: `S1,S2 | S3,S4,S5`.
    pub fn groups(&self, groups: &[Vec<NodeId>]) -> String {
        let names: Vec<String> = groups
            .iter()
            .map(|g| {
                g.iter()
                    .map(|&id| self.get(id))
                    .collect::<Vec<_>>()
                    .join(",")
            })
            .collect();
        names.join(" | ")
    }
}

impl Default for Labels {
    /// The default labels, `S1`…
    fn default() -> Self {
        PLAIN.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_labels_count_from_one_and_cover_every_node_id() {
        let plain = Labels::plain();
        assert_eq!(plain.get(NodeId(0)), "S1");
        assert_eq!(plain.get(NodeId(63)), "S64");
        assert_eq!(plain.get(NodeId(255)), "S256");
        assert_eq!(
            plain.groups(&[vec![NodeId(0), NodeId(1)], vec![NodeId(2)]]),
            "S1,S2 | S3"
        );
    }

    #[test]
    fn nodes_outside_the_cluster_keep_their_default_label() {
        let labels = Labels {
            names: vec!["C1".to_owned(), "Storage".to_owned()].into(),
        };
        assert_eq!(labels.get(NodeId(1)), "Storage");
        assert_eq!(labels.get(NodeId(4)), "S5");
        assert_eq!(
            labels.groups(&[vec![NodeId(0)], vec![NodeId(1), NodeId(4)]]),
            "C1 | Storage,S5"
        );
    }
}
