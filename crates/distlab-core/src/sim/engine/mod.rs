//! The engine: one event at a time, in a total order.

use std::collections::btree_map::{self, BTreeMap};
use std::sync::Arc;

use super::action::{Action, NoAlias, Target};
use super::actor::{Actor, Ctx, Effect};
use super::agenda::Agenda;
use super::check::{CheckView, Checker, FindingOf, Severity};
use super::labels::Labels;
use super::network::{InFlight, Latency, MsgId, Network, NetworkConfig};
use super::node::{NodeId, NodeStatus, MAX_IDS};
use super::rng::SimRng;
use super::time::SimTime;
use super::trace::{Record, RecordKind};

mod apply;
pub use apply::timer_name;
mod events;
mod stall;

pub use stall::{Stall, MAX_EVENTS_PER_INSTANT, MAX_IN_FLIGHT};

/// Everything the engine needs besides the nodes themselves.
#[derive(Clone, Debug)]
pub struct SimConfig {
    pub seed: u64,
    pub network: NetworkConfig,
}

/// A scheduled happening.
#[derive(Clone, Debug)]
enum Event<A: Actor> {
    Start(NodeId),
    Deliver(MsgId),
    Timer {
        node: NodeId,
        timer: A::Timer,
        gen: u64,
    },
    Resume(NodeId),
    /// A node's disk write ends: the messages waiting for it leave.
    Flush(NodeId),
}

/// A timer that will fire unless it is reset or cancelled.
#[derive(Clone, Debug)]
pub struct PendingTimer<T> {
    pub timer: T,
    /// Tells this arming apart from earlier ones of the same timer, whose
    /// agenda entries are then void.
    gen: u64,
    pub set_at: SimTime,
    pub deadline: SimTime,
}

/// One node's pending timers, keyed by timer value. A map rather than a
/// list because timers may carry data (one per outstanding request, say),
/// so a node can have thousands pending, and setting, cancelling and firing
/// one must not scan them all.
type TimerMap<T> = BTreeMap<T, PendingTimer<T>>;

/// A read-only view of one node's pending timers, in timer order.
#[derive(Clone, Copy, Debug)]
pub struct Timers<'a, T> {
    map: &'a TimerMap<T>,
}

impl<'a, T: Ord> Timers<'a, T> {
    /// Every pending timer, smallest timer value first.
    pub fn iter(&self) -> btree_map::Values<'a, T, PendingTimer<T>> {
        self.map.values()
    }

    /// The pending timer with this value, if it is armed.
    pub fn get(&self, timer: &T) -> Option<&'a PendingTimer<T>> {
        self.map.get(timer)
    }

    /// The pending timer with the smallest value.
    pub fn first(&self) -> Option<&'a PendingTimer<T>> {
        self.map.values().next()
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

impl<'a, T: Ord> IntoIterator for Timers<'a, T> {
    type Item = &'a PendingTimer<T>;
    type IntoIter = btree_map::Values<'a, T, PendingTimer<T>>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// A node's own clock: it may run fast or slow, and may jump.
#[derive(Clone, Copy, Debug, Default)]
struct Clock {
    anchor_sim: SimTime,
    anchor_local: i64,
    drift_ppm: i64,
}

impl Clock {
    fn local(&self, now: SimTime) -> SimTime {
        let elapsed = now.saturating_sub(self.anchor_sim) as i128;
        let local =
            self.anchor_local as i128 + elapsed + elapsed * self.drift_ppm as i128 / 1_000_000;
        local.clamp(0, i64::MAX as i128) as SimTime
    }

    /// Simulated time that passes while this clock advances `local_us`.
    fn sim_duration(self, local_us: u64) -> u64 {
        let rate = (1_000_000 + self.drift_ppm).max(1) as u128;
        (local_us as u128 * 1_000_000 / rate) as u64
    }

