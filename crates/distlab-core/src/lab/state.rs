//! A lab run at one moment: what each client is doing, whose key Redis
//! holds, what storage holds, the checks that fired, and the bars of the
//! time line. Folded from the trace's events up to that moment, so that
//! the live screen and a replay draw the same thing at the same time.

use std::collections::VecDeque;

use super::event::{LabEvent, LabKind, Who};
use super::monitor::{LabFinding, LabMonitor};
use super::trace::LabTrace;

/// How many operations the storage card remembers.
pub const STORAGE_LOG: usize = 6;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LabPhase {
    /// Between turns.
    #[default]
    Idle,
    /// Asking Redis for the lock.
    Asking,
    /// Holding the lock, reading the value.
    Reading,
    /// Holding the lock, working on what it read.
    Working,
    /// Its process was killed.
    Killed,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LabClient {
    pub phase: LabPhase,
    /// The token of the turn it is in, once it has the lock.
    pub token: Option<u64>,
    pub read: Option<u64>,
    /// Stopped by `SIGSTOP` at the moment shown.
    pub paused: bool,
    /// Turns completed (released).
    pub turns: u32,
    /// The last write's answer: accepted or refused.
    pub last_write: Option<bool>,
}

/// A stretch of time on one client's lane: a turn holding the lock, or a
/// pause. `to_us` is absent while it goes on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Holding {
    pub client: u8,
    pub from_us: u64,
    pub to_us: Option<u64>,
}

/// One operation on storage's card.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StorageOp {
    pub client: u8,
    pub token: u64,
    /// Present for a write.
    pub read: Option<u64>,
    pub value: u64,
    pub accepted: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabState {
    /// The moment shown.
    pub now_us: u64,
    pub clients: Vec<LabClient>,
    /// Whose token the lock key holds in Redis, as far as the records
    /// tell.
    pub key: Option<u64>,
    pub value: u64,
    pub highest: Option<u64>,
    pub storage_log: VecDeque<StorageOp>,
    pub turns: Vec<Holding>,
    pub pauses: Vec<Holding>,
    /// When Redis let the key expire.
    pub expiries: Vec<u64>,
    /// When Redis held the lock's key: from a SET that took it to the
    /// release that deleted it or the expiry that dropped it (`client`:
    /// whose SET).
    pub key_set: Vec<Holding>,
    /// When storage answered a write, and whether it took it.
    pub writes: Vec<(u64, bool)>,
    pub findings: Vec<LabFinding>,
    pub acquisitions: u32,
    pub writes_accepted: u32,
    pub writes_refused: u32,
    /// Round trips of the SETs that took the lock, in microseconds.
    pub acquire_latencies: Vec<u64>,
    pub ended: bool,
}

impl LabState {
    /// The run as it stood at `now_us`: every event at or before it.
    pub fn at(trace: &LabTrace, now_us: u64) -> LabState {
        let setup = &trace.setup;
        let mut state = LabState {
            now_us,
            clients: vec![LabClient::default(); usize::from(setup.clients)],
            key: None,
            value: 0,
            highest: None,
            storage_log: VecDeque::new(),
            turns: Vec::new(),
            pauses: Vec::new(),
            expiries: Vec::new(),
            key_set: Vec::new(),
            writes: Vec::new(),
            findings: Vec::new(),
            acquisitions: 0,
            writes_accepted: 0,
            writes_refused: 0,
            acquire_latencies: Vec::new(),
            ended: false,
        };
        let mut monitor = LabMonitor::new(setup.clients, setup.mode.fencing());
        for event in trace.events.iter().take_while(|e| e.at_us <= now_us) {
            state.findings.extend(monitor.see(event));
            state.apply(event);
        }
        state
    }

    /// The run at its end.
    pub fn at_end(trace: &LabTrace) -> LabState {
        LabState::at(trace, trace.end_us())
    }

    fn client(&mut self, n: u8) -> Option<&mut LabClient> {
        self.clients.get_mut(usize::from(n).checked_sub(1)?)
    }

