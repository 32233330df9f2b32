//! Helpers for the dispatch tests: scenarios from text, runs to the end,
//! and random fault schedules that are pure functions of their seed.

use std::path::Path;

use distlab::protocols::balance::{BalanceNode, Balancer};
use distlab::scenario::Scenario;
use distlab::sim::{ms, Sim};

pub fn parse(text: &str) -> Scenario<Balancer> {
    Scenario::parse(text, Path::new("test.ron")).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

/// The scenario run to its end, explanations off.
pub fn run(scenario: &Scenario<Balancer>) -> Sim<BalanceNode> {
    let mut sim = scenario.build();
    sim.set_explanations(false);
    sim.run_until(ms(scenario.until_ms.unwrap_or(5000)), u64::MAX);
    sim
}

/// A small deterministic generator for schedules.
pub struct Draw(u64);

impl Draw {
    pub fn new(seed: u64) -> Draw {
        Draw(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

const ALGORITHMS: [&str; 10] = [
    "RoundRobin",
    "Random",
    "WeightedRandom",
    "SmoothWeighted",
    "EdfWeighted",
    "LeastConnections",
    "PowerOfTwo",
    "PeakEwma",
    "RingHash((vnodes: 20))",
    "ModuloHash",
];

/// A random cluster and fault schedule: crashes and restarts of any member,
/// slow-downs, fail-fast, rate and algorithm changes, servers added (to
/// spare slots, when there are any) and removed, loss, duplicates,
/// retries with budgets, health checks and ejection. `bugs` is put into the
/// cluster as is.
pub fn random_schedule(seed: u64, bugs: &str) -> String {
    let mut d = Draw::new(seed);
    let servers = 2 + d.below(4);
    let list: Vec<String> = (0..servers)
        .map(|_| {
            format!(
                "(weight: {}, speed: {}.0, concurrency: {}, queue: {})",
                1 + d.below(4),
                1 + d.below(2),
                1 + d.below(3),
                d.below(6)
            )
        })
        .collect();
    let retries = match d.below(3) {
        0 => "None".to_string(),
        _ => format!(
            "Some((max: {}, backoff_ms: (0, {}), jitter: {}, budget: 0.{}))",
            1 + d.below(3),
            d.below(50),
            d.below(2) == 0,
            1 + d.below(9)
        ),
    };
    let mut actions = Vec::new();
    for _ in 0..d.below(12) {
        let at = d.below(3000);
        let s = 1 + d.below(servers);
        let node = 1 + d.below(servers + 2);
        let action = match d.below(9) {
            0 => format!("Crash(Node({node}))"),
            1 => format!("Restart(Node({node}))"),
            2 => format!("SlowDown(Server({s}), {}.0)", 1 + d.below(8)),
            3 => format!("FailFast(Server({s}), {})", d.below(2) == 0),
            4 => format!("SetRate({})", d.below(600)),
            5 => format!(
                "SetAlgorithm({})",
                ALGORITHMS[d.below(ALGORITHMS.len() as u64) as usize]
            ),
            6 => format!("SetLoss(0.{})", d.below(4)),
            7 => format!("RemoveServer(Server({s}))"),
            _ => format!("AddServer((weight: {}))", 1 + d.below(3)),
        };
        actions.push(format!("(at_ms: {at}, do: {action})"));
    }
    actions.sort_by_key(|a| {
        a.split(',')
            .next()
            .and_then(|t| t.trim_start_matches("(at_ms: ").parse::<u64>().ok())
    });
    format!(
        "Scenario(
    seed: {seed},
    cluster: Balancer((
        algorithm: {algorithm},
        servers: [{servers}],
        spares: {spares},
        load: (rate_per_s: {rate}, cost_ms: (2, {cost}), keys: {keys}),
        health: {health},
        outlier: {outlier},
        slow_start_ms: {slow},
        retries: {retries},
        request_timeout_ms: {timeout},
        bugs: [{bugs}],
    )),
    network: (latency_ms: (1, {latency}), loss: 0.0{loss}, duplicate: 0.0{dup}),
    actions: [{actions}],
    until_ms: 4000,
)",
        algorithm = ALGORITHMS[d.below(ALGORITHMS.len() as u64) as usize],
        servers = list.join(", "),
        rate = 50 + d.below(500),
        cost = 3 + d.below(30),
        keys = d.below(50),
        health = match d.below(2) {
            0 => "None".to_string(),
            _ => format!(
                "Some((interval_ms: {}, unhealthy_after: 2, healthy_after: 2))",
                50 + d.below(200)
            ),
        },
        outlier = match d.below(2) {
            0 => "None".to_string(),
            _ => format!(
                "Some((consecutive_errors: {}, base_ejection_ms: {}, max_ejected: 0.5))",
                1 + d.below(5),
                50 + d.below(500)
            ),
        },
        slow = d.below(500),
        timeout = 20 + d.below(300),
        latency = 1 + d.below(5),
        loss = d.below(3),
        dup = d.below(2),
        actions = actions.join(", "),
        spares = d.below(3),
    )
}
