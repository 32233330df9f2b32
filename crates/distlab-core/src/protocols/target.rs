//! Whom an action in a file is aimed at, and the conversion to the
//! simulator's targets. A family that names members of its own
//! (`Client(2)`, `Holder`) writes them beside `Node(n)` and `Leader`.

use serde::de::Deserializer;
use serde::{Deserialize, Serialize, Serializer};

use crate::sim::{NoAlias, NodeId, Target};
use crate::units::{deserialize_union, NodeNum};

/// A target as files write it; `R` is the family's role targets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub enum TargetSpec<R = NoAlias> {
    Node(NodeNum),
    /// The leader at the moment the action applies.
    Leader,
    /// One of the family's named targets, written as its own variant.
    #[serde(skip)]
    Alias(R),
}

/// The shared variants alone, as the derive reads them.
struct SharedTarget<R>(TargetSpec<R>);

impl<'de, R> Deserialize<'de> for SharedTarget<R> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        TargetSpec::deserialize(d).map(SharedTarget)
    }
}

impl<'de, R: serde::de::DeserializeOwned> Deserialize<'de> for TargetSpec<R> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        deserialize_union(d, |shared: SharedTarget<R>| shared.0, TargetSpec::Alias)
    }
}

impl<R: Serialize> Serialize for TargetSpec<R> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            TargetSpec::Alias(role) => role.serialize(s),
            shared => TargetSpec::serialize(shared, s),
        }
    }
}

/// A node as the simulator counts it, from its number in a file.
pub fn node_id(n: NodeNum) -> NodeId {
    NodeId((n.0 - 1) as u8)
}

/// A node's number as files write it.
pub fn node_num(id: NodeId) -> NodeNum {
    NodeNum(id.number())
}

/// A target as the simulator takes it.
pub fn target<R>(spec: TargetSpec<R>) -> Target<R> {
    match spec {
        TargetSpec::Node(n) => Target::Node(node_id(n)),
        TargetSpec::Leader => Target::Leader,
        TargetSpec::Alias(role) => Target::Alias(role),
    }
}

/// A target as files write it.
pub fn target_spec<R>(target: Target<R>) -> TargetSpec<R> {
    match target {
        Target::Node(id) => TargetSpec::Node(node_num(id)),
        Target::Leader => TargetSpec::Leader,
        Target::Alias(role) => TargetSpec::Alias(role),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    enum Named {
        Client(u8),
        Holder,
    }

    #[test]
    fn a_familys_targets_sit_beside_node_and_leader() {
        let list: Vec<TargetSpec<Named>> =
            ron::from_str("[Node(2), Leader, Client(3), Holder]").expect("parses");
        assert_eq!(
            list,
            [
                TargetSpec::Node(NodeNum(2)),
                TargetSpec::Leader,
                TargetSpec::Alias(Named::Client(3)),
                TargetSpec::Alias(Named::Holder),
            ]
        );
        let text = ron::to_string(&list).expect("writes");
        assert_eq!(text, "[Node(2),Leader,Client(3),Holder]");
        assert_eq!(target(list[2]), Target::Alias(Named::Client(3)));
        assert_eq!(target_spec(target(list[0])), list[0]);
        assert!(
            ron::from_str::<TargetSpec>("Holder").is_err(),
            "Raft has no holder"
        );
    }
}
