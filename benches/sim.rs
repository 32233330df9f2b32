//! Simulated events per second: 5-node Raft under steady client writes
//! (budget: at least one million), with the safety checker on,
//! as `distlab run` does it.

mod common;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

use distlab::protocols::raft::{Raft, RaftRequest};

type ActionSpec = distlab::scenario::ActionSpec<Raft>;
type Scenario = distlab::scenario::Scenario<Raft>;
type TimedAction = distlab::scenario::TimedAction<Raft>;

const EVENTS: u64 = 200_000;

/// A 5-node cluster with a client write every 2 ms for a long while.
fn steady_writes() -> Scenario {
    let mut s = Scenario::plain(5, 1);
    s.actions = (0..20_000)
        .map(|i| TimedAction {
            at_ms: Some(500 + 2 * i),
            at_us: None,
            action: ActionSpec::Request(RaftRequest::ClientWrite(format!("k{}={i}", i % 64))),
        })
        .collect();
    s
}

fn events_per_second(c: &mut Criterion) {
    let scenario = steady_writes();
    let mut group = c.benchmark_group("raft");
    group.throughput(Throughput::Elements(EVENTS));
    group.sample_size(10);
    common::events(&mut group, "5 nodes, steady writes", &scenario, 500, EVENTS);
    group.finish();
}

criterion_group!(benches, events_per_second);
criterion_main!(benches);
