//! A client: acquire the lock → read the value from storage with its
//! token → work → write value+1 with its token → release → think, again.
//! It speaks to whichever service the scenario runs; ZooKeeper's recipe is
//! in `zk_client.rs`.

use std::collections::VecDeque;

use super::messages::{LockMsg, LockObs, LockTimer};
use super::notes::LockNote;
use super::spec::{LockSpec, Mode, RedlockSpec, Service};
use super::{server_id, storage_id, Ask, LockNode};
use crate::sim::{ms, Ctx, NodeId, SimTime};
use crate::units::MsRange;

/// How long a client waits for one Redis answer or one ZooKeeper create.
pub const REQUEST_TIMEOUT_MS: u64 = 100;
/// How long a client waits for storage before abandoning its section.
pub const STORAGE_TIMEOUT_MS: u64 = 500;
/// How many critical sections the time-line remembers per client.
pub const SECTIONS: usize = 8;

/// Where a client is in its cycle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    Idle,
    Thinking,
    /// Asking the service (including waits before a retry).
    Acquiring,
    /// Queued behind another ZooKeeper node, waiting for a watch.
    Waiting,
    Reading,
    Working,
    Writing,
}

#[derive(Clone, Debug)]
pub struct Client {
    pub phase: Phase,
    pub token: Option<u64>,
    /// The random value that marks this client's key (Redis, Redlock).
    pub(super) value: u64,
    pub(super) req: u64,
    /// The value its critical section read.
    pub read: Option<u64>,
    /// When its lease ends on its own clock (Redis NxPx: shown, not obeyed).
    pub lease_until: Option<SimTime>,
    /// Redlock: when the attempt began on its own clock, masters asked and
    /// granted so far, and the arithmetic of its last verdict.
    pub started: SimTime,
    pub asked: usize,
    pub granted: usize,
    pub verdict: Option<Validity>,
    /// Redlock: when its validity ends on its own clock; obeyed.
    pub valid_until: Option<SimTime>,
    /// ZooKeeper: the session number, its lock node, GUID, whom it watches.
    pub session: u32,
    pub node: Option<u64>,
    pub(super) guid: u64,
    pub watching: Option<u64>,
    pub wakes: u64,
    /// ZooKeeper: when it last heard from the service, on its own clock;
    /// its session lives `session_timeout_ms` beyond, as far as it knows.
    pub heard_at: Option<SimTime>,
    /// Recent critical sections, for the time-line.
    pub sections: VecDeque<Section>,
}

/// One critical section in global time: from the acquire to the release,
/// `end` open while it lasts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Section {
    pub start: SimTime,
    pub end: Option<SimTime>,
}

/// A Redlock verdict's arithmetic on the client's clock, in µs:
/// `ttl − elapsed − drift = validity` (the validity may be negative).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Validity {
    pub ttl: u64,
    pub elapsed: u64,
    pub drift: u64,
    pub validity: i64,
}

impl Validity {
    /// The reference implementation's sum: the drift allowance is the TTL
    /// times the drift factor plus 2 ms.
    pub fn of(r: &RedlockSpec, elapsed: u64) -> Validity {
        let ttl = ms(r.ttl_ms);
        let drift = (ttl as f64 * r.drift_factor) as u64 + ms(2);
        Validity {
            ttl,
            elapsed,
            drift,
            validity: ttl as i64 - elapsed as i64 - drift as i64,
        }
    }
}

pub(super) fn draw(ctx: &mut Ctx<LockNode>, range: MsRange) -> u64 {
    ms(ctx.random_range(range.0, range.1))
}

impl Default for Client {
    fn default() -> Self {
        Client::new()
    }
}

impl Client {
    /// An idle client in its first session.
    pub fn new() -> Client {
        Client {
            phase: Phase::Idle,
            token: None,
            value: 0,
            req: 0,
            read: None,
            lease_until: None,
            started: 0,
            asked: 0,
            granted: 0,
            verdict: None,
            valid_until: None,
            session: 1,
            node: None,
            guid: 0,
            watching: None,
            wakes: 0,
            heard_at: None,
            sections: VecDeque::new(),
        }
    }

    /// Holding the lock, as the client believes.
    pub fn holds(&self) -> bool {
        matches!(self.phase, Phase::Reading | Phase::Working | Phase::Writing)
    }

