//! Dispatch runs end to end: presets, the comparison the issue asks for,
//! conservation over thousands of random fault schedules, and the bug
//! switches that show the check fires.

use crate::support::schedule;

use std::path::Path;

use crate::support::balance::{parse, random_schedule, run};
use distlab::headless;
use distlab::protocols::balance::{Balancer, Reason, BALANCER};
use distlab::scenario::Scenario;
use distlab::sim::{ms, Describe, NodeId, RecordKind, StepOutcome};
use distlab::units::Lang;

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
    for name in [
        "slow-server",
        "fail-fast",
        "ring-hash",
        "retries",
        "add-server",
    ] {
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
        if name == "add-server" {
            let sim = run(&scenario);
            let s4 = sim.node(NodeId(5)).server().expect("S4");
            assert!(s4.served > 200, "the added server works: {s4:?}");
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
            v.invariant.en, v.note.english()
        );
    }
}

#[test]
fn conservation_holds_over_two_thousand_random_fault_schedules() {
    schedule::check_schedules(0, 2_000, check_one);
}

#[test]
#[ignore = "long run: 50,000 schedules; run with --ignored"]
fn conservation_holds_over_fifty_thousand_random_fault_schedules() {
    schedule::check_schedules(1_000_000, 50_000, check_one);
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

/// Three servers and a spare slot; `AddServer` at 1 s starts S4.
const SPARE: &str = r#"Scenario(
    seed: 4,
    cluster: Balancer((
        algorithm: RoundRobin,
        servers: [(), (), ()],
        spares: 1,
        load: (rate_per_s: 300, arrivals: Fixed, cost_ms: (2, 2)),
    )),
    network: (latency_ms: (1, 1), loss: LOSS),
    actions: [(at_ms: 1000, do: AddServer((weight: 2, speed: 2.0)))],
    until_ms: 3000,
)"#;

fn with_spare(loss: &str) -> Scenario<Balancer> {
    parse(&SPARE.replace("LOSS", loss))
}

/// Each dispatch record's time and server number.
fn dispatches(scenario: &Scenario<Balancer>) -> Vec<(u64, u64)> {
    let mut trace = Vec::new();
    headless::run(scenario, ms(scenario.until_ms.unwrap()), Some(&mut trace)).expect("runs");
    String::from_utf8(trace)
        .expect("utf-8")
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("json"))
        .filter(|r| r["kind"] == "dispatch")
        .map(|r| (r["t_us"].as_u64().unwrap(), r["server"].as_u64().unwrap()))
        .collect()
}

#[test]
fn add_server_starts_a_spare_slot_that_joins_the_pool() {
    let scenario = with_spare("0.0");
    let sim = run(&scenario);
    let s4 = sim.node(NodeId(5)).server().expect("S4 is a server slot");
    assert!(s4.started && s4.welcomed, "{s4:?}");
    assert_eq!(s4.spec.speed, 2.0);
    assert!(s4.served > 100, "S4 serves: {s4:?}");
    let lb = sim.node(BALANCER).balancer().expect("LB");
    assert!(lb.peers[3].in_pool && lb.peers[3].weight == 2);
    let d = dispatches(&scenario);
    assert!(
        d.iter().all(|&(t, s)| s != 4 || t > 1_000_000),
        "none before"
    );
    assert!(
        d.iter().any(|&(_, s)| s == 4),
        "S4 gets work after it joined"
    );
}

