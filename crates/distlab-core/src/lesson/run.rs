//! The step engine: a pure, deterministic state machine over one lesson.
//!
//! The caller (the screen, or the headless player) owns the simulation and
//! steps it; the run only watches and, when asked, rewinds it. The protocol
//! of use:
//!
//! 1. [`LessonRun::start`] builds the simulation and enters the first step.
//! 2. While [`LessonRun::phase`] is [`Phase::Asking`], keep the clock still
//!    and show the question; [`LessonRun::answer`] reveals the answer and
//!    applies the step's actions.
//! 3. Call [`LessonRun::observe`] after every simulation step (and after
//!    every action applied by hand): it returns true when the goal became
//!    met. Call [`LessonRun::on_user_action`] *before* applying an action a
//!    person chose, so that "the leader" means the leader at that moment,
//!    and [`LessonRun::observe`] after it, so that a task counts only if
//!    the simulation took the action rather than skipping it.
//! 4. [`LessonRun::advance`] moves on once the goal is met (a `Continue`
//!    step is met by advancing); [`LessonRun::back`] and
//!    [`LessonRun::retry`] restore the simulation to a step's start.
//!    After any of these the simulation may have been replaced (a step can
//!    start from a fresh scenario): start any history of it afresh.

use super::condition::{Condition, Facts};
use super::schema::{Finish, Lesson, Step, TargetPattern, TaskAction};
use crate::protocols::{node_id, ActionOf, Family, SimOf};
use crate::scenario::{to_sim, ActionSpec, Scenario};
use crate::sim::{
    ms, Action, Actor, Describe, Labels, NoAlias, NodeStatus, RecordKind, Sim, SimTime,
    StepOutcome, Target,
};
use crate::units::Lang;

/// How long a step may wait for its goal when it sets no limit of its own.
pub const DEFAULT_LIMIT_MS: u64 = 60_000;

/// The most events a fresh run plays before its step shows it
/// (`start_at_ms`): a bound, so that a run that makes no progress ends.
const REPLAY_EVENTS: u64 = 1_000_000;

/// How far the clock moves at a time while no event happens.
const IDLE_TICK_MS: u64 = 10;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepStatus {
    Pending,
    Met,
    /// A time limit passed before the goal was met.
    Failed,
}

/// Where the current step is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Its question waits for an answer; the clock should stand still.
    Asking,
    /// Waiting for its goal.
    Running,
    Met,
    Failed,
    /// Every step is done.
    Finished,
}

/// The outcome of answering a question. Options count from 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Answer {
    pub chosen: usize,
    pub correct: usize,
}

impl Answer {
    pub fn is_correct(self) -> bool {
        self.chosen == self.correct
    }
}

/// The outcome of [`LessonRun::advance`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Advance {
    /// Now at this step (0-based).
    Moved(usize),
    /// That was the last step.
    Finished,
    /// The goal is not met yet (or the question is unanswered).
    NotMet,
}

/// A step's actions, converted once for the simulator.
#[derive(Clone, Debug)]
struct Plan<F: Family> {
    actions: Vec<ActionOf<F>>,
    autoplay: Vec<ActionOf<F>>,
    /// The simulation that replaces the running one as the step begins.
    fresh: Option<SimOf<F>>,
}

#[derive(Clone, Debug)]
pub struct LessonRun<F: Family> {
    lesson: Lesson<F>,
    plans: Vec<Plan<F>>,
    current: usize,
    statuses: Vec<StepStatus>,
    /// The simulation as each step found it, for going back.
    starts: Vec<Option<SimOf<F>>>,
    facts: Facts<F>,
    /// The facts when the step began running, for judging it again after
    /// the picture moved back.
    begun: Facts<F>,
    asking: bool,
    answer: Option<Answer>,
    task_done: bool,
    /// The action just told to [`LessonRun::on_user_action`] is the task;
    /// it counts once [`LessonRun::observe`] sees that the simulation did
    /// not skip it (a write a follower turned away is no write).
    task_attempted: bool,
    /// When the learner first acted in a task step (an action, or the
    /// clock started by hand). A task step's clock waits for this, and its
    /// time limit counts from it.
    armed_at: Option<SimTime>,
    /// The current task step's goal was met after its time limit.
    late: bool,
    finished: bool,
}

