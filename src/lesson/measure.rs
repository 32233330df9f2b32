//! A step's experiment: the same scenario over many seeds, once per
//! variant, so that a lesson can compare distributions (the headless player
//! prints them, the screen charts them).

use super::schema::Experiment;
use super::text::Text;
use crate::experiment::{self, Measured};
use crate::protocols::Family;

/// One variant's label and what its runs measured.
#[derive(Clone, Debug, PartialEq)]
pub struct VariantResult {
    pub label: Text,
    pub measured: Measured,
}

/// Runs every variant of `experiment`; an empty list if the family lacks
/// its measure (a lesson that names one is refused when it is loaded).
pub fn run_experiment<F: Family>(experiment: &Experiment<F>) -> Vec<VariantResult> {
    let Ok(measure) = experiment::find_measure::<F>(Some(experiment.measure.name())) else {
        return Vec::new();
    };
    experiment
        .variants
        .iter()
        .map(|variant| {
            let scenario = experiment
                .scenario
                .with_main_timeout(variant.election_timeout_ms);
            VariantResult {
                label: variant.label.clone(),
                measured: experiment::run(&scenario, experiment.trials, measure),
            }
        })
        .collect()
}
