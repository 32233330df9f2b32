//! The safety monitor: lost updates and tokens out of order (violations),
//! and two clients that believe they hold the lock at once (a warning: the
//! hazard fencing exists to make harmless).

use super::messages::{LockObs, Op};
use super::node::LockNode;
use super::notes::LockNote;
use crate::sim::Invariant;
use crate::sim::{CheckView, Checker, NodeId};

type Finding = crate::sim::Finding<LockNote>;

pub const LOST_UPDATE: Invariant = Invariant {
    en: "Lost Update",
    zh: "更新丢失",
};
pub const TOKEN_ORDER: Invariant = Invariant {
    en: "Token order",
    zh: "令牌顺序",
};
pub const TWO_HOLDERS: Invariant = Invariant {
    en: "Two holders",
    zh: "两个持有者",
};
pub const INVARIANTS: [Invariant; 3] = [LOST_UPDATE, TOKEN_ORDER, TWO_HOLDERS];

/// What storage held and accepted so far, as the monitor follows it.
#[derive(Clone, Debug, Default)]
pub struct LockChecker {
    value: u64,
    highest: Option<u64>,
    /// The last accepted write, so that a duplicated copy of it (the
    /// network may deliver a message twice) is not taken for a lost update.
    last: Option<(NodeId, Option<u64>, Option<u64>, u64)>,
}

impl Checker<LockNode> for LockChecker {
    fn check(&mut self, view: &CheckView<'_, LockNode>) -> Vec<Finding> {
        let mut found = Vec::new();
        let fencing = view.nodes.first().is_some_and(|n| n.spec.fencing);
        let mut acquired = false;
        for obs in view.observations() {
            match obs {
                LockObs::Write {
                    client,
                    token,
                    op,
                    read,
                    value,
                    accepted: true,
                    ..
                } => {
                    let this = Some((*client, *token, *read, *value));
                    let again = *op == Op::Write && this == self.last;
                    if *op == Op::Write && *read != Some(self.value) && !again {
                        found.push(Finding::violation(
                            LOST_UPDATE,
                            vec![*client],
                            LockNote::LostUpdate {
                                client: *client,
                                value: *value,
                                read: read.unwrap_or(0),
                                held: self.value,
                            },
                        ));
                    }
                    if *op == Op::Write {
                        self.value = *value;
                        self.last = this;
                    }
                    if let (true, Some(t), Some(h)) = (fencing, token, self.highest) {
                        if *t < h {
                            found.push(Finding::violation(
                                TOKEN_ORDER,
                                vec![*client],
                                LockNote::TokenOrder {
                                    client: *client,
                                    token: *t,
                                    highest: h,
                                },
                            ));
                        }
                    }
                    self.highest = self.highest.max(*token);
                }
                LockObs::Acquire { .. } => acquired = true,
                _ => {}
            }
        }
        if acquired {
            let holders: Vec<NodeId> = NodeId::all(view.nodes.len())
                .filter(|id| view.nodes[id.index()].client().is_some_and(|c| c.holds()))
                .collect();
            if holders.len() >= 2 {
                let note = LockNote::TwoHolders {
                    clients: holders.clone(),
                };
                found.push(Finding::warning(TWO_HOLDERS, holders, note));
            }
        }
        found
    }
}
