//! What the benchmarks share: simulated events per second through a
//! scenario, and drawing one frame of a screen. Each benchmark uses what
//! it measures, so the rest is unused there.
#![allow(dead_code)]

use criterion::measurement::WallTime;
use criterion::{BatchSize, BenchmarkGroup, Criterion};
use distlab::app::App;
use distlab::protocols::Family;
use distlab::scenario::Scenario;
use distlab::sim::{ms, StepOutcome};
use distlab::ui::FamilyView;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

/// Times `events` events of `scenario` after `warm_ms` of warming up,
/// with the safety checks on, as `distlab run` has them. A run that goes
/// quiet early, or breaks an invariant, fails the benchmark.
pub fn events<F: Family>(
    group: &mut BenchmarkGroup<'_, WallTime>,
    name: &str,
    scenario: &Scenario<F>,
    warm_ms: u64,
    events: u64,
) {
    group.bench_function(name, |b| {
        b.iter_batched(
            || {
                let mut sim = scenario.build();
                sim.set_explanations(false);
                sim.run_until(ms(warm_ms), u64::MAX);
                sim
            },
            |mut sim| {
                let start = sim.events_processed();
                while sim.events_processed() - start < events {
                    if sim.step() == StepOutcome::Idle {
                        break;
                    }
                }
                assert!(
                    sim.events_processed() - start >= events,
                    "the cluster went quiet"
                );
                assert!(sim.violations().is_empty());
                sim
            },
            BatchSize::LargeInput,
        )
    });
}

/// Times drawing `app`'s whole screen at `width`×`height`.
pub fn frame<F: FamilyView>(
    c: &mut Criterion,
    name: &str,
    app: &App<F>,
    (width, height): (u16, u16),
) {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    c.bench_function(name, |b| {
        b.iter(|| {
            terminal
                .draw(|f| f.render_widget(app, f.area()))
                .expect("draws");
        })
    });
}
