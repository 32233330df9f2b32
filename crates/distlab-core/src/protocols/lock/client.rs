//! A client: acquire the lock → read the value from storage with its
//! token → work → write value+1 with its token → release → think, again.
//! It speaks to whichever service the scenario runs; Redlock's attempt is
//! in `redlock_client.rs`, ZooKeeper's recipe in `zk_client.rs`.

use std::collections::VecDeque;

use super::messages::{LockMsg, LockObs, LockTimer};
use super::notes::LockNote;
use super::redlock_client::Validity;
use super::spec::{LockSpec, Mode, Service};
use super::{server_id, storage_id, Ask, LockNode};
use crate::sim::{ms, Ctx, NodeId, SimTime};
use crate::units::MsRange;

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
    /// Redlock: when its validity ends on its own clock, as computed when
    /// it won the lock.
    pub valid_until: Option<SimTime>,
    /// Redlock: its validity ran out on its own clock in the middle of its
    /// critical section. It no longer trusts the lock, but the section,
    /// begun once the validity was checked, runs on to its write.
    pub lapsed: bool,
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
    /// When it last ran a handler: a crash ends its open section there.
    awake_at: SimTime,
}

/// One critical section in global time: from the acquire to the release,
/// `end` open while it lasts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Section {
    pub start: SimTime,
    /// When the client stopped trusting the lock before the section
    /// ended (Redlock, past its validity).
    pub trusted_until: Option<SimTime>,
    pub end: Option<SimTime>,
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
            lapsed: false,
            session: 1,
            node: None,
            guid: 0,
            watching: None,
            wakes: 0,
            heard_at: None,
            sections: VecDeque::new(),
            awake_at: 0,
        }
    }

    /// In its critical section: between reading with its token and the
    /// answer to its write.
    pub fn in_section(&self) -> bool {
        matches!(self.phase, Phase::Reading | Phase::Working | Phase::Writing)
    }

    /// Holding the lock, as the client believes.
    pub fn holds(&self) -> bool {
        self.in_section() && !self.lapsed
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
        self.wake(ctx);
        let me = ctx.me();
        match ask {
            Ask::Acquire if matches!(self.phase, Phase::Idle | Phase::Thinking) => {
                ctx.cancel_timer(LockTimer::Think);
                self.acquire(spec, ctx);
            }
            Ask::Acquire => ctx.turn_away(LockNote::AlreadyAfterLock { me }),
            Ask::Release if self.holds() => {
                ctx.explain(LockNote::ToldToRelease { me });
                self.release(spec, ctx);
            }
            Ask::Release => ctx.turn_away(LockNote::NothingToRelease { me }),
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
                    value: self.value,
                    ttl_ms: (r.mode == Mode::NxPx).then_some(r.ttl_ms),
                });
                ctx.send(
                    server_id(spec, 0),
                    LockMsg::Lock {
                        req: self.req,
                        value: self.value,
                    },
                );
                ctx.set_timer(LockTimer::Request(self.req), ms(r.request_timeout_ms));
            }
            Service::Redlock(r) => self.start_redlock(spec, r, ctx),
            Service::ZooKeeper(z) => {
                self.guid = self.value;
                self.node = None;
                ctx.explain(LockNote::CreatesNode { me });
                self.create(spec, z, ctx);
            }
        }
    }

    pub(super) fn retry(&mut self, spec: &LockSpec, ctx: &mut Ctx<LockNode>) {
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
            trusted_until: None,
            end: None,
        });
        ctx.observe(LockObs::Acquire {
            client: ctx.me(),
            token,
        });
        self.req += 1;
        let req = self.req;
        ctx.send(storage_id(spec), LockMsg::Read { req, token });
        ctx.set_timer(LockTimer::Storage, ms(spec.storage_timeout_ms));
    }

    /// The client lets go: it stops believing it holds the lock, if it
    /// still did, and tells the service.
    pub(super) fn release(&mut self, spec: &LockSpec, ctx: &mut Ctx<LockNode>) {
        if self.holds() {
            ctx.observe(LockObs::Release {
                client: ctx.me(),
                token: self.token,
            });
        }
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
        (self.watching, self.lapsed) = (None, false);
        match spec.auto {
            true => self.think(spec, ctx),
            false => self.phase = Phase::Idle,
        }
    }

    /// What every handler does first: note the time, and (Redlock) stop
    /// trusting a lock whose validity has run out.
    fn wake(&mut self, ctx: &mut Ctx<LockNode>) {
        self.awake_at = ctx.now();
        self.lapse_if_due(ctx);
    }

    /// Closes the open critical section on the time-line, if one is open.
    fn end_section(&mut self, now: SimTime) {
        if let Some(section @ Section { end: None, .. }) = self.sections.back_mut() {
            section.end = Some(now);
        }
    }

    pub fn on_timer(&mut self, spec: &LockSpec, ctx: &mut Ctx<LockNode>, timer: LockTimer) {
        self.wake(ctx);
        let me = ctx.me();
        match timer {
            LockTimer::Think if self.phase == Phase::Thinking => self.acquire(spec, ctx),
            LockTimer::Retry if self.phase == Phase::Acquiring => self.acquire(spec, ctx),
            LockTimer::Request(req) if req == self.req && self.phase == Phase::Acquiring => {
                match &spec.service {
                    Service::Redis(r) => {
                        ctx.explain(LockNote::NoAnswer {
                            me,
                            server: server_id(spec, 0),
                            waited_us: ms(r.request_timeout_ms),
                        });
                        self.retry(spec, ctx);
                    }
                    Service::Redlock(r) => self.master_answered(spec, r, ctx, false),
                    Service::ZooKeeper(z) => self.create_timed_out(spec, z, ctx),
                }
            }
            LockTimer::Work if self.phase == Phase::Working => {
                let read = self.read.unwrap_or(0);
                ctx.explain(LockNote::FinishesWork {
                    me,
                    read,
                    value: read + 1,
                    trusting: !self.lapsed,
                });
                self.req += 1;
                let msg = LockMsg::Write {
                    req: self.req,
                    token: self.token,
                    read,
                    value: read + 1,
                };
                ctx.send(storage_id(spec), msg);
                self.phase = Phase::Writing;
                ctx.set_timer(LockTimer::Storage, ms(spec.storage_timeout_ms));
            }
            LockTimer::Storage if matches!(self.phase, Phase::Reading | Phase::Writing) => {
                ctx.explain(LockNote::StorageSilent {
                    me,
                    waited_us: ms(spec.storage_timeout_ms),
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
        self.wake(ctx);
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
                    Service::Redlock(r) => self.master_answered(spec, r, ctx, true),
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
                    Service::Redlock(r) => self.master_answered(spec, r, ctx, false),
                    _ => {
                        ctx.explain(LockNote::Refused { me, server: from });
                        self.retry(spec, ctx);
                    }
                }
            }
            LockMsg::ReadReply { req, .. } | LockMsg::WriteReply { req, .. } if req != self.req => {
                ctx.explain(LockNote::IgnoresLateAnswer { me, from });
            }
            LockMsg::ReadReply { value, .. } if self.phase == Phase::Reading => {
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
            LockMsg::WriteReply { accepted, .. } if self.phase == Phase::Writing => {
                ctx.cancel_timer(LockTimer::Storage);
                match accepted {
                    true => ctx.explain(LockNote::WriteStored {
                        me,
                        trusting: !self.lapsed,
                    }),
                    false => ctx.explain(LockNote::WriteRefused { me }),
                }
                self.release(spec, ctx);
            }
            other => self.on_zk_message(spec, ctx, other),
        }
    }

    /// The process dies: everything but its session counter is gone (and
    /// what the screen counts: its sections and wake-ups). An open section
    /// ends at its last act: a dead process believes nothing.
    pub fn on_crash(&mut self) {
        self.end_section(self.awake_at);
        let (session, sections) = (self.session, std::mem::take(&mut self.sections));
        *self = Client {
            session: session + 1,
            sections,
            wakes: self.wakes,
            ..Client::new()
        };
    }

    /// Back from a crash, knowing nothing of a lock.
    pub fn on_restart(&mut self, spec: &LockSpec, ctx: &mut Ctx<LockNode>) {
        ctx.explain(LockNote::ClientRestarts { me: ctx.me() });
        self.on_start(spec, ctx);
    }
}
