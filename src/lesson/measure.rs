//! A step's experiment: the same scenario over many seeds, once per
//! variant, so that a lesson can compare distributions (the headless player
//! prints them, the screen charts them).

use super::schema::{Experiment, Measure};
use super::text::Text;
use crate::experiment::{leader_downtime, Downtimes};
use crate::protocols::Family;

/// One variant's label and what its runs measured.
#[derive(Clone, Debug, PartialEq)]
pub struct VariantResult {
    pub label: Text,
    pub downtimes: Downtimes,
}

/// Runs every variant of `experiment`.
pub fn run_experiment<F: Family>(experiment: &Experiment<F>) -> Vec<VariantResult> {
    experiment
        .variants
        .iter()
        .map(|variant| {
            let scenario = experiment
                .scenario
                .with_main_timeout(variant.election_timeout_ms);
            let downtimes = match experiment.measure {
                Measure::LeaderDowntime => leader_downtime(&scenario, experiment.trials),
            };
            VariantResult {
                label: variant.label.clone(),
                downtimes,
            }
        })
        .collect()
}
