//! Scenario files: everything needed to reproduce a run (README, "Scenario files").
//!
//! A scenario names a protocol and its settings, the network, a seed and a
//! script of timed actions. Lessons embed one, `assets/scenarios/` holds
//! presets, and the sandbox saves the current session as one.

mod convert;
mod error;
mod spec;

use std::path::Path;

use ron::extensions::Extensions;

pub use convert::{from_sim, to_sim};
pub use error::FileError;
pub use spec::{ActionSpec, Cluster, NetworkSpec, Scenario, TimedAction};

use serde::Deserialize;

use crate::protocols::{Family, FamilyKind, SimOf, WithFamily};
use crate::sim::{ms, Latency, NetworkConfig, SimConfig};
use crate::units::{recall, with_node_limit, with_roster, MsRange, Roster};

/// Errors from loading or building a scenario.
pub type ScenarioError = FileError;

/// RON as distlab reads it: `Some(…)` may be left out around optional values.
pub fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

/// Parses RON text in two passes: the first learns the cluster size and
/// what fields note for each other (see [`recall`]), the second checks
/// every node number against that size and every field against the others,
/// so that an unknown node or a conflict is reported at its own line and
/// column.
pub(crate) fn parse_with_cluster<T: serde::de::DeserializeOwned>(
    text: &str,
    file: &Path,
    roster: impl Fn(&T) -> Roster,
) -> Result<T, FileError> {
    // The first pass takes any node number: only the second, knowing the
    // cluster's size, can say which numbers exist.
    let (first, learnt) =
        recall::learning(|| with_node_limit(usize::MAX, || ron_options().from_str::<T>(text)));
    let roster = roster(&first.map_err(|e| FileError::from_ron(file, text, &e))?);
    recall::recalling(learnt, || {
        with_roster(&roster, || ron_options().from_str(text))
    })
    .map_err(|e| FileError::from_ron(file, text, &e))
}

/// The scenario as far as it names its family: enough to pick the types
/// to read the rest with.
#[derive(Deserialize)]
#[serde(rename = "Scenario")]
pub(crate) struct FamilyProbe {
    pub cluster: FamilyKind,
}

/// Which family a scenario file is for.
pub fn family_of(text: &str, file: &Path) -> Result<FamilyKind, FileError> {
    ron_options()
        .from_str::<FamilyProbe>(text)
        .map(|probe| probe.cluster)
        .map_err(|e| FileError::from_ron(file, text, &e))
}

/// Which family the scenario file at `path` is for.
pub fn family_of_file(path: &Path) -> Result<FamilyKind, FileError> {
    family_of(&read_file(path)?, path)
}

/// Reads the scenario file at `path` with its family's types: its first
/// error, or the family it is for.
pub fn check_file(path: &Path) -> Result<FamilyKind, FileError> {
    struct Check<'a>(&'a Path);
    impl WithFamily for Check<'_> {
        type Output = Result<(), FileError>;
        fn run<F: Family>(self) -> Self::Output {
            Scenario::<F>::load(self.0).map(drop)
        }
    }
    let family = family_of_file(path)?;
    family.dispatch(Check(path))?;
    Ok(family)
}

/// Reads a file, mapping I/O failures to a [`FileError`]. A byte-order
/// mark, which some editors put before UTF-8 text, is no part of it.
pub(crate) fn read_file(path: &Path) -> Result<String, FileError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| FileError::new(path, None, format!("cannot read the file: {e}")))?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    })
}

impl<F: Family> Scenario<F> {
    /// A plain cluster of `nodes` with the family's default settings and no
    /// script.
    pub fn plain(nodes: usize, seed: u64) -> Scenario<F> {
        Scenario::sandbox(F::NAMES[0], nodes, seed)
    }

    /// The plain cluster the sandbox named `name` starts with.
    pub fn sandbox(name: &str, nodes: usize, seed: u64) -> Scenario<F> {
        Scenario {
            seed,
            cluster: Cluster(F::sandbox_spec(name, nodes)),
            network: NetworkSpec::default(),
            actions: Vec::new(),
            until_ms: None,
            disk_ms: MsRange(0, 0),
        }
    }

    /// Parses scenario text; `file` names it in error messages.
    pub fn parse(text: &str, file: &Path) -> Result<Scenario<F>, ScenarioError> {
        parse_with_cluster(text, file, |s: &Scenario<F>| s.cluster.roster())
    }

    pub fn load(path: &Path) -> Result<Scenario<F>, ScenarioError> {
        Scenario::parse(&read_file(path)?, path)
    }

    /// The scenario as pretty RON that [`Scenario::parse`] reads back.
    pub fn to_ron(&self) -> String {
        let config = ron::ser::PrettyConfig::new()
            .depth_limit(2)
            .extensions(Extensions::IMPLICIT_SOME);
        match ron::ser::to_string_pretty(self, config) {
            Ok(body) => match body.split_once("\n(") {
                // The header line enables implicit `Some`; name the struct.
                Some((header, rest)) => format!("{header}\nScenario({rest}\n"),
                None => format!("Scenario{body}\n"),
            },
            Err(e) => format!("// could not write the scenario: {e}\n"),
        }
    }

    pub fn network_config(&self) -> NetworkConfig {
        let MsRange(lo, hi) = self.network.latency_ms;
        let latency = match self.network.long_tail {
            Some(alpha) => Latency::LongTail {
                min: ms(lo),
                max: ms(hi),
                alpha,
            },
            None => Latency::uniform_ms(lo, hi),
        };
        NetworkConfig {
            latency,
            loss: self.network.loss.0,
            duplicate: self.network.duplicate.0,
        }
    }

    /// A simulation of this scenario with its script scheduled.
    pub fn build(&self) -> SimOf<F> {
        let mut sim = F::build(
            &self.cluster.0,
            SimConfig {
                seed: self.seed,
                network: self.network_config(),
            },
        );
        let MsRange(lo, hi) = self.disk_ms;
        sim.set_disk(Latency::uniform_ms(lo, hi));
        for timed in &self.actions {
            sim.schedule(timed.at(), convert::to_sim(&timed.action), false);
        }
        sim
    }

    /// The same scenario with the family's main timeout drawn from `range`.
    pub fn with_main_timeout(&self, range: MsRange) -> Scenario<F> {
        Scenario {
            cluster: Cluster(F::with_main_timeout(&self.cluster.0, range)),
            ..self.clone()
        }
    }

    /// This scenario plus every action a person typed into `sim`, at their
    /// exact times, so that replaying the result reproduces the session.
    pub fn with_session(&self, sim: &SimOf<F>) -> Scenario<F> {
        let typed = sim.script().iter().filter(|s| s.by_user).filter_map(|s| {
            Some(TimedAction {
                at_ms: None,
                at_us: Some(s.at),
                action: convert::from_sim(&s.action)?,
            })
        });
        let mut actions = self.actions.clone();
        actions.extend(typed);
        // The end covers the session and every action, which a scenario's
        // end must not precede.
        let last_action = actions.iter().map(TimedAction::at).max().unwrap_or(0);
        let end_us = sim.now().max(last_action);
        Scenario {
            seed: sim.seed(),
            actions,
            until_ms: Some(self.until_ms.unwrap_or(0).max(end_us.div_ceil(1_000))),
            ..self.clone()
        }
    }
}
