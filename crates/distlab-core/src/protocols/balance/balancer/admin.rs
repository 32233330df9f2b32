//! The balancer's housekeeping: active health checks, and the changes a
//! person makes to it (the algorithm, the pool).

use super::LoadBalancer;
use crate::protocols::balance::members::{server_index, server_node};
use crate::protocols::balance::messages::{BalanceMsg, BalanceTimer};
use crate::protocols::balance::node::Ctx;
use crate::protocols::balance::notes::BalanceNote;
use crate::protocols::balance::spec::Algorithm;
use crate::sim::NodeId;

impl LoadBalancer {
    pub(super) fn health_round(&mut self, ctx: &mut Ctx) {
        let Some(h) = self.cfg.health else { return };
        for i in 0..self.peers.len() {
            if !self.peers[i].in_pool {
                continue;
            }
            if self.peers[i].probing {
                self.verdict(ctx, i, false);
            }
            self.peers[i].probing = true;
            ctx.send(server_node(i), BalanceMsg::Probe);
        }
        ctx.set_timer(BalanceTimer::Health, h.interval_ms * 1000);
    }

    pub(super) fn probed(&mut self, ctx: &mut Ctx, from: NodeId, healthy: bool) {
        let Some(i) = server_index(from) else {
            return;
        };
        if let Some(p) = self.peers.get_mut(i) {
            p.probing = false;
        }
        self.verdict(ctx, i, healthy);
    }

    fn verdict(&mut self, ctx: &mut Ctx, i: usize, ok: bool) {
        let (Some(h), Some(p)) = (self.cfg.health, self.peers.get_mut(i)) else {
            return;
        };
        let server = server_node(i);
        match p.probed(ctx.now(), ok, h) {
            Some(true) => ctx.explain(BalanceNote::Healthy {
                server,
                checks: h.healthy_after,
            }),
            Some(false) => ctx.explain(BalanceNote::Unhealthy {
                server,
                checks: h.unhealthy_after,
            }),
            None => {}
        }
    }

    /// `SetAlgorithm`.
    pub fn set_algorithm(&mut self, ctx: &mut Ctx, algorithm: Algorithm) {
        self.algorithm = algorithm;
        ctx.explain(BalanceNote::NewAlgorithm { algorithm });
    }

    /// A server started by `AddServer` asks to join: it enters the pool
    /// (with slow start, if configured) and hears that it has.
    pub(super) fn join(&mut self, ctx: &mut Ctx, from: NodeId, weight: u32) {
        let Some(peer) = server_index(from).and_then(|i| self.peers.get_mut(i)) else {
            return;
        };
        if peer.in_pool {
            ctx.explain(BalanceNote::AlreadyIn { server: from });
        } else {
            peer.in_pool = true;
            peer.weight = weight.max(1);
            peer.since = Some(ctx.now());
            ctx.explain(BalanceNote::Admits {
                server: from,
                weight: peer.weight,
            });
        }
        ctx.send(from, BalanceMsg::Welcome);
    }

    /// `RemoveServer`: no new requests for it; those it holds finish.
    pub fn remove_server(&mut self, ctx: &mut Ctx, server: usize) {
        let Some(p) = self.peers.get_mut(server) else {
            return;
        };
        let server = server_node(server);
        if p.in_pool {
            p.in_pool = false;
            ctx.explain(BalanceNote::Removes { server });
        } else {
            ctx.explain(BalanceNote::AlreadyOut { server });
        }
    }
}
