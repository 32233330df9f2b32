//! The balancer's housekeeping: active health checks, and the changes a
//! person makes to it (the algorithm, the pool).

use super::LoadBalancer;
use crate::protocols::balance::messages::{BalanceMsg, BalanceTimer};
use crate::protocols::balance::node::Ctx;
use crate::protocols::balance::role::server_node;
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
        let Some(i) = from.index().checked_sub(2) else {
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
        match p.probed(ctx.now(), ok, h) {
            Some(true) => ctx.explain(format_args!(
                "LB marks {} healthy again after {} good checks",
                ctx.label(server_node(i)),
                h.healthy_after
            )),
            Some(false) => ctx.explain(format_args!(
                "LB marks {} unhealthy after {} failed checks",
                ctx.label(server_node(i)),
                h.unhealthy_after
            )),
            None => {}
        }
    }

    /// `SetAlgorithm`, `AddServer`, `RemoveServer`.
    pub fn set_algorithm(&mut self, ctx: &mut Ctx, algorithm: Algorithm) {
        self.algorithm = algorithm;
        ctx.explain(format_args!("LB now picks servers by {}", algorithm.name()));
    }

    pub fn add_server(&mut self, ctx: &mut Ctx, weight: u32) {
        let now = ctx.now();
        match self.peers.iter().position(|p| !p.in_pool) {
            Some(i) => {
                let p = &mut self.peers[i];
                p.in_pool = true;
                p.weight = weight.max(1);
                p.since = Some(now);
                ctx.explain(format_args!(
                    "LB adds {} to the pool with weight {}",
                    ctx.label(server_node(i)),
                    weight.max(1)
                ));
            }
            None => ctx.explain(format_args!(
                "LB cannot add a server: every server is in the pool already"
            )),
        }
    }

    pub fn remove_server(&mut self, ctx: &mut Ctx, server: usize) {
        if let Some(p) = self.peers.get_mut(server) {
            p.in_pool = false;
            ctx.explain(format_args!(
                "LB takes {} out of the pool: it sends it nothing new",
                ctx.label(server_node(server))
            ));
        }
    }
}
