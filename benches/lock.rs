//! The lock family's budgets: simulated events per second for
//! three clients contending on ZooKeeper and on Redlock (at least one
//! million, checker on, as `distlab run` does it), and drawing the lock
//! view at 160×48 (under 2 ms).

mod common;

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use distlab::app::{Action, App, SandboxOptions, Settings};
use distlab::protocols::lock::Lock;
use distlab::protocols::Setup;
use distlab::scenario::Scenario;

const EVENTS: u64 = 200_000;

fn scenario(service: &str) -> Scenario<Lock> {
    let text = format!(
        "Scenario(seed: 1, cluster: Lock((clients: 3, service: {service}, work_ms: (20, 40), think_ms: (10, 30), retry_ms: (5, 15))))"
    );
    Scenario::parse(&text, Path::new("bench.ron")).expect("parses")
}

fn events_per_second(c: &mut Criterion) {
    let mut group = c.benchmark_group("lock");
    group.throughput(Throughput::Elements(EVENTS));
    group.sample_size(10);
    for (name, service) in [("zookeeper", "ZooKeeper(())"), ("redlock", "Redlock(())")] {
        let scenario = scenario(service);
        common::events(
            &mut group,
            &format!("3 clients, {name}"),
            &scenario,
            0,
            EVENTS,
        );
    }
    group.finish();
}

fn draw_frame(c: &mut Criterion) {
    let services = [
        ("redis", "Redis(())"),
        ("zookeeper", "ZooKeeper(())"),
        ("redlock", "Redlock(())"),
    ];
    for (name, service) in services {
        let scenario = scenario(service);
        let options = SandboxOptions {
            nodes: Lock::nodes(&scenario.cluster.0),
            seed: 1,
            scenario: Some(scenario),
            save_dir: std::env::temp_dir(),
        };
        let mut app = App::new(&options, Settings::defaults());
        app.update(Action::Resize(160, 48));
        // Two seconds in: sections on the time-line, operations in
        // storage's log, messages in flight.
        app.update(Action::Jump(2));
        common::frame(
            c,
            &format!("draw the lock view 160x48, {name}"),
            &app,
            (160, 48),
        );
    }
}

criterion_group!(benches, events_per_second, draw_frame);
criterion_main!(benches);