    fn reanchor(&mut self, now: SimTime) {
        self.anchor_local = self.local(now) as i64;
        self.anchor_sim = now;
    }
}

/// The actions a simulation of `A` takes: its requests and its targets.
pub type ClusterAction<A> = Action<<A as Actor>::Request, <A as Actor>::Alias>;

/// The script entries of a simulation of `A`.
pub type ScheduledOf<A> = Scheduled<<A as Actor>::Request, <A as Actor>::Alias>;

/// An action on the script, scheduled for one instant.
#[derive(Clone, Debug, PartialEq)]
pub struct Scheduled<R, T = NoAlias> {
    pub at: SimTime,
    pub action: Action<R, T>,
    /// Typed live by a person, as opposed to read from the scenario. Only
    /// these are discarded when acting after a rewind forks the history.
    pub by_user: bool,
}

/// What one call to [`Sim::step`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepOutcome {
    /// An event was processed.
    Stepped,
    /// Nothing is left to happen.
    Idle,
    /// The clock cannot move: so many events happened at one instant that
    /// the run makes no progress ([`Sim::stuck`] says where). Nothing more
    /// runs.
    Stuck,
}

/// Void timer entries worth a sweep of the agenda, at the least.
const MIN_SWEEP: u64 = 1_024;

/// The machine under one node, as the engine keeps it: its clock, its
/// pending timers and its disk. The node's own state is the actor's.
#[derive(Clone, Debug)]
struct Host<A: Actor> {
    clock: Clock,
    timers: TimerMap<A::Timer>,
    /// When the disk is free again (writes are sequential).
    disk_until: SimTime,
    /// Messages waiting for a write, with the time they may leave.
    outbox: Vec<(SimTime, NodeId, A::Msg)>,
}

impl<A: Actor> Default for Host<A> {
    fn default() -> Self {
        Host {
            clock: Clock::default(),
            timers: TimerMap::new(),
            disk_until: 0,
            outbox: Vec::new(),
        }
    }
}

/// A whole simulated cluster. Cloning it takes a snapshot.
#[derive(Clone, Debug)]
pub struct Sim<A: Actor> {
    now: SimTime,
    events: u64,
    /// Events processed at the instant `now` so far: a protocol that keeps
    /// scheduling work for the same instant would otherwise spin forever
    /// without the clock moving.
    events_this_instant: u64,
    /// Why and when the run stopped making progress, if it did.
    stalled: Option<Stall>,
    /// Timer entries on the agenda voided since the last sweep.
    void_timers: u64,
    /// How long a node takes to make its state durable.
    disk: Latency,
    /// The nodes' own state and whether each runs, by node id: slices of
    /// these are what actors and checkers see of the cluster.
    nodes: Vec<A>,
    status: Vec<NodeStatus>,
    /// What the engine keeps for each node's machine, by node id.
    hosts: Vec<Host<A>>,
    next_timer_gen: u64,
    net: Network<A::Msg>,
    agenda: Agenda<Event<A>>,
    /// Shared with snapshots until it changes, which is rare: it changes
    /// only when someone schedules an action.
    script: Arc<Vec<ScheduledOf<A>>>,
    script_cursor: usize,
    rng: SimRng,
    seed: u64,
    checker: A::Checker,
    violations: Vec<(u64, FindingOf<A>)>,
    warnings: Vec<(u64, FindingOf<A>)>,
    records: Vec<Record<A>>,
    explaining: bool,
    /// Chosen by the family when the run starts; shared with snapshots.
    labels: Labels,
}

impl<A: Actor> Sim<A> {
    /// A cluster of `nodes`; each starts at time zero in the given order.
    ///
    /// # Panics
    ///
    /// With more than [`MAX_IDS`] nodes, which node ids cannot tell apart.
    pub fn new(config: SimConfig, nodes: Vec<A>) -> Self {
        let n = nodes.len();
        assert!(
            n <= MAX_IDS,
            "a cluster has at most {MAX_IDS} nodes, not {n}"
        );
        let labels = Labels::of(&nodes);
        let mut agenda = Agenda::new();
        for id in NodeId::all(n) {
            agenda.push(0, Event::Start(id));
        }
        Sim {
            now: 0,
            events: 0,
            events_this_instant: 0,
            stalled: None,
            void_timers: 0,
            disk: Latency::Uniform { min: 0, max: 0 },
            status: vec![NodeStatus::Up; n],
            hosts: vec![Host::default(); n],
            nodes,
            next_timer_gen: 0,
            net: Network::new(config.network),
            agenda,
            script: Arc::new(Vec::new()),
            script_cursor: 0,
            rng: SimRng::new(config.seed),
            seed: config.seed,
            checker: A::Checker::default(),
            violations: Vec::new(),
            warnings: Vec::new(),
            records: Vec::new(),
            explaining: true,
            labels,
        }
    }

