//! Scenario files: everything needed to reproduce a run (DESIGN §3).
//!
//! A scenario names a protocol and its settings, the network, a seed and a
//! script of timed actions. Lessons embed one, `assets/scenarios/` holds
//! presets, and the sandbox saves the current session as one.

mod convert;
mod error;
mod spec;

use std::path::Path;

use ron::extensions::Extensions;

pub use convert::to_sim;
pub use error::FileError;
pub use spec::{
    ActionSpec, ClusterSpec, MsRange, NetworkSpec, NodeNum, Probability, RaftSpec, Scenario,
    TargetSpec, TimedAction, MAX_NODES,
};

use crate::protocols::raft::{self, RaftConfig, RaftNode};
use crate::sim::{ms, Latency, NetworkConfig, Sim, SimConfig};

/// Errors from loading or building a scenario.
pub type ScenarioError = FileError;

/// RON as distlab reads it: `Some(…)` may be left out around optional values.
pub fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

/// Parses RON text in two passes: the first learns the cluster size, the
/// second checks every node number against it, so that an unknown node is
/// reported at its own line and column.
pub(crate) fn parse_with_cluster<T: serde::de::DeserializeOwned>(
    text: &str,
    file: &Path,
    cluster_size: impl Fn(&T) -> usize,
) -> Result<T, FileError> {
    let first: T = spec::with_node_limit(MAX_NODES, || ron_options().from_str(text))
        .map_err(|e| FileError::from_ron(file, &e))?;
    let size = cluster_size(&first);
    if size == MAX_NODES {
        return Ok(first);
    }
    spec::with_node_limit(size, || ron_options().from_str(text))
        .map_err(|e| FileError::from_ron(file, &e))
}

/// Reads a file, mapping I/O failures to a [`FileError`].
pub(crate) fn read_file(path: &Path) -> Result<String, FileError> {
    std::fs::read_to_string(path)
        .map_err(|e| FileError::new(path, None, format!("cannot read the file: {e}")))
}

impl Scenario {
    /// A plain Raft cluster with default timing and no script.
    pub fn raft(nodes: usize, seed: u64) -> Scenario {
        Scenario {
            seed,
            cluster: ClusterSpec::Raft(RaftSpec {
                nodes,
                ..RaftSpec::default()
            }),
            network: NetworkSpec::default(),
            actions: Vec::new(),
            until_ms: None,
        }
    }

    /// Parses scenario text; `file` names it in error messages.
    pub fn parse(text: &str, file: &Path) -> Result<Scenario, ScenarioError> {
        parse_with_cluster(text, file, |s: &Scenario| s.cluster.nodes())
    }

    pub fn load(path: &Path) -> Result<Scenario, ScenarioError> {
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

    pub fn raft_config(&self) -> Option<RaftConfig> {
        let ClusterSpec::Raft(r) = &self.cluster;
        Some(RaftConfig {
            nodes: r.nodes,
            election_timeout: (ms(r.election_timeout_ms.0), ms(r.election_timeout_ms.1)),
            heartbeat: ms(r.heartbeat_ms),
            rules: r.rules.iter().copied().collect(),
            bugs: r.bugs.iter().copied().collect(),
            ..RaftConfig::default()
        })
    }

    /// A Raft simulation with this scenario's script scheduled.
    pub fn build_raft(&self) -> Result<Sim<RaftNode>, ScenarioError> {
        let config = self.raft_config().ok_or_else(|| {
            FileError::new(
                "<scenario>",
                None,
                format!(
                    "this scenario is for {}, not raft",
                    self.cluster.protocol_name()
                ),
            )
        })?;
        let mut sim = raft::cluster(
            config,
            SimConfig {
                seed: self.seed,
                network: self.network_config(),
            },
        );
        for timed in &self.actions {
            sim.schedule(timed.at(), convert::to_sim(&timed.action), false);
        }
        Ok(sim)
    }

    /// This scenario plus every action a person typed into `sim`, at their
    /// exact times, so that replaying the result reproduces the session.
    pub fn with_session(&self, sim: &Sim<RaftNode>) -> Scenario {
        let typed = sim.script().iter().filter(|s| s.by_user).filter_map(|s| {
            Some(TimedAction {
                at_ms: None,
                at_us: Some(s.at),
                action: convert::from_sim(&s.action)?,
            })
        });
        let mut actions = self.actions.clone();
        actions.extend(typed);
        Scenario {
            seed: sim.seed(),
            actions,
            until_ms: Some(self.until_ms.unwrap_or(0).max(sim.now().div_ceil(1_000))),
            ..self.clone()
        }
    }
}

#[cfg(test)]
mod tests;
