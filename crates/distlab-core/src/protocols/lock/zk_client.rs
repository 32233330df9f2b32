//! The client's side of the ZooKeeper lock recipe: create `lock-`
//! EPHEMERAL_SEQUENTIAL, list the children, hold the lock when its node is
//! the lowest, else watch the next lower node (or, with `watch: Parent`,
//! the whole parent) and look again when the watch fires.

use super::client::{Client, Phase};
use super::messages::{LockMsg, LockObs, LockTimer};
use super::notes::LockNote;
use super::spec::{LockSpec, Service, Watch, ZkSpec};
use super::{server_id, LockNode};
use crate::sim::{ms, Ctx, NodeId};

fn zk_of(spec: &LockSpec) -> Option<&ZkSpec> {
    match &spec.service {
        Service::ZooKeeper(z) => Some(z),
        _ => None,
    }
}

/// Whether `msg` answers one of this client's requests: the service
/// renewed the session when the request arrived, as it does for a
/// heartbeat. (A watch's notice is no answer, and an expiry notice ends
/// the session.)
fn zk_answered(msg: &LockMsg) -> bool {
    matches!(
        msg,
        LockMsg::Pong
            | LockMsg::Created { .. }
            | LockMsg::Children { .. }
            | LockMsg::ExistsReply { .. }
    )
}

impl Client {
    pub(super) fn ping(&self, spec: &LockSpec, ctx: &mut Ctx<LockNode>) {
        let to = server_id(spec, 0);
        ctx.send(
            to,
            LockMsg::Ping {
                session: self.session,
            },
        );
    }

    pub(super) fn create(&mut self, spec: &LockSpec, zk: &ZkSpec, ctx: &mut Ctx<LockNode>) {
        self.req += 1;
        let to = server_id(spec, 0);
        ctx.send(
            to,
            LockMsg::Create {
                session: self.session,
                guid: self.guid,
            },
        );
        ctx.set_timer(LockTimer::Request(self.req), ms(zk.request_timeout_ms));
    }

    fn get_children(&self, spec: &LockSpec, zk: &ZkSpec, ctx: &mut Ctx<LockNode>) {
        let watch = zk.watch == Watch::Parent;
        let to = server_id(spec, 0);
        ctx.send(
            to,
            LockMsg::GetChildren {
                session: self.session,
                watch,
            },
        );
    }

    /// No answer to a create: the node may exist without the client
    /// knowing (its reply was lost).
    pub(super) fn create_timed_out(
        &mut self,
        spec: &LockSpec,
        zk: &ZkSpec,
        ctx: &mut Ctx<LockNode>,
    ) {
        let me = ctx.me();
        if zk.find_orphans {
            ctx.explain(LockNote::ListsForOrphan { me });
            self.req += 1;
            let to = server_id(spec, 0);
            ctx.send(
                to,
                LockMsg::GetChildren {
                    session: self.session,
                    watch: false,
                },
            );
            ctx.set_timer(LockTimer::Request(self.req), ms(zk.request_timeout_ms));
        } else {
            ctx.explain(LockNote::CreatesAgain { me });
            self.guid = ctx.random_range(1, u64::from(u32::MAX));
            self.create(spec, zk, ctx);
        }
    }

    pub(super) fn on_zk_message(&mut self, spec: &LockSpec, ctx: &mut Ctx<LockNode>, msg: LockMsg) {
        let Some(zk) = zk_of(spec) else { return };
        let me = ctx.me();
        let asking = matches!(self.phase, Phase::Acquiring | Phase::Waiting);
        if zk_answered(&msg) {
            self.heard_at = Some(ctx.local_now());
        }
        match msg {
            // An answer to a create made under another GUID, one the client
            // gave up on: that node is an orphan, not the client's node.
            LockMsg::Created { guid, .. } if guid != self.guid => {
                ctx.explain(LockNote::IgnoresLateAnswer {
                    me,
                    from: server_id(spec, 0),
                });
            }
            LockMsg::Created { seq, .. } if asking && self.node.is_none() => {
                ctx.cancel_timer(LockTimer::Request(self.req));
                self.node = Some(seq);
                ctx.explain(LockNote::NodeIs { me, seq });
                self.get_children(spec, zk, ctx);
            }
            LockMsg::Children { nodes } if asking => self.on_children(spec, zk, ctx, &nodes),
            LockMsg::ExistsReply { seq, exists: false } if self.watching == Some(seq) => {
                ctx.explain(LockNote::AlreadyGone { me, seq });
                self.get_children(spec, zk, ctx);
            }
            LockMsg::NodeDeleted { seq }
                if self.phase == Phase::Waiting && self.watching == Some(seq) =>
            {
                self.wakes += 1;
                ctx.observe(LockObs::Wake { client: me });
                ctx.explain(LockNote::WatchFires { me, seq });
                self.get_children(spec, zk, ctx);
            }
            LockMsg::ChildrenChanged if self.phase == Phase::Waiting => {
                self.wakes += 1;
                ctx.observe(LockObs::Wake { client: me });
                ctx.explain(LockNote::WokenByChildren { me });
                self.get_children(spec, zk, ctx);
            }
            LockMsg::SessionExpired { session } if session == self.session => {
                self.session += 1;
                self.node = None;
                ctx.explain(LockNote::LearnsSessionExpired {
                    me,
                    session: self.session,
                });
                self.ping(spec, ctx);
                if self.holds() {
                    self.release(spec, ctx);
                } else if asking {
                    self.acquire(spec, ctx);
                }
            }
            _ => {}
        }
    }

    fn on_children(
        &mut self,
        spec: &LockSpec,
        zk: &ZkSpec,
        ctx: &mut Ctx<LockNode>,
        nodes: &[(u64, NodeId, u64)],
    ) {
        let me = ctx.me();
        let Some(mine) = self.node else {
            if !zk.find_orphans {
                return;
            }
            ctx.cancel_timer(LockTimer::Request(self.req));
            let found = nodes
                .iter()
                .find(|(_, owner, guid)| *owner == me && *guid == self.guid);
            match found {
                Some(&(seq, _, _)) => {
                    ctx.explain(LockNote::FindsOwnNode { me, seq });
                    self.node = Some(seq);
                    self.on_children(spec, zk, ctx, nodes);
                }
                None => self.create(spec, zk, ctx),
            }
            return;
        };
        if !nodes.iter().any(|n| n.0 == mine) {
            ctx.explain(LockNote::NodeGone { me, seq: mine });
            self.acquire(spec, ctx);
            return;
        }
        if nodes.first().is_some_and(|n| n.0 == mine) {
            ctx.cancel_timer(LockTimer::Request(self.req));
            ctx.explain(LockNote::LowestHolds { me, seq: mine });
            self.watching = None;
            self.hold(spec, ctx, Some(mine));
            return;
        }
        self.phase = Phase::Waiting;
        match zk.watch {
            Watch::Predecessor => {
                let pred = nodes.iter().map(|n| n.0).filter(|s| *s < mine).max();
                self.watching = pred;
                if let Some(pred) = pred {
                    ctx.explain(LockNote::WaitsBehind { me, pred });
                    let to = server_id(spec, 0);
                    ctx.send(
                        to,
                        LockMsg::Exists {
                            session: self.session,
                            seq: pred,
                        },
                    );
                }
            }
            Watch::Parent => {
                ctx.explain(LockNote::WatchesParent { me });
            }
        }
    }
}
