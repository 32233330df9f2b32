//! The linearizability checker (budgets: a 1,000-operation register
//! history of 10 clients in 50 ms; a 2,000-operation key-value history of
//! 50 clients over 10 keys in 100 ms), and a history shape that makes the
//! search slow, to see how the step limit answers it; and the live
//! monitor's share of a Raft run with clients (budget: 10%).

use criterion::{criterion_group, criterion_main, Criterion};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use distlab::app::{ClusterScreen, HistoryView, Settings};

use distlab::history::{
    check, Client, Event, EventKind, Func, History, Limits, Model, Outcome, Value, Verdict,
};
use distlab::sim::SimRng;

/// A history of a correct, atomic store: each client runs one operation
/// after another, each lasting 1–`span` ticks and taking effect at a
/// random instant inside it; reads see what was there then. `info_share`
/// of the writes never answer (they still take effect).
fn atomic(
    clients: usize,
    ops: usize,
    keys: usize,
    span: u64,
    info_share: f64,
    seed: u64,
) -> History {
    let mut rng = SimRng::new(seed);
    // (time, client, kind, func, key, value), ordered by time at the end.
    let mut timed: Vec<(u64, Event)> = Vec::new();
    let mut effects: Vec<(u64, usize, Func, String, Value)> = Vec::new();
    let mut free_at = vec![0u64; clients];
    for n in 0..ops {
        let c = rng.range(0, clients as u64 - 1) as usize;
        let start = free_at[c] + rng.range(0, span);
        let end = start + rng.range(1, span);
        free_at[c] = end + 1;
        let at = rng.range(start, end);
        let key = format!("k{}", rng.range(0, keys as u64 - 1));
        let func = if rng.chance(0.5) {
            Func::Read
        } else {
            Func::Write
        };
        let value = Value::Int(n as i64);
        effects.push((at, n, func, key.clone(), value.clone()));
        timed.push((
            start * 2,
            event(c, EventKind::Invoke, func, &key, value.clone()),
        ));
        let outcome = if func == Func::Write && rng.chance(info_share) {
            Outcome::Info
        } else {
            Outcome::Ok
        };
        timed.push((
            end * 2 + 1,
            event(c, EventKind::Done(outcome), func, &key, value),
        ));
    }
    // Reads see the value of the latest write on their key before their
    // instant.
    effects.sort_by_key(|e| (e.0, e.1));
    let mut store = std::collections::BTreeMap::new();
    let mut seen = vec![Value::Nil; ops];
    for (_, n, func, key, value) in effects {
        match func {
            Func::Write => {
                store.insert(key, value);
            }
            _ => seen[n] = store.get(&key).cloned().unwrap_or(Value::Nil),
        }
    }
    timed.sort_by_key(|(t, _)| *t);
    let events = timed.into_iter().map(|(_, mut e)| {
        if let (Func::Read, EventKind::Done(_), Value::Int(n)) = (e.func, e.kind, &e.value) {
            e.value = seen[*n as usize].clone();
        }
        e
    });
    History::from_events(events).expect("well formed")
}

fn event(client: usize, kind: EventKind, func: Func, key: &str, value: Value) -> Event {
    Event {
        client: Client::Process(client as i64),
        kind,
        func,
        key: Some(key.to_owned()),
        value,
        time_us: None,
        req: None,
    }
}

