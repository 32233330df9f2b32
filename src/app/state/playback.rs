//! How time moves on screen: playing at the chosen pace, stepping one
//! event, and travelling through the recorded history by time.
//!
//! Every move ends with the feed and the trails showing what led to the
//! moment shown, and a lesson goal met on the way stops the clock there.

use std::time::Duration;

use super::{App, Mode};

use crate::protocols::Family;
use crate::sim::{format_time, parse_time, SimTime, StepOutcome};

/// Events processed per frame at most, so one frame never stalls the
/// screen however fast the playback.
const MAX_EVENTS_PER_TICK: u64 = 20_000;
/// Events replayed after a seek, to refill the feed and trails.
const REPLAY_EVENTS: u64 = 200;
/// Events a jump past the present may run at most, so a key press never
/// hangs the screen (ten seconds of a busy cluster are far fewer).
const MAX_EVENTS_PER_JUMP: u64 = 2_000_000;

impl<F: Family> App<F> {
    /// Processes the next event if it happens no later than `limit`.
    /// Events that turn out void (a crashed node's timer) are skipped
    /// within the same limit, so the clock never leaps past it.
    pub(super) fn step_once(&mut self, limit: SimTime) -> bool {
        if self.sim.step_until(limit) != StepOutcome::Stepped {
            return false;
        }
        self.history.record(&self.sim);
        self.ingest();
        if let Some(saved) = self.tutor.as_mut().and_then(|t| t.observe(&self.sim)) {
            self.goal_met(saved);
        }
        true
    }

    /// Real time passed: while playing, simulated time advances at the
    /// pace's speed, which changes gear as messages start and stop flying
    /// (within one frame, too). The clock moves smoothly between events.
    pub(super) fn tick(&mut self, elapsed: Duration) {
        if let Some(status) = &mut self.status {
            status.remaining = status.remaining.saturating_sub(elapsed);
            if status.remaining.is_zero() {
                self.status = None;
            }
        }
        if !self.playing {
            return;
        }
        self.trails.age(elapsed);
        let mut real_s = elapsed.as_secs_f64();
        let mut budget = MAX_EVENTS_PER_TICK;
        while real_s > 0.0 && budget > 0 && self.playing {
            let gear = self.gear();
            let speed = gear.speed();
            let owed = real_s * 1e6 * speed + self.carry_us;
            let whole = owed.floor();
            let start = self.sim.now();
            let target = start.saturating_add(whole as SimTime);
            let mut shifted = false;
            while budget > 0 && self.playing && self.step_once(target) {
                budget -= 1;
                if self.gear() != gear {
                    shifted = true;
                    break;
                }
            }
            if !self.playing || budget == 0 {
                return;
            }
            if shifted {
                // The rest of the frame plays in the new gear.
                real_s -= (self.sim.now() - start) as f64 / 1e6 / speed;
                self.carry_us = 0.0;
                continue;
            }
            self.carry_us = owed - whole;
            real_s = 0.0;
            if self.sim.run_until(target, 0) && self.sim.now() > self.frontier.1 {
                self.frontier.1 = self.sim.now();
            }
        }
        if let Some(saved) = self.tutor.as_mut().and_then(|t| t.recheck(&self.sim)) {
            self.goal_met(saved);
        }
        self.stop_if_stuck();
    }

    /// When nothing more can run, the cluster stops, and says why.
    fn stop_if_stuck(&mut self) {
        if let Some(why) = self.sim.stuck() {
            self.playing = false;
            self.say(&why.describe(self.lang()), true);
        }
    }

    /// Moves to just after event number `target`, replaying the last few
    /// events so that the feed and the trails show what led there.
    pub(super) fn rewind_to(&mut self, target: u64) {
        let start = target.saturating_sub(REPLAY_EVENTS).max(self.origin.0);
        self.history.seek_event(&mut self.sim, start);
        let at = self.sim.events_processed();
        self.feed.truncate_after(at);
        self.trails.truncate_after(at, &self.sim);
        while self.sim.events_processed() < target && self.sim.step() == StepOutcome::Stepped {
            self.feed
                .ingest::<F>(self.sim.last_records(), self.sim.labels(), self.lang());
            self.trails.ingest::<F>(self.sim.last_records(), &self.sim);
        }
        if let Mode::Pick(_) = self.mode {
            self.repick();
        }
        self.rejudge();
    }

