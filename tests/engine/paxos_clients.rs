//! Multi-Paxos's client processes in scripted scenarios: a healthy
//! workload is linearizable across a leader crash, a retried write is
//! placed and run once, and a workload is refused where it cannot be
//! meant.

use std::cell::Cell;
use std::path::Path;
use std::rc::Rc;

use crate::support::paxos::{drive, servers, Fate};

use distlab::headless::{self, RunOptions};
use distlab::history::{self, Func, Limits, Model, Outcome, Verdict};
use distlab::protocols::clients::Answer;
use distlab::protocols::paxos::{Paxos, PaxosMsg};
use distlab::sim::{ms, NodeId};

type Scenario = distlab::scenario::Scenario<Paxos>;

fn preset(name: &str) -> Scenario {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/scenarios")
        .join(name);
    Scenario::load(&path).unwrap_or_else(|e| panic!("{e}"))
}

fn history_of(s: &Scenario) -> history::History {
    let summary = headless::run_with(
        s,
        ms(s.until_ms.expect("an end")),
        RunOptions {
            trace: None,
            history: true,
        },
    )
    .expect("runs");
    assert!(summary.is_safe(), "{:?}", summary.violations);
    history::History::from_events(summary.history).expect("well formed")
}

#[test]
fn a_healthy_workload_is_linearizable_across_a_leader_crash() {
    let history = history_of(&preset("multi-paxos-clients.ron"));
    let ok = |op: &&history::Op| op.outcome == Outcome::Ok;
    let after_crash = history
        .ops
        .iter()
        .filter(ok)
        .filter(|op| op.invoked.time_us > Some(3_500_000))
        .count();
    assert!(
        after_crash >= 10,
        "only {after_crash} operations ok after the crash"
    );
    let reads = history
        .ops
        .iter()
        .filter(ok)
        .filter(|op| op.func == Func::Read);
    assert!(reads.count() >= 10, "reads go through slots too");
    let verdict = history::check(&history, Model::KeyValue, Limits::default());
    assert!(
        matches!(verdict, Verdict::Linearizable { .. }),
        "{verdict:?}"
    );
}

/// C1's write runs, but the leader's answer is lost: C1 asks again with the
/// same number, is sent back to the leader, and gets the answer kept
/// beside the state machine; the write is in one slot and ran once.
#[test]
fn a_retried_write_is_placed_and_run_once() {
    let s = Scenario::parse(
        r#"Scenario(
            seed: 7,
            cluster: Paxos((
                nodes: 3,
                mode: Multi,
                proposers: [1, 2, 3],
                workload: (clients: 1, ops_per_s: 0.0, timeout_ms: 200, tries: 5),
            )),
            network: (latency_ms: (5, 10)),
            actions: [(at_ms: 1000, do: ClientWrite("x=7"))],
            until_ms: 3000,
        )"#,
        Path::new("retry.ron"),
    )
    .expect("parses");
    let mut sim = s.build();
    let dropped = Rc::new(Cell::new(0));
    let counter = dropped.clone();
    // The notes name members by number: C1 is S4.
    let notes = drive(&mut sim, 3_000, &move |_, _, msg, _| match msg {
        PaxosMsg::ClientReply {
            answer: Answer::Ok { .. },
            ..
        } if counter.get() == 0 => {
            counter.set(1);
            Fate::Drop
        }
        _ => Fate::Deliver,
    });
    let text = notes.join("\n");
    assert_eq!(dropped.get(), 1, "{text}");
    assert_eq!(sim.violations(), &[], "{text}");
    assert!(
        text.contains("has already applied this request of S4"),
        "{text}"
    );
    for server in servers(&sim) {
        let slots = server
            .chosen
            .values()
            .filter(|(_, c)| &*c.value == "x=7")
            .count();
        assert_eq!(slots, 1, "{}: one slot holds the write\n{text}", server.id);
        assert_eq!(server.store.get("x").map(|v| &**v), Some("7"));
    }
    let c1 = sim.node(NodeId(3)).client().expect("C1");
    assert_eq!((c1.completed, c1.next_seq), (1, 2), "{text}");
}

#[test]
fn a_workload_needs_multi_paxos_and_says_so_at_its_place() {
    for (text, place) in [
        (
            "Scenario(seed: 1, cluster: Paxos((workload: (clients: 2))))",
            (1, 56),
        ),
        (
            "Scenario(seed: 1, cluster: Paxos((workload: (), mode: Single)))",
            (1, 46),
        ),
    ] {
        let err = Scenario::parse(text, Path::new("bad.ron")).expect_err(text);
        let shown = err.to_string();
        assert!(
            shown.contains("a workload needs `mode: Multi`"),
            "{text}: {shown}"
        );
        assert!(
            shown.contains(&format!("bad.ron:{}:{}", place.0, place.1)),
            "{text}: {shown}"
        );
    }
    let fine = "Scenario(seed: 1, cluster: Paxos((workload: (), mode: Multi)))";
    let s = Scenario::parse(fine, Path::new("fine.ron")).expect("parses");
    assert_eq!(s.cluster.0.members(), 8);
}