    pub fn on_start(&mut self, spec: &LockSpec, ctx: &mut Ctx<LockNode>) {
        if let Service::ZooKeeper(z) = &spec.service {
            self.ping(spec, ctx);
            ctx.set_timer(LockTimer::Heartbeat, ms(z.heartbeat_ms));
        }
        if spec.auto {
            self.think(spec, ctx);
        }
    }

    fn think(&mut self, spec: &LockSpec, ctx: &mut Ctx<LockNode>) {
        self.phase = Phase::Thinking;
        let after = draw(ctx, spec.think_ms);
        ctx.set_timer(LockTimer::Think, after);
    }

    pub fn on_request(&mut self, spec: &LockSpec, ctx: &mut Ctx<LockNode>, ask: Ask) {
        let me = ctx.me();
        match ask {
            Ask::Acquire if matches!(self.phase, Phase::Idle | Phase::Thinking) => {
                ctx.cancel_timer(LockTimer::Think);
                self.acquire(spec, ctx);
            }
            Ask::Acquire => ctx.explain(LockNote::AlreadyAfterLock { me }),
            Ask::Release if self.holds() => {
                ctx.explain(LockNote::ToldToRelease { me });
                self.release(spec, ctx);
            }
            Ask::Release => ctx.explain(LockNote::NothingToRelease { me }),
        }
    }

    pub(super) fn acquire(&mut self, spec: &LockSpec, ctx: &mut Ctx<LockNode>) {
        self.phase = Phase::Acquiring;
        self.req += 1;
        self.value = ctx.random_range(1, u64::from(u32::MAX));
        let me = ctx.me();
        match &spec.service {
            Service::Redis(r) => {
                ctx.explain(LockNote::AsksRedis {
                    me,
                    server: server_id(spec, 0),
                    mode: r.mode,
                    value: self.value,
                });
                ctx.send(
                    server_id(spec, 0),
                    LockMsg::Lock {
                        req: self.req,
                        value: self.value,
                    },
                );
                ctx.set_timer(LockTimer::Request(self.req), ms(REQUEST_TIMEOUT_MS));
            }
            Service::Redlock(r) => {
                self.started = ctx.local_now();
                (self.asked, self.granted, self.verdict) = (0, 0, None);
                ctx.explain(LockNote::StartsRedlock {
                    me,
                    at: self.started,
                    masters: r.masters,
                });
                self.ask_next(spec, r, ctx);
            }
            Service::ZooKeeper(_) => {
                self.guid = self.value;
                self.node = None;
                ctx.explain(LockNote::CreatesNode { me });
                self.create(spec, ctx);
            }
        }
    }

    /// Redlock: the next master, or the verdict once all were asked.
    fn ask_next(&mut self, spec: &LockSpec, r: &RedlockSpec, ctx: &mut Ctx<LockNode>) {
        if self.asked < r.masters {
            self.req += 1;
            let msg = LockMsg::Lock {
                req: self.req,
                value: self.value,
            };
            ctx.send(server_id(spec, self.asked), msg);
            ctx.set_timer(LockTimer::Request(self.req), ms(r.request_timeout_ms));
            return;
        }
        let verdict = Validity::of(r, ctx.local_now().saturating_sub(self.started));
        let validity = verdict.validity;
        self.verdict = Some(verdict);
        let majority = r.masters / 2 + 1;
        let me = ctx.me();
        if self.granted >= majority && validity > 0 {
            ctx.explain(LockNote::RedlockHolds {
                me,
                granted: self.granted,
                masters: r.masters,
                ttl_us: verdict.ttl,
                elapsed_us: verdict.elapsed,
                drift_us: verdict.drift,
                validity_us: validity,
            });
            self.valid_until = Some(ctx.local_now() + validity as u64);
            ctx.set_timer(LockTimer::Validity, validity as u64);
            self.hold(spec, ctx, None);
        } else {
            ctx.explain(LockNote::RedlockFails {
                me,
                granted: self.granted,
                masters: r.masters,
                needed: majority,
                validity_us: validity,
            });
            self.unlock_all(spec, ctx);
            self.retry(spec, ctx);
        }
    }

