//! The members a dispatch scenario names: `Server(2)`, `Balancer`,
//! `Generator`, and the labels people see (`LG`, `LB`, `S1`…).

use serde::{Deserialize, Serialize};

use crate::sim::NodeId;
use crate::units::member_number;

/// The load generator is member 1.
pub const GENERATOR: NodeId = NodeId(0);
/// The balancer is member 2.
pub const BALANCER: NodeId = NodeId(1);

/// The node of server `index` (0-based among the servers).
pub fn server_node(index: usize) -> NodeId {
    NodeId((index + 2) as u8)
}

/// The server index (0-based) of a node, if it is a server.
pub fn server_index(id: NodeId) -> Option<usize> {
    id.index().checked_sub(2)
}

/// A member named by its part.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BalanceAlias {
    /// Server n, counted from 1 among the servers.
    Server(#[serde(deserialize_with = "server_number")] u8),
    Balancer,
    Generator,
    /// The first spare slot not yet started, which `AddServer` starts.
    /// Files cannot name it: they add servers, not aim at slots.
    #[serde(skip)]
    Spare,
}

/// A server's number in a file, which must name one of the cluster's
/// slots.
pub(crate) fn server_number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u8, D::Error> {
    member_number(d, "server")
}

impl BalanceAlias {
    /// The node this role names in a cluster of `servers` server slots,
    /// spares included; `Spare` is resolved by the family, which knows
    /// which slots have started.
    pub fn node(self, servers: usize) -> Option<NodeId> {
        match self {
            BalanceAlias::Generator => Some(GENERATOR),
            BalanceAlias::Balancer => Some(BALANCER),
            BalanceAlias::Server(n) => {
                let n = usize::from(n);
                (1..=servers).contains(&n).then(|| server_node(n - 1))
            }
            BalanceAlias::Spare => None,
        }
    }
}

/// `LG`, `LB`, `S1`…
pub fn label(id: NodeId) -> String {
    match id {
        GENERATOR => "LG".into(),
        BALANCER => "LB".into(),
        other => format!("S{}", other.index() - 1),
    }
}
