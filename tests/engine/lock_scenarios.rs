//! Scripted lock scenarios: each unsafe variant or setting breaks safety
//! and the monitor says so; the fix keeps it; ZooKeeper's herd; Redlock's
//! validity and its unlocking of every master; orphans.

use std::path::Path;

use distlab::headless;
use distlab::protocols::lock::{Lock, LockMsg, LockNode, LockObs, Op, Service};
use distlab::scenario::Scenario;
use distlab::sim::{ms, Describe, NodeId, Record, RecordKind, Sim, StepOutcome};
use distlab::units::Lang;

fn preset(name: &str) -> String {
    std::fs::read_to_string(format!("assets/scenarios/{name}.ron")).expect("a shipped preset")
}

/// Runs a scenario to its end and returns the cluster and every record.
fn run(text: &str) -> (Sim<LockNode>, Vec<Record<LockNode>>) {
    let scenario: Scenario<Lock> = Scenario::parse(text, Path::new("test.ron")).expect("parses");
    let until = ms(scenario
        .until_ms
        .expect("scripted scenarios say when they end"));
    let mut sim = scenario.build();
    sim.set_explanations(true);
    let mut records = Vec::new();
    while sim.step_until(until) == StepOutcome::Stepped {
        records.extend_from_slice(sim.last_records());
    }
    (sim, records)
}

fn violated(sim: &Sim<LockNode>) -> Vec<&'static str> {
    sim.violations()
        .iter()
        .map(|(_, v)| v.invariant.en)
        .collect()
}

fn warned(sim: &Sim<LockNode>) -> Vec<&'static str> {
    sim.warnings().iter().map(|(_, v)| v.invariant.en).collect()
}

/// The notes in English, naming members as the run does (`C1`, `R1`).
fn notes(sim: &Sim<LockNode>, records: &[Record<LockNode>]) -> Vec<String> {
    records
        .iter()
        .filter_map(|r| match &r.kind {
            RecordKind::Note { note, .. } => Some(note.describe(Lang::En, sim.labels())),
            _ => None,
        })
        .collect()
}

fn refused(records: &[Record<LockNode>]) -> usize {
    records
        .iter()
        .filter(|r| {
            matches!(
                r.kind,
                RecordKind::Proto(LockObs::Write {
                    accepted: false,
                    ..
                })
            )
        })
        .count()
}

#[test]
fn the_naive_lock_has_two_holders_deletes_anothers_lock_and_loses_an_update() {
    let (sim, records) = run(&preset("lock-redis-naive"));
    assert_eq!(violated(&sim), ["Lost Update"]);
    assert!(warned(&sim).contains(&"Two holders"));
    let notes = notes(&sim, &records);
    assert!(
        notes
            .iter()
            .any(|n| n.contains("R1 deletes the key on C1's DEL: it was C2's lock")),
        "{notes:#?}"
    );
}

#[test]
fn nxpx_without_fencing_loses_an_update_under_a_pause_and_fencing_refuses_it() {
    let text = preset("lock-redis-pause");
    let (sim, _) = run(&text);
    assert_eq!(violated(&sim), ["Lost Update"]);
    assert!(warned(&sim).contains(&"Two holders"));
    let (sim, records) = run(&text.replace("fencing: false", "fencing: true"));
    assert!(violated(&sim).is_empty(), "{:?}", sim.violations());
    assert_eq!(refused(&records), 1, "C1's stale write is refused");
}

#[test]
fn a_redis_without_persistence_hands_out_a_token_twice() {
    let text = preset("lock-redis-no-persist");
    let (sim, records) = run(&text);
    assert_eq!(violated(&sim), ["Lost Update"]);
    let tokens: Vec<Option<u64>> = records
        .iter()
        .filter_map(|r| match r.kind {
            RecordKind::Proto(LockObs::Acquire { token, .. }) => Some(token),
            _ => None,
        })
        .collect();
    assert_eq!(tokens, [Some(1), Some(1)], "the counter started again");
    let (sim, _) = run(&text.replace("persist: false", "persist: true"));
    assert!(
        violated(&sim).is_empty(),
        "with persistence C2 waits for the key"
    );
}

