//! Clusters far larger than Raft's usual five: every node talks to every
//! other, and node ids near the top of their range behave like the rest.

use serde::Serialize;

use super::{Never, NoChecks};
use crate::sim::*;

#[derive(Clone, Debug, Serialize)]
#[serde(tag = "msg")]
enum Msg {
    Ping,
    Pong,
}

impl Message for Msg {
    fn name(&self) -> &'static str {
        match self {
            Msg::Ping => "Ping",
            Msg::Pong => "Pong",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
enum NoTimer {}

super::debug_words!(NoTimer);

/// Pings every peer at start and when asked; answers every ping.
#[derive(Clone, Debug, Default)]
struct Peer {
    pings_from: Vec<NodeId>,
    pongs_from: Vec<NodeId>,
}

impl Peer {
    fn ping_everyone(ctx: &mut Ctx<Self>) {
        for peer in ctx.peers().collect::<Vec<_>>() {
            ctx.send(peer, Msg::Ping);
        }
    }
}

impl Actor for Peer {
    type Msg = Msg;
    type Timer = NoTimer;
    type Request = ();
    type Obs = Never;
    type Note = super::Said;
    type Checker = NoChecks;
    type Alias = NoAlias;

    fn on_start(&mut self, ctx: &mut Ctx<Self>) {
        Self::ping_everyone(ctx);
    }

    fn on_message(&mut self, ctx: &mut Ctx<Self>, from: NodeId, msg: Msg) {
        match msg {
            Msg::Ping => {
                self.pings_from.push(from);
                ctx.send(from, Msg::Pong);
            }
            Msg::Pong => self.pongs_from.push(from),
        }
    }

    fn on_timer(&mut self, _: &mut Ctx<Self>, timer: NoTimer) {
        match timer {}
    }

    fn on_request(&mut self, ctx: &mut Ctx<Self>, _: ()) {
        Self::ping_everyone(ctx);
    }

    fn on_crash(&mut self) {}

    fn on_restart(&mut self, _: &mut Ctx<Self>) {}
}

fn cluster(n: usize) -> Sim<Peer> {
    let network = NetworkConfig {
        latency: Latency::uniform_ms(1, 20),
        ..NetworkConfig::default()
    };
    Sim::new(SimConfig { seed: 64, network }, vec![Peer::default(); n])
}

fn sorted(mut ids: Vec<NodeId>) -> Vec<NodeId> {
    ids.sort();
    ids
}

#[test]
fn sixty_four_nodes_ping_every_peer_and_every_message_arrives() {
    const N: usize = 64;
    let mut sim = cluster(N);
    sim.run_until(ms(100), u64::MAX);
    assert_eq!(sim.in_flight().count(), 0);
    // One start per node, then a ping and a pong per ordered pair.
    assert_eq!(sim.events_processed(), (N + 2 * N * (N - 1)) as u64);
    for id in NodeId::all(N) {
        let others: Vec<NodeId> = NodeId::all(N).filter(|&o| o != id).collect();
        let node = sim.node(id);
        assert_eq!(sorted(node.pings_from.clone()), others, "pings to {id}");
        assert_eq!(sorted(node.pongs_from.clone()), others, "pongs to {id}");
    }

    let last = NodeId(63);
    assert_eq!(sim.label(last), "S64");
    sim.act(Action::Isolate(Target::Node(last)));
    assert!(sim.is_isolated(last));
    sim.act(Action::Request(Target::Node(NodeId(0)), ()));
    sim.run_until(ms(200), u64::MAX);
    assert_eq!(
        sim.node(last).pings_from.len(),
        N - 1,
        "S64 hears nothing new"
    );
    assert_eq!(sim.node(NodeId(1)).pings_from.len(), N, "S2 hears S1 again");
    assert_eq!(sim.node(NodeId(0)).pongs_from.len(), 2 * (N - 1) - 1);
}

#[test]
#[should_panic(expected = "a cluster has at most 256 nodes, not 257")]
fn more_nodes_than_ids_is_refused() {
    cluster(MAX_IDS + 1);
}
