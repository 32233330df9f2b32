//! The balancer LB: takes requests from the generator, picks a server by
//! the current algorithm, and sees every request to its end: an answer, a
//! retry elsewhere, or a rejection with a reason.

mod admin;

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::sync::Arc;

use super::algo::{Pick, Picker};
use super::messages::{reason, BalanceMsg, BalanceObs, BalanceTimer, ReqId};
use super::metrics::Latencies;
use super::node::Ctx;
use super::pool::{pool, PeerState};
use super::role::server_node;
use super::spec::{Algorithm, BalanceSpec, Bug, MAX_SERVERS};
use crate::sim::{NodeId, SimTime};

/// How long request numbers are remembered, so that a duplicated request
/// is not served twice.
const REMEMBER_US: SimTime = 2_000_000;
/// How many recent picks the strip shows.
pub const RECENT: usize = 48;

/// A request the balancer has taken and not yet ended.
#[derive(Clone, Debug, PartialEq)]
struct Open {
    key: Option<u32>,
    cost_us: u64,
    arrived: SimTime,
    attempt: u32,
    server: Option<usize>,
    tried: u32,
    retrying: bool,
}

/// The latest decision, for the "why this pick" panel.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LastPick {
    pub req: ReqId,
    pub key: Option<u32>,
    pub algorithm: Algorithm,
    pub pick: Pick,
}

/// Counts since the run began.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tally {
    pub arrived: u64,
    pub completed: u64,
    pub errors: u64,
    pub rejected: BTreeMap<&'static str, u64>,
    pub retries: u64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LoadBalancer {
    cfg: Arc<BalanceSpec>,
    pub algorithm: Algorithm,
    picker: Picker,
    pub peers: Vec<PeerState>,
    open: BTreeMap<ReqId, Open>,
    seen: BTreeSet<ReqId>,
    seen_order: VecDeque<(SimTime, ReqId)>,
    retrying: usize,
    pub tally: Tally,
    pub latencies: Latencies,
    pub last: Option<LastPick>,
    pub recent: VecDeque<u8>,
}

impl LoadBalancer {
    pub fn new(cfg: Arc<BalanceSpec>) -> LoadBalancer {
        LoadBalancer {
            algorithm: cfg.algorithm,
            picker: Picker::default(),
            peers: pool(&cfg),
            open: BTreeMap::new(),
            seen: BTreeSet::new(),
            seen_order: VecDeque::new(),
            retrying: 0,
            tally: Tally::default(),
            latencies: Latencies::default(),
            last: None,
            recent: VecDeque::new(),
            cfg,
        }
    }

    /// Requests taken and not yet ended.
    pub fn open_requests(&self) -> usize {
        self.open.len()
    }

    pub fn config(&self) -> &BalanceSpec {
        &self.cfg
    }

    pub fn start(&mut self, ctx: &mut Ctx) {
        if let Some(h) = self.cfg.health {
            ctx.set_timer(BalanceTimer::Health, h.interval_ms * 1000);
        }
    }

    /// A crash loses every request in hand and what was learnt of servers.
    pub fn crash(&mut self) {
        self.open.clear();
        self.seen.clear();
        self.seen_order.clear();
        self.retrying = 0;
        self.picker = Picker::default();
        self.peers = pool(&self.cfg);
        self.last = None;
    }

    pub fn on_message(&mut self, ctx: &mut Ctx, from: NodeId, msg: BalanceMsg) {
        match msg {
            BalanceMsg::Request { req, key, cost_us } => self.arrive(ctx, req, key, cost_us),
            BalanceMsg::Reply {
                req,
                attempt,
                ok,
                reason,
            } => self.reply(ctx, from, req, attempt, ok, reason),
            BalanceMsg::ProbeReply { healthy } => self.probed(ctx, from, healthy),
            BalanceMsg::Work { .. } | BalanceMsg::Probe => {}
        }
    }

    pub fn on_timer(&mut self, ctx: &mut Ctx, timer: BalanceTimer) {
        match timer {
            BalanceTimer::Deadline(req) => self.timed_out(ctx, req),
            BalanceTimer::Backoff(req) => self.dispatch(ctx, req),
            BalanceTimer::Health => self.health_round(ctx),
            BalanceTimer::Arrival | BalanceTimer::Done { .. } => {}
        }
    }

