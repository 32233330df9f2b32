//! The lesson file format (README, "Lessons"), as plain externally tagged types.
//!
//! A lesson is a scenario plus an ordered list of steps. Each step says
//! something, may apply actions when it begins, and finishes when the
//! learner continues, when a condition over the simulation holds, or when
//! the learner performs a task.

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};

use super::compare::AnyScenario;
use super::condition::Condition;
use super::text::Text;
use crate::experiment::MAX_TRIALS;
use crate::lab::LabStep;
use crate::protocols::Family;
use crate::scenario::{ActionSpec, Scenario};
use crate::units::{positive_ms, MsRange, NodeNum};

/// The most options a question may have: one digit key answers each.
pub const MAX_OPTIONS: usize = 9;

/// The latest moment a fresh run may be played up to before its step
/// shows it: a minute of simulated time.
pub const MAX_START_AT_MS: u64 = 60_000;

/// `within_ms`: a limit of 1 ms to a day, when a step has one.
fn limit_ms<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    positive_ms(d).map(Some)
}

/// An experiment's `trials`: as many as `distlab experiment --trials` allows.
fn trials<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    let n = u64::deserialize(d)?;
    if !(1..=MAX_TRIALS).contains(&n) {
        return Err(de::Error::custom(format!(
            "`trials: {n}` is out of range: an experiment runs 1 to {MAX_TRIALS} trials"
        )));
    }
    Ok(n)
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, bound = "")]
pub struct Lesson<F: Family> {
    /// Unique, and the file's name without `.ron`: `raft-1-election`.
    pub id: String,
    pub title: Text,
    pub summary: Text,
    /// The group the lesson belongs to in the menu: `raft`, `locks`, …
    pub track: String,
    pub scenario: Scenario<F>,
    pub steps: Vec<Step<F>>,
}

/// One step. Checked when read: a task needs `autoplay`, and a question's
/// answer must name one of its options.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawStep<F>", bound = "")]
pub struct Step<F: Family> {
    pub title: Text,
    pub say: Text,
    pub actions: Vec<ActionSpec<F>>,
    pub finish: Finish<F>,
    pub hint: Option<Text>,
    pub question: Option<Question>,
    /// Narration revealed once the step's question is answered: what the
    /// learner is about to see, kept back so that the text shown before
    /// the question never answers it.
    pub reveal: Option<Text>,
    pub autoplay: Vec<ActionSpec<F>>,
    /// A time limit in simulated milliseconds. A step that watches
    /// (`When`) fails when its condition is not met this long after it
    /// began; a task's limit counts from the learner's first action, shows
    /// as a countdown, and a task done late still counts, marked late.
    pub within_ms: Option<u64>,
    /// Runs shown next to the step: many seeds, one distribution each.
    pub experiment: Option<Experiment<F>>,
    /// Replaces the simulation with a fresh one of this scenario when the
    /// step begins, to compare a rule with a broken one side by side. It
    /// must have as many nodes as the lesson's scenario.
    pub restart_with: Option<Scenario<F>>,
    /// With `restart_with`: the fresh run is played at once up to this
    /// simulated moment, so that a step replaying a script the learner
    /// has already watched starts where its narration does.
    pub start_at_ms: Option<u64>,
    /// A run against a real `redis-server` the step offers (lock lessons):
    /// the learner starts it with a key where `redis-server` is installed;
    /// elsewhere the step says how to install it, and is passed over.
    pub lab: Option<LabStep>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, bound = "")]
struct RawStep<F: Family> {
    title: Text,
    say: Text,
    #[serde(default)]
    actions: Vec<ActionSpec<F>>,
    finish: Finish<F>,
    #[serde(default)]
    hint: Option<Text>,
    #[serde(default)]
    question: Option<Question>,
    #[serde(default)]
    reveal: Option<Text>,
    #[serde(default)]
    autoplay: Vec<ActionSpec<F>>,
    #[serde(default, deserialize_with = "limit_ms")]
    within_ms: Option<u64>,
    #[serde(default)]
    experiment: Option<Experiment<F>>,
    #[serde(default)]
    restart_with: Option<Scenario<F>>,
    #[serde(default)]
    start_at_ms: Option<u64>,
    #[serde(default)]
    lab: Option<LabStep>,
}

impl<F: Family> TryFrom<RawStep<F>> for Step<F> {
    type Error = String;

