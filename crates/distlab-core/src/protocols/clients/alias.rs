//! `Client(2)`: how files and keys name a client process beside `Node(n)`
//! and `Leader`.

use serde::{Deserialize, Serialize};

use super::client::ClientHost;
use crate::sim::{Describe, Labels, NodeId};
use crate::units::{member_number, Lang};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClientAlias {
    Client(#[serde(deserialize_with = "client_number")] u8),
}

fn client_number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u8, D::Error> {
    member_number(d, "client")
}

impl ClientAlias {
    /// The member that is this client, if the cluster has it.
    pub fn resolve<A: ClientHost>(self, members: &[A]) -> Option<NodeId> {
        let ClientAlias::Client(n) = self;
        members
            .iter()
            .position(|m| m.as_client().is_some_and(|c| c.number == usize::from(n)))
            .map(|i| NodeId(i as u8))
    }
}

impl Describe for ClientAlias {
    fn describe(&self, _: Lang, _: &Labels) -> String {
        let ClientAlias::Client(n) = self;
        format!("C{n}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clients_are_named_by_their_number() {
        let alias: ClientAlias = ron::from_str("Client(2)").expect("parses");
        assert_eq!(alias, ClientAlias::Client(2));
        assert!(ron::from_str::<ClientAlias>("Client(0)").is_err());
    }
}