    /// Sets how long any node takes to make state durable before it
    /// answers (`disk_ms` in scenarios). Zero by default.
    pub fn set_disk(&mut self, disk: Latency) {
        self.disk = disk;
    }

    /// When the node's current disk write ends, if it is writing.
    pub fn writing_until(&self, id: NodeId) -> Option<SimTime> {
        let until = self.hosts[id.index()].disk_until;
        (until > self.now && !self.hosts[id.index()].outbox.is_empty()).then_some(until)
    }

    /// Turns the protocol's plain-language explanations on or off. Off
    /// saves formatting in long headless runs that nobody reads.
    pub fn set_explanations(&mut self, on: bool) {
        self.explaining = on;
    }

    /// Forgets what only a replay or a reader of this copy needs: the
    /// script's past (the actions already applied) and the last step's
    /// records. A copy that is searched, never rewound nor shown, is then
    /// cheaper to copy again and to act on.
    pub fn forget_past(&mut self) {
        if self.script_cursor > 0 {
            Arc::make_mut(&mut self.script).drain(..self.script_cursor);
            self.script_cursor = 0;
        }
        self.records.clear();
    }

    // ----- reading the state -------------------------------------------

    pub fn now(&self) -> SimTime {
        self.now
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Entries on the agenda, void timers included until they are swept.
    pub fn pending_events(&self) -> usize {
        self.agenda.len()
    }

    /// How many events have been processed so far.
    pub fn events_processed(&self) -> u64 {
        self.events
    }

    /// The checker as the last event left it: what it verified, and what
    /// it keeps (a Raft cluster's client history).
    pub fn checker(&self) -> &A::Checker {
        &self.checker
    }

    pub fn nodes(&self) -> &[A] {
        &self.nodes
    }

    pub fn node(&self, id: NodeId) -> &A {
        &self.nodes[id.index()]
    }

    pub fn cluster_size(&self) -> usize {
        self.nodes.len()
    }

    /// The name people see for node `id`, chosen by the family.
    pub fn label(&self, id: NodeId) -> &str {
        self.labels.get(id)
    }

    /// Every node's label; clone it to keep it cheaply.
    pub fn labels(&self) -> &Labels {
        &self.labels
    }

    pub fn status(&self, id: NodeId) -> NodeStatus {
        self.status[id.index()]
    }

    /// The node's own clock reading now.
    pub fn local_time(&self, id: NodeId) -> SimTime {
        self.hosts[id.index()].clock.local(self.now)
    }

    /// The timers pending on node `id`.
    pub fn timers(&self, id: NodeId) -> Timers<'_, A::Timer> {
        Timers {
            map: &self.hosts[id.index()].timers,
        }
    }

    pub fn in_flight(&self) -> impl Iterator<Item = &InFlight<A::Msg>> {
        self.net.in_flight.values()
    }

    pub fn message(&self, id: MsgId) -> Option<&InFlight<A::Msg>> {
        self.net.in_flight.get(&id)
    }

    pub fn is_link_blocked(&self, from: NodeId, to: NodeId) -> bool {
        self.net.is_blocked(from, to)
    }

    pub fn is_isolated(&self, id: NodeId) -> bool {
        self.net.is_isolated(id, self.nodes.len())
    }

    pub fn loss(&self) -> f64 {
        self.net.config.loss
    }

    pub fn network_config(&self) -> &NetworkConfig {
        &self.net.config
    }

    /// Every safety violation so far, with the number of the event that
    /// caused it. Warnings are not among them.
    pub fn violations(&self) -> &[(u64, FindingOf<A>)] {
        &self.violations
    }

    /// Every warning so far, with the number of the event that raised it.
    pub fn warnings(&self) -> &[(u64, FindingOf<A>)] {
        &self.warnings
    }

    /// The records produced by the most recent step.
    pub fn last_records(&self) -> &[Record<A>] {
        &self.records
    }