/// Where a task step's time limit stands, for a countdown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Countdown {
    /// Simulated time left before the limit.
    Left(SimTime),
    /// The limit passed this long ago; the task still counts when done.
    Late(SimTime),
}

impl<F: Family> LessonRun<F> {
    /// Builds the lesson's simulation and enters its first step.
    pub fn start(lesson: Lesson<F>) -> (LessonRun<F>, SimOf<F>) {
        let mut sim = lesson.scenario.build();
        let plans = plan(&lesson.steps);
        let n = lesson.steps.len();
        let mut run = LessonRun {
            lesson,
            plans,
            current: 0,
            statuses: vec![StepStatus::Pending; n],
            starts: vec![None; n],
            facts: Facts::begin(&sim),
            begun: Facts::begin(&sim),
            asking: false,
            answer: None,
            task_done: false,
            task_attempted: false,
            armed_at: None,
            late: false,
            finished: false,
        };
        if n > 0 {
            run.enter(0, &mut sim);
        } else {
            run.finished = true;
        }
        (run, sim)
    }

    pub fn lesson(&self) -> &Lesson<F> {
        &self.lesson
    }

    /// The current step, counted from 0.
    pub fn index(&self) -> usize {
        self.current
    }

    pub fn len(&self) -> usize {
        self.lesson.steps.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lesson.steps.is_empty()
    }

    pub fn step(&self) -> &Step<F> {
        &self.lesson.steps[self.current]
    }

    /// The scenario the simulation was built from: the lesson's, or that of
    /// the latest step so far that started afresh (`restart_with`). Saving
    /// a session extends it.
    pub fn scenario(&self) -> &Scenario<F> {
        self.lesson.steps[..=self.current.min(self.len().saturating_sub(1))]
            .iter()
            .rev()
            .find_map(|s| s.restart_with.as_ref())
            .unwrap_or(&self.lesson.scenario)
    }

    pub fn statuses(&self) -> &[StepStatus] {
        &self.statuses
    }

    pub fn is_finished(&self) -> bool {
        self.finished
    }

    pub fn phase(&self) -> Phase {
        if self.finished {
            return Phase::Finished;
        }
        match self.statuses[self.current] {
            StepStatus::Met => Phase::Met,
            StepStatus::Failed => Phase::Failed,
            StepStatus::Pending if self.asking => Phase::Asking,
            StepStatus::Pending => Phase::Running,
        }
    }

    /// Whether the current step's clock still waits for the learner: every
    /// step that runs the clock waits, before and after its question, until
    /// the learner acts or starts the clock, so that the text is read
    /// before what it describes happens, and a learner who reads first
    /// loses nothing by it.
    pub fn waits_for_learner(&self) -> bool {
        self.phase() == Phase::Running
            && self.armed_at.is_none()
            && !self.finished
            && !matches!(self.step().finish, Finish::Continue)
    }

    /// The learner started the clock of a task step by hand. Returns true
    /// when this is what started the step's clock.
    pub fn arm(&mut self, sim: &SimOf<F>) -> bool {
        if !self.waits_for_learner() {
            return false;
        }
        self.armed_at = Some(sim.now());
        true
    }

    /// Whether the current step's goal was met after its time limit.
    pub fn was_late(&self) -> bool {
        self.late
    }

    /// A task step's time limit, counted from the learner's first action:
    /// `None` without a limit, or before the learner acted.
    pub fn countdown(&self, sim: &SimOf<F>) -> Option<Countdown> {
        if !self.is_task() {
            return None;
        }
        let limit = ms(self.step().within_ms?);
        let elapsed = sim.now().saturating_sub(self.armed_at?);
        Some(if elapsed <= limit {
            Countdown::Left(limit - elapsed)
        } else {
            Countdown::Late(elapsed - limit)
        })
    }

    fn is_task(&self) -> bool {
        !self.finished && matches!(self.step().finish, Finish::Task(_))
    }

    /// The answer given to the current step's question, once given.
    pub fn answer_given(&self) -> Option<Answer> {
        self.answer
    }

    /// What has happened since the current step began.
    pub fn facts(&self) -> &Facts<F> {
        &self.facts
    }

    /// The actions that perform the current step's task, for autoplay.
    /// Pass each to [`LessonRun::on_user_action`] before applying it.
    pub fn autoplay_actions(&self) -> &[ActionOf<F>] {
        &self.plans[self.current].autoplay
    }

