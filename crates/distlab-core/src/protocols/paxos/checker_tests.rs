//! Each invariant fires on crafted records, and stays silent on the
//! records of a correct run.

use crate::sim::Invariant;
use std::collections::BTreeMap;
use std::sync::Arc;

use super::super::{cluster, Mode, PaxosSpec, Submit};
use super::*;
use crate::protocols::clients::ClientEvent;
use crate::sim::{ms, Action, NodeStatus, Record, SimConfig, StepOutcome, Target};

fn nodes(n: usize) -> Vec<PaxosMember> {
    let config = Arc::new(PaxosSpec::default().config());
    assert_eq!(config.nodes, n);
    NodeId::all(n)
        .map(|id| PaxosMember::Server(PaxosNode::new(id, config.clone())))
        .collect()
}

fn server(member: &mut PaxosMember) -> &mut PaxosNode {
    match member {
        PaxosMember::Server(node) => node,
        PaxosMember::Client(_) => unreachable!("the test cluster has servers only"),
    }
}

/// Runs the checker over `records` as if one event had made them.
fn check(
    checker: &mut PaxosChecker,
    nodes: &[PaxosMember],
    records: Vec<RecordKind<PaxosMember>>,
) -> Vec<Invariant> {
    let status = vec![NodeStatus::Up; nodes.len()];
    let in_flight = BTreeMap::new();
    let records: Vec<Record<PaxosMember>> = records
        .into_iter()
        .map(|kind| Record {
            t_us: 0,
            event: 1,
            kind,
        })
        .collect();
    let view = CheckView {
        nodes,
        touched: None,
        records: &records,
        now: 0,
        status: &status,
        in_flight: &in_flight,
    };
    checker.check(&view).iter().map(|f| f.invariant).collect()
}

fn command(via: u8, seq: u64, value: &str) -> Command {
    Command {
        id: Some(CommandId {
            via: NodeId(via),
            seq,
        }),
        value: value.into(),
    }
}

fn proposed(command: &Command) -> RecordKind<PaxosMember> {
    RecordKind::Proto(PaxosObs::Propose {
        node: NodeId(0),
        command: command.clone(),
    })
}

fn learned(node: u8, command: &Command) -> RecordKind<PaxosMember> {
    RecordKind::Proto(PaxosObs::Chosen {
        slot: 0,
        command: command.clone(),
        ballot: Ballot {
            round: 1,
            node: NodeId(0),
        },
        node: NodeId(node),
    })
}

fn ran(node: u8, slot: u64, command: &Command) -> RecordKind<PaxosMember> {
    RecordKind::Proto(PaxosObs::Execute {
        node: NodeId(node),
        slot,
        cmd: command.id.expect("a client's command"),
        value: command.value.clone(),
    })
}

fn client_event(client: &str, op: &'static str, value: Option<&str>, req: u64) -> ClientEvent {
    ClientEvent {
        client: client.into(),
        op,
        key: "x".into(),
        value: value.map(Into::into),
        req,
    }
}

/// A read that begins after a write of 1 completed and sees nothing.
#[test]
fn a_stale_read_by_a_client_breaks_linearizability() {
    let cluster = nodes(5);
    let mut checker = PaxosChecker::default();
    let write = client_event("C1", "write", Some("1"), 1);
    let records = vec![
        RecordKind::Proto(PaxosObs::Invoke(write.clone())),
        RecordKind::Proto(PaxosObs::Ok(write)),
        RecordKind::Proto(PaxosObs::Invoke(client_event("C2", "read", None, 1))),
    ];
    assert!(check(&mut checker, &cluster, records).is_empty());
    let stale = vec![RecordKind::Proto(PaxosObs::Ok(client_event(
        "C2", "read", None, 1,
    )))];
    assert_eq!(check(&mut checker, &cluster, stale), [LINEARIZABILITY]);
    assert_eq!(checker.client_history().ops.len(), 2);
}

#[test]
fn a_chosen_command_nobody_proposed_breaks_validity() {
    let cluster = nodes(5);
    let mut checker = PaxosChecker::default();
    let x = command(0, 0, "x");
    assert!(check(&mut checker, &cluster, vec![proposed(&x), learned(1, &x)]).is_empty());
    let forged = command(0, 0, "z");
    assert_eq!(
        check(&mut checker, &cluster, vec![learned(2, &forged)]),
        [VALIDITY, ONE_VALUE_CHOSEN],
        "a value the command never had, and a second value in slot 0"
    );
    let mut fresh = PaxosChecker::default();
    let unknown = command(3, 7, "w");
    assert_eq!(
        check(&mut fresh, &cluster, vec![learned(1, &unknown)]),
        [VALIDITY]
    );
    let noop = Command::noop();
    assert!(check(
        &mut PaxosChecker::default(),
        &cluster,
        vec![learned(1, &noop)]
    )
    .is_empty());
}

#[test]
fn a_command_run_twice_on_one_node_breaks_execute_once() {
    let cluster = nodes(5);
    let mut checker = PaxosChecker::default();
    let x = command(0, 0, "x");
    let first = vec![proposed(&x), ran(1, 0, &x), ran(2, 0, &x)];
    assert!(
        check(&mut checker, &cluster, first).is_empty(),
        "once per node"
    );
    assert_eq!(
        check(&mut checker, &cluster, vec![ran(1, 3, &x)]),
        [EXECUTE_ONCE]
    );
}

#[test]
fn a_promise_that_falls_breaks_monotonic_promises() {
    let mut cluster = nodes(5);
    let mut checker = PaxosChecker::default();
    server(&mut cluster[2]).promised = Ballot {
        round: 2,
        node: NodeId(0),
    };
    assert!(check(&mut checker, &cluster, vec![]).is_empty());
    server(&mut cluster[2]).promised = Ballot::ZERO;
    assert_eq!(check(&mut checker, &cluster, vec![]), [PROMISES_MONOTONIC]);
}

#[test]
fn a_correct_run_with_two_proposers_breaks_nothing_and_chooses_once() {
    let spec = PaxosSpec {
        mode: Mode::Single,
        ..PaxosSpec::default()
    };
    let mut sim = cluster(
        spec.config(),
        None,
        SimConfig {
            seed: 7,
            network: Default::default(),
        },
    );
    for (node, value) in [(0, "x"), (1, "y")] {
        let to = Target::Node(NodeId(node));
        sim.schedule(0, Action::Request(to, Submit::Propose(value.into())), false);
    }
    while sim.step_until(ms(2_000)) == StepOutcome::Stepped {}
    assert!(sim.violations().is_empty(), "{:?}", sim.violations());
    let chosen: BTreeSet<&str> = sim
        .nodes()
        .iter()
        .filter_map(PaxosMember::server)
        .filter_map(|n| n.chosen.get(&0).map(|(_, c)| &*c.value))
        .collect();
    assert_eq!(chosen.len(), 1, "{chosen:?}");
}
