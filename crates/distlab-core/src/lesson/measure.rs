//! A step's experiment: many seeds of each variant, so that a lesson can
//! compare distributions (the headless player prints them, the screen
//! charts them) or what families cost (side by side).

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

/// Runs every variant of `experiment`. A variant that cannot run (a family
/// without the measure; a lesson that asks for one is refused when it is
/// loaded) measures nothing.
pub fn run_experiment<F: Family>(experiment: &Experiment<F>) -> Vec<VariantResult> {
    let name = experiment.measure.name();
    let trials = experiment.trials;
    experiment
        .variants
        .iter()
        .map(|variant| {
            let measured = match (
                &variant.scenario,
                variant.election_timeout_ms,
                &experiment.scenario,
            ) {
                (Some(scenario), _, _) => scenario.measure(name, trials).ok(),
                (None, Some(range), Some(scenario)) => experiment::find_measure::<F>(Some(name))
                    .ok()
                    .map(|m| experiment::run(&scenario.with_main_timeout(range), trials, m)),
                _ => None,
            };
            VariantResult {
                label: variant.label.clone(),
                measured: measured.unwrap_or_default(),
            }
        })
        .collect()
}