    /// The time of the next thing that will happen, if anything will.
    pub fn next_event_time(&self) -> Option<SimTime> {
        let action = self.script.get(self.script_cursor).map(|s| s.at);
        match (action, self.agenda.peek_time()) {
            (Some(a), Some(e)) => Some(a.min(e)),
            (a, e) => a.or(e),
        }
    }

    /// The whole script: scenario actions and actions typed live, in order.
    pub fn script(&self) -> &[ScheduledOf<A>] {
        &self.script
    }

    /// The node leading the highest term right now, if any.
    pub fn leader(&self) -> Option<NodeId> {
        NodeId::all(self.nodes.len())
            .filter(|&id| self.status(id) != NodeStatus::Crashed)
            .filter_map(|id| self.node(id).leading_term().map(|t| (t, id)))
            .max_by_key(|&(t, id)| (t, std::cmp::Reverse(id)))
            .map(|(_, id)| id)
    }

    /// The node `target` names right now, if any. A family's role that
    /// names a node outside the cluster names nobody.
    pub fn resolve(&self, target: Target<A::Alias>) -> Option<NodeId> {
        match target {
            Target::Node(id) if id.index() < self.nodes.len() => Some(id),
            Target::Node(_) => None,
            Target::Leader => self.leader(),
            Target::Alias(role) => A::resolve_alias(&self.nodes, &self.status, role)
                .filter(|id| id.index() < self.nodes.len()),
        }
    }

    // ----- scheduling actions ------------------------------------------

    /// Puts an action on the script at `at`, after any already there for
    /// that instant. Actions run before any other event of their instant.
    pub fn schedule(&mut self, at: SimTime, action: ClusterAction<A>, by_user: bool) {
        let at = at.max(self.now);
        let pos =
            self.script_cursor + self.script[self.script_cursor..].partition_point(|s| s.at <= at);
        Arc::make_mut(&mut self.script).insert(
            pos,
            Scheduled {
                at,
                action,
                by_user,
            },
        );
    }

    /// Applies a person's action right now: it is scheduled one microsecond
    /// ahead (so that it lands at an exact, replayable point among the
    /// events) and processed at once. Anything the user had typed beyond
    /// this point of a rewound history is forgotten: the history forks here.
    ///
    /// Afterwards [`Sim::last_records`] holds the records of every event this
    /// processed, not only the last one's.
    pub fn act(&mut self, action: ClusterAction<A>) {
        self.fork_here();
        let at = self.now + 1;
        self.schedule(at, action, true);
        let mut records = Vec::new();
        while self
            .script
            .get(self.script_cursor)
            .is_some_and(|s| s.at <= at)
        {
            self.step();
            records.append(&mut self.records);
        }
        self.records = records;
    }

    /// Applies several actions now, one after another; the records of them
    /// all are the last step's, so that whoever shows them misses none.
    /// With no actions, nothing changes.
    pub fn act_all(&mut self, actions: impl IntoIterator<Item = ClusterAction<A>>) {
        let mut records = Vec::new();
        let mut acted = false;
        for action in actions {
            self.act(action);
            records.append(&mut self.records);
            acted = true;
        }
        if acted {
            self.records = records;
        }
    }

    /// Forgets the actions a person typed that lie ahead of this moment.
    pub fn fork_here(&mut self) {
        let cursor = self.script_cursor;
        if !self.script[cursor..].iter().any(|s| s.by_user) {
            return;
        }
        let mut i = 0;
        Arc::make_mut(&mut self.script).retain(|s| {
            let keep = i < cursor || !s.by_user;
            i += 1;
            keep
        });
    }

    /// Takes the script of `other`, which may know of actions typed after
    /// this simulation was snapshotted.
    pub(crate) fn adopt_script(&mut self, other: &Sim<A>) {
        self.script = Arc::clone(&other.script);
    }

    // ----- running -------------------------------------------------------

    /// Processes the next event, skipping events that were voided (a
    /// cancelled timer, a message dropped by hand).
    pub fn step(&mut self) -> StepOutcome {
        self.step_until(SimTime::MAX)
    }

