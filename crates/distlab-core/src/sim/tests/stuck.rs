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
    type Alias = NoAlias;

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
    let why = sim.stuck().expect("it says why").to_string();
    assert!(
        why.contains("makes no progress: 1000000 events at t=0.005s"),
        "{why}"
    );
    assert_eq!(sim.step(), StepOutcome::Stuck, "and nothing more runs");
}

#[test]
fn messages_that_pile_up_faster_than_they_land_stop_the_run() {
    // A ping every 100 ms over a network that takes a day to deliver: ten
    // more messages in flight every second, for as long as the run lasts.
    let config = SimConfig {
        seed: 1,
        network: NetworkConfig {
            latency: Latency::uniform_ms(86_400_000, 86_400_000),
            ..NetworkConfig::default()
        },
    };
    let pingers = vec![super::pinger::Pinger::default(), Default::default()];
    let mut sim = Sim::new(config, pingers);
    assert!(
        !sim.run_until(ms(2_000_000), u64::MAX),
        "the run stops short"
    );
    // The guard looks before each event, so the event under way finishes.
    let piled = sim.in_flight().count();
    assert!(
        (MAX_IN_FLIGHT + 1..=MAX_IN_FLIGHT + 2).contains(&piled),
        "{piled} in flight"
    );
    let why = sim.stuck().expect("it says why");
    assert_eq!(
        why.to_string(),
        format!(
            "the simulation stops: more than {MAX_IN_FLIGHT} messages in flight at t={} (messages are sent far faster than they land)",
            format_time(sim.now())
        )
    );
    assert!(why.describe(crate::units::Lang::Zh).contains("条消息在途"));
    assert_eq!(sim.step(), StepOutcome::Stuck, "and nothing more runs");
}
