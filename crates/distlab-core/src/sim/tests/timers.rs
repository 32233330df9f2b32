//! Timers that carry data: thousands pending on one node.

use serde::Serialize;

use super::{Never, NoChecks, Silence};
use crate::sim::*;

/// A timer per outstanding request, as a family with request ids has.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
enum Alarm {
    Completion(u32),
}

super::debug_words!(Alarm);

const COUNT: u32 = 10_000;
const CANCELLED: u32 = 4_242;
/// Set twice: only the second arming may fire.
const RESET: u32 = 17;

/// Deadlines in scrambled order, ten timers sharing each millisecond, so
/// that both the time order and the tie order are exercised.
fn deadline(i: u32) -> SimTime {
    ms(u64::from(i * 7_919 % 1_000) + 1)
}

/// Arms `COUNT` timers at start, cancels one, re-arms another later, and
/// notes what fires when.
#[derive(Clone, Debug, Default)]
struct Alarms {
    fired: Vec<(u32, SimTime)>,
}

impl Actor for Alarms {
    type Msg = Silence;
    type Timer = Alarm;
    type Request = ();
    type Obs = Never;
    type Note = super::Said;
    type Checker = NoChecks;
    type Alias = NoAlias;

    fn on_start(&mut self, ctx: &mut Ctx<Self>) {
        for i in 0..COUNT {
            ctx.set_timer(Alarm::Completion(i), deadline(i));
        }
        ctx.cancel_timer(Alarm::Completion(CANCELLED));
        ctx.set_timer(Alarm::Completion(RESET), ms(2_000));
    }

    fn on_message(&mut self, _: &mut Ctx<Self>, _: NodeId, msg: Silence) {
        match msg {}
    }

    fn on_timer(&mut self, ctx: &mut Ctx<Self>, Alarm::Completion(i): Alarm) {
        self.fired.push((i, ctx.now()));
    }

    fn on_request(&mut self, _: &mut Ctx<Self>, _: ()) {}

    fn on_crash(&mut self) {}

    fn on_restart(&mut self, _: &mut Ctx<Self>) {}
}

fn alarms() -> Sim<Alarms> {
    Sim::new(
        SimConfig {
            seed: 1,
            network: NetworkConfig::default(),
        },
        vec![Alarms::default()],
    )
}

#[test]
fn ten_thousand_timers_fire_in_deadline_order_and_cancelled_ones_never() {
    let mut sim = alarms();
    let s1 = NodeId(0);
    sim.step();
    let timers = sim.timers(s1);
    assert_eq!(timers.len(), COUNT as usize - 1);
    assert!(timers.get(&Alarm::Completion(CANCELLED)).is_none());
    let reset = timers.get(&Alarm::Completion(RESET)).map(|t| t.deadline);
    assert_eq!(reset, Some(ms(2_000)), "setting again replaces");
    assert_eq!(
        timers.first().map(|t| t.timer),
        Some(Alarm::Completion(0)),
        "kept in timer order"
    );

    sim.run_until(ms(3_000), u64::MAX);
    // Same instant: in the order they were set (agenda order).
    let mut expected: Vec<(u32, SimTime)> = (0..COUNT)
        .filter(|&i| i != CANCELLED && i != RESET)
        .map(|i| (i, deadline(i)))
        .collect();
    expected.sort_by_key(|&(i, t)| (t, i));
    expected.push((RESET, ms(2_000)));
    assert_eq!(sim.node(s1).fired.len(), expected.len());
    assert_eq!(sim.node(s1).fired, expected);
    assert!(sim.timers(s1).is_empty());
}

#[test]
fn a_pause_delays_a_data_carrying_timer_without_losing_it() {
    let mut sim = alarms();
    let s1 = NodeId(0);
    sim.step();
    sim.act(Action::Pause(Target::Node(s1), ms(500)));
    let pending = sim.timers(s1).iter().count();
    assert_eq!(pending, COUNT as usize - 1, "nothing fires or is lost");
    sim.run_until(ms(600), u64::MAX);
    let fired = &sim.node(s1).fired;
    let resumed_at = 1 + ms(500);
    let late = fired.iter().filter(|&&(_, t)| t == resumed_at).count();
    // Every timer due during the pause fires on resume.
    let due = (0..COUNT)
        .filter(|&i| i != CANCELLED && i != RESET && deadline(i) <= resumed_at)
        .count();
    assert_eq!(late, due);
    assert!(fired.iter().all(|&(_, t)| t >= resumed_at));
}
