//! What an experiment can measure in a family's runs.
//!
//! A measure is a stopwatch over one run's records: it starts when
//! something begins (a leader crashes, a client asks for the lock) and
//! stops when it ends (a new leader wins, the lock is granted), giving one
//! reading per occurrence. Occurrences still open when the run stops are
//! counted, not dropped: they are longer than the run, and a setting that
//! often never finishes must not look fast.
//!
//! Every family lists its measures in [`Family::MEASURES`]; measures built
//! on leadership records ([`leader_downtime`], [`first_leader`]) serve any
//! family that has leaders.

use std::collections::BTreeMap;
use std::marker::PhantomData;

use super::family::{Family, Leadership};
use crate::sim::{Actor, NodeId, Record, RecordKind, SimTime};

/// One measure a family offers: `distlab experiment --measure NAME`.
pub struct MeasureDef<N: Actor> {
    /// The name on the command line: `leader-downtime`.
    pub name: &'static str,
    /// What is timed, from what to what, for `--help` and errors.
    pub about: &'static str,
    /// What is timed, counted in the report: `leader crashes`.
    pub each: &'static str,
    /// Occurrences that never ended: `without a new leader by the end`.
    pub open: &'static str,
    /// What each reading counts beside its time, if anything: elections
    /// without a winner (split votes), messages sent between commits,
    /// whether a read was stale.
    pub counted: Option<Counted>,
    /// A fresh stopwatch for one run.
    pub meter: fn() -> Box<dyn Meter<N>>,
}

/// What a measure counts beside each reading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Counted {
    /// In the report: `messages sent between commits`.
    pub what: &'static str,
    /// The heading of its column in a comparison: `msgs`.
    pub column: &'static str,
    /// Each reading counts 0 or 1 (a stale read), so a comparison shows
    /// the share of readings that count, not the mean per reading.
    pub share: bool,
}

impl Counted {
    /// A count per reading, compared as its mean.
    pub const fn mean(what: &'static str, column: &'static str) -> Option<Counted> {
        Some(Counted {
            what,
            column,
            share: false,
        })
    }

    /// A yes or no per reading, compared as the share of yes.
    pub const fn share(what: &'static str, column: &'static str) -> Option<Counted> {
        Some(Counted {
            what,
            column,
            share: true,
        })
    }
}

/// One occurrence measured: how long it took, and what the measure counts
/// beside it ([`MeasureDef::counted`]: failed elections, messages sent).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reading {
    pub us: SimTime,
    pub counted: u64,
}

/// Follows one run, record by record.
pub trait Meter<N: Actor>: Send {
    /// Takes note of one record, pushing a reading for every occurrence it
    /// ends.
    fn observe(&mut self, record: &Record<N>, readings: &mut Vec<Reading>);
    /// Occurrences begun and not ended.
    fn open(&self) -> u64;
}

/// The messages sent since the last command was committed (chosen), for
/// the consensus families' messages per command: each reading is the time
/// between two commands, with the messages sent meanwhile beside it.
#[derive(Default)]
pub struct MessagesBetweenCommands {
    /// When the last command was committed, once one was.
    since: Option<SimTime>,
    sent: u64,
}

impl MessagesBetweenCommands {
    pub fn sent_one(&mut self) {
        self.sent += 1;
    }

    /// A command is committed at `t_us`: a reading, unless it is the first.
    pub fn command_done(&mut self, t_us: SimTime, readings: &mut Vec<Reading>) {
        if let Some(since) = self.since {
            readings.push(Reading {
                us: t_us - since,
                counted: self.sent,
            });
        }
        self.since = Some(t_us);
        self.sent = 0;
    }
}

/// The stopwatch of [`leader_downtime`] (`DEPOSED` false: only the last
/// leader's crash starts it) and of [`leaderless`] (`DEPOSED` true: its
/// stepping down does too).
#[derive(Default)]
pub struct Downtime<F, const DEPOSED: bool> {
    leaders: Vec<NodeId>,
    highest_epoch: u64,
    down_since: Option<(SimTime, u64)>,
    family: PhantomData<F>,
}

impl<F: Family, const DEPOSED: bool> Downtime<F, DEPOSED> {
    /// `node` no longer leads; when it was the last leader and the way it
    /// went counts, the stopwatch starts.
    fn lost(&mut self, node: NodeId, t_us: SimTime, counts: bool) {
        let led = self.leaders.contains(&node);
        self.leaders.retain(|n| *n != node);
        if counts && led && self.leaders.is_empty() && self.down_since.is_none() {
            self.down_since = Some((t_us, self.highest_epoch));
        }
    }
}