    /// The current step's goals in words, each with whether it holds now.
    /// A task's action counts as one goal, ticked once performed.
    pub fn goals(&self, sim: &SimOf<F>, lang: Lang) -> Vec<(String, bool)> {
        let conditions = |c: &Condition<F>| -> Vec<(String, bool)> {
            c.goals()
                .into_iter()
                .map(|g| (g.describe(lang, sim.labels()), g.holds(sim, &self.facts)))
                .collect()
        };
        match &self.step().finish {
            Finish::Continue => Vec::new(),
            Finish::When(c) => conditions(c),
            Finish::Task(t) => {
                let mut goals = vec![(t.action.describe::<F>(lang, sim.labels()), self.task_done)];
                if let Some(c) = &t.then {
                    goals.extend(conditions(c));
                }
                goals
            }
        }
    }

    /// Takes note of the simulation's latest step. Returns true when this
    /// made the current step's goal met.
    pub fn observe(&mut self, sim: &SimOf<F>) -> bool {
        if std::mem::take(&mut self.task_attempted) {
            let skipped = sim
                .last_records()
                .iter()
                .any(|r| matches!(r.kind, RecordKind::Skip { .. }));
            self.task_done |= !skipped;
        }
        if self.phase() != Phase::Running {
            return false;
        }
        self.facts.absorb(sim.last_records());
        self.evaluate(sim)
    }

    /// Takes note that an exploration from the state on screen ended,
    /// having found a violation or not. Returns true when this made the
    /// current step's goal met.
    pub fn explored(&mut self, found: bool, sim: &SimOf<F>) -> bool {
        if self.phase() != Phase::Running {
            return false;
        }
        self.facts.explored = Some(found);
        self.evaluate(sim)
    }

    /// Explores from `sim` as a learner pressing the explore key with its
    /// first budgets would, and plays the violation found, if any: how a
    /// step that asks for an exploration is done for the learner.
    fn explore_as_learner(&mut self, sim: &mut SimOf<F>) {
        let Some(mut search) = F::explorer(sim, &crate::explore::Search::interactive()) else {
            return;
        };
        while search.advance() {}
        let found = search.outcome().found.clone();
        self.explored(found.is_some(), sim);
        for step in found.iter().flat_map(|f| &f.steps) {
            sim.act(step.action());
            self.observe(sim);
        }
    }

    /// Checks the goal again after the clock moved without an event, so
    /// that a goal such as "1000 ms pass" is met when it is. Returns true
    /// when this made the goal met.
    pub fn recheck(&mut self, sim: &SimOf<F>) -> bool {
        self.phase() == Phase::Running && self.evaluate(sim)
    }

    /// Performs the current step as a diligent learner would: answers its
    /// question correctly, applies its autoplay actions, and runs the
    /// simulation until the goal is met or the step's time is up. Returns
    /// whether the step is done (a `Continue` step always is). Used by the
    /// headless player and to resume a lesson where it was left.
    pub fn play_step(&mut self, sim: &mut SimOf<F>) -> bool {
        if self.finished {
            return true;
        }
        if let Some(q) = &self.step().question {
            let correct = q.answer;
            self.answer(correct, sim);
        }
        for action in self.autoplay_actions().to_vec() {
            self.on_user_action(sim, &action);
            sim.act(action);
            self.observe(sim);
        }
        if matches!(self.step().finish, Finish::Continue) {
            return true;
        }
        if matches!(&self.step().finish, Finish::When(c) if c.explores()) {
            self.explore_as_learner(sim);
        }
        let limit = self.step().within_ms.unwrap_or(DEFAULT_LIMIT_MS);
        let from = self.armed_at.unwrap_or(self.facts.started_at);
        let deadline = from + ms(limit) + 1;
        while self.phase() == Phase::Running && sim.now() < deadline {
            // Time flows even when nothing happens, so that a goal such as
            // "1000 ms pass" is met when it is, not later.
            let horizon = (sim.now() + ms(IDLE_TICK_MS)).min(deadline);
            match sim.step_until(horizon) {
                StepOutcome::Idle => {
                    sim.run_until(horizon, 0);
                    self.recheck(sim);
                }
                StepOutcome::Stepped => {
                    self.observe(sim);
                }
                // The clock cannot move: the step is left unmet.
                StepOutcome::Stuck => break,
            }
        }
        self.phase() == Phase::Met
    }