#[test]
fn storage_that_ignores_tokens_breaks_token_order() {
    let text = preset("lock-redis-pause").replace(
        "fencing: false",
        "fencing: true, bugs: [StorageIgnoresTokens]",
    );
    let (sim, _) = run(&text);
    assert!(
        violated(&sim).contains(&"Token order"),
        "{:?}",
        sim.violations()
    );
    assert!(
        violated(&sim).contains(&"Lost Update"),
        "{:?}",
        sim.violations()
    );
}

#[test]
fn redlock_under_a_clock_jump_gives_the_lock_to_two_clients() {
    let (sim, records) = run(&preset("lock-redlock"));
    assert_eq!(violated(&sim), ["Lost Update"]);
    assert!(warned(&sim).contains(&"Two holders"));
    let expired_on_r3 = records
        .iter()
        .any(|r| matches!(r.kind, RecordKind::Proto(LockObs::Expire { server: 3, .. })));
    assert!(expired_on_r3, "R3's jumped clock expires C1's key early");
    let (sim, _) =
        run(&preset("lock-redlock").replace("(at_ms: 300, do: ClockJump(Server(3), 2000)),", ""));
    assert!(
        violated(&sim).is_empty() && warned(&sim).is_empty(),
        "no jump, one holder"
    );
}

#[test]
fn zookeeper_fencing_refuses_the_paused_holder_and_without_it_an_update_is_lost() {
    let text = preset("lock-zk");
    let (sim, records) = run(&text);
    assert!(violated(&sim).is_empty());
    assert!(warned(&sim).contains(&"Two holders"));
    assert_eq!(refused(&records), 1);
    let (sim, _) = run(&text.replace("fencing: true", "fencing: false"));
    assert_eq!(violated(&sim), ["Lost Update"]);
}

#[test]
fn redlock_under_a_pause_longer_than_the_validity_loses_an_update() {
    let text = preset("lock-redlock-pause");
    let (sim, records) = run(&text);
    assert_eq!(violated(&sim), ["Lost Update"]);
    assert!(
        warned(&sim).contains(&"Two holders"),
        "frozen C1 still believes"
    );
    // C1 stops trusting the lock when it wakes, before its stale write lands:
    // the work it began after its one check runs on.
    let c1 = NodeId(0);
    let last = |wanted: fn(&LockObs) -> bool| {
        records
            .iter()
            .rposition(|r| matches!(&r.kind, RecordKind::Proto(o) if wanted(o)))
            .expect("recorded")
    };
    let let_go = last(|o| matches!(o, LockObs::Release { client, .. } if *client == NodeId(0)));
    let wrote =
        last(|o| matches!(o, LockObs::Write { client, op: Op::Write, .. } if *client == NodeId(0)));
    assert!(let_go < wrote, "C1 let go of the lock before its write");
    assert!(
        sim.node(c1).client().is_some_and(|c| !c.holds()),
        "C1 believes nothing at the end"
    );
    let (sim, _) = run(&text.replace("Pause(Client(1), 2000)", "Pause(Client(1), 300)"));
    assert!(
        violated(&sim).is_empty() && warned(&sim).is_empty(),
        "a pause shorter than the validity is harmless"
    );
}