    fn arrive(&mut self, ctx: &mut Ctx, req: ReqId, key: Option<u32>, cost_us: u64) {
        let now = ctx.now();
        while self
            .seen_order
            .front()
            .is_some_and(|&(t, _)| t + REMEMBER_US < now)
        {
            if let Some((_, old)) = self.seen_order.pop_front() {
                self.seen.remove(&old);
            }
        }
        if !self.seen.insert(req) {
            ctx.explain(format_args!(
                "LB ignores a second copy of request #{req}: it already has it"
            ));
            return;
        }
        self.seen_order.push_back((now, req));
        self.tally.arrived += 1;
        self.open.insert(
            req,
            Open {
                key,
                cost_us,
                arrived: now,
                attempt: 0,
                server: None,
                tried: 0,
                retrying: false,
            },
        );
        self.dispatch(ctx, req);
    }

    /// Picks a server for the request's next attempt and sends it there.
    fn dispatch(&mut self, ctx: &mut Ctx, req: ReqId) {
        let now = ctx.now();
        let Some(open) = self.open.get(&req) else {
            return;
        };
        let slow = self.cfg.slow_start_ms * 1000;
        let eligible = self
            .peers
            .iter()
            .enumerate()
            .filter(|(_, p)| p.eligible(now))
            .fold(0u32, |m, (i, _)| m | (1 << i));
        // A retry goes to a server it has not tried, if there is one.
        let untried = eligible & !open.tried;
        let members = if untried != 0 { untried } else { eligible };
        let mut peers = [Default::default(); MAX_SERVERS];
        for (i, p) in self.peers.iter().enumerate() {
            peers[i] = p.peer(now, slow);
        }
        let key = u64::from(open.key.unwrap_or(req as u32));
        let algorithm = self.algorithm;
        let mut draw = |lo, hi| ctx.random_range(lo, hi);
        let Some(pick) = self.picker.pick(algorithm, members, &peers, key, &mut draw) else {
            ctx.explain(format_args!(
                "LB has no server to send request #{req} to: none is in the pool, healthy and not ejected"
            ));
            self.end(ctx, req, Err(reason::NO_SERVER));
            return;
        };
        let Some(open) = self.open.get_mut(&req) else {
            return;
        };
        open.attempt += 1;
        open.server = Some(pick.server);
        open.tried |= 1 << pick.server;
        let (attempt, key, cost_us) = (open.attempt, open.key, open.cost_us);
        let peer = &mut self.peers[pick.server];
        peer.active += 1;
        peer.dispatched += 1;
        self.last = Some(LastPick {
            req,
            key,
            algorithm,
            pick,
        });
        if self.recent.len() == RECENT {
            self.recent.pop_front();
        }
        self.recent.push_back(pick.server as u8);
        let to = server_node(pick.server);
        ctx.explain(format_args!(
            "LB sends request #{req} to {} by {}: {}",
            ctx.label(to),
            algorithm.name(),
            super::explain::WhyText(&pick)
        ));
        let reason = if attempt > 1 {
            "retry"
        } else {
            algorithm.name()
        };
        ctx.observe(BalanceObs::Dispatch {
            req,
            server: pick.server + 1,
            key,
            attempt,
            reason,
        });
        ctx.send(
            to,
            BalanceMsg::Work {
                req,
                key,
                cost_us,
                attempt,
            },
        );
        ctx.set_timer(
            BalanceTimer::Deadline(req),
            self.cfg.request_timeout_ms * 1000,
        );
    }