    /// Plays the steps before `index` with [`LessonRun::play_step`], so a
    /// learner can resume at step `index` with the cluster as those steps
    /// leave it. Stops early, returning false, at a step whose goal is not
    /// met.
    pub fn fast_forward(&mut self, index: usize, sim: &mut SimOf<F>) -> bool {
        while self.current < index.min(self.len().saturating_sub(1)) {
            if !self.play_step(sim) || self.advance(sim) != Advance::Moved(self.current) {
                return false;
            }
        }
        true
    }

    /// Tells the run about an action a person is about to apply; call it
    /// before applying the action and [`LessonRun::observe`] after it.
    /// Returns true when the action is the one the current task asks for;
    /// it counts as done unless the simulation skips it.
    pub fn on_user_action(&mut self, sim: &SimOf<F>, action: &ActionOf<F>) -> bool {
        self.arm(sim);
        if self.phase() != Phase::Running {
            return false;
        }
        let Finish::Task(task) = &self.step().finish else {
            return false;
        };
        let matched = task.action.matches::<F>(sim, action);
        self.task_attempted = matched;
        matched
    }

    /// The current task in words when `action`, about to be applied, is
    /// the kind of action the task asks for but aimed elsewhere (crashing
    /// the leader where a follower is asked for), so that the screen can
    /// say so at once rather than wait in silence.
    pub fn missed_target(
        &self,
        sim: &SimOf<F>,
        action: &ActionOf<F>,
        lang: Lang,
    ) -> Option<String> {
        let Finish::Task(task) = &self.step().finish else {
            return None;
        };
        (self.phase() == Phase::Running
            && !self.task_done
            && task.action.same_kind::<F>(action)
            && !task.action.matches::<F>(sim, action))
        .then(|| task.action.describe::<F>(lang, sim.labels()))
    }

    /// Answers the current question with option `choice` (from 1), reveals
    /// the correct one and starts the step. `None` when nothing is asked or
    /// the choice is not an option.
    pub fn answer(&mut self, choice: usize, sim: &mut SimOf<F>) -> Option<Answer> {
        let question = self.step().question.as_ref()?;
        if !self.asking || !(1..=question.options.len()).contains(&choice) {
            return None;
        }
        let answer = Answer {
            chosen: choice,
            correct: question.answer,
        };
        self.answer = Some(answer);
        self.asking = false;
        self.begin_running(sim);
        Some(answer)
    }

    /// Moves to the next step if the current one is done. A `Continue`
    /// step is done by advancing.
    pub fn advance(&mut self, sim: &mut SimOf<F>) -> Advance {
        if self.finished {
            return Advance::Finished;
        }
        let continues = matches!(self.step().finish, Finish::Continue);
        match self.phase() {
            Phase::Met => {}
            Phase::Running if continues => self.statuses[self.current] = StepStatus::Met,
            _ => return Advance::NotMet,
        }
        if self.current + 1 == self.len() {
            self.finished = true;
            return Advance::Finished;
        }
        self.current += 1;
        self.enter(self.current, sim);
        Advance::Moved(self.current)
    }

    /// Goes back one step, restoring the simulation to that step's start.
    /// From the finished state, goes back into the last step. Returns false
    /// at the first step.
    pub fn back(&mut self, sim: &mut SimOf<F>) -> bool {
        if self.finished {
            self.back_to(self.current, sim)
        } else if self.current == 0 {
            false
        } else {
            self.back_to(self.current - 1, sim)
        }
    }

    /// Restarts the current step from its start.
    pub fn retry(&mut self, sim: &mut SimOf<F>) -> bool {
        self.back_to(self.current, sim)
    }

    /// Goes back to step `index` (not beyond the current one), restoring
    /// the simulation to that step's start; later steps become pending.
    pub fn back_to(&mut self, index: usize, sim: &mut SimOf<F>) -> bool {
        if index > self.current {
            return false;
        }
        let Some(start) = self.starts[index].clone() else {
            return false;
        };
        *sim = start;
        for status in &mut self.statuses[index..] {
            *status = StepStatus::Pending;
        }
        self.finished = false;
        self.current = index;
        self.enter(index, sim);
        true
    }

