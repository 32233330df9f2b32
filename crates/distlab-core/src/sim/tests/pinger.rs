//! Engine behaviour, checked with a tiny ping-pong protocol.

use serde::Serialize;

use super::{Never, NoChecks};
use crate::sim::*;

#[derive(Clone, Debug, Serialize)]
#[serde(tag = "msg")]
pub(super) enum Msg {
    Ping,
    Pong,
}

impl Message for Msg {
    fn name(&self) -> &'static str {
        match self {
            Msg::Ping => "Ping",
            Msg::Pong => "Pong",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub(super) enum Tick {
    Tick,
}

super::debug_words!(Tick);

/// S1 pings S2 every 100 ms of its own clock; S2 answers. Each node keeps
/// what it received and when (in global time), and a volatile counter.
#[derive(Clone, Debug, Default)]
pub(super) struct Pinger {
    pub(super) received: Vec<(NodeId, &'static str, SimTime)>,
    ticks: Vec<SimTime>,
    volatile: u32,
    /// Writes what it received to disk before it answers.
    durable: bool,
}

impl Pinger {
    pub(super) fn durable() -> Pinger {
        Pinger {
            durable: true,
            ..Pinger::default()
        }
    }
}

impl Actor for Pinger {
    type Msg = Msg;
    type Timer = Tick;
    type Request = ();
    type Obs = Never;
    type Note = super::Said;
    type Checker = NoChecks;
    type Alias = NoAlias;

    fn on_start(&mut self, ctx: &mut Ctx<Self>) {
        if ctx.me() == NodeId(0) {
            ctx.set_timer(Tick::Tick, ms(100));
        }
    }

    fn on_message(&mut self, ctx: &mut Ctx<Self>, from: NodeId, msg: Msg) {
        self.volatile += 1;
        self.received.push((from, msg.name(), ctx.now()));
        if let Msg::Ping = msg {
            ctx.send(from, Msg::Pong);
            if self.durable {
                ctx.persist();
            }
        }
    }

    fn on_timer(&mut self, ctx: &mut Ctx<Self>, _: Tick) {
        self.ticks.push(ctx.now());
        ctx.send(NodeId(1), Msg::Ping);
        ctx.set_timer(Tick::Tick, ms(100));
    }

    fn on_request(&mut self, ctx: &mut Ctx<Self>, _: ()) {
        ctx.send(NodeId(1), Msg::Ping);
    }

    fn on_crash(&mut self) {
        self.volatile = 0;
    }
}

const S1: NodeId = NodeId(0);
const S2: NodeId = NodeId(1);

fn pair() -> Sim<Pinger> {
    let network = NetworkConfig {
        latency: Latency::uniform_ms(10, 10),
        ..NetworkConfig::default()
    };
    Sim::new(SimConfig { seed: 1, network }, vec![Pinger::default(); 2])
}

fn pongs(sim: &Sim<Pinger>) -> usize {
    sim.node(S1)
        .received
        .iter()
        .filter(|r| r.1 == "Pong")
        .count()
}

#[test]
fn messages_arrive_after_their_latency() {
    let mut sim = pair();
    sim.run_until(ms(150), u64::MAX);
    assert_eq!(sim.node(S2).received, vec![(S1, "Ping", ms(110))]);
    assert_eq!(sim.node(S1).received, vec![(S2, "Pong", ms(120))]);
}

#[test]
fn a_crashed_node_loses_messages_and_volatile_state_and_its_timers() {
    let mut sim = pair();
    sim.run_until(ms(250), u64::MAX);
    assert_eq!(sim.node(S2).volatile, 2);
    sim.act(Action::Crash(Target::Node(S2)));
    assert_eq!(sim.node(S2).volatile, 0, "volatile state is lost");
    assert_eq!(
        sim.node(S2).received.len(),
        2,
        "what the protocol keeps survives"
    );
    sim.run_until(ms(450), u64::MAX);
    assert_eq!(
        sim.node(S2).received.len(),
        2,
        "messages to a crashed node are lost"
    );
    sim.act(Action::Crash(Target::Node(S1)));
    assert!(sim.timers(S1).is_empty(), "a crash voids pending timers");
    let ticks = sim.node(S1).ticks.len();
    sim.run_until(ms(900), u64::MAX);
    assert_eq!(sim.node(S1).ticks.len(), ticks, "no timer fires while down");
}

#[test]
fn a_paused_node_handles_its_inbox_and_timers_late() {
    let mut sim = pair();
    sim.run_until(ms(105), u64::MAX);
    sim.act(Action::Pause(Target::Node(S2), ms(300)));
    let mut progress = 0.0;
    for t in (110..390).step_by(10) {
        sim.run_until(ms(t), u64::MAX);
        if let Some(m) = sim.in_flight().find(|m| m.to == S2) {
            let now = m.progress(sim.now());
            assert!(
                now >= progress,
                "at {t} ms the ping moved back: {progress} → {now}"
            );
            progress = now;
        }
    }
    assert_eq!(progress, 1.0, "the ping waits at the paused node's door");
    assert!(
        sim.node(S2).received.is_empty(),
        "nothing runs while paused"
    );
    sim.run_until(ms(420), u64::MAX);
    let first = sim.node(S2).received.first().map(|r| r.2);
    assert_eq!(
        first,
        Some(ms(105) + 1 + ms(300)),
        "the waiting ping is handled on resume"
    );
    assert_eq!(sim.status(S2), NodeStatus::Up);
}

#[test]
fn partitions_one_way_cuts_and_heal() {
    let mut sim = pair();
    sim.act(Action::CutLink(S2, S1));
    sim.run_until(ms(350), u64::MAX);
    assert_eq!(sim.node(S2).received.len(), 3, "S1 → S2 still works");
    assert_eq!(pongs(&sim), 0, "S2 → S1 is cut");
    sim.act(Action::Heal);
    sim.run_until(ms(450), u64::MAX);
    assert_eq!(pongs(&sim), 1);
    sim.act(Action::Partition(vec![vec![S1], vec![S2]]));
    sim.run_until(ms(650), u64::MAX);
    assert_eq!(pongs(&sim), 1, "nothing crosses a partition");
    assert!(sim.is_isolated(S1));
}

#[test]
fn dropping_delaying_and_duplicating_chosen_messages() {
    let mut sim = pair();
    sim.run_until(ms(105), u64::MAX);
    let ping = sim
        .in_flight()
        .next()
        .map(|m| m.id)
        .expect("a ping in flight");
    sim.act(Action::DelayMessage(ping, ms(50)));
    sim.act(Action::DuplicateMessage(ping));
    sim.run_until(ms(180), u64::MAX);
    let at: Vec<SimTime> = sim.node(S2).received.iter().map(|r| r.2).collect();
    assert_eq!(
        at,
        vec![ms(105) + 2 + ms(10), ms(160)],
        "the copy is on time, the original late"
    );
    sim.run_until(ms(201), u64::MAX);
    let next = sim
        .in_flight()
        .find(|m| m.from == S1)
        .map(|m| m.id)
        .expect("next ping");
    sim.act(Action::DropMessage(next));
    sim.act(Action::DropNext(S1, S2));
    sim.run_until(ms(350), u64::MAX);
    assert_eq!(
        sim.node(S2).received.len(),
        2,
        "the dropped ping and the next one never arrive"
    );
}

#[test]
fn clocks_that_run_fast_fire_timers_early() {
    let mut sim = pair();
    sim.act(Action::SetDrift(Target::Node(S1), 250_000));
    sim.run_until(ms(500), u64::MAX);
    // The first timer was armed before the drift; after it, 100 ms of a
    // clock running 25% fast pass in 80 ms of simulated time.
    assert_eq!(
        sim.node(S1).ticks,
        vec![ms(100), ms(180), ms(260), ms(340), ms(420), ms(500)]
    );
    let before = sim.local_time(S1);
    sim.act(Action::ClockJump(Target::Node(S1), -30_000));
    // The action lands one microsecond later, which the clock also counts.
    assert!((sim.local_time(S1) + 30_000).abs_diff(before) <= 2);
}

#[test]
fn actions_on_missing_targets_are_skipped_and_recorded() {
    let mut sim = pair();
    sim.act(Action::Crash(Target::Leader));
    let skipped = sim.last_records().iter().any(|r| {
        matches!(
            &r.kind,
            RecordKind::Skip {
                action: Action::Crash(Target::Leader),
                reason: SkipReason::NoTarget
            }
        )
    });
    assert!(skipped);
}

#[test]
fn step_until_never_passes_its_limit() {
    let mut sim = pair();
    while sim.step_until(ms(333)) == StepOutcome::Stepped {}
    assert!(sim.now() <= ms(333));
    assert!(sim.next_event_time().is_some_and(|t| t > ms(333)));
}
