//! Conditions over a running simulation: what a step waits for.
//!
//! Generic conditions (leaders, crashes, violations, time) work for every
//! family; a family's own goals are written inside its tag (`Raft(…)`) and
//! answered by the family, so that adding a family touches nothing here.
//! Conditions read the simulation's state plus the [`Facts`] gathered from
//! records since the step began.

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize, Serializer};

use crate::protocols::{node_id as id, Family, SimOf, StepFacts, StepGoal};
use crate::sim::{Labels, NodeStatus, Record, SimTime};
use crate::units::Lang;
use crate::units::{deserialize_tagged, deserialize_union, NodeNum};

/// A condition over the simulation. Combine with `All`, `Any` and `Not`.
/// The derive reads and writes the generic variants; the family's goals
/// are merged in by hand below.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self", bound = "")]
pub enum Condition<F: Family> {
    All(Vec<Condition<F>>),
    Any(Vec<Condition<F>>),
    Not(Box<Condition<F>>),
    /// Some running node leads.
    LeaderExists,
    /// This node leads the highest term among running nodes.
    LeaderIs(NodeNum),
    /// Some node other than this one leads the highest term.
    LeaderIsNot(NodeNum),
    Crashed(NodeNum),
    /// The node is running (not crashed, not paused).
    Up(NodeNum),
    /// The safety checker reported this invariant broken since the step
    /// began.
    Violated(#[serde(deserialize_with = "invariant_name::<F, _>")] String),
    /// No invariant was reported broken since the step began.
    NoViolation,
    /// At least this many simulated milliseconds passed since the step began.
    ElapsedMs(u64),
    /// The learner explored from the state on screen during the step and
    /// the search ended: having found a violation (`true`), or none within
    /// its budgets (`false`).
    Explored(bool),
    /// A goal of the family's own, written inside its tag:
    /// `Raft(TermAtLeast(2))`.
    #[serde(skip)]
    Family(F::Goal),
}

/// The generic variants alone, as the derive reads them.
struct GenericCondition<F: Family>(Condition<F>);

impl<'de, F: Family> Deserialize<'de> for GenericCondition<F> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Condition::deserialize(d).map(GenericCondition)
    }
}

/// A goal of the family's own, inside the family's tag.
struct InTag<F: Family>(F::Goal);

impl<'de, F: Family> Deserialize<'de> for InTag<F> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        deserialize_tagged(d, F::TAG_VARIANT).map(InTag)
    }
}

impl<'de, F: Family> Deserialize<'de> for Condition<F> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        deserialize_union(
            d,
            |g: GenericCondition<F>| g.0,
            |g: InTag<F>| Condition::Family(g.0),
        )
    }
}

impl<F: Family> Serialize for Condition<F> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Condition::Family(goal) => s.serialize_newtype_variant("Condition", 0, F::TAG, goal),
            generic => Condition::serialize(generic, s),
        }
    }
}

/// The name of the invariant a lesson names (in English, as the checker
/// reports it) in `lang`.
fn invariant_in<F: Family>(name: &str, lang: Lang) -> &str {
    F::INVARIANTS
        .iter()
        .find(|i| i.en == name)
        .map_or(name, |i| i.name(lang))
}

/// An invariant the family's checker can report, else an error that
/// lists those it can.
fn invariant_name<'de, F: Family, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let name = String::deserialize(d)?;
    if F::INVARIANTS.iter().any(|i| i.en == name) {
        Ok(name)
    } else {
        Err(de::Error::custom(format!(
            "unknown invariant \"{name}\"; this protocol checks: {}",
            F::INVARIANTS
                .iter()
                .map(|i| i.en)
                .collect::<Vec<_>>()
                .join(", ")
        )))
    }
}

/// What happened since a step began, gathered from the records of each
/// simulation step, for conditions that the state alone cannot answer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Facts<F: Family> {
    pub started_at: SimTime,
    violations_before: usize,
    /// How the step's last exploration ended: with a violation found or
    /// not. It is not an event of the run, so rewinding keeps it.
    pub explored: Option<bool>,
    /// What the family's own goals remember.
    pub family: F::Facts,
}

impl<F: Family> Facts<F> {
    /// Facts start empty at the simulation's present moment.
    pub fn begin(sim: &SimOf<F>) -> Facts<F> {
        Facts {
            started_at: sim.now(),
            violations_before: sim.violations().len(),
            explored: None,
            family: F::Facts::default(),
        }
    }

    /// Takes note of one simulation step's records.
    pub fn absorb(&mut self, records: &[Record<F::Node>]) {
        self.family.absorb(records);
    }
}