/// Four clients queue behind C1; C1 releases at 1s. Returns the wake-ups
/// during the next half second.
fn wakes_after_one_release(watch: &str) -> usize {
    let text = format!(
        "Scenario(seed: 3, cluster: Lock((clients: 5, service: ZooKeeper((watch: {watch})), work_ms: (5000, 5000), auto: false)),
          actions: [
            (at_ms: 100, do: Acquire(Client(1))),
            (at_ms: 300, do: Acquire(Client(2))), (at_ms: 400, do: Acquire(Client(3))),
            (at_ms: 500, do: Acquire(Client(4))), (at_ms: 600, do: Acquire(Client(5))),
            (at_ms: 1000, do: Release(Client(1))),
          ], until_ms: 1500)"
    );
    let (sim, records) = run(&text);
    assert!(
        sim.node(NodeId(1)).client().is_some_and(|c| c.holds()),
        "C2 is next"
    );
    records
        .iter()
        .filter(|r| r.t_us >= ms(1000) && matches!(r.kind, RecordKind::Proto(LockObs::Wake { .. })))
        .count()
}

#[test]
fn one_release_wakes_one_waiter_with_predecessor_watches_and_every_waiter_with_parent_watches() {
    assert_eq!(wakes_after_one_release("Predecessor"), 1);
    assert_eq!(wakes_after_one_release("Parent"), 4);
}

#[test]
fn an_orphan_node_blocks_everyone_unless_the_client_finds_it_by_guid() {
    // C1's create reaches ZK but the reply is lost.
    let text = |find: bool| {
        format!(
            "Scenario(seed: 2, cluster: Lock((clients: 2, service: ZooKeeper((find_orphans: {find})), work_ms: (100, 100), auto: false)),
              actions: [
                (at_ms: 100, do: DropNext(3, 1)),
                (at_ms: 100, do: Acquire(Client(1))),
                (at_ms: 1000, do: Acquire(Client(2))),
              ], until_ms: 3000)"
        )
    };
    let acquires = |records: &[Record<LockNode>]| {
        records
            .iter()
            .filter(|r| matches!(r.kind, RecordKind::Proto(LockObs::Acquire { .. })))
            .count()
    };
    let (_, records) = run(&text(true));
    assert_eq!(
        acquires(&records),
        2,
        "C1 finds lock-1, works, releases; C2 follows"
    );
    let (sim, records) = run(&text(false));
    assert_eq!(
        acquires(&records),
        0,
        "the orphan lock-1 blocks C1 and C2 alike"
    );
    let zk = sim.nodes().iter().find_map(|n| match &n.part {
        distlab::protocols::lock::Part::Zk(z) => Some(z.nodes.len()),
        _ => None,
    });
    assert_eq!(zk, Some(3), "the orphan, C1's second node and C2's");
}

#[test]
fn a_failed_redlock_attempt_unlocks_every_master() {
    // C1 reaches only R1 and R2: 2 of 5 is no majority.
    let text = "Scenario(seed: 1, cluster: Lock((clients: 1, service: Redlock(()), auto: false)),
        actions: [
          (at_ms: 10, do: CutLink(1, 4)), (at_ms: 10, do: CutLink(1, 5)), (at_ms: 10, do: CutLink(1, 6)),
          (at_ms: 100, do: Acquire(Client(1))),
        ], until_ms: 400)";
    let (sim, records) = run(text);
    let unlocked: Vec<NodeId> = records
        .iter()
        .filter_map(|r| match &r.kind {
            RecordKind::Send {
                to,
                msg: LockMsg::Unlock { .. },
                ..
            } => Some(*to),
            _ => None,
        })
        .take(5)
        .collect();
    assert_eq!(unlocked, (1..=5).map(NodeId).collect::<Vec<_>>());
    assert!(!sim.node(NodeId(0)).client().is_some_and(|c| c.holds()));
}

