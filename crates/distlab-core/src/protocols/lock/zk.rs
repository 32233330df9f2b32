//! A ZooKeeper-style service `ZK`, one node standing for the ensemble:
//! sessions kept alive by heartbeats, ephemeral sequential lock nodes that
//! vanish with their session, and one-shot watches.

use std::collections::{BTreeMap, BTreeSet};

use super::messages::{LockMsg, LockObs, LockTimer};
use super::notes::LockNote;
use super::spec::{LockSpec, Service};
use super::LockNode;
use crate::sim::{ms, Ctx, NodeId};

#[derive(Clone, Debug, Default)]
pub struct Zk {
    /// The lock's children by sequence number.
    pub nodes: BTreeMap<u64, Znode>,
    next_seq: u64,
    /// Each client's latest session and whether it is still alive.
    pub sessions: BTreeMap<NodeId, (u32, bool)>,
    /// Who watches which node's deletion.
    pub exists_watches: BTreeMap<u64, BTreeSet<NodeId>>,
    /// Who watches the parent's children.
    pub child_watches: BTreeSet<NodeId>,
    /// The lowest node, which holds the lock.
    pub holder: Option<u64>,
}

/// An ephemeral sequential node `lock-<seq>`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Znode {
    pub owner: NodeId,
    pub session: u32,
    pub guid: u64,
}

fn session_timeout(spec: &LockSpec) -> u64 {
    match &spec.service {
        Service::ZooKeeper(z) => ms(z.session_timeout_ms),
        _ => unreachable!("only a ZooKeeper service keeps sessions"),
    }
}

impl Zk {
    /// Whether `session` of `from` is alive; a newer session number opens a
    /// new session, an expired one is told so.
    fn session_ok(
        &mut self,
        spec: &LockSpec,
        ctx: &mut Ctx<LockNode>,
        from: NodeId,
        session: u32,
    ) -> bool {
        match self.sessions.get(&from) {
            Some(&(id, alive)) if id > session || (id == session && !alive) => {
                ctx.explain(LockNote::SessionGone {
                    me: ctx.me(),
                    client: from,
                    session,
                });
                ctx.send(from, LockMsg::SessionExpired { session });
                return false;
            }
            Some(&(id, _)) if id == session => {}
            _ => {
                self.sessions.insert(from, (session, true));
            }
        }
        ctx.set_timer(LockTimer::Session(from), session_timeout(spec));
        true
    }

    pub fn on_message(
        &mut self,
        spec: &LockSpec,
        ctx: &mut Ctx<LockNode>,
        from: NodeId,
        msg: LockMsg,
    ) {
        let me = ctx.me();
        match msg {
            LockMsg::Ping { session } if self.session_ok(spec, ctx, from, session) => {
                ctx.send(from, LockMsg::Pong);
            }
            LockMsg::Create { session, guid } => {
                if !self.session_ok(spec, ctx, from, session) {
                    return;
                }
                self.next_seq += 1;
                let seq = self.next_seq;
                self.nodes.insert(
                    seq,
                    Znode {
                        owner: from,
                        session,
                        guid,
                    },
                );
                ctx.explain(LockNote::CreatesZnode {
                    me,
                    client: from,
                    seq,
                });
                ctx.send(from, LockMsg::Created { seq, guid });
                self.notify_children(ctx);
                self.update_holder(ctx);
            }
            LockMsg::GetChildren { session, watch } => {
                if !self.session_ok(spec, ctx, from, session) {
                    return;
                }
                if watch {
                    self.child_watches.insert(from);
                }
                let nodes = self
                    .nodes
                    .iter()
                    .map(|(s, n)| (*s, n.owner, n.guid))
                    .collect();
                ctx.send(from, LockMsg::Children { nodes });
            }
            LockMsg::Exists { session, seq } => {
                if !self.session_ok(spec, ctx, from, session) {
                    return;
                }
                let exists = self.nodes.contains_key(&seq);
                if exists {
                    self.exists_watches.entry(seq).or_default().insert(from);
                    ctx.explain(LockNote::SetsWatch {
                        me,
                        client: from,
                        seq,
                    });
                }
                ctx.send(from, LockMsg::ExistsReply { seq, exists });
            }
            LockMsg::Delete { session, seq } => {
                if !self.session_ok(spec, ctx, from, session) {
                    return;
                }
                if self.nodes.get(&seq).is_some_and(|n| n.owner == from) {
                    self.nodes.remove(&seq);
                    ctx.explain(LockNote::DeletesZnode {
                        me,
                        client: from,
                        seq,
                    });
                    self.deleted(ctx, seq);
                }
            }
            _ => {}
        }
    }

    /// A session timed out: its ephemeral nodes go, and their watchers hear.
    pub fn on_session_timeout(&mut self, ctx: &mut Ctx<LockNode>, client: NodeId) {
        let Some((session, alive)) = self.sessions.get_mut(&client) else {
            return;
        };
        if !*alive {
            return;
        }
        *alive = false;
        let session = *session;
        let gone: Vec<u64> = self
            .nodes
            .iter()
            .filter(|(_, n)| n.owner == client && n.session == session)
            .map(|(s, _)| *s)
            .collect();
        ctx.explain(LockNote::SessionExpires {
            me: ctx.me(),
            client,
            nodes: gone.len(),
        });
        ctx.observe(LockObs::Expire {
            server: 1,
            by: ctx.me(),
            client,
            token: gone.first().copied(),
        });
        for seq in gone {
            self.nodes.remove(&seq);
            self.deleted(ctx, seq);
        }
    }

    fn deleted(&mut self, ctx: &mut Ctx<LockNode>, seq: u64) {
        for watcher in self.exists_watches.remove(&seq).unwrap_or_default() {
            ctx.send(watcher, LockMsg::NodeDeleted { seq });
        }
        self.notify_children(ctx);
        self.update_holder(ctx);
    }

    fn notify_children(&mut self, ctx: &mut Ctx<LockNode>) {
        for watcher in std::mem::take(&mut self.child_watches) {
            ctx.send(watcher, LockMsg::ChildrenChanged);
        }
    }

    /// The lowest node holds the lock; a new lowest node is a grant.
    fn update_holder(&mut self, ctx: &mut Ctx<LockNode>) {
        let lowest = self.nodes.first_key_value().map(|(s, n)| (*s, n.owner));
        if lowest.map(|l| l.0) != self.holder {
            self.holder = lowest.map(|l| l.0);
            if let Some((seq, owner)) = lowest {
                ctx.observe(LockObs::Grant {
                    server: 1,
                    by: ctx.me(),
                    client: owner,
                    token: Some(seq),
                });
            }
        }
    }

    /// The ensemble keeps its data; session clocks start afresh.
    pub fn on_restart(&mut self, spec: &LockSpec, ctx: &mut Ctx<LockNode>) {
        ctx.explain(LockNote::ZkRestarts { me: ctx.me() });
        for (client, (_, alive)) in &self.sessions {
            if *alive {
                ctx.set_timer(LockTimer::Session(*client), session_timeout(spec));
            }
        }
    }
}
