//! One member of a lock cluster: a client, a lock server (Redis or
//! ZooKeeper) or the storage node, behind the engine's one actor type.

use std::sync::Arc;

use super::checker::LockChecker;
use super::client::Client;
use super::messages::{LockMsg, LockObs, LockTimer};
use super::notes::LockNote;
use super::redis::Redis;
use super::spec::{LockAlias, LockSpec, Service};
use super::storage::Storage;
use super::zk::Zk;
use super::{server_id, storage_id};
use crate::sim::{Actor, Ctx, NodeId, NodeStatus};

/// What a request asks of a client.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ask {
    Acquire,
    Release,
}

#[derive(Clone, Debug)]
pub struct LockNode {
    pub spec: Arc<LockSpec>,
    pub part: Part,
}

/// The part a member plays.
#[derive(Clone, Debug)]
pub enum Part {
    Client(Client),
    Redis(Redis),
    Zk(Zk),
    Storage(Storage),
}

impl LockNode {
    /// The members in the order the README gives: clients, lock servers, storage.
    pub fn cluster(spec: &LockSpec) -> Vec<LockNode> {
        let spec = Arc::new(spec.clone());
        let node = |part| LockNode {
            spec: spec.clone(),
            part,
        };
        let clients = (0..spec.clients).map(|_| node(Part::Client(Client::new())));
        let servers = (0..spec.service.servers()).map(|i| match spec.service {
            Service::ZooKeeper(_) => node(Part::Zk(Zk::default())),
            _ => node(Part::Redis(Redis::new(i as u8 + 1))),
        });
        let storage = std::iter::once(node(Part::Storage(Storage::default())));
        clients.chain(servers).chain(storage).collect()
    }

    pub fn client(&self) -> Option<&Client> {
        match &self.part {
            Part::Client(c) => Some(c),
            _ => None,
        }
    }

    pub fn storage(&self) -> Option<&Storage> {
        match &self.part {
            Part::Storage(s) => Some(s),
            _ => None,
        }
    }
}

impl Actor for LockNode {
    type Msg = LockMsg;
    type Timer = LockTimer;
    type Request = Ask;
    type Obs = LockObs;
    type Note = LockNote;
    type Checker = LockChecker;
    type Alias = LockAlias;

    fn on_start(&mut self, ctx: &mut Ctx<Self>) {
        if let Part::Client(c) = &mut self.part {
            c.on_start(&self.spec, ctx);
        }
    }

    fn on_message(&mut self, ctx: &mut Ctx<Self>, from: NodeId, msg: LockMsg) {
        let LockNode { spec, part } = self;
        match part {
            Part::Client(c) => c.on_message(spec, ctx, from, msg),
            Part::Redis(r) => r.on_message(spec, ctx, from, msg),
            Part::Zk(z) => z.on_message(spec, ctx, from, msg),
            Part::Storage(s) => s.on_message(spec, ctx, from, msg),
        }
    }

    fn on_timer(&mut self, ctx: &mut Ctx<Self>, timer: LockTimer) {
        let LockNode { spec, part } = self;
        match (part, timer) {
            (Part::Client(c), timer) => c.on_timer(spec, ctx, timer),
            (Part::Redis(r), LockTimer::Expiry) => r.on_timer(ctx),
            (Part::Zk(z), LockTimer::Session(client)) => z.on_session_timeout(ctx, client),
            _ => {}
        }
    }

    fn on_request(&mut self, ctx: &mut Ctx<Self>, ask: Ask) {
        let LockNode { spec, part } = self;
        match part {
            Part::Client(c) => c.on_request(spec, ctx, ask),
            _ => ctx.turn_away(LockNote::NotAClient { me: ctx.me() }),
        }
    }

    /// Clients lose everything; Redis loses its key unless it persists;
    /// ZooKeeper (an ensemble) and storage keep their data.
    fn on_crash(&mut self) {
        let LockNode { spec, part } = self;
        match part {
            Part::Client(c) => c.on_crash(),
            Part::Redis(r) => r.on_crash(spec),
            Part::Zk(_) | Part::Storage(_) => {}
        }
    }

    fn on_restart(&mut self, ctx: &mut Ctx<Self>) {
        let LockNode { spec, part } = self;
        match part {
            Part::Client(c) => c.on_restart(spec, ctx),
            Part::Redis(r) => r.on_restart(spec, ctx),
            Part::Zk(z) => z.on_restart(spec, ctx),
            Part::Storage(_) => ctx.explain(LockNote::StorageRestarts { me: ctx.me() }),
        }
    }

    fn resolve_alias(nodes: &[Self], _: &[NodeStatus], role: LockAlias) -> Option<NodeId> {
        let spec = &nodes.first()?.spec;
        match role {
            LockAlias::Client(n) => (1..=spec.clients)
                .contains(&(n as usize))
                .then(|| NodeId(n - 1)),
            LockAlias::Server(n) => (1..=spec.service.servers())
                .contains(&(n as usize))
                .then(|| server_id(spec, n as usize - 1)),
            LockAlias::Storage => Some(storage_id(spec)),
            LockAlias::Holder => holder(nodes),
        }
    }

    fn label(nodes: &[Self], id: NodeId) -> String {
        match &nodes[id.index()].part {
            Part::Client(_) => format!("C{}", id.number()),
            Part::Redis(r) => format!("R{}", r.index),
            Part::Zk(_) => "ZK".into(),
            Part::Storage(_) => "ST".into(),
        }
    }
}

/// The client the lock service records as holder: R1's key, the key a
/// majority of Redlock masters hold, or the owner of ZooKeeper's lowest node.
pub fn holder(nodes: &[LockNode]) -> Option<NodeId> {
    let mut votes = std::collections::BTreeMap::<NodeId, usize>::new();
    let mut servers = 0;
    for node in nodes {
        match &node.part {
            Part::Redis(r) => {
                servers += 1;
                if let Some(key) = r.key {
                    *votes.entry(key.client).or_default() += 1;
                }
            }
            Part::Zk(z) => return z.holder.and_then(|s| z.nodes.get(&s)).map(|n| n.owner),
            _ => {}
        }
    }
    votes
        .into_iter()
        .find(|(_, v)| *v > servers / 2)
        .map(|(c, _)| c)
}
