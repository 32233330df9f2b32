//! A protocol that keeps scheduling work for the same instant ends the run
//! with a clear error instead of spinning forever.

use serde::Serialize;

use super::{Never, NoChecks, Silence};
use crate::sim::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
enum Again {
    Now,
}

super::debug_words!(Again);

/// Re-arms its timer with no delay every time it fires.
#[derive(Clone, Debug, Default)]
struct Spinner;

impl Actor for Spinner {
    type Msg = Silence;
    type Timer = Again;
    type Request = ();
    type Obs = Never;
    type Note = super::Said;
    type Checker = NoChecks;
    type Role = NoRole;

    fn on_start(&mut self, ctx: &mut Ctx<Self>) {
        ctx.set_timer(Again::Now, ms(5));
    }

    fn on_message(&mut self, _: &mut Ctx<Self>, _: NodeId, msg: Silence) {
        match msg {}
    }

    fn on_timer(&mut self, ctx: &mut Ctx<Self>, _: Again) {
        ctx.set_timer(Again::Now, 0);
    }

    fn on_request(&mut self, _: &mut Ctx<Self>, _: ()) {}

    fn on_crash(&mut self) {}

    fn on_restart(&mut self, _: &mut Ctx<Self>) {}
}

#[test]
fn work_that_never_lets_time_pass_is_an_error() {
    let config = SimConfig {
        seed: 1,
        network: NetworkConfig::default(),
    };
    let mut sim = Sim::new(config, vec![Spinner]);
    assert!(!sim.run_until(ms(10), u64::MAX), "the run stops short");
    assert_eq!(sim.now(), ms(5), "the clock stands where it stuck");
    let why = sim.stuck().expect("it says why");
    assert!(
        why.contains("makes no progress: 1000000 events at t=0.005s"),
        "{why}"
    );
    assert_eq!(sim.step(), StepOutcome::Stuck, "and nothing more runs");
}
