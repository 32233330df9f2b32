//! The explorer (budgets: breadth-first on a 5-node Raft cluster after its
//! first election at 300,000 states/s or more; the Figure 8 preset's
//! counterexample from its setup in 10 s or less, under 2 GiB). Each
//! benchmark reports states per second as its throughput.

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

use distlab::explore::{self, Search};
use distlab::protocols::raft::Raft;
use distlab::scenario::Scenario;

/// The allocator the `distlab` binary uses, so that the figures are the
/// command's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn preset(name: &str) -> Scenario<Raft> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/scenarios")
        .join(name);
    Scenario::load(&path).unwrap_or_else(|e| panic!("{e}"))
}

/// Five servers after their first election and a write: every schedule of
/// the next five steps.
fn after_first_election(c: &mut Criterion) {
    let scenario = preset("steady-state.ron");
    let search = Search {
        depth: 5,
        ..Search::default()
    };
    let states = explore::from_scenario(&scenario, 1_000, &search)
        .expect("explores")
        .outcome
        .states;
    let mut group = c.benchmark_group("explore");
    group.sample_size(10);
    group.throughput(Throughput::Elements(states));
    group.bench_function("raft-5-after-election-depth-5", |b| {
        b.iter(|| explore::from_scenario(&scenario, 1_000, &search).expect("explores"))
    });
    group.finish();
}

/// The Figure 8 preset with its bug, from S5's restart: breadth-first finds
/// the shortest schedule that loses a committed entry.
fn figure_8_counterexample(c: &mut Criterion) {
    let scenario = preset("figure8.ron");
    let search = Search {
        depth: 7,
        ..Search::default()
    };
    let mut group = c.benchmark_group("explore");
    group.sample_size(10);
    group.bench_function("figure8-counterexample", |b| {
        b.iter(|| {
            let explored = explore::from_scenario(&scenario, 2_450, &search).expect("explores");
            assert!(explored.outcome.found.is_some());
        })
    });
    group.finish();
}

criterion_group!(benches, after_first_election, figure_8_counterexample);
criterion_main!(benches);
