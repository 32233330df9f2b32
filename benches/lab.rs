//! The lab screen's budget: a frame at 160×48 under 2 ms, drawn from a
//! recorded run of one minute and of ten minutes. The screen folds the
//! trace up to the moment shown on every frame, so its cost grows with
//! the run.

use criterion::{criterion_group, criterion_main, Criterion};
use distlab::app::{ClusterScreen, LabAction, LabScreen, Settings};
use distlab::lab::{LabEvent, LabKind, LabMode, LabSetup, LabTrace, Who};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

/// Two clients taking turns as a real nx-px run does: a turn of 200 ms
/// of work every 300 ms, each leaving the events a real one records.
fn run_of(seconds: u64) -> LabTrace {
    let mut trace = LabTrace::new(LabSetup {
        lab: "redis-lock".into(),
        mode: LabMode::NxPx,
        clients: 2,
        ttl_ms: 500,
        work_ms: 200,
        redis: "Redis server v=7.0.15".into(),
    });
    let (mut at, mut token, mut value) = (0, 0, 0);
    while at < seconds * 1_000_000 {
        token += 1;
        let n = (token % 2 + 1) as u8;
        let mut push = |dt: u64, who, kind| {
            trace.insert(LabEvent {
                at_us: at + dt,
                who,
                kind,
            })
        };
        let storage = |read, value| LabKind::Storage {
            client: n,
            token,
            read,
            value,
            accepted: true,
            highest: Some(token),
        };
        push(0, Who::Client(n), LabKind::Asked);
        push(
            200,
            Who::Client(n),
            LabKind::Acquired {
                token,
                latency_us: 200,
            },
        );
        push(400, Who::Storage, storage(None, value));
        push(450, Who::Client(n), LabKind::Read { value });
        push(200_500, Who::Storage, storage(Some(value), value + 1));
        push(
            200_550,
            Who::Client(n),
            LabKind::Wrote {
                value: value + 1,
                accepted: true,
            },
        );
        let released = LabKind::Released {
            deleted: Some(token),
            latency_us: 200,
        };
        push(200_800, Who::Client(n), released);
        value += 1;
        at += 300_000;
    }
    trace
}

fn draw_frame(c: &mut Criterion) {
    for minutes in [1, 10] {
        let trace = run_of(minutes * 60);
        let events = trace.events.len();
        let mut screen = LabScreen::replay(trace, "bench.jsonl".into(), Settings::defaults());
        screen.update(LabAction::End);
        let mut terminal = Terminal::new(TestBackend::new(160, 48)).expect("test terminal");
        let name = format!("draw the lab screen 160x48, {minutes} min run ({events} events)");
        c.bench_function(&name, |b| {
            b.iter(|| {
                terminal
                    .draw(|f| ClusterScreen::render(&screen, f.area(), f.buffer_mut()))
                    .expect("draws");
            })
        });
    }
}

criterion_group!(benches, draw_frame);
criterion_main!(benches);
