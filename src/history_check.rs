//! `distlab history check` (the verdict on each history file, one line
//! each) and `distlab history view`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Subcommand;
use distlab::app::{run_history, HistoryView, Settings};
use distlab::history::{self, Limits, Model, Verdict};
use distlab::units::Lang;

use crate::{positive_seconds, print, unwritten, BAD_INPUT, SAFETY_VIOLATED};

#[derive(Subcommand)]
pub enum HistoryCommand {
    /// Check histories (Jepsen EDN, or distlab JSON Lines traces) for
    /// linearizability: one line per file; exit 0 when every file is
    /// linearizable, 1 when any is not, 2 for bad input.
    Check {
        /// History files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// What the operations act on: register or kv (default: kv when
        /// any operation names a key).
        #[arg(long)]
        model: Option<String>,
        /// Give up on a file after this many seconds, answering unknown.
        #[arg(long, value_name = "S", value_parser = positive_seconds)]
        timeout: Option<f64>,
    },
    /// Open the history view on one history: a lane per client, where
    /// each operation took effect, or which ones no order fits.
    View {
        /// A history file (Jepsen EDN, or a distlab JSON Lines trace).
        file: PathBuf,
    },
}

pub fn history(command: HistoryCommand, lang: Lang, present: bool) -> ExitCode {
    match command {
        HistoryCommand::Check {
            files,
            model,
            timeout,
        } => check(&files, model.as_deref(), timeout, lang),
        HistoryCommand::View { file } => view(&file, lang, present),
    }
}

/// Checks every file; exits 0 when all are linearizable, 1 when any is
/// not, 2 when any cannot be read (or nothing was said of the model).
pub fn check(
    files: &[PathBuf],
    model: Option<&str>,
    timeout_s: Option<f64>,
    lang: Lang,
) -> ExitCode {
    let model = match model.map(|name| Model::parse(name).ok_or(name)) {
        None => None,
        Some(Ok(model)) => Some(model),
        Some(Err(name)) => {
            say_err!("error: unknown model `{name}`; available: register, kv");
            return ExitCode::from(BAD_INPUT);
        }
    };
    let (mut wrong, mut unreadable) = (false, false);
    let mut lines = String::new();
    for file in files {
        match verdict(file, model, timeout_s) {
            Ok(verdict) => {
                wrong |= matches!(verdict, Verdict::NotLinearizable(_));
                lines.push_str(&format!("{}: {}\n", file.display(), verdict.describe(lang)));
            }
            Err(e) => {
                unreadable = true;
                say_err!("error: {e}");
            }
        }
    }
    let code = if unreadable {
        ExitCode::from(BAD_INPUT)
    } else if wrong {
        ExitCode::from(SAFETY_VIOLATED)
    } else {
        ExitCode::SUCCESS
    };
    match print(lines) {
        Ok(()) => code,
        Err(e) => unwritten(&e, code),
    }
}

/// One file's verdict, or why it has none (`file:line:col: …`).
fn verdict(file: &Path, model: Option<Model>, timeout_s: Option<f64>) -> Result<Verdict, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let history = history::read(&text).map_err(|e| format!("{}:{e}", file.display()))?;
    let limits = Limits {
        deadline: timeout_s.map(|s| Instant::now() + Duration::from_secs_f64(s)),
        ..Limits::default()
    };
    Ok(history::check(
        &history,
        model.unwrap_or(history.model()),
        limits,
    ))
}

/// Opens the history view on `file`.
pub fn view(file: &Path, lang: Lang, present: bool) -> ExitCode {
    let text = match std::fs::read_to_string(file) {
        Ok(text) => text,
        Err(e) => return crate::fail(format!("{}: {e}", file.display())),
    };
    let history = match history::read(&text) {
        Ok(history) => history,
        Err(e) => return crate::fail(format!("{}:{e}", file.display())),
    };
    let settings = Settings {
        lang,
        present,
        ..Settings::load()
    };
    let name = file.display().to_string();
    crate::interactive(run_history(HistoryView::new(name, history, settings)))
}
