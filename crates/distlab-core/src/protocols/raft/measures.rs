//! What experiments measure in Raft runs beyond leadership: messages per
//! command, what the client processes' reads cost and saw, and how long a
//! server added at run time takes to catch up.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::member::RaftMember;
use super::messages::RaftObs;
use super::node::NOOP;
use crate::protocols::clients::ClientEvent;
use crate::protocols::measure::{
    fresh, Counted, MeasureDef, MessagesBetweenCommands, Meter, Reading,
};
use crate::sim::{NodeId, Record, RecordKind, SimTime};

/// Messages sent per committed client command, with the time between
/// commits as each reading (Multi-Paxos offers the same measure).
pub const MESSAGES_PER_COMMAND: MeasureDef<RaftMember> = MeasureDef {
    name: "messages-per-command",
    about: "from one client command's commit to the next: the time between them, and the messages sent meanwhile (heartbeats and elections included)",
    each: "committed commands",
    open: "— uncommitted commands are not tracked",
    counted: Counted::mean("messages sent between commits", "msgs"),
    meter: fresh::<RaftMember, MessagesPerCommand>,
};

/// Counts sends from the first committed command on; each later command
/// committed (first anywhere, no-ops aside) takes a reading of the
/// messages since the one before.
#[derive(Default)]
struct MessagesPerCommand {
    messages: MessagesBetweenCommands,
    highest: u64,
}

impl Meter<RaftMember> for MessagesPerCommand {
    fn observe(&mut self, record: &Record<RaftMember>, readings: &mut Vec<Reading>) {
        match &record.kind {
            RecordKind::Send { .. } => self.messages.sent_one(),
            RecordKind::Proto(RaftObs::Commit { index, value, .. }) if *index > self.highest => {
                self.highest = *index;
                if &**value == NOOP {
                    return;
                }
                self.messages.command_done(record.t_us, readings);
            }
            _ => {}
        }
    }

    fn open(&self) -> u64 {
        0
    }
}

/// How long a client process's read takes, and whether it was stale.
pub const READ_LATENCY: MeasureDef<RaftMember> = MeasureDef {
    name: "read-latency",
    about: "from a client process's read to its answer (a `workload:` is needed); a read is stale when it returns a value older than the last write that completed before it began",
    each: "reads",
    open: "given up (failed) or unanswered at the end",
    counted: Counted::share("stale reads", "stale"),
    meter: fresh::<RaftMember, ReadLatency>,
};

/// Reads from invocation to answer; writes remembered per key, so that a
/// read's value can be placed among them.
#[derive(Default)]
struct ReadLatency {
    /// Each client's read in progress: when it began.
    reading: BTreeMap<Arc<str>, SimTime>,
    /// Reads given up.
    failed: u64,
    /// Each key's writes: value → (invoked, completed if it did).
    writes: BTreeMap<Arc<str>, BTreeMap<Option<Arc<str>>, Write>>,
}

#[derive(Clone, Copy)]
struct Write {
    invoked: SimTime,
    completed: Option<SimTime>,
}

impl ReadLatency {
    /// Whether reading `seen` from `key` at `began` is older than the last
    /// write that completed before `began`: the write of `seen` (none: the
    /// key's initial nil) completed before that write was even invoked.
    fn is_stale(&self, key: &str, seen: &Option<Arc<str>>, began: SimTime) -> bool {
        let Some(writes) = self.writes.get(key) else {
            return false;
        };
        let last = writes
            .values()
            .filter(|w| w.completed.is_some_and(|c| c < began))
            .max_by_key(|w| w.completed);
        let Some(last) = last else {
            return false;
        };
        match (seen, writes.get(seen)) {
            (None, _) => true,
            (Some(_), Some(w)) => w.completed.is_some_and(|c| c < last.invoked),
            (Some(_), None) => false,
        }
    }

    fn write(&mut self, e: &ClientEvent) -> &mut Write {
        self.writes
            .entry(e.key.clone())
            .or_default()
            .entry(e.value.clone())
            .or_insert(Write {
                invoked: SimTime::MAX,
                completed: None,
            })
    }
}

impl Meter<RaftMember> for ReadLatency {
    fn observe(&mut self, record: &Record<RaftMember>, readings: &mut Vec<Reading>) {
        let RecordKind::Proto(obs) = &record.kind else {
            return;
        };
        let now = record.t_us;
        match obs {
            RaftObs::Invoke(e) if e.op == "read" => {
                self.reading.insert(e.client.clone(), now);
            }
            RaftObs::Invoke(e) => self.write(e).invoked = now,
            RaftObs::Ok(e) if e.op == "read" => {
                if let Some(began) = self.reading.remove(&e.client) {
                    let stale = self.is_stale(&e.key, &e.value, began);
                    readings.push(Reading {
                        us: now - began,
                        counted: u64::from(stale),
                    });
                }
            }
            RaftObs::Ok(e) => self.write(e).completed = Some(now),
            RaftObs::Fail(e) | RaftObs::Info(e)
                if e.op == "read" && self.reading.remove(&e.client).is_some() =>
            {
                self.failed += 1;
            }
            _ => {}
        }
    }

    fn open(&self) -> u64 {
        self.failed + self.reading.len() as u64
    }
}

/// How long a server added at run time takes to join the configuration.
pub const CATCH_UP: MeasureDef<RaftMember> = MeasureDef {
    name: "catch-up",
    about: "from a leader starting to bring a server up to date as a learner (AddServer) to a configuration that holds it being appended; each reading counts the rounds of catching up it took",
    each: "servers added",
    open: "not added by the end (the leader gave up, or lost office)",
    counted: Counted::mean("rounds of catching up", "rounds"),
    meter: fresh::<RaftMember, CatchUpTime>,
};

/// Each server being caught up, from its first round on. A leader that
/// loses office and a successor asked again do not restart the stopwatch:
/// the server has waited all along.
#[derive(Default)]
struct CatchUpTime {
    /// When the first round began, and the rounds so far.
    learners: BTreeMap<NodeId, (SimTime, u32)>,
}

impl Meter<RaftMember> for CatchUpTime {
    fn observe(&mut self, record: &Record<RaftMember>, readings: &mut Vec<Reading>) {
        match &record.kind {
            RecordKind::Proto(RaftObs::CatchUp { server, .. }) => {
                let (_, rounds) = self.learners.entry(*server).or_insert((record.t_us, 0));
                *rounds += 1;
            }
            RecordKind::Proto(RaftObs::Config { members, .. }) => {
                for server in members {
                    if let Some((began, rounds)) = self.learners.remove(server) {
                        readings.push(Reading {
                            us: record.t_us - began,
                            counted: u64::from(rounds),
                        });
                    }
                }
            }
            _ => {}
        }
    }

    fn open(&self) -> u64 {
        self.learners.len() as u64
    }
}