    fn unlock_all(&self, spec: &LockSpec, ctx: &mut Ctx<LockNode>) {
        for i in 0..spec.service.servers() {
            ctx.send(server_id(spec, i), LockMsg::Unlock { value: self.value });
        }
    }

    fn retry(&mut self, spec: &LockSpec, ctx: &mut Ctx<LockNode>) {
        self.phase = Phase::Acquiring;
        let after = draw(ctx, spec.retry_ms);
        ctx.set_timer(LockTimer::Retry, after);
    }

    /// The client believes it holds the lock: it reads with its token.
    pub(super) fn hold(&mut self, spec: &LockSpec, ctx: &mut Ctx<LockNode>, token: Option<u64>) {
        self.phase = Phase::Reading;
        self.token = token;
        if self.sections.len() == SECTIONS {
            self.sections.pop_front();
        }
        self.sections.push_back(Section {
            start: ctx.now(),
            end: None,
        });
        ctx.observe(LockObs::Acquire {
            client: ctx.me(),
            token,
        });
        ctx.send(storage_id(spec), LockMsg::Read { token });
        ctx.set_timer(LockTimer::Storage, ms(STORAGE_TIMEOUT_MS));
    }

    /// The client lets go (or stops believing it holds the lock).
    pub(super) fn release(&mut self, spec: &LockSpec, ctx: &mut Ctx<LockNode>) {
        ctx.observe(LockObs::Release {
            client: ctx.me(),
            token: self.token,
        });
        self.end_section(ctx.now());
        match &spec.service {
            Service::Redis(_) => {
                ctx.send(server_id(spec, 0), LockMsg::Unlock { value: self.value })
            }
            Service::Redlock(_) => self.unlock_all(spec, ctx),
            Service::ZooKeeper(_) => {
                if let Some(seq) = self.node.take() {
                    ctx.send(
                        server_id(spec, 0),
                        LockMsg::Delete {
                            session: self.session,
                            seq,
                        },
                    );
                }
            }
        }
        for timer in [LockTimer::Work, LockTimer::Storage, LockTimer::Validity] {
            ctx.cancel_timer(timer);
        }
        (self.token, self.read, self.lease_until, self.valid_until) = (None, None, None, None);
        self.watching = None;
        match spec.auto {
            true => self.think(spec, ctx),
            false => self.phase = Phase::Idle,
        }
    }

    /// Closes the open critical section on the time-line, if one is open.
    fn end_section(&mut self, now: SimTime) {
        if let Some(section @ Section { end: None, .. }) = self.sections.back_mut() {
            section.end = Some(now);
        }
    }

    /// Redlock: past its validity on its own clock, a client stops
    /// believing it holds the lock, whatever else it was about to do.
    fn validity_lapsed(&mut self, spec: &LockSpec, ctx: &mut Ctx<LockNode>) -> bool {
        match self.valid_until {
            Some(t) if self.holds() && ctx.local_now() >= t => {
                ctx.explain(LockNote::ValidityRunsOut {
                    me: ctx.me(),
                    at: t,
                });
                self.release(spec, ctx);
                true
            }
            _ => false,
        }
    }

    pub fn on_timer(&mut self, spec: &LockSpec, ctx: &mut Ctx<LockNode>, timer: LockTimer) {
        if self.validity_lapsed(spec, ctx) {
            return;
        }
        let me = ctx.me();
        match timer {
            LockTimer::Think if self.phase == Phase::Thinking => self.acquire(spec, ctx),
            LockTimer::Retry if self.phase == Phase::Acquiring => self.acquire(spec, ctx),
            LockTimer::Request(req) if req == self.req && self.phase == Phase::Acquiring => {
                match &spec.service {
                    Service::Redis(_) => {
                        ctx.explain(LockNote::NoAnswer {
                            me,
                            server: server_id(spec, 0),
                            waited_us: ms(REQUEST_TIMEOUT_MS),
                        });
                        self.retry(spec, ctx);
                    }
                    Service::Redlock(r) => {
                        self.asked += 1;
                        self.ask_next(spec, r, ctx);
                    }
                    Service::ZooKeeper(z) => self.create_timed_out(spec, z.find_orphans, ctx),
                }
            }
            LockTimer::Work if self.phase == Phase::Working => {
                let read = self.read.unwrap_or(0);
                ctx.explain(LockNote::FinishesWork {
                    me,
                    read,
                    value: read + 1,
                });
                let msg = LockMsg::Write {
                    token: self.token,
                    read,
                    value: read + 1,
                };
                ctx.send(storage_id(spec), msg);
                self.phase = Phase::Writing;
                ctx.set_timer(LockTimer::Storage, ms(STORAGE_TIMEOUT_MS));
            }
            LockTimer::Storage if matches!(self.phase, Phase::Reading | Phase::Writing) => {
                ctx.explain(LockNote::StorageSilent {
                    me,
                    waited_us: ms(STORAGE_TIMEOUT_MS),
                });
                self.release(spec, ctx);
            }
            LockTimer::Heartbeat => {
                if let Service::ZooKeeper(z) = &spec.service {
                    self.ping(spec, ctx);
                    ctx.set_timer(LockTimer::Heartbeat, ms(z.heartbeat_ms));
                }
            }
            _ => {}
        }
    }

