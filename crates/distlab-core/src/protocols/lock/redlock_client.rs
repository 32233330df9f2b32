//! The client's side of Redlock: note the time on its own clock, ask each
//! master in turn with a short timeout, and hold the lock if a majority
//! granted and `ttl − elapsed − drift` is still positive; else unlock
//! every master and retry later.
//!
//! Like an application using the reference recipe, the client checks its
//! validity once, when it wins the lock, and then does its work. Its
//! validity timer ends its *belief* when the validity runs out on its own
//! clock, but not the work already under way: a pause longer than the
//! validity, after the check, lets a stale write through.

use super::client::Client;
use super::messages::{LockMsg, LockObs, LockTimer};
use super::notes::LockNote;
use super::spec::{LockSpec, RedlockSpec};
use super::{server_id, LockNode};
use crate::sim::{ms, Ctx};

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

    /// The sum in whole milliseconds, `(ttl, elapsed, drift, validity)`,
    /// elapsed time and drift rounded up: a sum a learner checks by hand
    /// adds up, and never promises more than the exact validity.
    pub fn whole_ms(&self) -> (u64, u64, u64, i64) {
        let (ttl, elapsed, drift) = (
            self.ttl / 1_000,
            self.elapsed.div_ceil(1_000),
            self.drift.div_ceil(1_000),
        );
        (
            ttl,
            elapsed,
            drift,
            ttl as i64 - elapsed as i64 - drift as i64,
        )
    }
}

impl Client {
    /// Starts an attempt: the time on its own clock, then the first master.
    pub(super) fn start_redlock(
        &mut self,
        spec: &LockSpec,
        r: &RedlockSpec,
        ctx: &mut Ctx<LockNode>,
    ) {
        self.started = ctx.local_now();
        (self.asked, self.granted, self.verdict) = (0, 0, None);
        ctx.explain(LockNote::StartsRedlock {
            me: ctx.me(),
            at: self.started,
            masters: r.masters,
        });
        self.ask_next(spec, r, ctx);
    }

    /// A master granted (`granted`), refused or did not answer in time.
    pub(super) fn master_answered(
        &mut self,
        spec: &LockSpec,
        r: &RedlockSpec,
        ctx: &mut Ctx<LockNode>,
        granted: bool,
    ) {
        self.asked += 1;
        self.granted += usize::from(granted);
        self.ask_next(spec, r, ctx);
    }

    /// The next master, or the verdict once all were asked.
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
                sum: verdict,
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

    /// Compare-and-delete on every master, granted or not: a master whose
    /// answer was lost may hold the key all the same.
    pub(super) fn unlock_all(&self, spec: &LockSpec, ctx: &mut Ctx<LockNode>) {
        for i in 0..spec.service.servers() {
            ctx.send(server_id(spec, i), LockMsg::Unlock { value: self.value });
        }
    }

    /// Once the validity has run out on its own clock, the client stops
    /// trusting the lock, whatever woke it (its validity timer, or, after
    /// a pause, whichever late timer or message comes first). The critical
    /// section it is in runs on: the check was made when it won the lock.
    pub(super) fn lapse_if_due(&mut self, ctx: &mut Ctx<LockNode>) {
        let Some(until) = self.valid_until else {
            return;
        };
        if !self.holds() || ctx.local_now() < until {
            return;
        }
        self.lapsed = true;
        ctx.cancel_timer(LockTimer::Validity);
        ctx.explain(LockNote::ValidityRunsOut {
            me: ctx.me(),
            at: until,
        });
        ctx.observe(LockObs::Release {
            client: ctx.me(),
            token: self.token,
        });
        if let Some(section) = self.sections.back_mut() {
            section.trusted_until = Some(ctx.now());
        }
    }
}