/// After every event that ran one of its handlers, a Redlock client that
/// holds the lock is still within its validity on its own clock.
#[test]
fn a_redlock_client_never_trusts_the_lock_past_its_validity() {
    let mut lapsed_in_section = 0;
    for seed in 0..40 {
        let text = format!(
            "Scenario(seed: {seed}, cluster: Lock((clients: 3, service: Redlock((ttl_ms: 300)), work_ms: (100, 500))),
              actions: [
                (at_ms: 500, do: Pause(Node(1), 700)), (at_ms: 900, do: SetDrift(Node(2), -300000)),
                (at_ms: 1500, do: Pause(Node(2), 400)), (at_ms: 2000, do: ClockJump(Node(3), -200)),
              ], until_ms: 4000)"
        );
        let scenario: Scenario<Lock> = Scenario::parse(&text, Path::new("t.ron")).expect("parses");
        let mut sim = scenario.build();
        let mut held = 0;
        while sim.step_until(ms(4000)) == StepOutcome::Stepped {
            for r in sim.last_records() {
                let node = match &r.kind {
                    RecordKind::Timer { node, .. } => *node,
                    RecordKind::Deliver { to, .. } => *to,
                    _ => continue,
                };
                let Some(c) = sim.node(node).client() else {
                    continue;
                };
                lapsed_in_section += usize::from(c.lapsed);
                if c.holds() {
                    held += 1;
                    let until = c.valid_until.expect("a Redlock holder knows its validity");
                    assert!(
                        sim.local_time(node) < until,
                        "seed {seed}: {node} holds past its validity"
                    );
                }
            }
        }
        assert!(held > 0, "seed {seed}: nobody ever held the lock");
    }
    assert!(
        lapsed_in_section > 0,
        "no pause ever outlasted a validity: the property was not put to the test"
    );
}

#[test]
fn every_preset_runs_headless() {
    for entry in std::fs::read_dir("assets/scenarios").expect("presets") {
        let path = entry.expect("an entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        if !name.starts_with("lock-") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("readable");
        let scenario: Scenario<Lock> = Scenario::parse(&text, &path).expect("parses");
        assert!(matches!(
            scenario.cluster.0.service,
            Service::Redis(_) | Service::Redlock(_) | Service::ZooKeeper(_)
        ));
        let summary =
            headless::run(&scenario, ms(scenario.until_ms.unwrap_or(5000)), None).expect("runs");
        let expect_safe = ["lock-redis.ron", "lock-zk.ron"].contains(&name.as_str());
        assert_eq!(summary.is_safe(), expect_safe, "{name}:\n{summary}");
    }
}

/// The error a lock scenario with these cluster settings (on line 3) is
/// refused with, as `line:col: message`.
fn error_of(settings: &str) -> String {
    let text = format!("Scenario(\n  seed: 1,\n  cluster: Lock(({settings})),\n)");
    let err = Scenario::<Lock>::parse(&text, Path::new("test.ron")).expect_err("an error");
    match err.position {
        Some((line, col)) => format!("{line}:{col}: {}", err.message),
        None => format!("?: {}", err.message),
    }
}

#[test]
fn timeouts_that_cannot_work_are_errors_where_they_are_written() {
    assert_eq!(
        error_of("service: ZooKeeper((session_timeout_ms: 500, heartbeat_ms: 600))"),
        "3:77: `heartbeat_ms: 600` must be shorter than `session_timeout_ms` (500 ms): \
         every session would expire between two heartbeats"
    );
    // Reported at the heartbeat whichever comes first.
    assert!(
        error_of("service: ZooKeeper((heartbeat_ms: 600, session_timeout_ms: 500))")
            .starts_with("3:52: `heartbeat_ms: 600`"),
    );
    assert!(error_of("service: ZooKeeper((session_timeout_ms: 400))")
        .contains("must be longer than the default `heartbeat_ms` (500 ms)"));
    assert_eq!(
        error_of("service: Redis((ttl_ms: 500, request_timeout_ms: 500))"),
        "3:67: `request_timeout_ms: 500` must be shorter than `ttl_ms` (500 ms): \
         the key would expire while its client still waits for the answer"
    );
    assert!(error_of("service: Redis((ttl_ms: 80))")
        .contains("longer than the default `request_timeout_ms` (100 ms)"));
    assert!(error_of("service: Redlock((ttl_ms: 40))").contains("(50 ms)"));
    assert!(error_of("service: Redlock((drift_factor: 1.5))").contains("below 1"));
    assert!(error_of("storage_timeout_ms: 0").contains("at least 1 ms"));
    assert!(error_of("service: ZooKeeper((request_timeout_ms: 0))").contains("at least 1 ms"));
}

#[test]
fn clients_wait_as_long_as_the_settings_say() {
    // Storage is cut off while C1 holds the lock: C1 gives up after its
    // storage timeout. R1 is cut off while C2 asks: C2 tries again after
    // its request timeout.
    let text =
        "Scenario(seed: 1, cluster: Lock((clients: 2, service: Redis((request_timeout_ms: 30)),
          storage_timeout_ms: 200, auto: false)),
        actions: [
          (at_ms: 0, do: Isolate(Storage)),
          (at_ms: 0, do: Acquire(Client(1))),
          (at_ms: 400, do: Rejoin(Storage)),
          (at_ms: 400, do: Isolate(Server(1))),
          (at_ms: 400, do: Acquire(Client(2))),
        ], until_ms: 600)";
    let (sim, records) = run(text);
    let notes = notes(&sim, &records);
    let at = |text: &str| {
        records
            .iter()
            .find(|r| matches!(&r.kind, RecordKind::Note { note, .. } if note.describe(Lang::En, sim.labels()) == text))
            .map(|r| r.t_us)
    };
    assert!(
        at("C1 got no answer from storage in 200ms and abandons its turn").is_some(),
        "{notes:#?}"
    );
    let gave_up = at("C2 heard nothing from R1 in 30ms and will try again").expect("C2 gives up");
    assert_eq!(gave_up, ms(430), "30 ms after C2 asked");
}

