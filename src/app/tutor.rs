//! The lesson side of the cluster screen: the step engine of an open
//! lesson, the learner's language and progress, and the experiment a step
//! shows.
//!
//! The tutor never touches the terminal and never steps the simulation on
//! its own: [`crate::app::App`] tells it about every step and every action,
//! and it answers with what changed, so that the one update path stays in
//! the app.

use std::collections::BTreeMap;

use crate::lesson::measure::{run_experiment, VariantResult};
use crate::lesson::{Advance, Answer, Finish, Lesson, LessonRun, Phase, Progress, ProgressStore};
use crate::protocols::{ActionOf, Family, SimOf};
use crate::sim::StepOutcome;
use crate::units::Lang;

/// What the learner's last lesson key did, for the status bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Moved {
    /// Now at this step, counted from 0.
    To(usize),
    /// The last step is done: the lesson is complete.
    Completed,
    /// The step's goal is not met yet.
    NotYet,
    /// Already at the first step.
    AtStart,
}

/// What an action the learner is about to apply means to the lesson.
pub struct Before {
    /// It started a task step's clock, which waited for the learner.
    pub started_clock: bool,
    /// It is the task's kind of action aimed at the wrong node: the task
    /// in words, to say so.
    pub missed: Option<String>,
}

pub struct Tutor<F: Family> {
    run: LessonRun<F>,
    lang: Lang,
    hint: bool,
    /// Rows the lesson text is scrolled down by.
    scroll: u16,
    /// Where progress is saved; `None` when no data folder is known.
    store: Option<ProgressStore>,
    progress: Progress,
    /// Each step's experiment results, once run. Kept, because going back
    /// to a step must not run it again.
    experiments: BTreeMap<usize, Vec<VariantResult>>,
    /// Whether this machine has a `redis-server` for the lesson's lab
    /// steps: looked up once, when the lesson opens.
    redis_installed: bool,
}

impl<F: Family> Tutor<F> {
    /// Starts `lesson`; with `resume`, plays the steps the learner already
    /// finished so the lesson goes on where it was left (or, if that no
    /// longer works, starts it over). Returns the tutor and the simulation.
    pub fn start(
        lesson: Lesson<F>,
        lang: Lang,
        store: Option<ProgressStore>,
        progress: Progress,
        resume: bool,
    ) -> (Tutor<F>, SimOf<F>) {
        let at = if resume && !progress.is_complete(&lesson.id) {
            progress.resume_at(&lesson.id)
        } else {
            0
        };
        let (mut run, mut sim) = LessonRun::start(lesson);
        if at > 0 && !run.fast_forward(at, &mut sim) {
            // A lesson edited since the learner's last visit may no longer
            // reach that step: start over rather than from a wrong state.
            let (fresh, fresh_sim) = LessonRun::start(run.lesson().clone());
            run = fresh;
            sim = fresh_sim;
        }
        let mut tutor = Tutor {
            run,
            lang,
            hint: false,
            scroll: 0,
            store,
            progress,
            experiments: BTreeMap::new(),
            redis_installed: false,
        };
        if tutor.lesson().steps.iter().any(|s| s.lab.is_some()) {
            tutor.redis_installed = crate::lab::find_redis_server(None).is_ok();
        }
        tutor.prepare_experiment();
        (tutor, sim)
    }

    // ----- reading --------------------------------------------------------

    pub fn run(&self) -> &LessonRun<F> {
        &self.run
    }

