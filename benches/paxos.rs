//! Paxos's budgets: simulated events per second for 5-node
//! Multi-Paxos under steady commands, with the safety checker on, and the
//! Paxos view drawn at 160×48 with 9 nodes and 50 messages in flight.

mod common;

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use distlab::app::{Action, SandboxOptions, Settings};
use distlab::protocols::paxos::{Mode, Paxos, PaxosRequest, PaxosSpec};
use distlab::protocols::TargetSpec;
use distlab::scenario::{ActionSpec, Cluster, Scenario, TimedAction};
use distlab::units::MsRange;

const EVENTS: u64 = 200_000;

fn multi(nodes: usize, commands: u64) -> Scenario<Paxos> {
    Scenario {
        seed: 1,
        cluster: Cluster(PaxosSpec {
            nodes,
            mode: Mode::Multi,
            ..PaxosSpec::default()
        }),
        network: Default::default(),
        disk_ms: MsRange(0, 0),
        actions: (0..commands)
            .map(|i| TimedAction {
                at_ms: Some(500 + 2 * i),
                at_us: None,
                action: ActionSpec::Request(PaxosRequest::Propose(
                    TargetSpec::Leader,
                    format!("c{i}"),
                )),
            })
            .collect(),
        until_ms: None,
    }
}

fn events_per_second(c: &mut Criterion) {
    let scenario = multi(5, 20_000);
    let mut group = c.benchmark_group("paxos");
    group.throughput(Throughput::Elements(EVENTS));
    group.sample_size(10);
    common::events(
        &mut group,
        "multi-paxos 5 nodes, steady commands",
        &scenario,
        500,
        EVENTS,
    );
    group.finish();
}

fn draw_frame(c: &mut Criterion) {
    let options = SandboxOptions::<Paxos> {
        nodes: 9,
        seed: 1,
        scenario: Some(multi(9, 0)),
        save_dir: std::env::temp_dir(),
    };
    let mut app = distlab::app::App::new(&options, Settings::defaults());
    app.update(Action::Resize(160, 48));
    for _ in 0..600 {
        app.update(Action::Tick(Duration::from_millis(100)));
    }
    let leader = Event::Key(KeyEvent::new(KeyCode::Char('L'), KeyModifiers::NONE));
    app.handle_event(&leader);
    let write = Event::Key(KeyEvent::new(KeyCode::Char('w'), KeyModifiers::NONE));
    for _ in 0..200 {
        if app.in_flight().len() >= 50 {
            break;
        }
        app.handle_event(&write);
    }
    eprintln!("frame: {} messages in flight", app.in_flight().len());
    common::frame(c, "paxos view 160x48, 9 nodes", &app, (160, 48));
}

criterion_group!(benches, events_per_second, draw_frame);
criterion_main!(benches);