    fn enter(&mut self, index: usize, sim: &mut SimOf<F>) {
        if let Some(fresh) = &self.plans[index].fresh {
            *sim = fresh.clone();
        }
        self.starts[index] = Some(sim.clone());
        self.statuses[index] = StepStatus::Pending;
        self.answer = None;
        self.task_done = false;
        self.task_attempted = false;
        self.armed_at = None;
        self.late = false;
        self.facts = Facts::begin(sim);
        self.asking = self.lesson.steps[index].question.is_some();
        if !self.asking {
            self.begin_running(sim);
        }
    }

    /// Applies the step's actions; its goal may already hold afterwards.
    fn begin_running(&mut self, sim: &mut SimOf<F>) {
        self.facts = Facts::begin(sim);
        sim.act_all(self.plans[self.current].actions.clone());
        self.facts.absorb(sim.last_records());
        self.begun = self.facts.clone();
        self.evaluate(sim);
    }

    /// The picture moved back within the step: what happened since the
    /// step began is forgotten, and a goal met later than the moment now
    /// shown is no longer met. Feed [`LessonRun::observe`] every event
    /// from the step's start to that moment to judge it again.
    pub fn rewound(&mut self) {
        if matches!(self.phase(), Phase::Met | Phase::Failed | Phase::Running) {
            let explored = self.facts.explored;
            self.facts = self.begun.clone();
            self.facts.explored = explored;
            self.statuses[self.current] = StepStatus::Pending;
            self.late = false;
        }
    }

    fn evaluate(&mut self, sim: &SimOf<F>) -> bool {
        let step = &self.lesson.steps[self.current];
        let met = match &step.finish {
            Finish::Continue => false,
            Finish::When(c) => c.holds(sim, &self.facts),
            Finish::Task(t) => {
                self.task_done && t.then.as_ref().is_none_or(|c| c.holds(sim, &self.facts))
            }
        };
        let task = matches!(step.finish, Finish::Task(_));
        // A task's limit counts from the learner's first action and never
        // fails the step: a late task still counts, marked late. A step
        // that only watches counts from its start.
        let since = if task {
            self.armed_at
        } else {
            Some(self.facts.started_at)
        };
        let over = since.is_some_and(|from| {
            step.within_ms
                .is_some_and(|limit| sim.now().saturating_sub(from) > ms(limit))
        });
        if met {
            self.late = task && over;
            self.statuses[self.current] = StepStatus::Met;
            return true;
        }
        if over && !task {
            self.statuses[self.current] = StepStatus::Failed;
        }
        false
    }
}

/// Converts every step's actions with the scenario loader's own
/// conversion, so that a lesson's actions mean exactly what a scenario's do,
/// and builds the fresh simulations steps start from.
fn plan<F: Family>(steps: &[Step<F>]) -> Vec<Plan<F>> {
    let convert = |list: &[ActionSpec<F>]| list.iter().map(to_sim).collect();
    steps
        .iter()
        .map(|s| Plan {
            actions: convert(&s.actions),
            autoplay: convert(&s.autoplay),
            fresh: s.restart_with.as_ref().map(|scenario| {
                let mut sim = scenario.build();
                if let Some(at) = s.start_at_ms {
                    sim.run_until(ms(at), REPLAY_EVENTS);
                }
                sim
            }),
        })
        .collect()
}

impl TargetPattern {
    fn matches<A: Actor>(self, sim: &Sim<A>, target: Target<A::Alias>) -> bool {
        let Some(id) = sim.resolve(target) else {
            return false;
        };
        match self {
            TargetPattern::Leader => sim.leader() == Some(id),
            TargetPattern::Follower => sim.status(id).is_up() && sim.leader() != Some(id),
            TargetPattern::Node(n) => id.number() == n.0,
            TargetPattern::Any => true,
        }
    }

    fn describe(self, lang: Lang, labels: &Labels) -> String {
        // The leader and a node read as the engine words an action's target.
        let target = |t: Target<NoAlias>| t.describe(lang, labels);
        match (self, lang) {
            (TargetPattern::Leader, _) => target(Target::Leader),
            (TargetPattern::Node(n), _) => target(Target::Node(node_id(n))),
            (TargetPattern::Follower, Lang::En) => "a follower".into(),
            (TargetPattern::Follower, Lang::Zh) => "一个跟随者".into(),
            (TargetPattern::Any, Lang::En) => "a node".into(),
            (TargetPattern::Any, Lang::Zh) => "一个节点".into(),
        }
    }
}

