//! `distlab experiment`: a scenario over many seeds on every core, one
//! measure timed, or compared across the values of a setting.

use std::path::PathBuf;
use std::process::ExitCode;

use distlab::experiment;
use distlab::protocols::{Family, WithFamily};

use crate::{fail, load_scenario, print, unwritten};

/// `SETTING=A,B,…` as `--compare` takes it: values split at the commas
/// outside brackets and quotes.
pub(crate) fn comparison(text: &str) -> Result<(String, Vec<String>), String> {
    let (setting, values) = text
        .split_once('=')
        .ok_or_else(|| format!("--compare takes SETTING=A,B,…, not `{text}`"))?;
    let values: Vec<String> = distlab::protocols::setting::split_top_level(values)
        .into_iter()
        .map(str::to_owned)
        .collect();
    if setting.trim().is_empty() || values.is_empty() {
        return Err(format!("--compare takes SETTING=A,B,…, not `{text}`"));
    }
    Ok((setting.trim().to_owned(), values))
}

pub(crate) fn run_experiment(run: ExperimentRun) -> ExitCode {
    let path = run.path.clone();
    crate::for_family_of(&path, run)
}

/// `distlab experiment`, for the family the scenario file names.
pub(crate) struct ExperimentRun {
    pub(crate) path: PathBuf,
    pub(crate) trials: u64,
    pub(crate) measure: Option<String>,
    pub(crate) seed: Option<u64>,
    /// The setting to compare and its values, if any.
    pub(crate) compare: Option<(String, Vec<String>)>,
}

impl WithFamily for ExperimentRun {
    type Output = ExitCode;

    fn run<F: Family>(self) -> ExitCode {
        let scenario = match load_scenario::<F>(&self.path, self.seed) {
            Ok(s) => s,
            Err(code) => return code,
        };
        let measure = match experiment::find_measure::<F>(self.measure.as_deref()) {
            Ok(m) => m,
            Err(e) => return fail(e),
        };
        let trials = self.trials;
        let started = std::time::Instant::now();
        let runs = trials * self.compare.as_ref().map_or(1, |(_, values)| values.len()) as u64;
        let took = || {
            say_err!(
                "{runs} trials in {:.2} s on {} threads",
                started.elapsed().as_secs_f64(),
                rayon::current_num_threads()
            );
        };
        if let Some((setting, values)) = &self.compare {
            return match experiment::compare(&scenario, trials, measure, setting, values) {
                Ok(rows) => {
                    took();
                    if let Some(why) = rows.iter().find_map(|(_, m)| m.stuck.as_ref()) {
                        return fail(format!("{}: {why}", self.path.display()));
                    }
                    match print(experiment::compare_table(&rows, measure, setting)) {
                        Ok(()) => ExitCode::SUCCESS,
                        Err(e) => unwritten(&e, ExitCode::SUCCESS),
                    }
                }
                Err(e) => fail(format!("{}: {e}", self.path.display())),
            };
        }
        let d = experiment::run(&scenario, trials, measure);
        took();
        if let Some(why) = &d.stuck {
            return fail(format!("{}: {why}", self.path.display()));
        }
        if d.samples.is_empty() && d.unresolved == 0 {
            return fail(format!(
                "{}: no {} were measured in {trials} trials ({} `{}` times {})",
                self.path.display(),
                measure.each,
                F::TAG,
                measure.name,
                measure.about
            ));
        }
        match print(experiment::report(&d, measure)) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => unwritten(&e, ExitCode::SUCCESS),
        }
    }
}