#[test]
fn a_new_server_asks_again_until_the_balancer_hears_it() {
    let mut asked_again = false;
    for seed in 0..20 {
        let mut scenario = with_spare("0.3");
        scenario.seed = seed;
        let mut trace = Vec::new();
        headless::run(&scenario, ms(3000), Some(&mut trace)).expect("runs");
        let joins = String::from_utf8(trace)
            .expect("utf-8")
            .lines()
            .filter(|l| l.contains(r#""kind":"send""#) && l.contains(r#""msg":"Join""#))
            .count();
        asked_again |= joins > 1;
        let sim = run(&scenario);
        let s4 = sim.node(NodeId(5)).server().expect("S4");
        assert!(s4.welcomed, "seed {seed}: S4 never heard it was taken in");
        let lb = sim.node(BALANCER).balancer().expect("LB");
        assert!(lb.peers[3].in_pool, "seed {seed}");
    }
    assert!(asked_again, "some Join or Welcome was lost on the way");
}

#[test]
fn adding_a_server_with_no_spare_slot_is_skipped_with_a_reason() {
    let text = SPARE.replace("LOSS", "0.0").replace("spares: 1,", "");
    let scenario = parse(&text);
    let mut sim = scenario.build();
    let mut skipped = Vec::new();
    while sim.step_until(ms(1001)) == StepOutcome::Stepped {
        for r in sim.last_records() {
            if let RecordKind::Skip { .. } = r.kind {
                skipped.push(r.kind.describe(Lang::En, sim.labels()));
            }
        }
    }
    assert_eq!(
        skipped,
        ["skipped \"AddServer(weight 2) to a spare server slot\": no node is a spare server slot right now"]
    );
}

#[test]
fn a_restarted_balancer_keeps_the_servers_added_and_removed() {
    let text = SPARE.replace("LOSS", "0.0").replace(
        "actions: [",
        "actions: [(at_ms: 500, do: RemoveServer(Server(1))), (at_ms: 2000, do: Crash(Node(2))), (at_ms: 2100, do: Restart(Node(2))),",
    );
    let sim = run(&parse(&text));
    let lb = sim.node(BALANCER).balancer().expect("LB");
    let pool: Vec<bool> = lb.peers.iter().map(|p| p.in_pool).collect();
    assert_eq!(pool, [false, true, true, true]);
}

#[test]
fn servers_and_spares_together_are_at_most_twelve() {
    let text = SPARE
        .replace("LOSS", "0.0")
        .replace("spares: 1,", "spares: 10,");
    let err = Scenario::<Balancer>::parse(&text, Path::new("spares.ron"))
        .expect_err("13 slots")
        .to_string();
    assert!(
        err.starts_with("spares.ron:6:17:") && err.contains("not 3 + 10 spares"),
        "{err}"
    );
}

#[test]
fn a_saved_session_writes_the_added_server_back() {
    let scenario = with_spare("0.0");
    let sim = run(&scenario);
    let saved = scenario.with_session(&sim).to_ron();
    assert!(
        saved.contains("AddServer((weight: 2, speed: 2.0"),
        "{saved}"
    );
    let again = parse(&saved);
    assert_eq!(again.actions, scenario.actions);
}

/// Least connections, three servers at two thirds of their capacity; S2
/// fails fast from 0.5 s, is ejected, repaired at 1 s, and comes back
/// with a 2 s slow start (the fail-fast lesson's story).
const SLOW_START: &str = r#"Scenario(
    seed: 5,
    cluster: Balancer((
        algorithm: LeastConnections,
        servers: [(), (), ()],
        load: (rate_per_s: 200, arrivals: Fixed, cost_ms: (10, 10)),
        outlier: Some((consecutive_errors: 40, base_ejection_ms: 1000, max_ejected: 0.5)),
        slow_start_ms: 2000,
    )),
    network: (latency_ms: (1, 1)),
    actions: [(at_ms: 500, do: FailFast(Server(2), true)), (at_ms: 1000, do: FailFast(Server(2), false))],
    until_ms: 5000,
)"#;

#[test]
fn slow_start_gives_a_returning_server_a_share_that_rises_over_the_ramp() {
    let picks = dispatches(&parse(SLOW_START));
    let back = picks
        .iter()
        .find(|&&(t, s)| s == 2 && t > 1_000_000)
        .map(|&(t, _)| t)
        .expect("S2 comes back after its ejection");
    // S2's share of the picks in each half second of its 2 s ramp.
    let shares: Vec<f64> = (0..4)
        .map(|k| {
            let from = back + k * 500_000;
            let window: Vec<u64> = picks
                .iter()
                .filter(|&&(t, _)| (from..from + 500_000).contains(&t))
                .map(|&(_, s)| s)
                .collect();
            window.iter().filter(|&&s| s == 2).count() as f64 / window.len() as f64
        })
        .collect();
    assert!(
        shares[0] < 0.15,
        "a server at a tenth of its weight gets a small share at first: {shares:?}"
    );
    assert!(
        shares.windows(2).all(|w| w[1] >= w[0]) && shares[3] > 2.0 * shares[0],
        "its share rises across the ramp: {shares:?}"
    );
}

/// Every attempt fails at once; each request retries once, 25 ms later,
/// so two or three retries wait at any moment among as few open
/// requests, which a budget of 20 % alone would not allow.
const FLOOR: &str = r#"Scenario(
    seed: 3,
    cluster: Balancer((
        algorithm: RoundRobin,
        servers: [(), (), ()],
        load: (rate_per_s: 100, arrivals: Fixed, cost_ms: (5, 5)),
        retries: Some((max: 1, backoff_ms: (25, 25), jitter: false, budget: 0.2)),
    )),
    network: (latency_ms: (1, 1)),
    actions: [(at_ms: 0, do: FailFast(Server(1), true)), (at_ms: 0, do: FailFast(Server(2), true)),
              (at_ms: 0, do: FailFast(Server(3), true))],
    until_ms: 2000,
)"#;

#[test]
fn the_retry_budget_allows_three_retries_however_few_requests_are_open() {
    let sim = run(&parse(FLOOR));
    let tally = &sim.node(BALANCER).balancer().expect("LB").tally;
    let budget = tally.rejected[Reason::Budget as usize];
    assert_eq!(budget, 0, "no retry is refused under the floor: {tally:?}");
    assert!(tally.retries > 150, "every request retries once: {tally:?}");
    let floor = parse(&FLOOR.replace("budget: 0.2", "budget: 0.2, min_retry_concurrency: 1"));
    let sim = run(&floor);
    let tally = &sim.node(BALANCER).balancer().expect("LB").tally;
    assert!(
        tally.rejected[Reason::Budget as usize] > 50,
        "with a floor of 1 most retries are refused: {tally:?}"
    );
}