    /// After moving back, a lesson step's goal is judged again up to the
    /// moment shown: a goal met later is no longer met.
    fn rejudge(&mut self) {
        let Some(tutor) = &mut self.tutor else {
            return;
        };
        let was_met = tutor.phase() == crate::lesson::Phase::Met;
        let mut replay = self.sim.clone();
        self.history.seek_event(&mut replay, self.origin.0);
        tutor.revisit(replay, self.sim.events_processed());
        if was_met && tutor.phase() != crate::lesson::Phase::Met {
            self.status = None;
        }
    }

    /// Shows the recorded history at time `t`, within what was recorded.
    fn seek_time(&mut self, t: SimTime) {
        self.playing = false;
        let t = t.clamp(self.origin.1, self.frontier.1);
        self.history.seek_time(&mut self.sim, t);
        let event = self.sim.events_processed();
        self.rewind_to(event);
        // What is left before `t` are void entries (timers of crashed
        // nodes): passing them moves nothing but the clock.
        self.sim.run_until(t, u64::MAX);
    }

    /// `Home`: the start of the run, or of the lesson step.
    pub(super) fn seek_start(&mut self) {
        self.seek_time(self.origin.1);
    }

    /// `End`: back to the present, the furthest point reached.
    pub(super) fn seek_end(&mut self) {
        self.playing = false;
        self.rewind_to(self.frontier.0);
        self.sim.run_until(self.frontier.1, u64::MAX);
    }

    /// A click or drag on the scrubber: `share` of the way along it.
    pub(super) fn seek_share(&mut self, share: f64) {
        if self.refused_while_asking() {
            return;
        }
        let end = self.frontier.1.max(self.sim.now());
        self.seek_time((share.clamp(0.0, 1.0) * end as f64).round() as SimTime);
    }

    /// Jumps `seconds` back or ahead. Within the recorded history it seeks;
    /// from the present onward it runs the cluster ahead, recording, and
    /// stops early where a lesson goal is met.
    pub(super) fn jump(&mut self, seconds: i32) {
        let now = self.sim.now();
        let by = SimTime::from(seconds.unsigned_abs()) * 1_000_000;
        if seconds < 0 {
            self.seek_time(now.saturating_sub(by));
        } else if now.saturating_add(by) <= self.frontier.1 {
            self.seek_time(now + by);
        } else {
            self.seek_end();
            self.run_ahead(now.saturating_add(by));
        }
    }

    /// Runs the live cluster up to time `until`, as playing would.
    fn run_ahead(&mut self, until: SimTime) {
        self.playing = true;
        let mut budget = MAX_EVENTS_PER_JUMP;
        while budget > 0 && self.playing && self.step_once(until) {
            budget -= 1;
        }
        if self.playing {
            self.sim.run_until(until, 0);
            self.frontier.1 = self.frontier.1.max(self.sim.now());
            self.playing = false;
        }
        self.stop_if_stuck();
    }

    /// Enter after typing a time: go there, or say why not.
    pub(super) fn go_to_typed(&mut self) {
        let Mode::GoTo(text) = std::mem::replace(&mut self.mode, Mode::Normal) else {
            return;
        };
        match parse_time(&text) {
            Some(t) if t > self.frontier.1 => {
                let text = self
                    .words()
                    .say_goto_beyond(format_time(t), format_time(self.frontier.1));
                self.say(&text, true);
            }
            Some(t) => {
                // An error from an earlier try would stand beside the time
                // reached as if this one had failed too.
                self.status = None;
                self.seek_time(t);
            }
            None => {
                let text = self.words().say_goto_bad(&text);
                self.say(&text, true);
            }
        }
    }

    /// While a lesson's question waits, moving through time is refused.
    fn refused_while_asking(&mut self) -> bool {
        let asking = self.tutor.as_ref().is_some_and(super::Tutor::is_asking);
        if asking {
            self.say(self.words().say_answer_first, true);
        }
        asking
    }
}
