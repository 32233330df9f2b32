//! A server: `concurrency` requests in service at once, a bounded queue
//! behind them, and an optional cache of recent keys that makes a hit ten
//! times cheaper. It can be slowed, or made to fail fast.

use std::collections::VecDeque;

use super::messages::{reason, BalanceMsg, BalanceTimer, ReqId};
use super::node::Ctx;
use super::role::BALANCER;
use super::spec::ServerSpec;

/// Keys a server's cache remembers.
const CACHE_KEYS: usize = 64;
/// A cache hit costs this fraction of the work.
const HIT_DIVISOR: u64 = 10;

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
    pub refused: u64,
    pub max_queue: usize,
}

impl Server {
    pub fn new(spec: ServerSpec) -> Server {
        Server {
            spec,
            slow: 1.0,
            fail_fast: false,
            in_service: 0,
            queue: VecDeque::new(),
            cache: VecDeque::new(),
            hits: 0,
            misses: 0,
            served: 0,
            refused: 0,
            max_queue: 0,
        }
    }

    /// A crash loses the requests in hand and the cache.
    pub fn crash(&mut self) {
        self.in_service = 0;
        self.queue.clear();
        self.cache.clear();
    }

    pub fn work(&mut self, ctx: &mut Ctx, job: Job) {
        let me = ctx.label(ctx.me());
        if self.fail_fast {
            self.refused += 1;
            ctx.explain(format_args!(
                "{me} fails request #{} at once: it is failing fast",
                job.req
            ));
            self.answer(ctx, job.req, job.attempt, false, reason::ERROR);
        } else if self.in_service < self.spec.concurrency {
            self.begin(ctx, job);
        } else if self.queue.len() < self.spec.queue as usize {
            self.queue.push_back(job);
            self.max_queue = self.max_queue.max(self.queue.len());
            ctx.explain(format_args!(
                "{me} queues request #{}: {} in service, {} waiting",
                job.req,
                self.in_service,
                self.queue.len()
            ));
        } else {
            self.refused += 1;
            ctx.explain(format_args!(
                "{me} refuses request #{}: its queue of {} is full",
                job.req, self.spec.queue
            ));
            self.answer(ctx, job.req, job.attempt, false, reason::QUEUE_FULL);
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
        ctx.explain(format_args!(
            "{} starts request #{}: {:.1} ms of work{}",
            ctx.label(ctx.me()),
            job.req,
            cost / 1000.0,
            if hit { " (cache hit)" } else { "" }
        ));
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
        ctx.explain(format_args!(
            "{} finishes request #{req} and answers LB",
            ctx.label(ctx.me())
        ));
        self.answer(ctx, req, attempt, true, "");
        if let Some(next) = self.queue.pop_front() {
            self.begin(ctx, next);
        }
    }

    fn answer(&self, ctx: &mut Ctx, req: ReqId, attempt: u32, ok: bool, reason: &'static str) {
        ctx.send(
            BALANCER,
            BalanceMsg::Reply {
                req,
                attempt,
                ok,
                reason,
            },
        );
    }

    /// Its share of cache lookups that hit.
    pub fn hit_rate(&self) -> Option<f64> {
        let all = self.hits + self.misses;
        (all > 0).then(|| self.hits as f64 / all as f64)
    }
}
