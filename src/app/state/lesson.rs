//! A lesson's steps on the screen: goals met, moving between steps,
//! answering, and the task done for the learner.

use super::{App, Mode, View};
use crate::app::action::Action;
use crate::app::tutor::{Moved, Tutor};
use crate::app::words::{words, Words};
use crate::lab::LabStep;
use crate::protocols::Family;
use crate::sim::History;

impl<F: Family> App<F> {
    // ----- lessons ----------------------------------------------------------

    /// The screen's words in the lesson's language.
    pub(super) fn words(&self) -> &'static Words {
        words(self.lang())
    }

    pub(super) fn no_lesson(&mut self) {
        self.say(self.words().say_no_lesson, true);
    }

    /// The current step's goal was just met: stop the clock so the learner
    /// can see what happened, and say so.
    pub(super) fn goal_met(&mut self, saved: Result<(), String>) {
        self.playing = false;
        match saved {
            Ok(()) => {
                let text = self.words().say_goal_met(self.key_label(Action::Continue));
                self.say(&text, false);
            }
            Err(e) => self.say(&self.words().say_not_saved(&e), true),
        }
    }

    pub(super) fn advance_lesson(&mut self, action: Action) {
        let Some(tutor) = &mut self.tutor else {
            self.no_lesson();
            return;
        };
        if tutor.run().is_finished() {
            if action == Action::Continue {
                self.quit = true;
            }
            return;
        }
        let before = self.sim.events_processed();
        let (moved, saved) = tutor.advance(&mut self.sim);
        match moved {
            Moved::NotYet => {
                let text = match tutor.phase() {
                    crate::lesson::Phase::Failed => self
                        .words()
                        .say_time_ran_out(self.key_label(Action::RetryStep)),
                    _ => self.words().say_not_met_yet.to_owned(),
                };
                self.say(&text, true);
                return;
            }
            Moved::Completed => {
                self.playing = false;
                let text = self.words().say_complete(self.key_label(Action::Continue));
                self.say(&text, false);
            }
            Moved::To(_) | Moved::AtStart => self.moved_in_lesson(before),
        }
        if let Err(e) = saved {
            self.say(&self.words().say_not_saved(&e), true);
        }
    }

    pub(super) fn lesson_back(&mut self, retry: bool) {
        let Some(tutor) = &mut self.tutor else {
            self.no_lesson();
            return;
        };
        let before = self.sim.events_processed();
        let moved = if retry {
            tutor.retry(&mut self.sim)
        } else {
            tutor.back(&mut self.sim)
        };
        match moved {
            Moved::AtStart => self.say(self.words().say_first_step, false),
            _ => self.moved_in_lesson(before),
        }
    }

    /// Runs the clock by the learner's hand: a step's clock that waited
    /// for them starts, and what the status told them to do is done with.
    pub(super) fn start_clock(&mut self) {
        self.playing = true;
        if let Some(tutor) = &mut self.tutor {
            tutor.arm(&self.sim);
        }
        self.status = None;
    }

    /// Performs the step's task as the lesson's autoplay does, through the
    /// same path as the learner's own keys.
    pub(super) fn do_task(&mut self) {
        let Some(tutor) = &self.tutor else {
            self.no_lesson();
            return;
        };
        let explores = matches!(&tutor.run().step().finish,
            crate::lesson::Finish::When(c) if c.explores());
        if explores && tutor.phase() == crate::lesson::Phase::Running {
            // What the step asks is an exploration: search with the
            // budgets the step's text describes, and play what is found.
            self.explore_for_learner();
            return;
        }
        let actions = tutor.run().autoplay_actions().to_vec();
        if actions.is_empty() && tutor.run().waits_for_learner() {
            // A step that only watches: what it asks of the learner is to
            // let the clock run.
            self.start_clock();
            return;
        }
        if actions.is_empty() || tutor.phase() != crate::lesson::Phase::Running {
            self.say(self.words().say_no_task, false);
            return;
        }
        for action in actions {
            self.act(action);
        }
        if self.tutor.as_ref().is_some_and(Tutor::wants_clock) {
            self.playing = true;
        }
    }

    /// The lesson moved (to another step, back to a step's start, or past
    /// a question) and changed the simulation on the way: the old step's
    /// message goes, the history restarts here, the clock and view follow
    /// the step.
    pub(super) fn moved_in_lesson(&mut self, events_before: u64) {
        self.status = None;
        self.restarted_history(events_before);
        self.entered_step();
    }

    /// The lesson changed the simulation (a step's actions, or a step's
    /// start restored): the history starts afresh from here, and the feed
    /// and trails forget anything after the present.
    pub(super) fn restarted_history(&mut self, events_before: u64) {
        let at = self.sim.events_processed();
        self.feed.forget_notes_after(at);
        if at < events_before {
            self.feed.truncate_after(at);
            self.trails.truncate_after(at, &self.sim);
        }
        self.feed
            .ingest::<F>(self.sim.last_records(), self.sim.labels(), self.lang());
        self.trails.ingest::<F>(self.sim.last_records(), &self.sim);
        self.history = History::new(&self.sim);
        self.origin = (self.sim.events_processed(), self.sim.now());
        if let Some(tutor) = &self.tutor {
            self.scenario = tutor.run().scenario().clone();
        }
        self.frontier = (self.sim.events_processed(), self.sim.now());
        self.mode = Mode::Normal;
        self.feed_selected = None;
    }

    /// A step began (or its question was answered): set the clock and the
    /// view for it.
    pub(super) fn entered_step(&mut self) {
        let Some(tutor) = &self.tutor else {
            return;
        };
        self.playing = tutor.wants_clock();
        self.carry_us = 0.0;
        let chart = tutor.experiment().is_some();
        if chart {
            self.view = View::Experiment;
        } else if self.view == View::Experiment {
            self.view = View::Cluster;
        }
    }

    /// Asks the shell to play the step's run against a real
    /// `redis-server`, where there is one; otherwise says why not.
    pub(super) fn run_lab(&mut self) {
        let Some(tutor) = &self.tutor else {
            self.no_lesson();
            return;
        };
        match (&tutor.run().step().lab, tutor.redis_installed()) {
            (None, _) => self.say(self.words().say_no_lab, false),
            (Some(_), false) => self.say(self.words().say_no_redis, true),
            (Some(lab), true) => self.lab_request = Some(lab.clone()),
        }
    }

    /// The run the learner asked for, once: the shell opens it.
    pub fn take_lab_request(&mut self) -> Option<LabStep> {
        self.lab_request.take()
    }

    /// Says `text` in the status bar as a warning: what went wrong outside
    /// this screen, such as a lab run that could not start.
    pub fn warn(&mut self, text: &str) {
        self.say(text, true);
    }
}
