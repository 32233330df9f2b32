//! `distlab explore`: the search from a scenario's state, its result, and
//! the counterexample written as a scenario file.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use distlab::explore::{self, Search};
use distlab::protocols::{Family, WithFamily};
use distlab::units::Lang;

use crate::{fail, load_scenario, print, unwritten, SAFETY_VIOLATED};

pub struct ExploreRun {
    pub path: PathBuf,
    pub at_ms: Option<u64>,
    pub search: Search,
    pub counterexample: Option<PathBuf>,
    pub lang: Lang,
}

pub fn run(run: ExploreRun) -> ExitCode {
    let path = run.path.clone();
    crate::for_family_of(&path, run)
}

impl WithFamily for ExploreRun {
    type Output = ExitCode;

    fn run<F: Family>(self) -> ExitCode {
        let scenario = match load_scenario::<F>(&self.path, None) {
            Ok(s) => s,
            Err(code) => return code,
        };
        let at_ms = self.at_ms.or(scenario.until_ms).unwrap_or(0);
        // Created before the search, so that a path that cannot be written
        // fails at once rather than after a long search.
        let mut out_file = match &self.counterexample {
            None => None,
            Some(path) => match std::fs::File::create(path) {
                Ok(f) => Some(f),
                Err(e) => return fail(format!("cannot create {}: {e}", path.display())),
            },
        };
        let began = Instant::now();
        let explored = match explore::from_scenario(&scenario, at_ms, &self.search) {
            Ok(explored) => explored,
            Err(e) => return fail(format!("{}: {e}", self.path.display())),
        };
        let seconds = began.elapsed().as_secs_f64().max(1e-6);
        let outcome = &explored.outcome;
        let lang = self.lang;
        let mut text = format!(
            "{} · {}\n{}\n",
            explore::describe_search(outcome, lang),
            explore::describe_speed(outcome.states as f64 / seconds, seconds, lang),
            explore::describe_result(outcome, lang),
        );
        let verdict = match (&outcome.found, &explored.counterexample) {
            (Some(found), Some(file)) => {
                let steps = explore::describe_steps(&explored.start, &found.steps, lang);
                for (i, step) in steps.iter().enumerate() {
                    text.push_str(&format!("  {}. {step}\n", i + 1));
                }
                if let (Some(out), Some(path)) = (&mut out_file, &self.counterexample) {
                    let written = out
                        .write_all(file.to_ron().as_bytes())
                        .and_then(|()| out.flush());
                    if let Err(e) = written {
                        return fail(format!("cannot write {}: {e}", path.display()));
                    }
                    text.push_str(&format!(
                        "{}\n",
                        distlab::say!(lang,
                            en: "written to {path}: `distlab run {path}` replays it",
                            zh: "已写入 {path}：`distlab run {path}` 可以重放它",
                            path = path.display())
                    ));
                }
                ExitCode::from(SAFETY_VIOLATED)
            }
            _ => ExitCode::SUCCESS,
        };
        match print(text) {
            Ok(()) => verdict,
            Err(e) => unwritten(&e, verdict),
        }
    }
}
