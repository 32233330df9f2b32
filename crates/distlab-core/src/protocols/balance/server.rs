//! A server: `concurrency` requests in service at once, a bounded queue
//! behind them, and an optional cache of recent keys that makes a hit ten
//! times cheaper. It can be slowed, or made to fail fast. A spare slot is
//! a server not started yet: `AddServer` starts it, and it asks the
//! balancer to take it into its pool until the balancer says it has.

use std::collections::VecDeque;

use super::members::BALANCER;
use super::messages::{BalanceMsg, BalanceTimer, Reason, ReqId};
use super::metrics::Rate;
use super::node::Ctx;
use super::notes::BalanceNote;
use super::spec::ServerSpec;

/// Keys a server's cache remembers.
const CACHE_KEYS: usize = 64;
/// A cache hit costs this fraction of the work.
const HIT_DIVISOR: u64 = 10;
/// How long a new server waits for the balancer's welcome before it asks
/// again (its request or the answer may be lost).
const ANNOUNCE_US: u64 = 250_000;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Job {
    pub req: ReqId,
    pub key: Option<u32>,
    pub cost_us: u64,
    pub attempt: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Server {
    pub spec: ServerSpec,
    /// False for a spare slot until `AddServer` starts it.
    pub started: bool,
    /// A server started at run time knows the balancer has taken it in.
    pub welcomed: bool,
    /// Work takes this many times as long (`SlowDown`).
    pub slow: f64,
    /// Answers every request with an error at once (`FailFast`).
    pub fail_fast: bool,
    pub in_service: u32,
    pub queue: VecDeque<Job>,
    cache: VecDeque<u32>,
    pub hits: u64,
    pub misses: u64,
    pub served: u64,
    /// Requests served in the last second.
    pub throughput: Rate,
    pub refused: u64,
    pub max_queue: usize,
}

impl Server {
    pub fn new(spec: ServerSpec) -> Server {
        Server {
            spec,
            started: true,
            welcomed: true,
            slow: 1.0,
            fail_fast: false,
            in_service: 0,
            queue: VecDeque::new(),
            cache: VecDeque::new(),
            hits: 0,
            misses: 0,
            served: 0,
            throughput: Rate::default(),
            refused: 0,
            max_queue: 0,
        }
    }

    /// A spare slot: no server yet.
    pub fn spare() -> Server {
        Server {
            started: false,
            welcomed: false,
            ..Server::new(ServerSpec::default())
        }
    }

    /// `AddServer` on a spare slot: the server starts with `spec` and asks
    /// the balancer to take it in.
    pub fn start(&mut self, ctx: &mut Ctx, spec: ServerSpec) {
        self.spec = spec;
        self.started = true;
        ctx.explain(BalanceNote::Starting {
            me: ctx.me(),
            weight: spec.weight,
        });
        self.announce(ctx);
    }

    /// Asks the balancer to join, and again later unless welcomed.
    pub fn announce(&mut self, ctx: &mut Ctx) {
        if !self.started || self.welcomed {
            return;
        }
        let weight = self.spec.weight;
        ctx.send(BALANCER, BalanceMsg::Join { weight });
        ctx.set_timer(BalanceTimer::Announce, ANNOUNCE_US);
    }

    /// The balancer's timer ran out without a welcome.
    pub fn ask_again(&mut self, ctx: &mut Ctx) {
        if self.started && !self.welcomed {
            ctx.explain(BalanceNote::AsksAgain { me: ctx.me() });
            self.announce(ctx);
        }
    }

    /// The balancer has it in its pool.
    pub fn welcome(&mut self, ctx: &mut Ctx) {
        self.welcomed = true;
        ctx.cancel_timer(BalanceTimer::Announce);
    }

    /// A crash loses the requests in hand and the cache.
    pub fn crash(&mut self) {
        self.in_service = 0;
        self.queue.clear();
        self.cache.clear();
    }

    pub fn work(&mut self, ctx: &mut Ctx, job: Job) {
        let (me, req) = (ctx.me(), job.req);
        if self.fail_fast {
            self.refused += 1;
            ctx.explain(BalanceNote::FailsAtOnce { me, req });
            self.answer(ctx, req, job.attempt, Some(Reason::Error));
        } else if self.in_service < self.spec.concurrency {
            self.begin(ctx, job);
        } else if self.queue.len() < self.spec.queue as usize {
            self.queue.push_back(job);
            self.max_queue = self.max_queue.max(self.queue.len());
            ctx.explain(BalanceNote::Queues {
                me,
                req,
                in_service: self.in_service,
                waiting: self.queue.len(),
            });
        } else {
            self.refused += 1;
            let queue = self.spec.queue;
            ctx.explain(BalanceNote::QueueFull { me, req, queue });
            self.answer(ctx, req, job.attempt, Some(Reason::QueueFull));
        }
    }

    fn begin(&mut self, ctx: &mut Ctx, job: Job) {
        let hit = self.spec.cache && job.key.is_some_and(|k| self.cached(k));
        let mut cost = job.cost_us as f64 * self.slow / self.spec.speed;
        if hit {
            cost /= HIT_DIVISOR as f64;
        }
        self.in_service += 1;
        ctx.set_timer(
            BalanceTimer::Done {
                req: job.req,
                attempt: job.attempt,
            },
            (cost as u64).max(1),
        );
        ctx.explain(BalanceNote::Starts {
            me: ctx.me(),
            req: job.req,
            work_us: cost as u64,
            hit,
        });
    }

    /// Whether the cache holds `key`; a miss brings it in.
    fn cached(&mut self, key: u32) -> bool {
        if self.cache.contains(&key) {
            self.hits += 1;
            return true;
        }
        self.misses += 1;
        if self.cache.len() == CACHE_KEYS {
            self.cache.pop_front();
        }
        self.cache.push_back(key);
        false
    }

    pub fn done(&mut self, ctx: &mut Ctx, req: ReqId, attempt: u32) {
        self.in_service = self.in_service.saturating_sub(1);
        self.served += 1;
        self.throughput.add(ctx.now());
        ctx.explain(BalanceNote::Finishes { me: ctx.me(), req });
        self.answer(ctx, req, attempt, None);
        if let Some(next) = self.queue.pop_front() {
            self.begin(ctx, next);
        }
    }

    /// Answers the balancer: done (no refusal), or refused for a reason.
    fn answer(&self, ctx: &mut Ctx, req: ReqId, attempt: u32, refused: Option<Reason>) {
        let reply = BalanceMsg::Reply {
            req,
            attempt,
            ok: refused.is_none(),
            reason: refused,
        };
        ctx.send(BALANCER, reply);
    }

    /// A health check's answer: healthy unless failing fast.
    pub fn probed(&self, ctx: &mut Ctx, from: crate::sim::NodeId) {
        let healthy = !self.fail_fast;
        ctx.explain(BalanceNote::AnswersProbe {
            me: ctx.me(),
            healthy,
        });
        ctx.send(from, BalanceMsg::ProbeReply { healthy });
    }

    /// `SlowDown`: its work takes `factor` times as long.
    pub fn slow_down(&mut self, ctx: &mut Ctx, factor: f64) {
        self.slow = factor.max(0.01);
        ctx.explain(BalanceNote::Slowed {
            me: ctx.me(),
            factor,
        });
    }

    /// `FailFast`: every request fails at once, or it serves again.
    pub fn set_fail_fast(&mut self, ctx: &mut Ctx, on: bool) {
        self.fail_fast = on;
        ctx.explain(BalanceNote::FailFast { me: ctx.me(), on });
    }

    /// Its share of cache lookups that hit.
    pub fn hit_rate(&self) -> Option<f64> {
        let all = self.hits + self.misses;
        (all > 0).then(|| self.hits as f64 / all as f64)
    }
}
