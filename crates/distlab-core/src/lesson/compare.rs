//! Experiments that compare families: a variant may be a whole scenario of
//! any family, written after its family's tag (`Raft(Scenario(…))`), and
//! every variant is measured by the measure the experiment names, which
//! each variant's family must offer. The lesson layer names no family: it
//! expands the family list, as reading lessons does.

use std::fmt;

use serde::de::{self, Deserializer, EnumAccess, VariantAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use super::schema::Experiment;
use crate::experiment::{self, find_measure, Measured};
use crate::protocols::{Family, FamilyKind};
use crate::scenario::Scenario;
use crate::units::Ident;
use crate::units::Lang;

/// Code that works on a scenario of any family.
pub trait WithScenario {
    type Output;
    fn run<G: Family>(self, scenario: &Scenario<G>) -> Self::Output;
}

macro_rules! any_scenario {
    ($($tag:ident => $family:ty,)*) => {
        /// A scenario of any family, written after its family's tag:
        /// `Raft(Scenario(seed: 1, cluster: Raft((…)), …))`.
        #[derive(Clone, Debug, PartialEq)]
        pub enum AnyScenario {
            $($tag(Scenario<$family>),)*
        }

        impl AnyScenario {
            /// Runs `work` on the scenario with its family's types.
            pub fn dispatch<W: WithScenario>(&self, work: W) -> W::Output {
                match self {
                    $(AnyScenario::$tag(s) => work.run(s),)*
                }
            }
        }

        impl Serialize for AnyScenario {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                match self {
                    $(AnyScenario::$tag(scenario) => s.serialize_newtype_variant(
                        "AnyScenario",
                        FamilyKind::$tag as u32,
                        <$family as crate::protocols::Setup>::TAG,
                        scenario,
                    ),)*
                }
            }
        }

        /// Reads the family's tag, then the scenario with that family's
        /// types, in one pass, so that an error inside it keeps its line
        /// and column.
        struct ScenarioVisitor;

        impl<'de> Visitor<'de> for ScenarioVisitor {
            type Value = AnyScenario;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "a family's tag around a scenario, such as Raft(Scenario(…))")
            }

            fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<AnyScenario, A::Error> {
                let (tag, variant) = data.variant_seed(Ident)?;
                $(if tag == <$family as crate::protocols::Setup>::TAG {
                    return variant
                        .newtype_variant::<Scenario<$family>>()
                        .map(AnyScenario::$tag);
                })*
                Err(de::Error::unknown_variant(&tag, FamilyKind::TAGS))
            }
        }

        impl<'de> Deserialize<'de> for AnyScenario {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                d.deserialize_enum("AnyScenario", FamilyKind::TAGS, ScenarioVisitor)
            }
        }
    };
}

crate::for_each_family!(any_scenario);

impl AnyScenario {
    /// How many members its cluster has.
    pub fn nodes(&self) -> usize {
        struct Nodes;
        impl WithScenario for Nodes {
            type Output = usize;
            fn run<G: Family>(self, scenario: &Scenario<G>) -> usize {
                scenario.cluster.nodes()
            }
        }
        self.dispatch(Nodes)
    }

    /// Runs `trials` seeds of the scenario and takes the readings of the
    /// measure named `measure`, which its family must offer.
    pub fn measure(&self, measure: &'static str, trials: u64) -> Result<Measured, String> {
        struct Run(&'static str, u64);
        impl WithScenario for Run {
            type Output = Result<Measured, String>;
            fn run<G: Family>(self, scenario: &Scenario<G>) -> Self::Output {
                let measure = find_measure::<G>(Some(self.0))?;
                Ok(experiment::run(scenario, self.1, measure))
            }
        }
        self.dispatch(Run(measure, trials))
    }

    /// Whether its family offers the measure named `measure`: the reason
    /// if not.
    pub fn offers(&self, measure: &'static str) -> Result<(), String> {
        struct Offers(&'static str);
        impl WithScenario for Offers {
            type Output = Result<(), String>;
            fn run<G: Family>(self, _: &Scenario<G>) -> Self::Output {
                find_measure::<G>(Some(self.0)).map(drop)
            }
        }
        self.dispatch(Offers(measure))
    }
}

/// What is wrong with an experiment's variants, if anything, and the field
/// to point at: each is either a main-timeout range for the experiment's
/// own scenario or a whole scenario (of the lesson's size) whose family
/// offers the measure.
pub fn check_variants<F: Family>(
    e: &Experiment<F>,
    nodes: usize,
) -> Result<(), (String, &'static str)> {
    let at_variants = |text: &str| Err((text.to_owned(), "variants:"));
    for variant in &e.variants {
        match (&variant.election_timeout_ms, &variant.scenario, &e.scenario) {
            (Some(_), Some(_), _) => {
                return at_variants(
                    "a variant has either `election_timeout_ms` or `scenario`, not both",
                )
            }
            (None, None, _) => {
                return at_variants("a variant needs `election_timeout_ms` or a `scenario`")
            }
            (Some(_), None, None) => {
                return at_variants(
                    "a variant with `election_timeout_ms` needs the experiment's `scenario`",
                )
            }
            (Some(_), None, Some(_)) => {
                find_measure::<F>(Some(e.measure.name())).map_err(|e| (e, "measure:"))?;
            }
            (None, Some(scenario), _) => {
                if scenario.nodes() != nodes {
                    return at_variants(&format!(
                        "a variant's scenario must have as many nodes as the lesson's scenario ({nodes})"
                    ));
                }
                scenario
                    .offers(e.measure.name())
                    .map_err(|e| (e, "measure:"))?;
            }
        }
    }
    Ok(())
}

/// Messages sent per command, over every reading of a run of the
/// `messages-per-command` measure (each reading counts the messages sent
/// since the command before); `None` without any.
pub fn messages_per_command(d: &Measured) -> Option<f64> {
    (!d.samples.is_empty()).then(|| d.counted() as f64 / d.samples.len() as f64)
}

/// A `messages-per-command` result in one line, for the headless player.
pub fn per_command_line(d: &Measured, lang: Lang) -> String {
    let (commands, trials) = (d.samples.len(), d.trials);
    match (messages_per_command(d), lang) {
        (Some(per), Lang::En) => format!(
            "{per:.1} messages per committed command ({commands} commands in {trials} trials)"
        ),
        (Some(per), Lang::Zh) => {
            format!("每条已提交命令 {per:.1} 条消息（{trials} 次试验中共 {commands} 条命令）")
        }
        (None, Lang::En) => format!("no command was committed in {trials} trials"),
        (None, Lang::Zh) => format!("{trials} 次试验中没有命令被提交"),
    }
}
