//! Exploring from the state on screen: the budgets' form, the search run
//! a unit of work per frame (so the screen keeps drawing its progress and
//! Esc cancels it), and a schedule found loaded into the history as a
//! fork at the present, ready to step through.

use std::time::Duration;

use super::{App, Mode, Status, STATUS_LIFE};
use crate::app::action::Action;
use crate::app::explore_form::ExploreForm;
use crate::explore::{describe_choice, describe_result, describe_search, Exploration, Search};
use crate::explore::{Counterexample, Outcome};
use crate::lesson::Phase;
use crate::protocols::Family;
use crate::sim::{format_time, SimTime};

/// How long each step of a schedule played for the learner stays on
/// screen before the next.
const DEMO_STEP: Duration = Duration::from_millis(600);

/// A search under way.
pub struct Exploring {
    search: Box<dyn Exploration>,
    /// Real time spent so far, for the rate on the progress line.
    elapsed: Duration,
    /// Play the schedule found at once: the search was the lesson's task,
    /// done for the learner.
    then_play: bool,
}

/// What the progress line shows.
pub struct ExploreProgress<'a> {
    pub outcome: &'a Outcome,
    pub elapsed: Duration,
}

impl<F: Family> App<F> {
    /// The search under way, if any.
    pub fn exploring(&self) -> Option<ExploreProgress<'_>> {
        self.exploring.as_ref().map(|e| ExploreProgress {
            outcome: e.search.outcome(),
            elapsed: e.elapsed,
        })
    }

    /// `e`: opens the budgets' form, with the budgets last used, unless
    /// the family cannot be explored.
    pub(super) fn open_explore_form(&mut self) {
        if F::explorer(&self.sim, &Search::interactive()).is_none() {
            let text = self.words().say_explore_timed(F::TAG);
            self.say(&text, true);
            return;
        }
        self.playing = false;
        self.mode = Mode::Explore(ExploreForm::new(self.explore_budgets));
    }

    pub(super) fn edit_explore_form(&mut self, action: Action) {
        if let Mode::Explore(form) = &mut self.mode {
            match action {
                Action::FormField(by) => form.move_field(by),
                Action::FormChange(by) => form.change(by),
                _ => {}
            }
        }
    }

    /// Enter (or `e` again) on the form: the search starts from the state
    /// on screen.
    pub(super) fn start_exploring(&mut self) {
        let Mode::Explore(form) = std::mem::replace(&mut self.mode, Mode::Normal) else {
            return;
        };
        self.explore_budgets = form.search;
        self.explore_with(form.search, false);
    }

    /// A lesson step's exploration, done for the learner (`A`): the
    /// budgets the lesson describes, and the schedule found played.
    pub(super) fn explore_for_learner(&mut self) {
        if self.exploring.is_none() {
            self.mode = Mode::Normal;
            self.explore_with(Search::interactive(), true);
        }
    }

    fn explore_with(&mut self, budgets: Search, then_play: bool) {
        self.playing = false;
        match F::explorer(&self.sim, &budgets) {
            Some(search) => {
                self.status = None;
                self.exploring = Some(Exploring {
                    search,
                    elapsed: Duration::ZERO,
                    then_play,
                });
            }
            None => {
                let text = self.words().say_explore_timed(F::TAG);
                self.say(&text, true);
            }
        }
    }

    /// Esc while searching.
    pub(super) fn cancel_exploring(&mut self) {
        if let Some(exploring) = self.exploring.take() {
            let states = exploring.search.outcome().states;
            let text = self.words().say_explore_cancelled(states);
            self.say(&text, false);
        }
    }

    /// A frame passed while searching: one more unit of work.
    pub(super) fn explore_tick(&mut self, elapsed: Duration) {
        let Some(exploring) = &mut self.exploring else {
            return;
        };
        exploring.elapsed += elapsed;
        if exploring.search.advance() {
            return;
        }
        let outcome = exploring.search.outcome().clone();
        let then_play = exploring.then_play;
        self.exploring = None;
        self.explored(outcome);
        if then_play && self.is_rewound() {
            self.demo = Some(Duration::ZERO);
        }
    }

    /// A frame passed while a schedule found for the learner plays: one
    /// step every [`DEMO_STEP`], as if `n` were pressed, until the
    /// schedule's end or the step's goal.
    pub(super) fn demo_tick(&mut self, elapsed: Duration) {
        let Some(waited) = self.demo.as_mut() else {
            return;
        };
        *waited += elapsed;
        if *waited < DEMO_STEP {
            return;
        }
        *waited -= DEMO_STEP;
        let goal_met = self.tutor.as_ref().is_some_and(|t| t.phase() == Phase::Met);
        if goal_met || !self.is_rewound() || !self.step_once(SimTime::MAX) {
            self.demo = None;
        }
    }

    /// The search ended: say what it found, load a schedule that breaks an
    /// invariant, and tell the lesson.
    fn explored(&mut self, outcome: Outcome) {
        let lang = self.lang();
        let mut result = describe_result(&outcome, lang);
        if outcome.capped {
            result = format!("{result} · {}", describe_search(&outcome, lang));
        }
        let met = match &outcome.found {
            None => {
                self.say_long(&result, false);
                self.tutor
                    .as_mut()
                    .and_then(|t| t.explored(false, &self.sim))
            }
            Some(found) => {
                if !self.replays(found) {
                    let text = self
                        .words()
                        .say_explore_replay_failed(found.invariant.name(lang));
                    self.say_long(&text, true);
                    return;
                }
                let met = self
                    .tutor
                    .as_mut()
                    .and_then(|t| t.explored(true, &self.sim));
                self.load(found);
                let (next, save) = (
                    self.key_label(Action::StepForward),
                    self.key_label(Action::Save),
                );
                let text = self.words().say_explore_found(
                    &result,
                    format_time(self.sim.now()),
                    next,
                    save,
                );
                self.say_long(&text, false);
                met
            }
        };
        if let Some(saved) = met {
            self.goal_met(saved);
            // The result first, then what the goal met asks for.
            if let Some(goal) = self.status.take() {
                self.say_long(&format!("{result} · {}", goal.text), goal.warning);
            }
        }
    }

    /// Whether `found`, played in the ordinary simulator from the state on
    /// screen, breaks the invariant the search says it breaks, first.
    fn replays(&self, found: &Counterexample) -> bool {
        let mut sim = self.sim.clone();
        let before = sim.violations().len();
        for step in &found.steps {
            sim.act(step.action());
        }
        sim.violations()
            .get(before)
            .is_some_and(|(_, v)| v.invariant == found.invariant)
    }

    /// Plays `found`'s steps as actions at the present (forking the history
    /// if the screen was rewound), each with the explorer's reason in the
    /// feed, then steps back to where they begin.
    fn load(&mut self, found: &Counterexample) {
        let start = self.sim.events_processed();
        let total = found.steps.len();
        let lang = self.lang();
        self.feed.forget_notes_after(start);
        for (i, step) in found.steps.iter().enumerate() {
            // Both the step and the first choice it was taken ahead of are
            // described in the state before the step.
            let what = describe_choice(&self.sim, step, lang);
            let others = found.alternatives.get(i).map_or(&[][..], Vec::as_slice);
            let w = self.words();
            let note = match others {
                [] => w.explore_step_only(i + 1, total, what),
                [other] => {
                    let ahead_of = describe_choice(&self.sim, other, lang);
                    w.explore_step_ahead(i + 1, total, what, ahead_of)
                }
                [first, rest @ ..] => {
                    let ahead_of = describe_choice(&self.sim, first, lang);
                    w.explore_step(i + 1, total, what, ahead_of, rest.len())
                }
            };
            self.history.act(&mut self.sim, step.action());
            if let Some(event) = self.sim.last_records().first().map(|r| r.event) {
                self.feed.note(event, note);
            }
            self.ingest();
        }
        self.frontier = (self.sim.events_processed(), self.sim.now());
        self.rewind_to(start);
    }

    /// A message that stays on the status bar longer than most: a
    /// search's result is read, then acted on.
    fn say_long(&mut self, text: &str, warning: bool) {
        self.status = Some(Status {
            text: text.to_owned(),
            warning,
            remaining: STATUS_LIFE * 4,
        });
    }
}