    pub fn lesson(&self) -> &Lesson<F> {
        self.run.lesson()
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Whether a lab step can run here.
    pub fn redis_installed(&self) -> bool {
        self.redis_installed
    }

    pub fn hint_open(&self) -> bool {
        self.hint
    }

    pub fn scroll(&self) -> u16 {
        self.scroll
    }

    pub fn phase(&self) -> Phase {
        self.run.phase()
    }

    pub fn is_asking(&self) -> bool {
        self.run.phase() == Phase::Asking
    }

    /// The current step's experiment results, once the learner may see
    /// them (after answering the step's question).
    pub fn experiment(&self) -> Option<&[VariantResult]> {
        if self.is_asking() {
            return None;
        }
        self.experiments.get(&self.run.index()).map(Vec::as_slice)
    }

    /// Whether the clock should run: only while a step waits for something
    /// to happen. While the learner reads, answers, or admires a goal just
    /// met, it stands still, so a lesson never runs away from its reader.
    /// A task step's clock also waits for the learner's first action.
    pub fn wants_clock(&self) -> bool {
        self.run.phase() == Phase::Running
            && !matches!(self.run.step().finish, Finish::Continue)
            && !self.run.waits_for_learner()
    }

    /// The learner started the clock by hand. True when that started a
    /// task step's clock.
    pub fn arm(&mut self, sim: &SimOf<F>) -> bool {
        self.run.arm(sim)
    }

    // ----- changing -------------------------------------------------------

    pub fn toggle_hint(&mut self) {
        self.hint = !self.hint;
    }

    /// Scrolls the lesson text by `by` rows, within `0..=max`.
    pub fn scroll_by(&mut self, by: i32, max: u16) {
        let to = (i32::from(self.scroll) + by).clamp(0, i32::from(max));
        self.scroll = to as u16;
    }

    /// Takes note of the simulation's latest step. Returns true when the
    /// step's goal became met (and progress was saved, or the error).
    pub fn observe(&mut self, sim: &SimOf<F>) -> Option<Result<(), String>> {
        self.run.observe(sim).then(|| self.step_met())
    }

    /// An exploration from the state on screen ended, having found a
    /// violation or not.
    pub fn explored(&mut self, found: bool, sim: &SimOf<F>) -> Option<Result<(), String>> {
        self.run.explored(found, sim).then(|| self.step_met())
    }

    /// Checks the goal after the clock moved without an event.
    pub fn recheck(&mut self, sim: &SimOf<F>) -> Option<Result<(), String>> {
        self.run.recheck(sim).then(|| self.step_met())
    }

    /// The picture moved back: the step is judged again over `replay`, a
    /// copy of the simulation from the step's start, stepped to `target`
    /// (events processed). Nothing is saved on the way.
    pub fn revisit(&mut self, mut replay: SimOf<F>, target: u64) {
        if self.run.phase() == Phase::Asking || self.run.is_finished() {
            return;
        }
        self.run.rewound();
        self.run.recheck(&replay);
        while replay.events_processed() < target && replay.step() == StepOutcome::Stepped {
            self.run.observe(&replay);
        }
        self.run.recheck(&replay);
    }

    /// Tells the engine of an action the learner is about to apply.
    pub fn before_action(&mut self, sim: &SimOf<F>, action: &ActionOf<F>) -> Before {
        let waited = self.run.waits_for_learner();
        let missed = self.run.missed_target(sim, action, self.lang);
        self.run.on_user_action(sim, action);
        Before {
            started_clock: waited && !self.run.waits_for_learner(),
            missed,
        }
    }

    pub fn answer(&mut self, choice: usize, sim: &mut SimOf<F>) -> Option<Answer> {
        let answer = self.run.answer(choice, sim);
        if answer.is_some() && self.run.phase() == Phase::Met {
            // The step's own actions met its goal at once.
            let _ = self.step_met();
        }
        answer
    }

    /// Goes on to the next step once the current one is done. A step whose
    /// goal holds as soon as it begins counts as met straight away.
    pub fn advance(&mut self, sim: &mut SimOf<F>) -> (Moved, Result<(), String>) {
        let continuing = self.run.phase() == Phase::Running;
        let index = self.run.index();
        match self.run.advance(sim) {
            Advance::NotMet => (Moved::NotYet, Ok(())),
            Advance::Finished => {
                self.progress.mark_step(&self.run.lesson().id, index);
                self.progress.mark_complete(&self.run.lesson().id);
                (Moved::Completed, self.save())
            }
            Advance::Moved(to) => {
                let saved = if continuing {
                    self.progress.mark_step(&self.run.lesson().id, index);
                    self.save()
                } else {
                    Ok(())
                };
                self.entered();
                let saved = match self.run.phase() {
                    Phase::Met => self.step_met().and(saved),
                    _ => saved,
                };
                (Moved::To(to), saved)
            }
        }
    }

    /// Back one step, its simulation restored to how the step began.
    pub fn back(&mut self, sim: &mut SimOf<F>) -> Moved {
        if self.run.back(sim) {
            self.entered();
            Moved::To(self.run.index())
        } else {
            Moved::AtStart
        }
    }

    /// The current step again from its start.
    pub fn retry(&mut self, sim: &mut SimOf<F>) -> Moved {
        self.run.retry(sim);
        self.entered();
        Moved::To(self.run.index())
    }

    fn entered(&mut self) {
        self.hint = false;
        self.scroll = 0;
        self.prepare_experiment();
    }

    /// Runs the current step's experiment, unless it ran before.
    fn prepare_experiment(&mut self) {
        if self.run.is_finished() {
            return;
        }
        let index = self.run.index();
        if let (Some(experiment), false) = (
            &self.run.step().experiment,
            self.experiments.contains_key(&index),
        ) {
            self.experiments.insert(index, run_experiment(experiment));
        }
    }

    fn step_met(&mut self) -> Result<(), String> {
        self.progress
            .mark_step(&self.run.lesson().id, self.run.index());
        self.save()
    }

    fn save(&self) -> Result<(), String> {
        match &self.store {
            Some(store) => store.save(&self.progress).map_err(|e| e.to_string()),
            None => Ok(()),
        }
    }
}
