//! The balancer LB: takes requests from the generator, picks a server by
//! the current algorithm, and sees every request to its end: an answer, a
//! retry elsewhere, or a rejection with a reason.

mod admin;
mod deadlines;
mod ending;

use std::collections::VecDeque;
use std::sync::Arc;

use deadlines::Deadlines;

use super::algo::{Pick, Picker};
use super::members::{server_index, server_node};
use super::messages::{BalanceMsg, BalanceObs, BalanceTimer, Reason, ReqId};
use super::metrics::Latencies;
use super::node::Ctx;
use super::notes::{BalanceNote, PickNote};
use super::pool::{pool, PeerState};
use super::reqmap::{RecentReqs, ReqMap};
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
    /// The current attempt is out at `server`, waiting for its answer.
    waiting: bool,
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
    /// Rejections by reason, in the order of [`Reason::ALL`].
    pub rejected: [u64; Reason::ALL.len()],
    pub retries: u64,
}

impl Tally {
    /// Rejections of every reason.
    pub fn rejected_total(&self) -> u64 {
        self.rejected.iter().sum()
    }

    /// Requests that ended: answered, with an error or not, or rejected.
    pub fn ended(&self) -> u64 {
        self.completed + self.errors + self.rejected_total()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct LoadBalancer {
    cfg: Arc<BalanceSpec>,
    pub algorithm: Algorithm,
    picker: Picker,
    pub peers: Vec<PeerState>,
    open: ReqMap<Open>,
    deadlines: Deadlines,
    seen: RecentReqs,
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
            open: ReqMap::default(),
            deadlines: Deadlines::default(),
            seen: RecentReqs::default(),
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

    /// A crash loses every request in hand and what was learnt of
    /// servers; the pool as configured (who is in it, with what weight)
    /// is kept, as a configuration file would be.
    pub fn crash(&mut self) {
        self.open.clear();
        self.deadlines.clear();
        self.seen.clear();
        self.retrying = 0;
        self.picker = Picker::default();
        for peer in &mut self.peers {
            peer.forget();
        }
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
            BalanceMsg::Join { weight } => self.join(ctx, from, weight),
            BalanceMsg::Work { .. } | BalanceMsg::Probe | BalanceMsg::Welcome => {}
        }
    }

    pub fn on_timer(&mut self, ctx: &mut Ctx, timer: BalanceTimer) {
        match timer {
            BalanceTimer::Deadline => self.deadlines_due(ctx),
            BalanceTimer::Backoff(req) => self.dispatch(ctx, req),
            BalanceTimer::Health => self.health_round(ctx),
            BalanceTimer::Arrival | BalanceTimer::Done { .. } | BalanceTimer::Announce => {}
        }
    }

    fn arrive(&mut self, ctx: &mut Ctx, req: ReqId, key: Option<u32>, cost_us: u64) {
        let now = ctx.now();
        self.seen.forget_older(now, REMEMBER_US);
        if !self.seen.insert(now, req) {
            ctx.explain(BalanceNote::SecondCopy { req });
            return;
        }
        self.tally.arrived += 1;
        self.open.insert(
            req,
            Open {
                key,
                cost_us,
                arrived: now,
                attempt: 0,
                server: None,
                waiting: false,
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
            ctx.explain(BalanceNote::NoServer { req });
            self.end(ctx, req, Err(Reason::NoServer));
            return;
        };
        let Some(open) = self.open.get_mut(&req) else {
            return;
        };
        open.attempt += 1;
        open.server = Some(pick.server);
        open.waiting = true;
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
        ctx.explain(PickNote {
            req,
            key,
            algorithm,
            attempt,
            pick,
        });
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
        let at = ctx.now() + self.cfg.request_timeout_ms * 1000;
        self.deadlines.push(ctx, at, req, attempt);
    }

    /// Whether attempt `attempt` of `req` is out, waiting for an answer.
    fn waiting(open: &ReqMap<Open>, req: ReqId, attempt: u32) -> bool {
        open.get(&req)
            .is_some_and(|o| o.waiting && o.attempt == attempt)
    }

    /// The deadline timer fired: every attempt still waiting past its
    /// time-out fails.
    fn deadlines_due(&mut self, ctx: &mut Ctx) {
        let open = &self.open;
        let due = self
            .deadlines
            .due(ctx.now(), |req, attempt| Self::waiting(open, req, attempt));
        let none = due.is_empty();
        for req in due {
            self.timed_out(ctx, req);
        }
        let open = &self.open;
        let next = self
            .deadlines
            .rearm(ctx, |req, attempt| Self::waiting(open, req, attempt));
        if none {
            ctx.explain(BalanceNote::NoneOverdue {
                next_ms: next.map(|t| t / 1000),
            });
        }
    }

    fn reply(
        &mut self,
        ctx: &mut Ctx,
        from: NodeId,
        req: ReqId,
        attempt: u32,
        ok: bool,
        why: Option<Reason>,
    ) {
        let Some(server) = server_index(from) else {
            return;
        };
        // The attempt this answers, if it is still waited for: stop waiting
        // and keep when the request arrived, in one look-up.
        let arrived = self
            .open
            .get_mut(&req)
            .filter(|o| o.waiting && o.attempt == attempt && o.server == Some(server))
            .map(|o| {
                o.waiting = false;
                o.arrived
            });
        let Some(arrived) = arrived else {
            if self.cfg.bugs.contains(&Bug::CountLateReplies) && ok {
                ctx.observe(BalanceObs::Complete {
                    req,
                    server: server + 1,
                    latency_us: 0,
                    ok,
                });
            }
            ctx.explain(BalanceNote::LateAnswer { from, req });
            return;
        };
        let now = ctx.now();
        let peer = &mut self.peers[server];
        peer.active = peer.active.saturating_sub(1);
        if ok {
            peer.succeeded();
            peer.sample(now, now - arrived);
            ctx.explain(BalanceNote::PassesAnswer { from, req });
            self.end(ctx, req, Ok(server));
        } else {
            self.failed(ctx, req, server, why.unwrap_or(Reason::Error));
        }
    }

    fn timed_out(&mut self, ctx: &mut Ctx, req: ReqId) {
        let Some(open) = self.open.get_mut(&req) else {
            return;
        };
        open.waiting = false;
        let Some(server) = open.server else {
            return;
        };
        let peer = &mut self.peers[server];
        peer.active = peer.active.saturating_sub(1);
        ctx.explain(BalanceNote::GivesUp {
            server: server_node(server),
            req,
            after_ms: self.cfg.request_timeout_ms,
        });
        self.failed(ctx, req, server, Reason::Timeout);
    }
}