    /// Processes the next event if it happens no later than `limit`.
    pub fn step_until(&mut self, limit: SimTime) -> StepOutcome {
        self.records.clear();
        if self.stalled.is_some() {
            return StepOutcome::Stuck;
        }
        loop {
            if self.next_event_time().is_none_or(|t| t > limit) {
                return StepOutcome::Idle;
            }
            let action_time = self.script.get(self.script_cursor).map(|s| s.at);
            let event_time = self.agenda.peek_time();
            let take_action = match (action_time, event_time) {
                (Some(a), Some(e)) => a <= e,
                (Some(_), None) => true,
                (None, _) => false,
            };
            if take_action {
                let scheduled = self.script[self.script_cursor].clone();
                self.script_cursor += 1;
                self.begin_event(scheduled.at);
                let touched = self.apply(scheduled.action);
                self.finish_event(touched);
                return StepOutcome::Stepped;
            }
            let Some(entry) = self.agenda.pop() else {
                return StepOutcome::Idle;
            };
            if let Some(touched) = self.process(entry.time, entry.event) {
                self.finish_event(touched);
                return StepOutcome::Stepped;
            }
        }
    }

    /// Processes every event up to and including time `t`, then sets the
    /// clock to `t`. Stops early, returning false, after `max_events`.
    pub fn run_until(&mut self, t: SimTime, max_events: u64) -> bool {
        let mut budget = max_events;
        while self.next_event_time().is_some_and(|e| e <= t) {
            if budget == 0 {
                return false;
            }
            budget -= 1;
            match self.step_until(t) {
                StepOutcome::Stepped => {}
                StepOutcome::Idle => break,
                StepOutcome::Stuck => return false,
            }
        }
        self.now = self.now.max(t);
        true
    }

    fn begin_event(&mut self, time: SimTime) {
        if time > self.now {
            self.events_this_instant = 0;
        }
        self.now = self.now.max(time);
        self.events += 1;
        self.events_this_instant += 1;
        if self.events_this_instant >= MAX_EVENTS_PER_INSTANT {
            self.stalled = Some(Stall::Spinning { at: self.now });
        } else if self.net.in_flight.len() > MAX_IN_FLIGHT {
            self.stalled = Some(Stall::Flooded { at: self.now });
        }
    }

    /// Why the run stopped making progress, if it did: so much work at one
    /// instant (a protocol rescheduling itself, a script of a million
    /// actions at one moment) that the clock cannot move, or so many
    /// messages in flight (a latency far longer than the timers that send
    /// them) that memory would run out before they land.
    pub fn stuck(&self) -> Option<Stall> {
        self.stalled
    }

    fn record(&mut self, kind: RecordKind<A>) {
        self.records.push(Record {
            t_us: self.now,
            event: self.events,
            kind,
        });
    }

    /// Runs the checker after an event, on that event's records alone, and
    /// records what it found.
    fn finish_event(&mut self, touched: Option<NodeId>) {
        let view = CheckView {
            nodes: &self.nodes,
            touched,
            records: &self.records,
            now: self.now,
            status: &self.status,
            in_flight: &self.net.in_flight,
        };
        let found = self.checker.check(&view);
        for finding in found {
            self.record(finding.record_kind());
            match finding.severity {
                Severity::Violation => self.violations.push((self.events, finding)),
                Severity::Warning => self.warnings.push((self.events, finding)),
            }
        }
    }

    /// Runs a handler of node `id` and applies what it asked for. Returns
    /// whether it turned the request it handled away.
    fn run_handler(&mut self, id: NodeId, f: impl FnOnce(&mut A, &mut Ctx<A>)) -> bool {
        let mut effects = Vec::new();
        {
            let mut ctx = Ctx {
                me: id,
                now: self.now,
                local_now: self.hosts[id.index()].clock.local(self.now),
                cluster_size: self.nodes.len(),
                explaining: self.explaining,
                rng: &mut self.rng,
                effects: &mut effects,
            };
            f(&mut self.nodes[id.index()], &mut ctx);
        }
        let wrote = effects.iter().any(|e| matches!(e, Effect::Persist));
        let turned_away = effects.iter().any(|e| matches!(e, Effect::TurnAway));
        let leave_at = (wrote && self.disk.max() > 0).then(|| self.write(id));
        for effect in effects {
            match effect {
                Effect::Send { to, msg } => match leave_at {
                    Some(at) => self.hosts[id.index()].outbox.push((at, to, msg)),
                    None => self.send(id, to, msg),
                },
                Effect::Persist | Effect::TurnAway => {}
                Effect::SetTimer {
                    timer,
                    after_local_us,
                } => {
                    let after = self.hosts[id.index()].clock.sim_duration(after_local_us);
                    self.set_timer(id, timer, after);
                }
                Effect::CancelTimer { timer } => {
                    if self.hosts[id.index()].timers.remove(&timer).is_some() {
                        self.timer_voided();
                    }
                }
                Effect::Explain(note) => self.record(RecordKind::Note {
                    node: Some(id),
                    note,
                }),
                Effect::Observe(obs) => self.record(RecordKind::Proto(obs)),
            }
        }
        turned_away
    }