#[test]
fn an_answer_to_a_create_given_up_is_not_taken_for_the_node_made_after() {
    // ZooKeeper freezes with C1's creates at its door; C1 gives up on
    // each after its request timeout and creates again under a new GUID.
    // When ZooKeeper wakes it makes every node and answers in order:
    // lock-1 and lock-2 answer creates C1 gave up, so they are orphans,
    // and C1's node is lock-3, though the orphans' answers come first.
    let text = "Scenario(seed: 1, cluster: Lock((clients: 1, service: ZooKeeper((find_orphans: false)), auto: false)),
        network: (latency_ms: (5, 5)),
        actions: [
          (at_ms: 0, do: Pause(Server(1), 300)),
          (at_ms: 10, do: Acquire(Client(1))),
        ], until_ms: 600)";
    let (sim, records) = run(text);
    let notes = notes(&sim, &records);
    assert!(
        notes.contains(&"C1 ignores a late answer from ZK".to_owned()),
        "{notes:#?}"
    );
    let node = sim.nodes().iter().find_map(|n| match &n.part {
        distlab::protocols::lock::Part::Client(c) => c.node,
        _ => None,
    });
    assert_eq!(node, Some(3), "{notes:#?}");
}

#[test]
fn an_answer_for_a_section_given_up_is_not_taken_for_the_next() {
    // Storage freezes with C1's read at its door; C1 gives up, takes the
    // lock again and reads again. When storage wakes it answers both
    // reads: the first answer belongs to the section C1 gave up.
    let text =
        "Scenario(seed: 1, cluster: Lock((clients: 1, storage_timeout_ms: 300, auto: false)),
        actions: [
          (at_ms: 0, do: Pause(Storage, 600)),
          (at_ms: 10, do: Acquire(Client(1))),
          (at_ms: 400, do: Acquire(Client(1))),
        ], until_ms: 1500)";
    let (sim, records) = run(text);
    let notes = notes(&sim, &records);
    assert!(
        notes.contains(&"C1 ignores a late answer from ST".to_owned()),
        "{notes:#?}"
    );
    let works = notes.iter().filter(|n| n.starts_with("C1 read")).count();
    assert_eq!(works, 1, "one section works, on its own read: {notes:#?}");
}