fn checker(c: &mut Criterion) {
    let mut group = c.benchmark_group("linearizability");
    group.sample_size(10);
    let register = atomic(10, 1000, 1, 20, 0.0, 1);
    assert!(matches!(
        check(&register, Model::Register, Limits::default()),
        Verdict::Linearizable { .. }
    ));
    group.bench_function("register, 1000 ops, 10 clients", |b| {
        b.iter(|| check(&register, Model::Register, Limits::default()))
    });
    let kv = atomic(50, 2000, 10, 20, 0.0, 2);
    assert!(matches!(
        check(&kv, Model::KeyValue, Limits::default()),
        Verdict::Linearizable { .. }
    ));
    group.bench_function("kv, 2000 ops, 10 keys, 50 clients", |b| {
        b.iter(|| check(&kv, Model::KeyValue, Limits::default()))
    });
    // The slow shape: writes that never answer stay open to the end, so
    // every later read may or may not follow each of them.
    let hard = atomic(10, 1000, 1, 20, 0.2, 3);
    let limits = Limits {
        steps: 2_000_000,
        deadline: None,
    };
    let verdict = check(&hard, Model::Register, limits);
    eprintln!(
        "register, 1000 ops, 20% of writes info: {}",
        verdict
            .describe(distlab::units::Lang::En)
            .chars()
            .take(120)
            .collect::<String>()
    );
    group.bench_function("register, 1000 ops, 20% info writes, 2M-step limit", |b| {
        b.iter(|| check(&hard, Model::Register, limits))
    });
    // The worst shape found: n writes all concurrent, then a read of nil
    // that nothing explains. No order fits, and proving it means trying
    // every subset of the writes before the read: 2^n configurations, so
    // the step limit answers `unknown` for large n.
    for n in [12, 24] {
        let wide = all_at_once(n);
        let started = std::time::Instant::now();
        let verdict = check(&wide, Model::Register, Limits::default());
        eprintln!(
            "{n} concurrent writes, then a read of nil: {} in {:.0?}",
            verdict
                .describe(distlab::units::Lang::En)
                .chars()
                .take(90)
                .collect::<String>(),
            started.elapsed()
        );
    }
    group.finish();
}

fn all_at_once(n: usize) -> History {
    let w = |c: usize, kind| Event {
        key: None,
        ..event(c, kind, Func::Write, "", Value::Int(c as i64))
    };
    let mut events: Vec<Event> = (0..n).map(|c| w(c, EventKind::Invoke)).collect();
    events.extend((0..n).map(|c| w(c, EventKind::Done(Outcome::Ok))));
    let r = |kind| Event {
        key: None,
        ..event(n, kind, Func::Read, "", Value::Nil)
    };
    events.push(r(EventKind::Invoke));
    events.push(r(EventKind::Done(Outcome::Ok)));
    History::from_events(events).expect("well formed")
}

/// The history view at 160×48 with 10 clients (budget: 1 ms a frame).
fn view(c: &mut Criterion) {
    let history = atomic(10, 1000, 1, 20, 0.0, 1);
    let view = HistoryView::new("bench".into(), history, Settings::defaults());
    let area = Rect::new(0, 0, 160, 48);
    let mut buf = Buffer::empty(area);
    c.bench_function("history view, 160x48, 10 clients, 1000 ops", |b| {
        b.iter(|| {
            buf.reset();
            ClusterScreen::render(&view, area, &mut buf);
        })
    });
}

/// The live monitor's share of a run (budget: at most 10% of its events
/// per second): a ten-minute run of three clients reading and writing two
/// keys, and its clients' history checked online, event by event, alone.
fn monitor(c: &mut Criterion) {
    use distlab::headless::{run_with, RunOptions};
    use distlab::protocols::raft::Raft;
    use distlab::scenario::Scenario;

    let scenario = Scenario::<Raft>::parse(
        r#"Scenario(
            seed: 3,
            cluster: Raft((nodes: 5, workload: (clients: 3, ops_per_s: 4.0, keys: ["x", "y"]))),
            network: (latency_ms: (5, 10)),
            until_ms: 600000,
        )"#,
        std::path::Path::new("bench.ron"),
    )
    .expect("parses");
    let until = distlab::sim::ms(600_000);
    let options = || RunOptions {
        trace: None,
        history: true,
    };
    let events = run_with(&scenario, until, options()).expect("runs").history;
    eprintln!("a ten-minute workload: {} client events", events.len());
    let mut group = c.benchmark_group("monitor");
    group.sample_size(10);
    group.bench_function("raft run, 10 min, 3 clients, monitor included", |b| {
        b.iter(|| run_with(&scenario, until, RunOptions::default()).expect("runs"))
    });
    group.bench_function("online check of that run's history alone", |b| {
        b.iter(|| {
            let mut builder = distlab::history::Builder::default();
            let mut online = distlab::history::Online::default();
            for event in &events {
                let invoke = event.kind == EventKind::Invoke;
                let op = builder.push(event.clone()).expect("well formed");
                if invoke {
                    online.invoked(builder.history(), op);
                } else {
                    online.completed(builder.history(), op, Limits::default());
                }
            }
            online.closed()
        })
    });
    group.finish();
}

criterion_group!(benches, checker, view, monitor);
criterion_main!(benches);
