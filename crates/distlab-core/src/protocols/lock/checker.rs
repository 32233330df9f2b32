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
    writes: WriteMonitor<NodeId>,
}

/// What an accepted write broke, by the rule a simulated run and a lab run
/// against a real Redis share.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Broken {
    /// The write was computed from `read`, but storage held `held`.
    LostUpdate { read: u64, held: u64 },
    /// The write's token is below `highest`, a token storage accepted
    /// before.
    TokenOrder { token: u64, highest: u64 },
}

/// Follows storage's accepted operations: the value it holds and the
/// highest token it accepted. `C` names a client.
#[derive(Clone, Debug)]
pub struct WriteMonitor<C> {
    value: u64,
    highest: Option<u64>,
    /// The last accepted write, so that a duplicated copy of it (the
    /// network may deliver a message twice) is not taken for a lost update.
    last: Option<(C, Option<u64>, Option<u64>, u64)>,
}

impl<C> Default for WriteMonitor<C> {
    fn default() -> Self {
        WriteMonitor {
            value: 0,
            highest: None,
            last: None,
        }
    }
}

impl<C: Copy + PartialEq> WriteMonitor<C> {
    /// Takes in one operation storage accepted: a read (`op` is
    /// [`Op::Read`]) or a write of `value` computed from `read`. Tokens are
    /// compared only when storage is meant to check them (`fencing`).
    pub fn accepted(
        &mut self,
        fencing: bool,
        client: C,
        op: Op,
        token: Option<u64>,
        read: Option<u64>,
        value: u64,
    ) -> Vec<Broken> {
        let mut broken = Vec::new();
        if op == Op::Write {
            let this = Some((client, token, read, value));
            let again = this == self.last;
            if read != Some(self.value) && !again {
                broken.push(Broken::LostUpdate {
                    read: read.unwrap_or(0),
                    held: self.value,
                });
            }
            self.value = value;
            self.last = this;
        }
        if let (true, Some(token), Some(highest)) = (fencing, token, self.highest) {
            if token < highest {
                broken.push(Broken::TokenOrder { token, highest });
            }
        }
        self.highest = self.highest.max(token);
        broken
    }
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
                    let broken = self
                        .writes
                        .accepted(fencing, *client, *op, *token, *read, *value);
                    for b in broken {
                        found.push(match b {
                            Broken::LostUpdate { read, held } => Finding::violation(
                                LOST_UPDATE,
                                vec![*client],
                                LockNote::LostUpdate {
                                    client: *client,
                                    value: *value,
                                    read,
                                    held,
                                },
                            ),
                            Broken::TokenOrder { token, highest } => Finding::violation(
                                TOKEN_ORDER,
                                vec![*client],
                                LockNote::TokenOrder {
                                    client: *client,
                                    token,
                                    highest,
                                },
                            ),
                        });
                    }
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
