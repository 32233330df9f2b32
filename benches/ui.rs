//! The sandbox's budgets: drawing one full frame at 160×48 with
//! 9 nodes and 50 messages in flight (under 2 ms), and seeking back across
//! an hour of simulated time (under 50 ms), in the history and on the
//! screen, where an hour at ×1000 plays in under four seconds. Also a lesson screen's frame,
//! whose panel wraps its text afresh every frame.

mod common;

use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use distlab::app::{Action, Settings};
use distlab::protocols::raft::{Raft, RaftRequest};
use distlab::sim::{ms, History, StepOutcome};

type App = distlab::app::App<Raft>;
type SandboxOptions = distlab::app::SandboxOptions<Raft>;

type ActionSpec = distlab::scenario::ActionSpec<Raft>;
type Scenario = distlab::scenario::Scenario<Raft>;
type TimedAction = distlab::scenario::TimedAction<Raft>;

/// A 9-node cluster that has run for a while, with a full event feed and
/// at least 50 messages in flight. A leader keeps one batch in flight per
/// follower, so a slow network (50–100 ms) and writes while the clock runs
/// fill the links, not writes alone.
fn busy_app() -> App {
    let mut scenario = Scenario::plain(9, 1);
    scenario.network.latency_ms = distlab::units::MsRange(50, 100);
    scenario.cluster.0.election_timeout_ms = distlab::units::MsRange(1_500, 3_000);
    scenario.cluster.0.heartbeat_ms = 20;
    let options = SandboxOptions {
        nodes: 9,
        seed: 1,
        scenario: Some(scenario),
        save_dir: std::env::temp_dir().join("distlab-never-saved"),
    };
    let mut app = App::new(&options, Settings::defaults());
    for _ in 0..600 {
        app.update(Action::Tick(Duration::from_millis(100)));
    }
    let write = Event::Key(KeyEvent::new(KeyCode::Char('w'), KeyModifiers::NONE));
    for _ in 0..10_000 {
        if app.in_flight().len() >= 50 {
            return app;
        }
        app.handle_event(&write);
        app.update(Action::Tick(Duration::from_millis(20)));
    }
    panic!(
        "fewer than 50 messages in flight: {}",
        app.in_flight().len()
    );
}

fn draw_frame(c: &mut Criterion) {
    let app = busy_app();
    eprintln!(
        "frame: {} nodes, {} messages in flight, {} feed entries",
        app.sim().cluster_size(),
        app.in_flight().len(),
        app.feed().len()
    );
    common::frame(c, "draw 160x48, 9 nodes, 50 in flight", &app, (160, 48));
}

/// The election lesson in Chinese, its question answered, mid-election.
fn lesson_frame(c: &mut Criterion) {
    let lesson = distlab::lesson::find("raft-1-election")
        .expect("a shipped lesson")
        .of::<Raft>()
        .expect("a Raft lesson");
    let mut app = App::lesson(
        lesson,
        distlab::units::Lang::Zh,
        Settings::defaults(),
        None,
        Default::default(),
        false,
        std::env::temp_dir(),
    );
    app.update(Action::Continue);
    app.update(Action::Answer(2));
    app.update(Action::Tick(Duration::from_millis(100)));
    common::frame(c, "draw a lesson screen 160x48 (zh)", &app, (160, 48));
}

/// A 5-node cluster with a client write every 100 ms for an hour.
fn steady_hour() -> Scenario {
    let mut scenario = Scenario::plain(5, 1);
    scenario.actions = (0..36_000)
        .map(|i| TimedAction {
            at_ms: Some(500 + 100 * i),
            at_us: None,
            action: ActionSpec::Request(RaftRequest::ClientWrite(format!("k{}={i}", i % 64))),
        })
        .collect();
    scenario.until_ms = Some(3_700_000);
    scenario
}

/// That cluster after an hour of simulated time, and its history.
fn hour_of_history() -> (
    distlab::sim::Sim<distlab::protocols::raft::RaftMember>,
    History<distlab::protocols::raft::RaftMember>,
) {
    let mut sim = steady_hour().build();
    let mut history = History::new(&sim);
    while sim.now() < ms(3_600_000) {
        if sim.step() == StepOutcome::Idle {
            break;
        }
        history.record(&sim);
    }
    (sim, history)
}

fn resident_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn seek_back(c: &mut Criterion) {
    let (end, history) = hour_of_history();
    eprintln!(
        "history: {} events, {} snapshots, resident memory {:.0} MiB",
        end.events_processed(),
        history.snapshot_count(),
        resident_mib().unwrap_or(f64::NAN)
    );
    let mut group = c.benchmark_group("seek back across an hour");
    group.sample_size(20);
    for (name, target) in [
        ("to 0:00:10", ms(10_000)),
        ("to 0:30:00", ms(1_800_000)),
        ("to 0:59:59", ms(3_599_000)),
    ] {
        group.bench_function(name, |b| {
            b.iter_batched(
                || end.clone(),
                |mut sim| {
                    history.seek_time(&mut sim, target);
                    sim
                },
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

/// The same hour played on the sandbox screen at the fastest fixed speed
/// (×1000), timed once; then seeking on the screen, which also refills the
/// feed and the trails: back to the present, then to a typed time.
fn hour_on_screen(c: &mut Criterion) {
    let scenario = steady_hour();
    let options = SandboxOptions {
        nodes: 5,
        seed: 1,
        scenario: Some(scenario),
        save_dir: std::env::temp_dir().join("distlab-never-saved"),
    };
    let mut app = App::new(&options, Settings::defaults());
    let press = |app: &mut App, code: KeyCode| {
        app.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    };
    press(&mut app, KeyCode::Char('f'));
    for _ in 0..20 {
        press(&mut app, KeyCode::Char(']'));
    }
    let started = std::time::Instant::now();
    let mut frames = 0;
    while app.sim().now() < ms(3_600_000) {
        app.update(Action::Tick(Duration::from_millis(25)));
        frames += 1;
    }
    eprintln!(
        "an hour of steady writes played at ×1000: {frames} frames ({:.1} s on screen), {:.1} s of processing",
        f64::from(frames) * 0.025,
        started.elapsed().as_secs_f64()
    );
    let mut group = c.benchmark_group("seek on screen across an hour");
    group.sample_size(20);
    for time in ["0:10", "30:00", "59:59"] {
        group.bench_function(format!("End, then go to {time}"), |b| {
            b.iter(|| {
                press(&mut app, KeyCode::End);
                press(&mut app, KeyCode::Char('g'));
                for c in time.chars() {
                    press(&mut app, KeyCode::Char(c));
                }
                press(&mut app, KeyCode::Enter);
            })
        });
    }
    group.finish();
}

criterion_group!(benches, draw_frame, lesson_frame, seek_back, hour_on_screen);
criterion_main!(benches);