    /// Starts a disk write on node `id` after any write under way; returns
    /// when it ends.
    fn write(&mut self, id: NodeId) -> SimTime {
        let start = self.hosts[id.index()].disk_until.max(self.now);
        let end = start + self.disk.draw(&mut self.rng);
        self.hosts[id.index()].disk_until = end;
        self.agenda.push(end, Event::Flush(id));
        self.record(RecordKind::Persist {
            node: id,
            us: end - self.now,
        });
        end
    }

    /// A pending timer was cancelled or replaced: its agenda entry stays
    /// until its time, void. When void entries make up most of the agenda
    /// (a server that cancels a timeout per answered request, a follower
    /// that re-arms its election timer at every heartbeat), they are swept
    /// out, so the agenda stays as small as what can still happen.
    fn timer_voided(&mut self) {
        self.void_timers += 1;
        if self.void_timers < MIN_SWEEP || self.void_timers * 2 < self.agenda.len() as u64 {
            return;
        }
        let hosts = &self.hosts;
        self.agenda.retain(|event| match event {
            Event::Timer { node, timer, gen } => hosts[node.index()]
                .timers
                .get(timer)
                .is_some_and(|p| p.gen == *gen),
            _ => true,
        });
        self.void_timers = 0;
    }

    fn set_timer(&mut self, id: NodeId, timer: A::Timer, after: u64) {
        let gen = self.next_timer_gen;
        self.next_timer_gen += 1;
        let deadline = self.now + after;
        let replaced = self.hosts[id.index()].timers.insert(
            timer,
            PendingTimer {
                timer,
                gen,
                set_at: self.now,
                deadline,
            },
        );
        if replaced.is_some() {
            self.timer_voided();
        }
        self.agenda.push(
            deadline,
            Event::Timer {
                node: id,
                timer,
                gen,
            },
        );
    }

    fn send(&mut self, from: NodeId, to: NodeId, msg: A::Msg) {
        if to.index() >= self.nodes.len() {
            return;
        }
        let id = self.net.fresh_id();
        let latency = self.net.config.latency.draw(&mut self.rng);
        let fate = self.net.fate_at_send(from, to, &mut self.rng);
        self.record(RecordKind::Send {
            id,
            from,
            to,
            msg: msg.clone(),
        });
        match fate {
            Some(reason) => self.record(RecordKind::Drop {
                id,
                from,
                to,
                msg,
                reason,
            }),
            None => {
                let deliver_at = self.now + latency.max(1);
                let message = InFlight {
                    id,
                    from,
                    to,
                    sent_at: self.now,
                    deliver_at,
                    waiting: false,
                    payload: msg,
                };
                if self.rng.chance(self.net.config.duplicate) {
                    self.duplicate(message.clone());
                }
                self.net.in_flight.insert(id, message);
                self.agenda.push(deliver_at, Event::Deliver(id));
            }
        }
    }

    /// Puts a copy of `original` on the wire with a latency of its own.
    fn duplicate(&mut self, original: InFlight<A::Msg>) {
        let copy = self.net.fresh_id();
        let latency = self.net.config.latency.draw(&mut self.rng);
        let deliver_at = self.now + latency.max(1);
        let id = original.id;
        self.net.in_flight.insert(
            copy,
            InFlight {
                id: copy,
                sent_at: self.now,
                deliver_at,
                ..original
            },
        );
        self.agenda.push(deliver_at, Event::Deliver(copy));
        self.record(RecordKind::Duplicate { id, copy });
    }
}
