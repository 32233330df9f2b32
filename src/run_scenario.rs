//! `distlab run`: a scenario headless, its summary, and what it can write
//! beside it (the trace, the clients' history, the space-time diagram).

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use distlab::export::spacetime;
use distlab::headless::{self, RunError};
use distlab::protocols::{Family, WithFamily};
use distlab::units::Lang;

use crate::{fail, load_scenario, print, unwritten, SAFETY_VIOLATED};

pub(crate) fn run(headless: HeadlessRun) -> ExitCode {
    let path = headless.path.clone();
    crate::for_family_of(&path, headless)
}

/// `distlab run`, for the family the scenario file names.
pub(crate) struct HeadlessRun {
    pub(crate) path: PathBuf,
    pub(crate) seed: Option<u64>,
    pub(crate) until_ms: Option<u64>,
    pub(crate) trace: Option<PathBuf>,
    pub(crate) history: Option<PathBuf>,
    pub(crate) spacetime: Option<Diagram>,
}

/// `--spacetime`: where to draw the run's space-time diagram, which stretch
/// of the run, in which language.
pub(crate) struct Diagram {
    pub(crate) file: PathBuf,
    pub(crate) from_ms: Option<u64>,
    pub(crate) to_ms: Option<u64>,
    pub(crate) lang: Lang,
}

impl WithFamily for HeadlessRun {
    type Output = ExitCode;

    fn run<F: Family>(self) -> ExitCode {
        let scenario = match load_scenario::<F>(&self.path, self.seed) {
            Ok(s) => s,
            Err(code) => return code,
        };
        let until = headless::until_of(&scenario, self.until_ms);
        let to_stdout = self.trace.as_deref() == Some(std::path::Path::new("-"));
        let mut sink: Option<Box<dyn Write>> = match &self.trace {
            None => None,
            Some(_) if to_stdout => Some(Box::new(BufWriter::new(io::stdout().lock()))),
            Some(file) => match File::create(file) {
                Ok(f) => Some(Box::new(BufWriter::new(f))),
                Err(e) => return fail(format!("cannot create {}: {e}", file.display())),
            },
        };
        // Created before the run, so that a path that cannot be written
        // fails at once rather than after a long run.
        let mut history_file = match &self.history {
            None => None,
            Some(file) => match File::create(file) {
                Ok(f) => Some(BufWriter::new(f)),
                Err(e) => return fail(format!("cannot create {}: {e}", file.display())),
            },
        };
        // Checked and opened before the run too, but not emptied: a run
        // that fails leaves the file as it was.
        let diagram = match &self.spacetime {
            None => None,
            Some(d) => {
                let to = d.to_ms.map_or(until, distlab::sim::ms).min(until);
                let from = distlab::sim::ms(d.from_ms.unwrap_or(0));
                let window = match spacetime::Window::new(from, to) {
                    Ok(w) => w,
                    Err(e) => return fail(e),
                };
                let existed = d.file.exists();
                let opened = std::fs::OpenOptions::new()
                    .write(true)
                    .create(true)
                    .truncate(false)
                    .open(&d.file);
                match opened {
                    Ok(f) => Some((f, window, existed)),
                    Err(e) => return fail(format!("cannot create {}: {e}", d.file.display())),
                }
            }
        };
        let options = headless::RunOptions {
            trace: sink.as_deref_mut().map(|w| w as &mut dyn Write),
            history: history_file.is_some(),
        };
        let mut tape = spacetime::Tape::<F>::default();
        let result = match diagram {
            Some(_) => headless::run_watching(&scenario, until, options, &mut |sim| tape.keep(sim)),
            None => headless::run_with(&scenario, until, options),
        };
        let result = result.and_then(|summary| match sink {
            Some(mut w) => w.flush().map(|()| summary).map_err(RunError::Trace),
            None => Ok(summary),
        });
        if let (Ok(summary), Some(out), Some(path)) = (&result, &mut history_file, &self.history) {
            let edn = distlab::history::edn::write(&summary.history);
            if let Err(e) = out.write_all(edn.as_bytes()).and_then(|()| out.flush()) {
                return fail(format!("cannot write {}: {e}", path.display()));
            }
        }
        if let (Some((mut file, window, existed)), Some(d)) = (diagram, &self.spacetime) {
            if result.is_ok() {
                let svg = spacetime::spacetime_svg(&tape, window, d.lang);
                let written = file
                    .set_len(0)
                    .and_then(|()| file.write_all(svg.as_bytes()))
                    .and_then(|()| file.flush());
                if let Err(e) = written {
                    return fail(format!("cannot write {}: {e}", d.file.display()));
                }
            } else if !existed {
                let _ = std::fs::remove_file(&d.file);
            }
        }
        match result {
            Ok(summary) => {
                let verdict = if summary.is_safe() {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(SAFETY_VIOLATED)
                };
                // With the trace on stdout, the summary goes to stderr so the
                // trace stays machine-readable.
                if to_stdout {
                    say_err!("{summary}");
                    verdict
                } else {
                    match print(format_args!("{summary}\n")) {
                        Ok(()) => verdict,
                        Err(e) => unwritten(&e, verdict),
                    }
                }
            }
            // Nobody reads the trace any more: the run stops there, unjudged.
            Err(RunError::Trace(e)) if headless::reader_gone(&e) => ExitCode::SUCCESS,
            Err(e @ RunError::Trace(_)) => fail(e),
            Err(e @ RunError::Stuck(_)) => fail(format!("{}: {e}", self.path.display())),
        }
    }
}
