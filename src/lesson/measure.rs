//! A step's experiment: the same scenario over many seeds, once per
//! variant, so that a lesson can compare distributions (the headless player
//! prints them, the screen charts them).

use super::schema::{Experiment, Measure};
use super::text::Text;
use crate::experiment::{leader_downtime, Downtimes};
use crate::scenario::{ClusterSpec, ScenarioError};

/// One variant's label and what its runs measured.
#[derive(Clone, Debug, PartialEq)]
pub struct VariantResult {
    pub label: Text,
    pub downtimes: Downtimes,
}

/// Runs every variant of `experiment`.
pub fn run_experiment(experiment: &Experiment) -> Result<Vec<VariantResult>, ScenarioError> {
    experiment
        .variants
        .iter()
        .map(|variant| {
            let mut scenario = experiment.scenario.clone();
            let ClusterSpec::Raft(raft) = &mut scenario.cluster;
            raft.election_timeout_ms = variant.election_timeout_ms;
            let downtimes = match experiment.measure {
                Measure::LeaderDowntime => leader_downtime(&scenario, experiment.trials)?,
            };
            Ok(VariantResult {
                label: variant.label.clone(),
                downtimes,
            })
        })
        .collect()
}