impl<F: Family> Condition<F> {
    /// Whether the condition holds now.
    pub fn holds(&self, sim: &SimOf<F>, facts: &Facts<F>) -> bool {
        let exists = |n: NodeNum| n.0 <= sim.cluster_size();
        match self {
            Condition::All(cs) => cs.iter().all(|c| c.holds(sim, facts)),
            Condition::Any(cs) => cs.iter().any(|c| c.holds(sim, facts)),
            Condition::Not(c) => !c.holds(sim, facts),
            Condition::Family(goal) => goal.holds(sim, &facts.family),
            Condition::LeaderExists => sim.leader().is_some(),
            Condition::LeaderIs(n) => sim.leader() == Some(id(*n)),
            Condition::LeaderIsNot(n) => sim.leader().is_some_and(|l| l != id(*n)),
            Condition::Crashed(n) => exists(*n) && sim.status(id(*n)) == NodeStatus::Crashed,
            Condition::Up(n) => exists(*n) && sim.status(id(*n)).is_up(),
            Condition::Violated(name) => sim.violations()
                [facts.violations_before.min(sim.violations().len())..]
                .iter()
                .any(|(_, v)| v.invariant.en == name),
            Condition::NoViolation => sim.violations().len() <= facts.violations_before,
            Condition::ElapsedMs(ms) => {
                sim.now().saturating_sub(facts.started_at) >= ms.saturating_mul(1_000)
            }
            Condition::Explored(found) => facts.explored == Some(*found),
        }
    }

    /// Whether the condition asks for an exploration.
    pub fn explores(&self) -> bool {
        match self {
            Condition::All(cs) | Condition::Any(cs) => cs.iter().any(Condition::explores),
            Condition::Not(c) => c.explores(),
            Condition::Explored(_) => true,
            _ => false,
        }
    }

    /// The goals a person ticks off: the parts of a top-level `All`, else
    /// the condition itself.
    pub fn goals(&self) -> Vec<&Condition<F>> {
        match self {
            Condition::All(cs) => cs.iter().collect(),
            other => vec![other],
        }
    }

    /// The condition in words, for the goal list, naming nodes by the
    /// run's labels (`R1`, not `S2`, in a lock cluster).
    pub fn describe(&self, lang: Lang, labels: &Labels) -> String {
        let zh = lang == Lang::Zh;
        let node = |n: &NodeNum| labels.get(id(*n)).to_owned();
        let join = |cs: &[Condition<F>], en: &str, cn: &str| {
            let parts: Vec<String> = cs.iter().map(|c| c.describe(lang, labels)).collect();
            parts.join(if zh { cn } else { en })
        };
        match self {
            Condition::All(cs) => join(cs, " and ", "，且"),
            Condition::Any(cs) => join(cs, " or ", "，或"),
            Condition::Not(c) if zh => format!("并非：{}", c.describe(lang, labels)),
            Condition::Not(c) => format!("not: {}", c.describe(lang, labels)),
            Condition::LeaderExists if zh => "存在一个领导者".into(),
            Condition::LeaderExists => "a leader exists".into(),
            Condition::LeaderIs(n) if zh => format!("{} 是领导者", node(n)),
            Condition::LeaderIs(n) => format!("{} leads", node(n)),
            Condition::LeaderIsNot(n) if zh => format!("{} 以外的节点成为领导者", node(n)),
            Condition::LeaderIsNot(n) => format!("a node other than {} leads", node(n)),
            Condition::Crashed(n) if zh => format!("{} 已崩溃", node(n)),
            Condition::Crashed(n) => format!("{} is down", node(n)),
            Condition::Up(n) if zh => format!("{} 正在运行", node(n)),
            Condition::Up(n) => format!("{} is running", node(n)),
            Condition::Violated(name) if zh => {
                format!("安全监视器报告“{}”被破坏", invariant_in::<F>(name, lang))
            }
            Condition::Violated(name) => format!("the safety monitor reports {name} broken"),
            Condition::NoViolation if zh => "没有违反任何安全不变式".into(),
            Condition::NoViolation => "no safety invariant is broken".into(),
            Condition::ElapsedMs(ms) if zh => format!("经过 {ms} 毫秒模拟时间"),
            Condition::ElapsedMs(ms) => format!("{ms} ms of simulated time pass"),
            Condition::Explored(true) if zh => "从这里探索，探索器找到一个违反".into(),
            Condition::Explored(true) => "explore from here: the explorer finds a violation".into(),
            Condition::Explored(false) if zh => "从这里探索，探索器没有找到违反".into(),
            Condition::Explored(false) => {
                "explore from here: the explorer finds no violation".into()
            }
            Condition::Family(goal) => goal.describe(lang),
        }
    }
}
