//! When the balancer gives up on an attempt: every attempt waits at most
//! the request time-out. Attempts are sent one after another and all wait
//! as long, so their deadlines come in the order they were sent: one timer
//! at the earliest deadline of an attempt still waiting does for all of
//! them, where a timer per request would be set and cancelled for every
//! request.

use std::collections::VecDeque;

use crate::protocols::balance::messages::{BalanceTimer, ReqId};
use crate::protocols::balance::node::Ctx;
use crate::sim::SimTime;

/// Attempts in the order they were sent, with their deadlines; answered
/// ones leave when they reach the front.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Deadlines {
    queue: VecDeque<(SimTime, ReqId, u32)>,
    /// The timer is set (at the front's deadline, or earlier).
    armed: bool,
}

impl Deadlines {
    /// Attempt `attempt` of `req`, sent now, gives up at `at`.
    pub fn push(&mut self, ctx: &mut Ctx, at: SimTime, req: ReqId, attempt: u32) {
        self.queue.push_back((at, req, attempt));
        if !self.armed {
            ctx.set_timer(BalanceTimer::Deadline, at.saturating_sub(ctx.now()));
            self.armed = true;
        }
    }

    /// The timer fired: the attempts due by `now` that are still waiting
    /// (`waiting` says which), in the order they were sent. Until
    /// [`Deadlines::rearm`], attempts pushed meanwhile set no timer.
    pub fn due(&mut self, now: SimTime, waiting: impl Fn(ReqId, u32) -> bool) -> Vec<ReqId> {
        self.armed = true;
        let mut due = Vec::new();
        while let Some(&(_, req, attempt)) = self.queue.front().filter(|e| e.0 <= now) {
            self.queue.pop_front();
            if waiting(req, attempt) {
                due.push(req);
            }
        }
        due
    }

    /// After [`Deadlines::due`]: sets the timer at the earliest deadline of
    /// an attempt still waiting, if there is one; that deadline.
    pub fn rearm(
        &mut self,
        ctx: &mut Ctx,
        waiting: impl Fn(ReqId, u32) -> bool,
    ) -> Option<SimTime> {
        while let Some(&(_, req, attempt)) = self.queue.front() {
            if waiting(req, attempt) {
                break;
            }
            self.queue.pop_front();
        }
        let next = self.queue.front().map(|e| e.0);
        if let Some(at) = next {
            ctx.set_timer(BalanceTimer::Deadline, at.saturating_sub(ctx.now()));
        }
        self.armed = next.is_some();
        next
    }

    /// A crash forgets every attempt (and its timer with it).
    pub fn clear(&mut self) {
        self.queue.clear();
        self.armed = false;
    }
}
