//! The load generator LG: requests at a rate, Poisson or evenly spaced,
//! each with a cost and, with `keys: K`, a key from 1 to K.

use std::sync::Arc;

use super::members::BALANCER;
use super::messages::{BalanceMsg, BalanceTimer};
use super::node::Ctx;
use super::notes::BalanceNote;
use super::spec::{Arrivals, BalanceSpec};

#[derive(Clone, Debug, PartialEq)]
pub struct Generator {
    cfg: Arc<BalanceSpec>,
    pub rate_per_s: u32,
    /// The last request's number; kept across a crash, so numbers are
    /// never reused.
    pub sent: u64,
}

impl Generator {
    pub fn new(cfg: Arc<BalanceSpec>) -> Generator {
        Generator {
            rate_per_s: cfg.load.rate_per_s,
            sent: 0,
            cfg,
        }
    }

    /// The settings it was built from.
    pub fn config(&self) -> &BalanceSpec {
        &self.cfg
    }

    /// Arms the next arrival, drawn for the current rate.
    pub fn schedule(&mut self, ctx: &mut Ctx) {
        if self.rate_per_s == 0 {
            ctx.cancel_timer(BalanceTimer::Arrival);
            return;
        }
        let mean_us = 1_000_000.0 / f64::from(self.rate_per_s);
        let gap = match self.cfg.load.arrivals {
            Arrivals::Fixed => mean_us,
            Arrivals::Poisson => {
                let u = ctx.random_range(1, 1 << 53) as f64 / (1u64 << 53) as f64;
                -u.ln() * mean_us
            }
        };
        ctx.set_timer(BalanceTimer::Arrival, (gap as u64).max(1));
    }

    /// Sends one request to the balancer and arms the next.
    pub fn arrive(&mut self, ctx: &mut Ctx) {
        self.sent += 1;
        let req = self.sent;
        let (lo, hi) = (
            self.cfg.load.cost_ms.0 * 1000,
            self.cfg.load.cost_ms.1 * 1000,
        );
        let cost_us = ctx.random_range(lo, hi);
        let keys = self.cfg.load.keys;
        let key = (keys > 0).then(|| ctx.random_range(1, u64::from(keys)) as u32);
        ctx.explain(BalanceNote::Sends { req, cost_us });
        ctx.send(BALANCER, BalanceMsg::Request { req, key, cost_us });
        self.schedule(ctx);
    }

    pub fn set_rate(&mut self, ctx: &mut Ctx, rate: u32) {
        self.rate_per_s = rate;
        ctx.explain(BalanceNote::NewRate { rate });
        self.schedule(ctx);
    }
}