    fn close(bars: &mut [Holding], client: u8, at: u64) {
        if let Some(bar) = bars
            .iter_mut()
            .rev()
            .find(|b| b.client == client && b.to_us.is_none())
        {
            bar.to_us = Some(at);
        }
    }

    /// The key Redis held, if any, is gone (or set over) at `at`.
    fn key_gone(&mut self, at: u64) {
        if let Some(open) = self.key_set.last_mut().filter(|k| k.to_us.is_none()) {
            open.to_us = Some(at);
        }
    }

    fn apply(&mut self, event: &LabEvent) {
        let at = event.at_us;
        match (event.who, &event.kind) {
            (Who::Client(n), kind) => self.apply_client(n, at, kind),
            (
                Who::Storage,
                LabKind::Storage {
                    client,
                    token,
                    read,
                    value,
                    accepted,
                    highest,
                },
            ) => {
                if *accepted {
                    self.highest = self.highest.max(Some(*token));
                    if read.is_some() {
                        self.value = *value;
                    }
                } else {
                    self.highest = *highest;
                }
                if read.is_some() {
                    match accepted {
                        true => self.writes_accepted += 1,
                        false => self.writes_refused += 1,
                    }
                    self.writes.push((at, *accepted));
                }
                if self.storage_log.len() == STORAGE_LOG {
                    self.storage_log.pop_front();
                }
                self.storage_log.push_back(StorageOp {
                    client: *client,
                    token: *token,
                    read: *read,
                    value: *value,
                    accepted: *accepted,
                });
            }
            (Who::Redis, LabKind::Expired) => {
                self.key = None;
                self.expiries.push(at);
                self.key_gone(at);
            }
            (Who::Lab, LabKind::Paused { client }) => {
                if let Some(c) = self.client(*client) {
                    c.paused = true;
                }
                self.pauses.push(Holding {
                    client: *client,
                    from_us: at,
                    to_us: None,
                });
            }
            (Who::Lab, LabKind::Resumed { client }) => {
                if let Some(c) = self.client(*client) {
                    c.paused = false;
                }
                Self::close(&mut self.pauses, *client, at);
            }
            (Who::Lab, LabKind::Killed { client }) => {
                if let Some(c) = self.client(*client) {
                    c.phase = LabPhase::Killed;
                    c.paused = false;
                }
                Self::close(&mut self.turns, *client, at);
                Self::close(&mut self.pauses, *client, at);
            }
            (Who::Lab, LabKind::Ended) => self.ended = true,
            _ => {}
        }
    }

    fn apply_client(&mut self, n: u8, at: u64, kind: &LabKind) {
        match kind {
            LabKind::Asked => {
                if let Some(c) = self.client(n) {
                    c.phase = LabPhase::Asking;
                    c.token = None;
                    c.read = None;
                }
            }
            LabKind::Acquired { token, latency_us } => {
                self.key = Some(*token);
                self.key_gone(at);
                self.key_set.push(Holding {
                    client: n,
                    from_us: at,
                    to_us: None,
                });
                self.acquisitions += 1;
                self.acquire_latencies.push(*latency_us);
                if let Some(c) = self.client(n) {
                    c.phase = LabPhase::Reading;
                    c.token = Some(*token);
                }
                self.turns.push(Holding {
                    client: n,
                    from_us: at,
                    to_us: None,
                });
            }
            LabKind::Read { value } => {
                if let Some(c) = self.client(n) {
                    c.phase = LabPhase::Working;
                    c.read = Some(*value);
                }
            }
            LabKind::Wrote { accepted, .. } => {
                if let Some(c) = self.client(n) {
                    c.last_write = Some(*accepted);
                }
            }
            LabKind::Released { deleted, .. } => {
                if deleted.is_some() {
                    self.key = None;
                    self.key_gone(at);
                }
                if let Some(c) = self.client(n) {
                    c.phase = LabPhase::Idle;
                    c.turns += 1;
                }
                Self::close(&mut self.turns, n, at);
            }
            _ => {}
        }
    }
}