    fn reply(
        &mut self,
        ctx: &mut Ctx,
        from: NodeId,
        req: ReqId,
        attempt: u32,
        ok: bool,
        why: &'static str,
    ) {
        let Some(server) = from.index().checked_sub(2) else {
            return;
        };
        let current = self
            .open
            .get(&req)
            .is_some_and(|o| o.attempt == attempt && o.server == Some(server));
        if !current {
            if self.cfg.bugs.contains(&Bug::CountLateReplies) && ok {
                ctx.observe(BalanceObs::Complete {
                    req,
                    server: server + 1,
                    latency_us: 0,
                    ok,
                });
            }
            ctx.explain(format_args!(
                "LB ignores {}'s late answer to request #{req}: that attempt already ended",
                ctx.label(from)
            ));
            return;
        }
        ctx.cancel_timer(BalanceTimer::Deadline(req));
        let now = ctx.now();
        let peer = &mut self.peers[server];
        peer.active = peer.active.saturating_sub(1);
        if ok {
            peer.succeeded();
            let arrived = self.open.get(&req).map_or(now, |o| o.arrived);
            peer.sample(now, now - arrived);
            ctx.explain(format_args!(
                "LB passes {}'s answer to request #{req} back to the client",
                ctx.label(from)
            ));
            self.end(ctx, req, Ok(server));
        } else {
            self.failed(ctx, req, server, why);
        }
    }

    fn timed_out(&mut self, ctx: &mut Ctx, req: ReqId) {
        let Some(server) = self.open.get(&req).and_then(|o| o.server) else {
            return;
        };
        let peer = &mut self.peers[server];
        peer.active = peer.active.saturating_sub(1);
        ctx.explain(format_args!(
            "LB gives up waiting for {} on request #{req} after {} ms",
            ctx.label(server_node(server)),
            self.cfg.request_timeout_ms
        ));
        self.failed(ctx, req, server, reason::TIMEOUT);
    }

    /// An attempt failed: count it against the server, then retry or end.
    fn failed(&mut self, ctx: &mut Ctx, req: ReqId, server: usize, why: &'static str) {
        let now = ctx.now();
        let ejected = self.peers.iter().filter(|p| p.is_ejected(now)).count();
        let in_pool = self.peers.iter().filter(|p| p.in_pool).count();
        let weight = self.peers[server].weight_now(now, self.cfg.slow_start_ms * 1000);
        self.picker.failed(server, weight);
        if self.peers[server].failure(now, self.cfg.outlier, ejected, in_pool) {
            let until = self.peers[server].ejected_until.unwrap_or(now);
            ctx.explain(format_args!(
                "LB ejects {} as an outlier until t={} ms: too many failures in a row",
                ctx.label(server_node(server)),
                until / 1000
            ));
        }
        let Some(open) = self.open.get(&req) else {
            return;
        };
        let Some(r) = self.cfg.retries.filter(|r| open.attempt <= r.max) else {
            let end = if why == reason::ERROR && self.cfg.retries.is_none() {
                Ok(server)
            } else {
                Err(why)
            };
            self.end_failed(ctx, req, end);
            return;
        };
        let allowed = ((self.open.len() as f64 * r.budget.0) as usize).max(1);
        if !open.retrying && self.retrying >= allowed {
            ctx.explain(format_args!(
                "LB may not retry request #{req}: {} retries are already out, the budget's limit",
                self.retrying
            ));
            if self.cfg.bugs.contains(&Bug::ForgetBudgetRefusals) {
                self.open.remove(&req);
                return;
            }
            self.end(ctx, req, Err(reason::BUDGET));
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
        ctx.explain(format_args!(
            "LB will retry request #{req} ({why}) on another server after {} ms",
            delay / 1000
        ));
        if delay == 0 {
            self.dispatch(ctx, req);
        } else {
            ctx.set_timer(BalanceTimer::Backoff(req), delay);
        }
    }

    /// An error answer with retries off is an answer; else a rejection.
    fn end_failed(&mut self, ctx: &mut Ctx, req: ReqId, end: Result<usize, &'static str>) {
        match end {
            Ok(server) => {
                self.tally.errors += 1;
                self.finish(ctx, req, server, false);
            }
            Err(why) => self.end(ctx, req, Err(why)),
        }
    }

    /// The request ends: answered by a server, or rejected for a reason.
    fn end(&mut self, ctx: &mut Ctx, req: ReqId, end: Result<usize, &'static str>) {
        match end {
            Ok(server) => {
                self.tally.completed += 1;
                self.finish(ctx, req, server, true);
            }
            Err(why) => {
                if let Some(o) = self.open.remove(&req) {
                    self.retrying -= usize::from(o.retrying);
                }
                *self.tally.rejected.entry(why).or_default() += 1;
                ctx.cancel_timer(BalanceTimer::Deadline(req));
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
