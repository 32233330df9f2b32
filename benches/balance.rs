//! The dispatch family's budgets: simulated requests per second
//! through a balancer and 8 servers at high load, headless with the
//! conservation check on (at least 500,000), and one frame of the dispatch
//! view at 160×48 (under 2 ms), with the balancer selected: for smooth
//! weighted round robin, and for a hash ring, whose keys-moved figure and
//! unrolled ring are the costliest to draw.

mod common;

use std::path::Path;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use distlab::app::{Action, App, SandboxOptions, Settings};
use distlab::protocols::balance::{Balancer, BALANCER};
use distlab::scenario::Scenario;
use distlab::sim::{ms, StepOutcome};

const REQUESTS: u64 = 50_000;

/// 8 servers of 4 slots each, 1 ms of work, offered 28,000 requests a
/// second: 87 % of capacity.
const HIGH_LOAD: &str = "Scenario(
    seed: 1,
    cluster: Balancer((
        algorithm: PowerOfTwo,
        servers: [(concurrency: 4), (concurrency: 4), (concurrency: 4), (concurrency: 4),
                  (concurrency: 4), (concurrency: 4), (concurrency: 4), (concurrency: 4)],
        load: (rate_per_s: 28000, cost_ms: (1, 1)),
    )),
    network: (latency_ms: (0, 1)),
)";

fn ended(sim: &distlab::sim::Sim<distlab::protocols::balance::BalanceNode>) -> u64 {
    let b = sim.node(BALANCER).balancer().expect("the balancer");
    b.tally.ended()
}

fn requests_per_second(c: &mut Criterion) {
    let scenario: Scenario<Balancer> =
        Scenario::parse(HIGH_LOAD, Path::new("bench.ron")).expect("parses");
    let mut probe = scenario.build();
    probe.set_explanations(false);
    probe.run_until(ms(1000), u64::MAX);
    eprintln!(
        "{:.2} events per request",
        probe.events_processed() as f64 / ended(&probe) as f64
    );
    let mut group = c.benchmark_group("balancer");
    group.throughput(Throughput::Elements(REQUESTS));
    group.sample_size(10);
    group.bench_function("8 servers, 87% load, requests", |b| {
        b.iter_batched(
            || {
                let mut sim = scenario.build();
                sim.set_explanations(false);
                sim.run_until(ms(100), u64::MAX);
                sim
            },
            |mut sim| {
                let start = ended(&sim);
                while ended(&sim) - start < REQUESTS {
                    if sim.step() == StepOutcome::Idle {
                        break;
                    }
                }
                assert!(sim.violations().is_empty());
                sim
            },
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

/// Ten caching servers on a ring of 100 virtual nodes each, keyed load;
/// the tenth has left, so keys have moved.
const RING: &str = "Scenario(
    seed: 3,
    cluster: Balancer((
        algorithm: RingHash((vnodes: 100)),
        servers: [(cache: true), (cache: true), (cache: true), (cache: true), (cache: true),
                  (cache: true), (cache: true), (cache: true), (cache: true), (cache: true)],
        load: (rate_per_s: 800, cost_ms: (2, 5), keys: 500),
    )),
    network: (latency_ms: (1, 2)),
    actions: [(at_ms: 1000, do: RemoveServer(Server(10)))],
)";

/// The view after 30 s of the sandbox's ticks, the balancer selected.
fn settled(scenario: Option<Scenario<Balancer>>) -> App<Balancer> {
    let options = SandboxOptions::<Balancer> {
        nodes: 9,
        seed: 1,
        scenario,
        save_dir: std::env::temp_dir(),
    };
    let mut app = App::new(&options, Settings::defaults());
    app.update(Action::Continue);
    for _ in 0..300 {
        app.update(Action::Tick(Duration::from_millis(100)));
    }
    // LB is member 2.
    app.update(Action::SelectNode(2));
    eprintln!(
        "frame: t={} µs, {} messages in flight",
        app.sim().now(),
        app.in_flight().len()
    );
    app
}

fn draw_frame(c: &mut Criterion) {
    common::frame(
        c,
        "draw the dispatch view 160x48, 7 servers",
        &settled(None),
        (160, 48),
    );
    let ring = Scenario::parse(RING, Path::new("ring.ron")).expect("parses");
    common::frame(
        c,
        "draw the dispatch view 160x48, a ring of 10 servers",
        &settled(Some(ring)),
        (160, 48),
    );
}

criterion_group!(benches, requests_per_second, draw_frame);
criterion_main!(benches);
