//! The safety monitor: lost updates and tokens out of order (violations),
//! and two clients that believe they hold the lock at once (a warning: the
//! hazard fencing exists to make harmless).

use super::messages::{LockObs, Op};
use super::node::LockNode;
type Finding = crate::sim::Finding<crate::sim::Untranslated>;
use crate::sim::{CheckView, Checker, NodeId};

pub const LOST_UPDATE: &str = "Lost Update";
pub const TOKEN_ORDER: &str = "Token order";
pub const TWO_HOLDERS: &str = "Two holders";
pub const INVARIANTS: [&str; 3] = [LOST_UPDATE, TOKEN_ORDER, TWO_HOLDERS];

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
                    let who = view.label(*client);
                    let this = Some((*client, *token, *read, *value));
                    let again = *op == Op::Write && this == self.last;
                    if *op == Op::Write && *read != Some(self.value) && !again {
                        found.push(Finding::violation(
                            LOST_UPDATE,
                            vec![*client],
                            format!(
                                "storage took {who}'s write of {value}, computed from {}, over {}: an accepted update was lost",
                                read.unwrap_or(0),
                                self.value
                            ),
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
                                format!("storage accepted {who}'s token {t} after token {h}"),
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
                let names: Vec<&str> = holders.iter().map(|id| view.label(*id)).collect();
                found.push(Finding::warning(
                    TWO_HOLDERS,
                    holders,
                    format!(
                        "{} believe they hold the lock at the same time",
                        names.join(" and ")
                    ),
                ));
            }
        }
        found
    }
}
