//! The checks of a lab run, by the rules of the simulated lock family:
//! a lost update and a token out of order (through the same
//! [`WriteMonitor`]), two clients that believe they hold the lock, and
//! one that only a real naive lock shows by name: a release that deleted
//! another client's key.

use super::event::{LabEvent, LabKind, Who};
use crate::protocols::lock::{Broken, Op, WriteMonitor, LOST_UPDATE, TOKEN_ORDER, TWO_HOLDERS};
use crate::sim::Invariant;

pub const FREED_OTHERS_LOCK: Invariant = Invariant {
    en: "Freed another's lock",
    zh: "释放了别人的锁",
};

/// What a finding is about, with the values a sentence needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LabNote {
    LostUpdate {
        client: u8,
        value: u64,
        read: u64,
        held: u64,
    },
    TokenOrder {
        client: u8,
        token: u64,
        highest: u64,
    },
    TwoHolders {
        clients: Vec<u8>,
    },
    FreedOthersLock {
        client: u8,
        own: u64,
        deleted: u64,
    },
}

/// One check that fired, and when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabFinding {
    pub at_us: u64,
    pub invariant: Invariant,
    /// A violation breaks safety; otherwise it is a warning (two holders:
    /// the hazard, not yet the harm).
    pub violation: bool,
    pub note: LabNote,
}

/// Follows a run event by event, in time order.
#[derive(Clone, Debug)]
pub struct LabMonitor {
    fencing: bool,
    writes: WriteMonitor<u8>,
    /// The token each client believes it holds the lock with.
    held: Vec<Option<u64>>,
}

impl LabMonitor {
    pub fn new(clients: u8, fencing: bool) -> LabMonitor {
        LabMonitor {
            fencing,
            writes: WriteMonitor::default(),
            held: vec![None; usize::from(clients)],
        }
    }

    fn holders(&self) -> Vec<u8> {
        (1..)
            .zip(&self.held)
            .filter(|(_, t)| t.is_some())
            .map(|(c, _)| c)
            .collect()
    }

    fn holding(&mut self, client: u8) -> Option<&mut Option<u64>> {
        self.held.get_mut(usize::from(client).checked_sub(1)?)
    }

    /// The findings `event` makes.
    pub fn see(&mut self, event: &LabEvent) -> Vec<LabFinding> {
        let at_us = event.at_us;
        let finding = |invariant, violation, note| LabFinding {
            at_us,
            invariant,
            violation,
            note,
        };
        let mut found = Vec::new();
        match (&event.who, &event.kind) {
            (Who::Client(c), LabKind::Acquired { token, .. }) => {
                let before = self.holders().len();
                if let Some(slot) = self.holding(*c) {
                    *slot = Some(*token);
                }
                let holders = self.holders();
                if holders.len() >= 2 && holders.len() > before {
                    let note = LabNote::TwoHolders { clients: holders };
                    found.push(finding(TWO_HOLDERS, false, note));
                }
            }
            (Who::Client(c), LabKind::Released { deleted, .. }) => {
                let own = self.holding(*c).and_then(Option::take);
                if let (Some(own), Some(deleted)) = (own, *deleted) {
                    if own != deleted {
                        let note = LabNote::FreedOthersLock {
                            client: *c,
                            own,
                            deleted,
                        };
                        found.push(finding(FREED_OTHERS_LOCK, true, note));
                    }
                }
            }
            (Who::Lab, LabKind::Killed { client }) => {
                if let Some(slot) = self.holding(*client) {
                    *slot = None;
                }
            }
            (
                Who::Storage,
                LabKind::Storage {
                    client,
                    token,
                    read,
                    value,
                    accepted: true,
                    ..
                },
            ) => {
                let op = if read.is_some() { Op::Write } else { Op::Read };
                let broken =
                    self.writes
                        .accepted(self.fencing, *client, op, Some(*token), *read, *value);
                for b in broken {
                    found.push(match b {
                        Broken::LostUpdate { read, held } => finding(
                            LOST_UPDATE,
                            true,
                            LabNote::LostUpdate {
                                client: *client,
                                value: *value,
                                read,
                                held,
                            },
                        ),
                        Broken::TokenOrder { token, highest } => finding(
                            TOKEN_ORDER,
                            true,
                            LabNote::TokenOrder {
                                client: *client,
                                token,
                                highest,
                            },
                        ),
                    });
                }
            }
            _ => {}
        }
        found
    }
}