    fn try_from(raw: RawStep<F>) -> Result<Self, String> {
        if matches!(raw.finish, Finish::Task(_)) && raw.autoplay.is_empty() {
            return Err(format!(
                "the step \"{}\" has a task but no `autoplay` actions that perform it",
                raw.title.get(crate::units::Lang::En)
            ));
        }
        if raw.reveal.is_some() && raw.question.is_none() {
            return Err(format!(
                "the step \"{}\" has `reveal` but no question: `reveal` is narration shown once a question is answered",
                raw.title.get(crate::units::Lang::En)
            ));
        }
        if raw.start_at_ms.is_some() && raw.restart_with.is_none() {
            return Err(format!(
                "the step \"{}\" has `start_at_ms` but no `restart_with`: `start_at_ms` is where a fresh run starts",
                raw.title.get(crate::units::Lang::En)
            ));
        }
        if raw.start_at_ms.is_some_and(|t| t > MAX_START_AT_MS) {
            return Err(format!(
                "`start_at_ms` is at most {MAX_START_AT_MS} (a step replays at most a minute of a fresh run)"
            ));
        }
        if let Some(q) = &raw.question {
            if !(2..=MAX_OPTIONS).contains(&q.options.len()) {
                return Err(format!(
                    "a question has 2 to {MAX_OPTIONS} options (the keys 1 to {MAX_OPTIONS} answer it); this one has {}",
                    q.options.len()
                ));
            }
            if !(1..=q.options.len()).contains(&q.answer) {
                return Err(format!(
                    "the question's answer is option {}, but it has options 1 to {}",
                    q.answer,
                    q.options.len()
                ));
            }
        }
        if raw.lab.is_some() && raw.finish != Finish::Continue {
            return Err(format!(
                "the step \"{}\" has a `lab` run: its finish must be `Continue` (a real run is not checked like a simulated one)",
                raw.title.get(crate::units::Lang::En)
            ));
        }
        Ok(Step {
            title: raw.title,
            say: raw.say,
            actions: raw.actions,
            finish: raw.finish,
            hint: raw.hint,
            question: raw.question,
            reveal: raw.reveal,
            autoplay: raw.autoplay,
            within_ms: raw.within_ms,
            experiment: raw.experiment,
            restart_with: raw.restart_with,
            start_at_ms: raw.start_at_ms,
            lab: raw.lab,
        })
    }
}

/// How a step finishes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(bound = "")]
pub enum Finish<F: Family> {
    /// The learner presses a key.
    Continue,
    /// A condition over the simulation becomes true.
    When(Condition<F>),
    /// The learner performs an action; the step is done when they have and
    /// the optional condition holds afterwards.
    Task(Task<F>),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, bound = "")]
pub struct Task<F: Family> {
    #[serde(rename = "do")]
    pub action: TaskAction,
    #[serde(default)]
    pub then: Option<Condition<F>>,
}

/// The kind of action a task asks for, and whom it must hit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TaskAction {
    Crash(TargetPattern),
    Restart(TargetPattern),
    Isolate(TargetPattern),
    Rejoin(TargetPattern),
    Pause(TargetPattern),
    Timeout(TargetPattern),
    /// Any partition of the network.
    Partition,
    Heal,
    /// Any of the family's requests but a membership change (for Raft, a
    /// client write).
    ClientWrite,
    /// Adding the node to the configuration, or removing it (Raft's
    /// `AddServer` and `RemoveServer`).
    ChangeMembership(TargetPattern),
    /// Dropping a message, in flight or the next on a link.
    DropMessage,
}

/// Which node a task's action must be aimed at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TargetPattern {
    /// The leader at the moment of the action.
    Leader,
    /// A running node that does not lead at the moment of the action.
    Follower,
    Node(NodeNum),
    Any,
}

/// A multiple-choice question asked before the step runs: predict, then
/// observe.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub ask: Text,
    pub options: Vec<Text>,
    /// The correct option, counted from 1 as the keys are.
    pub answer: usize,
    /// Shown once the learner has answered.
    pub explain: Text,
}

/// A measurement over many seeds, in several variants: the experiment's
/// scenario with different main timeouts, or whole scenarios of any
/// family (to compare families by a measure each offers).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, bound = "")]
pub struct Experiment<F: Family> {
    pub measure: Measure,
    #[serde(deserialize_with = "trials")]
    pub trials: u64,
    /// The scenario that variants with `election_timeout_ms` vary.
    #[serde(default)]
    pub scenario: Option<Scenario<F>>,
    pub variants: Vec<Variant>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Measure {
    /// Time from a leader's crash to the next leader's election.
    LeaderDowntime,
    /// Messages sent per committed client command.
    MessagesPerCommand,
}

impl Measure {
    /// The family measure it names.
    pub fn name(self) -> &'static str {
        match self {
            Measure::LeaderDowntime => "leader-downtime",
            Measure::MessagesPerCommand => "messages-per-command",
        }
    }
}

/// One variant of an experiment: the experiment's scenario with another
/// main timeout, or a scenario of its own, of any family.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    pub label: Text,
    /// Replaces the family's main timeout range (Raft's election timeout)
    /// in the experiment's scenario.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub election_timeout_ms: Option<MsRange>,
    /// A whole scenario, after its family's tag: `Raft(Scenario(…))`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scenario: Option<AnyScenario>,
}

impl<F: Family> Lesson<F> {
    /// Every text of the lesson, with a name saying where it is, so that
    /// missing translations can be listed.
    pub fn texts(&self) -> Vec<(String, &Text)> {
        let mut out = vec![
            ("title".to_owned(), &self.title),
            ("summary".to_owned(), &self.summary),
        ];
        for (i, step) in self.steps.iter().enumerate() {
            let at = |what: &str| format!("step {}: {what}", i + 1);
            out.push((at("title"), &step.title));
            out.push((at("say"), &step.say));
            if let Some(h) = &step.hint {
                out.push((at("hint"), h));
            }
            if let Some(q) = &step.question {
                out.push((at("question"), &q.ask));
                out.push((at("explain"), &q.explain));
                for (k, o) in q.options.iter().enumerate() {
                    out.push((at(&format!("option {}", k + 1)), o));
                }
            }
            if let Some(r) = &step.reveal {
                out.push((at("reveal"), r));
            }
            if let Some(e) = &step.experiment {
                for v in &e.variants {
                    out.push((at("variant label"), &v.label));
                }
            }
        }
        out
    }
}
