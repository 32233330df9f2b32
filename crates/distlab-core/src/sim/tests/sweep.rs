//! Timers re-armed over and over leave void entries on the agenda; they are
//! swept out, so the agenda stays as small as what can still happen.

use serde::Serialize;

use super::{Never, NoChecks, Silence};
use crate::sim::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
enum Alarm {
    Tick,
    /// A far deadline pushed back at every tick, like an election timeout
    /// that every heartbeat resets.
    Far,
}

super::debug_words!(Alarm);

#[derive(Clone, Debug, Default)]
struct Resetter {
    ticks: u32,
}

impl Actor for Resetter {
    type Msg = Silence;
    type Timer = Alarm;
    type Request = ();
    type Obs = Never;
    type Note = super::Said;
    type Checker = NoChecks;
    type Alias = NoAlias;

    fn on_start(&mut self, ctx: &mut Ctx<Self>) {
        ctx.set_timer(Alarm::Tick, ms(1));
    }

    fn on_message(&mut self, _: &mut Ctx<Self>, _: NodeId, msg: Silence) {
        match msg {}
    }

    fn on_timer(&mut self, ctx: &mut Ctx<Self>, alarm: Alarm) {
        if alarm == Alarm::Tick {
            self.ticks += 1;
            ctx.set_timer(Alarm::Far, ms(3_600_000));
            ctx.set_timer(Alarm::Tick, ms(1));
        }
    }

    fn on_request(&mut self, _: &mut Ctx<Self>, _: ()) {}

    fn on_crash(&mut self) {}

    fn on_restart(&mut self, _: &mut Ctx<Self>) {}
}

#[test]
fn re_armed_timers_do_not_pile_up_on_the_agenda() {
    let config = SimConfig {
        seed: 1,
        network: NetworkConfig::default(),
    };
    let mut sim = Sim::new(config, vec![Resetter::default()]);
    sim.run_until(ms(100_000), u64::MAX);
    assert_eq!(sim.node(NodeId(0)).ticks, 100_000);
    assert!(
        sim.pending_events() < 3_000,
        "{} entries for 2 live timers",
        sim.pending_events()
    );
    let fired = sim.timers(NodeId(0)).len();
    assert_eq!(fired, 2, "the tick and the far deadline are still pending");
}