impl<F: Family, const DEPOSED: bool> Meter<F::Node> for Downtime<F, DEPOSED> {
    fn observe(&mut self, record: &Record<F::Node>, readings: &mut Vec<Reading>) {
        if let RecordKind::Crash { node } = &record.kind {
            self.lost(*node, record.t_us, true);
        }
        let Some(change) = F::leadership(record) else {
            return;
        };
        self.highest_epoch = self.highest_epoch.max(change.epoch);
        if !change.leads {
            self.lost(change.node, record.t_us, DEPOSED);
            return;
        }
        self.leaders.retain(|n| *n != change.node);
        self.leaders.push(change.node);
        if let Some((since, epoch_then)) = self.down_since.take() {
            readings.push(Reading {
                us: record.t_us - since,
                counted: elections_lost(change, epoch_then),
            });
        }
    }

    fn open(&self) -> u64 {
        u64::from(self.down_since.is_some())
    }
}

/// The stopwatch of [`first_leader`].
#[derive(Default)]
pub struct FirstLeader<F> {
    elected: bool,
    family: PhantomData<F>,
}

impl<F: Family> Meter<F::Node> for FirstLeader<F> {
    fn observe(&mut self, record: &Record<F::Node>, readings: &mut Vec<Reading>) {
        if self.elected {
            return;
        }
        if let Some(change) = F::leadership(record).filter(|c| c.leads) {
            self.elected = true;
            readings.push(Reading {
                us: record.t_us,
                counted: elections_lost(change, 0),
            });
        }
    }

    fn open(&self) -> u64 {
        u64::from(!self.elected)
    }
}

/// Epochs begun before the winner's, after `epoch_then`: one election is
/// the win itself, every other one nobody won.
fn elections_lost(win: Leadership, epoch_then: u64) -> u64 {
    win.epoch.saturating_sub(epoch_then).saturating_sub(1)
}

/// From a crash that leaves no leader to the next leader's election.
pub const fn leader_downtime<F: Family>() -> MeasureDef<F::Node> {
    MeasureDef {
        name: "leader-downtime",
        about: "from a crash that leaves no leader to the next leader's election",
        each: "leader crashes",
        open: "without a new leader by the end",
        counted: Counted::mean("elections without a winner (split votes)", "lost"),
        meter: fresh::<F::Node, Downtime<F, false>>,
    }
}

/// From the moment nobody leads any more (the last leader crashed or
/// stepped down) to the next leader's election.
pub const fn leaderless<F: Family>() -> MeasureDef<F::Node> {
    MeasureDef {
        name: "leaderless",
        about: "from the moment nobody leads any more (the last leader crashed or stepped down, deposed by a newer term) to the next leader's election",
        each: "times without a leader",
        open: "without a new leader by the end",
        counted: Counted::mean("elections without a winner (split votes)", "lost"),
        meter: fresh::<F::Node, Downtime<F, true>>,
    }
}

/// From the start of the run to the first leader's election.
pub const fn first_leader<F: Family>() -> MeasureDef<F::Node> {
    MeasureDef {
        name: "first-leader",
        about: "from the start of the run to the first leader's election",
        each: "runs",
        open: "without any leader by the end",
        counted: Counted::mean("elections without a winner (split votes)", "lost"),
        meter: fresh::<F::Node, FirstLeader<F>>,
    }
}

/// A fresh stopwatch of type `M`, for a [`MeasureDef`]'s `meter`.
pub fn fresh<N: Actor, M: Meter<N> + Default + 'static>() -> Box<dyn Meter<N>> {
    Box::<M>::default()
}

/// A stopwatch per key (a client, a request, a value): started the first
/// time its key begins, stopped when it ends. Families build their own
/// measures on it.
#[derive(Debug)]
pub struct Stopwatches<K: Ord> {
    running: BTreeMap<K, SimTime>,
}

impl<K: Ord> Default for Stopwatches<K> {
    fn default() -> Self {
        Stopwatches {
            running: BTreeMap::new(),
        }
    }
}

impl<K: Ord> Stopwatches<K> {
    /// Starts `key`'s stopwatch at `t`, unless it is already running.
    pub fn start(&mut self, key: K, t: SimTime) {
        self.running.entry(key).or_insert(t);
    }

    /// Stops `key`'s stopwatch at `t`: its reading, if it was running.
    pub fn stop(&mut self, key: &K, t: SimTime, readings: &mut Vec<Reading>) {
        if let Some(since) = self.running.remove(key) {
            readings.push(Reading {
                us: t.saturating_sub(since),
                counted: 0,
            });
        }
    }

    /// Forgets `key`'s stopwatch without a reading.
    pub fn discard(&mut self, key: &K) {
        self.running.remove(key);
    }

    /// Stopwatches still running.
    pub fn running(&self) -> u64 {
        self.running.len() as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stopwatch_reads_from_its_first_start_and_forgets_a_discard() {
        let mut watches = Stopwatches::default();
        let mut readings = Vec::new();
        watches.start('a', 10);
        watches.start('a', 15);
        watches.start('b', 20);
        watches.start('c', 25);
        watches.stop(&'a', 40, &mut readings);
        watches.stop(&'a', 50, &mut readings);
        watches.discard(&'b');
        watches.stop(&'b', 60, &mut readings);
        assert_eq!(readings, [Reading { us: 30, counted: 0 }]);
        assert_eq!(watches.running(), 1, "c never stopped");
    }
}