impl TaskAction {
    /// Whether `action`, about to be applied to `sim`, is this task.
    pub fn matches<F: Family>(self, sim: &SimOf<F>, action: &ActionOf<F>) -> bool {
        let crashed = |t: Target<crate::protocols::Alias<F>>| {
            sim.resolve(t)
                .is_some_and(|id| sim.status(id) == NodeStatus::Crashed)
        };
        match (self, action) {
            (TaskAction::Crash(p), Action::Crash(t)) => p.matches(sim, *t),
            (TaskAction::Crash(p), Action::ToggleCrash(t)) => !crashed(*t) && p.matches(sim, *t),
            (TaskAction::Restart(p), Action::Restart(t)) => p.matches(sim, *t),
            (TaskAction::Restart(p), Action::ToggleCrash(t)) => crashed(*t) && p.matches(sim, *t),
            (TaskAction::Isolate(p), Action::Isolate(t))
            | (TaskAction::Rejoin(p), Action::Rejoin(t))
            | (TaskAction::Pause(p), Action::Pause(t, _))
            | (TaskAction::Timeout(p), Action::Timeout(t)) => p.matches(sim, *t),
            (TaskAction::Partition, Action::Partition(_) | Action::Isolate(_))
            | (TaskAction::Heal, Action::Heal)
            | (TaskAction::DropMessage, Action::DropMessage(_) | Action::DropNext(..)) => true,
            (TaskAction::ClientWrite, Action::Request(_, request)) => {
                F::membership_of(request).is_none()
            }
            (TaskAction::ChangeMembership(p), Action::Request(_, request)) => {
                F::membership_of(request).is_some_and(|id| p.matches(sim, Target::Node(id)))
            }
            _ => false,
        }
    }

    /// Whether `action` is this task's kind of action, whatever its
    /// target.
    fn same_kind<F: Family>(self, action: &ActionOf<F>) -> bool {
        if let (TaskAction::ChangeMembership(_), Action::Request(_, request)) = (self, action) {
            return F::membership_of(request).is_some();
        }
        matches!(
            (self, action),
            (
                TaskAction::Crash(_),
                Action::Crash(_) | Action::ToggleCrash(_)
            ) | (
                TaskAction::Restart(_),
                Action::Restart(_) | Action::ToggleCrash(_)
            ) | (TaskAction::Isolate(_), Action::Isolate(_))
                | (TaskAction::Rejoin(_), Action::Rejoin(_))
                | (TaskAction::Pause(_), Action::Pause(..))
                | (TaskAction::Timeout(_), Action::Timeout(_))
        )
    }

    /// The task in words, for the goal list, naming nodes by the run's
    /// labels.
    pub fn describe<F: Family>(self, lang: Lang, labels: &Labels) -> String {
        let zh = lang == Lang::Zh;
        let on = |verb_en: &str, zh_template: &str, p: TargetPattern| {
            if zh {
                lang.typeset(zh_template.replace("{}", &p.describe(lang, labels)))
            } else {
                format!("{verb_en} {}", p.describe(lang, labels))
            }
        };
        match self {
            TaskAction::Crash(p) => on("crash", "使{}崩溃", p),
            TaskAction::Restart(p) => on("restart", "重启{}", p),
            TaskAction::Isolate(p) => on("isolate", "隔离{}", p),
            TaskAction::Rejoin(p) => on("reconnect", "重新连接{}", p),
            TaskAction::Pause(p) => on("pause", "暂停{}", p),
            TaskAction::Timeout(p) => on("force a timeout on", "让{}立即超时", p),
            TaskAction::Partition if zh => "分割网络".into(),
            TaskAction::Partition => "partition the network".into(),
            TaskAction::Heal if zh => "修复网络".into(),
            TaskAction::Heal => "heal the network".into(),
            TaskAction::ClientWrite => F::request_task(lang).into(),
            TaskAction::ChangeMembership(p) => on("add or remove", "加入或移除{}", p),
            TaskAction::DropMessage if zh => "丢弃一条消息".into(),
            TaskAction::DropMessage => "drop a message".into(),
        }
    }
}
