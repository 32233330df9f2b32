//! How a request ends: a failed attempt counts against its server (and
//! may get it ejected), then is retried elsewhere, within the tries, the
//! back-off and the retry budget, or ends the request; an answer ends it.

use super::LoadBalancer;
use crate::protocols::balance::members::server_node;
use crate::protocols::balance::messages::{BalanceObs, BalanceTimer, Reason, ReqId};
use crate::protocols::balance::node::Ctx;
use crate::protocols::balance::notes::BalanceNote;
use crate::protocols::balance::spec::Bug;

impl LoadBalancer {
    /// An attempt failed: count it against the server, then retry or end.
    pub(super) fn failed(&mut self, ctx: &mut Ctx, req: ReqId, server: usize, why: Reason) {
        let now = ctx.now();
        let ejected = self.peers.iter().filter(|p| p.is_ejected(now)).count();
        let in_pool = self.peers.iter().filter(|p| p.in_pool).count();
        let weight = self.peers[server].weight_now(now, self.cfg.slow_start_ms * 1000);
        self.picker.failed(server, weight);
        if let Some(errors) = self.peers[server].failure(now, self.cfg.outlier, ejected, in_pool) {
            let until = self.peers[server].ejected_until.unwrap_or(now);
            ctx.explain(BalanceNote::Ejects {
                server: server_node(server),
                until_ms: until / 1000,
                errors,
            });
        }
        let Some(open) = self.open.get(&req) else {
            return;
        };
        let Some(r) = self.cfg.retries.filter(|r| open.attempt <= r.max) else {
            let from = server_node(server);
            match (why, self.cfg.retries) {
                (Reason::Error, None) => ctx.explain(BalanceNote::PassesError { from, req }),
                (_, Some(_)) => ctx.explain(BalanceNote::OutOfTries {
                    req,
                    tries: open.attempt,
                }),
                (_, None) => {}
            }
            let end = if why == Reason::Error && self.cfg.retries.is_none() {
                Ok(server)
            } else {
                Err(why)
            };
            self.end_failed(ctx, req, end);
            return;
        };
        let allowed = r.allowed(self.open.len());
        if !open.retrying && self.retrying >= allowed {
            ctx.explain(BalanceNote::OverBudget {
                req,
                out: self.retrying,
            });
            if self.cfg.bugs.contains(&Bug::ForgetBudgetRefusals) {
                self.open.remove(&req);
                return;
            }
            self.end(ctx, req, Err(Reason::Budget));
            return;
        }
        let attempt = open.attempt;
        if let Some(o) = self.open.get_mut(&req) {
            if !o.retrying {
                o.retrying = true;
                self.retrying += 1;
            }
        }
        self.tally.retries += 1;
        let cap = r.backoff_ms.1 * 1000;
        let base = (r.backoff_ms.0 * 1000)
            .saturating_mul(1 << (attempt - 1).min(20))
            .min(cap);
        let delay = if r.jitter && base > 0 {
            ctx.random_range(0, base)
        } else {
            base
        };
        ctx.explain(BalanceNote::WillRetry {
            req,
            why,
            delay_us: delay,
        });
        if delay == 0 {
            self.dispatch(ctx, req);
        } else {
            ctx.set_timer(BalanceTimer::Backoff(req), delay);
        }
    }

    /// An error answer with retries off is an answer; else a rejection.
    fn end_failed(&mut self, ctx: &mut Ctx, req: ReqId, end: Result<usize, Reason>) {
        match end {
            Ok(server) => {
                self.tally.errors += 1;
                self.finish(ctx, req, server, false);
            }
            Err(why) => self.end(ctx, req, Err(why)),
        }
    }

    /// The request ends: answered by a server, or rejected for a reason.
    pub(super) fn end(&mut self, ctx: &mut Ctx, req: ReqId, end: Result<usize, Reason>) {
        match end {
            Ok(server) => {
                self.tally.completed += 1;
                self.finish(ctx, req, server, true);
            }
            Err(why) => {
                if let Some(o) = self.open.remove(&req) {
                    self.retrying -= usize::from(o.retrying);
                }
                self.tally.rejected[why as usize] += 1;
                ctx.observe(BalanceObs::Reject { req, reason: why });
            }
        }
    }

    fn finish(&mut self, ctx: &mut Ctx, req: ReqId, server: usize, ok: bool) {
        let Some(o) = self.open.remove(&req) else {
            return;
        };
        self.retrying -= usize::from(o.retrying);
        let latency_us = ctx.now() - o.arrived;
        self.latencies.add(ctx.now(), latency_us);
        ctx.observe(BalanceObs::Complete {
            req,
            server: server + 1,
            latency_us,
            ok,
        });
    }
}
