//! Dispatch runs end to end: presets, the comparison the issue asks for,
//! conservation over thousands of random fault schedules, and the bug
//! switches that show the check fires.

mod schedules;

mod balance;

use std::path::Path;

use balance::{parse, random_schedule, run};
use distlab::headless;
use distlab::protocols::balance::{Balancer, BALANCER};
use distlab::scenario::Scenario;
use distlab::sim::{ms, Describe};

fn max_queue(algorithm: &str) -> usize {
    let text = format!(
        "Scenario(
    seed: 9,
    cluster: Balancer((
        algorithm: {algorithm},
        servers: [(queue: 1000), (queue: 1000), (queue: 1000), (queue: 1000), (queue: 1000), (queue: 1000), (queue: 1000), (queue: 1000)],
        load: (rate_per_s: 720, arrivals: Poisson, cost_ms: (10, 10)),
        request_timeout_ms: 60000,
    )),
    network: (latency_ms: (1, 1)),
    until_ms: 20000,
)"
    );
    let sim = run(&parse(&text));
    (2..10)
        .filter_map(|i| sim.node(distlab::sim::NodeId(i)).server())
        .map(|s| s.max_queue)
        .max()
        .unwrap_or(0)
}

#[test]
fn at_ninety_percent_load_two_choices_queue_far_less_than_random() {
    let (p2c, random) = (max_queue("PowerOfTwo"), max_queue("Random"));
    assert!(
        p2c * 3 <= random,
        "power of two's longest queue {p2c} should be far below random's {random}"
    );
}

#[test]
fn every_preset_runs_safely_and_does_what_it_says() {
    for name in ["slow-server", "fail-fast", "ring-hash", "retries"] {
        let path = format!("assets/scenarios/balance-{name}.ron");
        let scenario: Scenario<Balancer> = Scenario::load(Path::new(&path)).expect("loads");
        let summary = headless::run(&scenario, ms(scenario.until_ms.unwrap()), None).expect("runs");
        assert!(summary.is_safe(), "{name}: {:?}", summary.violations);
        assert!(
            summary.family.completed > 100,
            "{name}:\n{}",
            summary.family
        );
        if name == "slow-server" {
            assert!(
                summary.family.quantile(0.99) > 100_000,
                "{}",
                summary.family
            );
        }
        if name == "retries" {
            assert!(summary.family.retries > 10, "{}", summary.family);
        }
    }
}

#[test]
fn the_trace_carries_dispatch_complete_and_reject_records() {
    let scenario: Scenario<Balancer> =
        Scenario::load(Path::new("assets/scenarios/balance-slow-server.ron")).expect("loads");
    let mut trace = Vec::new();
    headless::run(&scenario, ms(3000), Some(&mut trace)).expect("runs");
    let records: Vec<serde_json::Value> = String::from_utf8(trace)
        .expect("utf-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    let of = |kind: &str| records.iter().find(|r| r["kind"] == kind).cloned();
    let d = of("dispatch").expect("a dispatch");
    assert!(
        d["req"].is_u64() && d["server"].is_u64() && d["attempt"] == 1,
        "{d}"
    );
    assert_eq!(d["reason"], "RoundRobin");
    let c = of("complete").expect("a completion");
    assert!(c["latency_us"].is_u64() && c["ok"] == true, "{c}");
    let r = of("reject").expect("the slow server's queue overflows");
    assert_eq!(r["reason"], "queue-full", "{r}");
    assert!(records.iter().any(|r| r["kind"] == "note"
        && r["text"]
            .as_str()
            .is_some_and(|t| t.starts_with("LB sends request #1 to S1 by RoundRobin"))));
}

fn check_one(seed: u64) {
    let text = random_schedule(seed, "");
    let sim = run(&parse(&text));
    if let Some((event, v)) = sim.violations().first() {
        panic!(
            "schedule with seed {seed} failed at event {event}: {}: {}\nreproduce with DISTLAB_SEED={seed}, or `distlab run` this scenario:\n{text}",
            v.invariant, v.note.english()
        );
    }
}

#[test]
fn conservation_holds_over_two_thousand_random_fault_schedules() {
    schedules::check_schedules(0, 2_000, check_one);
}

#[test]
#[ignore = "long run: 50,000 schedules; run with --ignored"]
fn conservation_holds_over_fifty_thousand_random_fault_schedules() {
    schedules::check_schedules(1_000_000, 50_000, check_one);
}

/// The first of `seeds` whose schedule, with `bug`, breaks conservation.
fn caught(bug: &str, seeds: std::ops::Range<u64>) -> Option<String> {
    seeds
        .map(|seed| run(&parse(&random_schedule(seed, bug))))
        .find_map(|sim| sim.violations().first().map(|(_, v)| v.note.english()))
}

#[test]
fn counting_late_replies_ends_requests_twice() {
    let text = caught("CountLateReplies", 0..200).expect("some schedule catches the bug");
    assert!(text.contains("ends twice"), "{text}");
}

#[test]
fn forgetting_budget_refusals_makes_requests_vanish() {
    let text = r#"Scenario(
    seed: 1,
    cluster: Balancer((
        algorithm: RoundRobin,
        servers: [(), ()],
        load: (rate_per_s: 400, cost_ms: (5, 5)),
        retries: Some((max: 3, budget: 0.0)),
        request_timeout_ms: 50,
        bugs: [ForgetBudgetRefusals],
    )),
    actions: [(at_ms: 100, do: FailFast(Server(1), true)), (at_ms: 100, do: FailFast(Server(2), true))],
    until_ms: 3000,
)"#;
    let sim = run(&parse(text));
    let (_, v) = sim.violations().first().expect("a request vanishes");
    let text = v.note.english();
    assert!(text.contains("vanished"), "{text}");
    assert!(sim.node(BALANCER).balancer().is_some());
}
