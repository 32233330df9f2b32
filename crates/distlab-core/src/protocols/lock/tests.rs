//! Unit tests of the lock family's parts: layout, labels, targets,
//! requests, glyphs and the storage's fencing rule.

use super::*;
use crate::protocols::{Meaning, Setup, TargetSpec};
use crate::sim::{Actor, NodeStatus, SimConfig, Target};

fn cluster(service: Service) -> Vec<LockNode> {
    LockNode::cluster(&LockSpec {
        service,
        ..LockSpec::default()
    })
}

#[test]
fn members_are_clients_then_the_service_then_storage() {
    let labels = |nodes: &[LockNode]| -> Vec<String> {
        NodeId::all(nodes.len())
            .map(|id| LockNode::label(nodes, id))
            .collect()
    };
    assert_eq!(
        labels(&cluster(Service::default())),
        ["C1", "C2", "C3", "R1", "ST"]
    );
    assert_eq!(
        labels(&cluster(Service::zookeeper())),
        ["C1", "C2", "C3", "ZK", "ST"]
    );
    let redlock = cluster(Service::redlock());
    assert_eq!(labels(&redlock)[3..], ["R1", "R2", "R3", "R4", "R5", "ST"]);
    let status = vec![NodeStatus::Up; redlock.len()];
    let find = |role| LockNode::resolve_alias(&redlock, &status, role);
    assert_eq!(find(LockAlias::Client(2)), Some(NodeId(1)));
    assert_eq!(find(LockAlias::Client(4)), None);
    assert_eq!(find(LockAlias::Server(5)), Some(NodeId(7)));
    assert_eq!(find(LockAlias::Storage), Some(NodeId(8)));
    assert_eq!(find(LockAlias::Holder), None, "nobody holds the lock yet");
}

#[test]
fn sandboxes_open_their_own_service_and_fit_the_picture() {
    for (name, servers) in [("redis-lock", 1), ("redlock", 5), ("zk-lock", 1)] {
        for size in 3..=9 {
            let spec = Lock::sandbox_spec(name, size);
            assert_eq!(spec.service.servers(), servers, "{name}");
            assert!(Lock::nodes(&spec) <= 9, "{name} with {size}");
        }
    }
    assert_eq!(Lock::nodes(&Lock::sandbox_spec("redis-lock", 5)), 5);
}

#[test]
fn requests_convert_both_ways_and_the_request_key_acquires_on_the_selection() {
    for spec in [
        LockRequest::Acquire(TargetSpec::Alias(LockAlias::Client(2))),
        LockRequest::Release(TargetSpec::Alias(LockAlias::Holder)),
    ] {
        let (to, ask) = Lock::request_to_sim(&spec);
        assert_eq!(Lock::request_from_sim(to, &ask), Some(spec));
    }
    assert_eq!(
        Lock::sample_request(3, NodeId(1)),
        (Target::Node(NodeId(1)), Ask::Acquire)
    );
    let text = ron::to_string(&LockRequest::Acquire(TargetSpec::Alias(LockAlias::Client(
        1,
    ))));
    assert_eq!(text.expect("writes"), "Acquire(Client(1))");
}

#[test]
fn glyphs_are_distinct() {
    let msgs = [
        LockMsg::Lock { req: 1, value: 1 },
        LockMsg::LockOk {
            req: 1,
            token: None,
        },
        LockMsg::LockRefused { req: 1 },
        LockMsg::Unlock { value: 1 },
        LockMsg::Ping { session: 1 },
        LockMsg::Pong,
        LockMsg::SessionExpired { session: 1 },
        LockMsg::Create {
            session: 1,
            guid: 1,
        },
        LockMsg::Created { seq: 1, guid: 1 },
        LockMsg::GetChildren {
            session: 1,
            watch: false,
        },
        LockMsg::Children { nodes: Vec::new() },
        LockMsg::Exists { session: 1, seq: 1 },
        LockMsg::ExistsReply {
            seq: 1,
            exists: true,
        },
        LockMsg::Delete { session: 1, seq: 1 },
        LockMsg::NodeDeleted { seq: 1 },
        LockMsg::ChildrenChanged,
        LockMsg::Read {
            req: 1,
            token: None,
        },
        LockMsg::ReadReply {
            req: 1,
            value: None,
        },
        LockMsg::Write {
            req: 1,
            token: None,
            read: 0,
            value: 1,
        },
        LockMsg::WriteReply {
            req: 1,
            accepted: true,
        },
        LockMsg::WriteReply {
            req: 1,
            accepted: false,
        },
    ];
    let mut glyphs: Vec<&str> = msgs.iter().map(|m| Lock::message_look(m).glyph).collect();
    let n = glyphs.len();
    glyphs.sort_unstable();
    glyphs.dedup();
    assert_eq!(glyphs.len(), n);
}

#[test]
fn trace_records_carry_the_designed_fields() {
    let write = LockObs::Write {
        client: NodeId(1),
        token: Some(3),
        op: Op::Write,
        read: Some(4),
        value: 5,
        accepted: false,
        reason: Some("stale token"),
    };
    let json = serde_json::to_value(&write).expect("serialises");
    assert_eq!(
        json,
        serde_json::json!({"kind": "write", "client": 2, "token": 3, "op": "write", "read": 4,
                           "value": 5, "accepted": false, "reason": "stale token"})
    );
    let grant = LockObs::Grant {
        server: 2,
        by: NodeId(4),
        client: NodeId(0),
        token: None,
    };
    let json = serde_json::to_value(&grant).expect("serialises");
    assert_eq!(
        json,
        serde_json::json!({"kind": "grant", "server": 2, "client": 1, "token": null})
    );
}

#[test]
fn a_fresh_cluster_runs_and_contends() {
    let spec = LockSpec::default();
    let mut sim = Lock::build(
        &spec,
        SimConfig {
            seed: 9,
            network: Default::default(),
        },
    );
    sim.run_until(crate::sim::ms(5_000), 1_000_000);
    let sections: usize = sim
        .nodes()
        .iter()
        .filter_map(|n| n.client())
        .map(|c| c.sections.len())
        .sum();
    assert!(sections >= 6, "{sections}");
    assert!(sim.violations().is_empty());
    let value = sim
        .nodes()
        .iter()
        .find_map(LockNode::storage)
        .map(|s| s.value);
    assert!(value >= Some(6));
}
