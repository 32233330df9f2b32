//! A cluster of different parts, shaped like a lock family: one server and
//! numbered clients, aimed at by the roles the family names.

use std::fmt;

use serde::Serialize;

use super::{Never, NoChecks};
use crate::sim::*;

#[derive(Clone, Debug, PartialEq)]
enum Member {
    Server,
    Client { n: u8, holds: bool },
}

/// The targets this family names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    Server,
    Client(u8),
    /// The running client that holds the lock.
    Holder,
    /// A role a buggy family resolves outside the cluster.
    Ghost,
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Part::Server => write!(f, "the server"),
            Part::Client(n) => write!(f, "client {n}"),
            Part::Holder => write!(f, "the holder"),
            Part::Ghost => write!(f, "the ghost"),
        }
    }
}

#[derive(Clone, Debug, Serialize)]
#[serde(tag = "msg")]
enum Silence {}

impl Message for Silence {
    fn name(&self) -> &'static str {
        match *self {}
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
enum NoTimer {}

#[derive(Clone, Debug, PartialEq)]
struct Grab;

impl Actor for Member {
    type Msg = Silence;
    type Timer = NoTimer;
    type Request = Grab;
    type Obs = Never;
    type Checker = NoChecks;
    type Role = Part;

    fn resolve_role(nodes: &[Self], status: &[NodeStatus], role: Part) -> Option<NodeId> {
        let position = |f: &dyn Fn(usize, &Member) -> bool| {
            nodes
                .iter()
                .enumerate()
                .position(|(i, m)| f(i, m))
                .map(|i| NodeId(i as u8))
        };
        match role {
            Part::Server => position(&|_, m| *m == Member::Server),
            Part::Client(k) => position(&|_, m| matches!(m, Member::Client { n, .. } if *n == k)),
            Part::Holder => position(&|i, m| {
                matches!(m, Member::Client { holds: true, .. }) && status[i] != NodeStatus::Crashed
            }),
            Part::Ghost => Some(NodeId(200)),
        }
    }

    fn on_start(&mut self, _: &mut Ctx<Self>) {}

    fn on_message(&mut self, _: &mut Ctx<Self>, _: NodeId, msg: Silence) {
        match msg {}
    }

    fn on_timer(&mut self, _: &mut Ctx<Self>, timer: NoTimer) {
        match timer {}
    }

    fn on_request(&mut self, _: &mut Ctx<Self>, _: Grab) {
        if let Member::Client { holds, .. } = self {
            *holds = true;
        }
    }

    /// The lock is kept on disk: a crashed holder still holds it.
    fn on_crash(&mut self) {}

    fn on_restart(&mut self, _: &mut Ctx<Self>) {}
}

const SERVER: NodeId = NodeId(0);
const C2: NodeId = NodeId(2);

fn parts() -> Sim<Member> {
    let members = vec![
        Member::Server,
        Member::Client { n: 1, holds: false },
        Member::Client { n: 2, holds: false },
    ];
    let mut sim = Sim::new(
        SimConfig {
            seed: 1,
            network: NetworkConfig::default(),
        },
        members,
    );
    sim.run_until(0, u64::MAX);
    sim
}

/// The skip records of the last act, as `(action, reason)`.
fn skips(sim: &Sim<Member>) -> Vec<(String, String)> {
    sim.last_records()
        .iter()
        .filter_map(|r| match &r.kind {
            RecordKind::Skip { action, reason } => Some((action.clone(), reason.clone())),
            _ => None,
        })
        .collect()
}

fn skip(action: &str, reason: &str) -> Vec<(String, String)> {
    vec![(action.to_owned(), reason.to_owned())]
}

#[test]
fn roles_resolve_when_the_action_applies() {
    let mut sim = parts();
    assert_eq!(sim.resolve(Target::Role(Part::Server)), Some(SERVER));
    assert_eq!(sim.resolve(Target::Role(Part::Client(2))), Some(C2));

    sim.act(Action::Request(Target::Role(Part::Holder), Grab));
    assert_eq!(
        skips(&sim),
        skip(
            "client request Grab to the holder",
            "no node is the holder right now"
        )
    );

    sim.act(Action::Request(Target::Role(Part::Client(2)), Grab));
    assert_eq!(sim.node(C2), &Member::Client { n: 2, holds: true });
    assert_eq!(sim.resolve(Target::Role(Part::Holder)), Some(C2));

    sim.act(Action::Crash(Target::Role(Part::Holder)));
    assert_eq!(sim.status(C2), NodeStatus::Crashed);
    assert!(skips(&sim).is_empty());

    // The holder is down now, so nobody is the holder.
    sim.act(Action::Crash(Target::Role(Part::Holder)));
    assert_eq!(
        skips(&sim),
        skip("crash the holder", "no node is the holder right now")
    );
}

#[test]
fn a_role_that_names_nobody_in_the_cluster_is_skipped() {
    let mut sim = parts();
    sim.act(Action::Restart(Target::Role(Part::Client(9))));
    assert_eq!(
        skips(&sim),
        skip("restart client 9", "no node is client 9 right now")
    );
    sim.act(Action::Isolate(Target::Role(Part::Ghost)));
    assert_eq!(
        skips(&sim),
        skip("isolate the ghost", "no node is the ghost right now")
    );
    assert_eq!(sim.resolve(Target::Role(Part::Ghost)), None);
}