    pub fn on_message(
        &mut self,
        spec: &LockSpec,
        ctx: &mut Ctx<LockNode>,
        from: NodeId,
        msg: LockMsg,
    ) {
        if self.validity_lapsed(spec, ctx) {
            return;
        }
        let me = ctx.me();
        match msg {
            LockMsg::LockOk { req, .. } | LockMsg::LockRefused { req }
                if req != self.req || self.phase != Phase::Acquiring =>
            {
                ctx.explain(LockNote::IgnoresLateAnswer { me, from });
            }
            LockMsg::LockOk { req, token } => {
                ctx.cancel_timer(LockTimer::Request(req));
                match &spec.service {
                    Service::Redlock(r) => {
                        self.granted += 1;
                        self.asked += 1;
                        self.ask_next(spec, r, ctx);
                    }
                    Service::Redis(r) => {
                        ctx.explain(LockNote::GotKey {
                            me,
                            server: from,
                            ttl_us: (r.mode == Mode::NxPx).then(|| ms(r.ttl_ms)),
                        });
                        self.lease_until = Some(ctx.local_now() + ms(r.ttl_ms));
                        self.hold(spec, ctx, token);
                    }
                    Service::ZooKeeper(_) => {}
                }
            }
            LockMsg::LockRefused { req } => {
                ctx.cancel_timer(LockTimer::Request(req));
                match &spec.service {
                    Service::Redlock(r) => {
                        self.asked += 1;
                        self.ask_next(spec, r, ctx);
                    }
                    _ => {
                        ctx.explain(LockNote::Refused { me, server: from });
                        self.retry(spec, ctx);
                    }
                }
            }
            LockMsg::ReadReply { value } if self.phase == Phase::Reading => {
                ctx.cancel_timer(LockTimer::Storage);
                match value {
                    Some(v) => {
                        self.read = Some(v);
                        self.phase = Phase::Working;
                        let after = draw(ctx, spec.work_ms);
                        ctx.explain(LockNote::ReadsAndWorks {
                            me,
                            value: v,
                            work_us: after,
                        });
                        ctx.set_timer(LockTimer::Work, after);
                    }
                    None => {
                        ctx.explain(LockNote::FencedAtRead { me });
                        self.release(spec, ctx);
                        ctx.cancel_timer(LockTimer::Think);
                        self.retry(spec, ctx);
                    }
                }
            }
            LockMsg::WriteReply { accepted } if self.phase == Phase::Writing => {
                ctx.cancel_timer(LockTimer::Storage);
                match accepted {
                    true => ctx.explain(LockNote::WriteStored { me }),
                    false => ctx.explain(LockNote::WriteRefused { me }),
                }
                self.release(spec, ctx);
            }
            other => self.on_zk_message(spec, ctx, other),
        }
    }

    /// The process dies: everything but its session counter is gone.
    pub fn on_crash(&mut self) {
        let (session, sections) = (self.session, std::mem::take(&mut self.sections));
        *self = Client {
            session: session + 1,
            sections,
            ..Client::new()
        };
    }

    /// Back from a crash: a section cut short ends now on the time-line.
    pub fn on_restart(&mut self, spec: &LockSpec, ctx: &mut Ctx<LockNode>) {
        self.end_section(ctx.now());
        ctx.explain(LockNote::ClientRestarts { me: ctx.me() });
        self.on_start(spec, ctx);
    }
}
