//! The `distlab` command: parses the command line, then hands over to the
//! interactive app or to a headless runner.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use distlab::app::{Sandbox, SandboxPlan};
use distlab::headless;
use distlab::lesson::ProgressStore;
use distlab::protocols::{Family, FamilyKind, WithFamily};
use distlab::scenario::Scenario;
use distlab::units::Lang;

/// Exploring and long headless runs copy many small states; mimalloc
/// spends far less time than the system allocator on them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit codes, as the README gives them. A lesson goal not met also exits 1.
const SAFETY_VIOLATED: u8 = 1;
const BAD_INPUT: u8 = 2;

/// Writes one line to standard error. A standard error that cannot be
/// written (a full device) loses the line, never the exit code: there is
/// nowhere left to say it.
macro_rules! say_err {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($arg)*);
    }};
}

mod experiment_run;
mod explore;
mod history_check;
mod lab_command;
mod lesson_command;
mod run_scenario;

#[derive(Parser)]
#[command(
    name = "distlab",
    version,
    about = "An interactive terminal lab for distributed systems"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Language of lessons and menu: en or zh (default: from LANG, else en).
    #[arg(long, global = true)]
    lang: Option<String>,
    /// Presenter mode: large boxes and named messages for a room (P
    /// switches it on screen).
    #[arg(long, global = true)]
    present: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Run a scenario headless: print a summary, optionally write a trace.
    Run {
        /// The scenario file (RON).
        scenario: PathBuf,
        /// Override the scenario's seed.
        #[arg(long)]
        seed: Option<u64>,
        /// Stop at this simulated time (default: the scenario's `until_ms`, else 10000), at most a day.
        #[arg(long, value_parser = clap::value_parser!(u64).range(1..=distlab::units::DAY_MS))]
        until_ms: Option<u64>,
        /// Write the JSON Lines trace to FILE, or `-` for standard output.
        #[arg(long, value_name = "FILE")]
        trace: Option<PathBuf>,
        /// Write the client processes' history to FILE as Jepsen EDN.
        #[arg(long, value_name = "FILE")]
        history: Option<PathBuf>,
        /// Draw the run's space-time diagram to FILE as SVG, in the
        /// language of `--lang`.
        #[arg(long, value_name = "FILE")]
        spacetime: Option<PathBuf>,
        /// Start the diagram at this simulated time (default 0).
        #[arg(long, requires = "spacetime")]
        from_ms: Option<u64>,
        /// End the diagram at this simulated time (default: the run's end).
        #[arg(long, requires = "spacetime")]
        to_ms: Option<u64>,
    },
    /// Watch a live cluster and break it with single keys.
    Sandbox {
        /// The protocol to run (see `distlab sandbox --help`): raft.
        protocol: String,
        /// Cluster size, 3 to 9; ignored with a scenario.
        #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u8).range(3..=9))]
        nodes: u8,
        /// The seed of the run (default 1, or the scenario's own).
        #[arg(long)]
        seed: Option<u64>,
        /// Start from a scenario file (a saved session replays exactly).
        #[arg(long, value_name = "FILE")]
        scenario: Option<PathBuf>,
        /// Record the terminal as drawn into FILE (asciicast v2).
        #[arg(long, value_name = "FILE.cast")]
        record: Option<PathBuf>,
    },
    /// Open one lesson, by id or file; `--autoplay --headless` plays it
    /// without a screen and exits 0 iff every step's goal was met.
    Lesson {
        /// A lesson id (e.g. raft-1-election) or a lesson file.
        lesson: String,
        /// Perform every task with the lesson's own actions.
        #[arg(long)]
        autoplay: bool,
        /// Run without a screen, printing each step and its outcome.
        #[arg(long, requires = "autoplay", conflicts_with_all = ["record", "svg_frames"])]
        headless: bool,
        /// Record the screen into FILE (asciicast v2): as drawn in the
        /// terminal, or with `--autoplay`, played by itself without one.
        #[arg(long, value_name = "FILE.cast")]
        record: Option<PathBuf>,
        /// With `--autoplay`: the recorded terminal's size.
        #[arg(long, value_name = "WxH", default_value = "80x24", value_parser = lesson_command::terminal_size, requires = "autoplay")]
        size: (u16, u16),
        /// With `--autoplay`: write the screen as an SVG file into DIR at the end of every step.
        #[arg(long, value_name = "DIR", requires = "autoplay")]
        svg_frames: Option<PathBuf>,
    },
    /// List the lessons; `--check` validates lesson files instead.
    Lessons {
        /// Validate the files and report every error.
        #[arg(long)]
        check: bool,
        /// Lesson files or folders (default: lessons/).
        paths: Vec<PathBuf>,
    },
    /// Run a scenario over many seeds and print the distribution of a measure.
    Experiment {
        /// The scenario file (RON).
        scenario: PathBuf,
        /// How many seeds to run: the scenario's seed, seed + 1, …
        #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u64).range(1..=distlab::experiment::MAX_TRIALS))]
        trials: u64,
        /// What to measure; the family's first measure when not given.
        /// Raft: leader-downtime, leaderless, first-leader,
        /// messages-per-command, read-latency. Paxos: decide,
        /// leader-downtime, first-leader, messages-per-command. Locks:
        /// wait. Dispatch: latency.
        #[arg(long)]
        measure: Option<String>,
        /// Override the scenario's first seed.
        #[arg(long)]
        seed: Option<u64>,
        /// Run the same trials once per value of a cluster setting and
        /// print them side by side; values as files write them, e.g.
        /// `election_timeout_ms=(150, 300),(300, 600)`.
        #[arg(
            long,
            value_name = "SETTING=A,B,…",
            conflicts_with = "compare_algorithms"
        )]
        compare: Option<String>,
        /// Short for `--compare algorithm=A,B,…` (dispatch), e.g.
        /// RoundRobin,LeastConnections,PowerOfTwo.
        #[arg(long, value_name = "A,B,…", value_delimiter = ',')]
        compare_algorithms: Vec<String>,
    },
    /// Search every schedule of the next events from a scenario's state for
    /// one that breaks an invariant; exit 1 when one does (written with
    /// --counterexample as a scenario `distlab run` replays), 0 when none
    /// does, 2 for bad input.
    Explore {
        /// The scenario file (RON).
        scenario: PathBuf,
        /// Start from the state at this time; the file's later actions are
        /// left out (default: the scenario's `until_ms`, else 0).
        #[arg(long, value_parser = clap::value_parser!(u64).range(0..=distlab::units::DAY_MS))]
        at_ms: Option<u64>,
        /// Steps to search breadth-first.
        #[arg(long, default_value_t = 6, value_parser = clap::value_parser!(u32).range(0..=64))]
        depth: u32,
        /// Crashes and restarts a schedule may use, together.
        #[arg(long, default_value_t = 0)]
        crashes: u32,
        /// Messages a schedule may drop.
        #[arg(long, default_value_t = 0)]
        drops: u32,
        /// Messages a schedule may duplicate.
        #[arg(long, default_value_t = 0)]
        duplicates: u32,
        /// Random walks after the breadth-first search.
        #[arg(long, default_value_t = 0)]
        walks: u32,
        /// Steps of each random walk.
        #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..=10_000))]
        walk_depth: u32,
        /// The most distinct states the breadth-first search keeps.
        #[arg(long, default_value_t = 50_000, value_parser = clap::value_parser!(u64).range(1..=100_000_000))]
        max_states: u64,
        /// Write the schedule found as a scenario file.
        #[arg(long, value_name = "FILE")]
        counterexample: Option<PathBuf>,
    },
    /// Client histories: is what clients saw linearizable?
    History {
        #[command(subcommand)]
        command: history_check::HistoryCommand,
    },
    /// The lock lessons against a real redis-server.
    Lab {
        #[command(subcommand)]
        command: lab_command::LabCommand,
    },
    /// One client process of a lab run (started by `distlab lab`).
    #[command(hide = true)]
    LabClient(lab_command::ClientArgs),
}

fn positive_seconds(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(s) if s > 0.0 && s.is_finite() => Ok(s),
        _ => Err(format!("`{text}` is not a positive number of seconds")),
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // Help and the version end well (exit 0) when they were written,
        // a mistyped command line with exit 2; either that cannot be
        // written ends with exit 2.
        Err(e) => {
            return match e.print() {
                Ok(()) => ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(BAD_INPUT)),
                Err(_) => ExitCode::from(BAD_INPUT),
            }
        }
    };
    let lang = match cli.lang.as_deref() {
        None => Lang::choose(None, std::env::var("LANG").ok().as_deref()),
        Some(code) => match Lang::parse(code) {
            Some(lang) => lang,
            None => return fail(format!("unknown language `{code}`; available: en, zh")),
        },
    };
    match cli.command {
        Some(Command::Run {
            scenario,
            seed,
            until_ms,
            trace,
            history,
            spacetime,
            from_ms,
            to_ms,
        }) => run_scenario::run(run_scenario::HeadlessRun {
            path: scenario,
            seed,
            until_ms,
            trace,
            history,
            spacetime: spacetime.map(|file| run_scenario::Diagram {
                file,
                from_ms,
                to_ms,
                lang,
            }),
        }),
        Some(Command::Sandbox {
            protocol,
            nodes,
            seed,
            scenario,
            record,
        }) => sandbox(
            &protocol,
            nodes.into(),
            seed,
            scenario,
            cli.present,
            lang,
            record.as_deref(),
        ),
        Some(Command::Lesson {
            lesson,
            autoplay,
            headless,
            record,
            size,
            svg_frames,
        }) => lesson_command::open_lesson(
            &lesson,
            lang,
            lesson_command::LessonMode {
                autoplay,
                headless,
                present: cli.present,
                record,
                size,
                svg_frames,
            },
        ),
        Some(Command::Lessons { check, paths }) => lesson_command::lessons(check, paths, lang),
        Some(Command::Experiment {
            scenario,
            trials,
            measure,
            seed,
            compare,
            compare_algorithms,
        }) => {
            let compare = match (compare, compare_algorithms.is_empty()) {
                (Some(text), _) => match experiment_run::comparison(&text) {
                    Ok(c) => Some(c),
                    Err(e) => return fail(e),
                },
                (None, false) => Some(("algorithm".to_owned(), compare_algorithms)),
                (None, true) => None,
            };
            experiment_run::run_experiment(experiment_run::ExperimentRun {
                path: scenario,
                trials,
                measure,
                seed,
                compare,
            })
        }
        Some(Command::Explore {
            scenario,
            at_ms,
            depth,
            crashes,
            drops,
            duplicates,
            walks,
            walk_depth,
            max_states,
            counterexample,
        }) => explore::run(explore::ExploreRun {
            path: scenario,
            at_ms,
            search: distlab::explore::Search {
                depth,
                budgets: distlab::explore::Budgets {
                    crashes,
                    drops,
                    duplicates,
                },
                max_states: usize::try_from(max_states).unwrap_or(usize::MAX),
                walks,
                walk_depth,
                seed: 1,
            },
            counterexample,
            lang,
        }),
        Some(Command::History { command }) => history_check::history(command, lang, cli.present),
        Some(Command::Lab { command }) => lab_command::lab(command, lang, cli.present),
        Some(Command::LabClient(args)) => lab_command::client(args),
        None => interactive(distlab::app::run_menu(lang, current_dir(), cli.present)),
    }
}

/// Where sessions are saved: `sessions/` in the data folder (the save
/// message says where); the current folder only if there is no data folder.
fn current_dir() -> PathBuf {
    ProgressStore::locate().map_or_else(
        |_| std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
        |store| store.sessions(),
    )
}

/// The exit code of an interactive screen.
fn interactive(result: anyhow::Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            say_err!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn sandbox(
    protocol: &str,
    nodes: usize,
    seed: Option<u64>,
    scenario: Option<PathBuf>,
    present: bool,
    lang: Lang,
    record: Option<&Path>,
) -> ExitCode {
    if let Err(code) = creatable(record) {
        return code;
    }
    let Some(family) = FamilyKind::from_name(protocol) else {
        return fail(format!(
            "unknown protocol `{protocol}`; available: {}",
            FamilyKind::all_names().join(", ")
        ));
    };
    let Some(&name) = family.names().iter().find(|n| **n == protocol) else {
        return fail(format!("unknown protocol `{protocol}`"));
    };
    let plan = SandboxPlan {
        family,
        name,
        nodes,
        seed,
        scenario,
        save_dir: current_dir(),
        present,
        lang,
    };
    match Sandbox::prepare(&plan) {
        Ok(sandbox) => interactive(sandbox.run(record)),
        Err(e) => fail(e),
    }
}

/// Creates the file at `path`, if one is given, so that a recording that
/// cannot be written fails with one line before the screen opens.
fn creatable(path: Option<&Path>) -> Result<(), ExitCode> {
    match path.map(File::create) {
        Some(Err(e)) => Err(fail(format!(
            "cannot create {}: {e}",
            path.map(Path::display)
                .map(|p| p.to_string())
                .unwrap_or_default()
        ))),
        _ => Ok(()),
    }
}

/// Loads a scenario file of family `F` with the command line's seed, if
/// any, in force; a bad file has already been reported.
fn load_scenario<F: Family>(path: &Path, seed: Option<u64>) -> Result<Scenario<F>, ExitCode> {
    let mut scenario = Scenario::<F>::load(path).map_err(fail)?;
    if let Some(seed) = seed {
        scenario.seed = seed;
    }
    Ok(scenario)
}

/// Runs `work` for the family the scenario file at `path` names; a file
/// that names none is an error.
fn for_family_of<W: WithFamily<Output = ExitCode>>(path: &Path, work: W) -> ExitCode {
    match distlab::scenario::family_of_file(path) {
        Ok(family) => family.dispatch(work),
        Err(e) => fail(e),
    }
}

fn fail(message: impl std::fmt::Display) -> ExitCode {
    say_err!("error: {message}");
    ExitCode::from(BAD_INPUT)
}

/// Writes `text` to standard output through its lock, and flushes it, so
/// that a failure is returned rather than a panic.
fn print(text: impl std::fmt::Display) -> io::Result<()> {
    let mut out = io::stdout().lock();
    write!(out, "{text}")?;
    out.flush()
}

/// How a command ends when standard output could not be written: as it
/// would have (`verdict`), quietly, when only the reader went away (`|
/// head`); with an error for anything else (a full disk).
fn unwritten(e: &io::Error, verdict: ExitCode) -> ExitCode {
    if headless::reader_gone(e) {
        verdict
    } else {
        fail(format!("cannot write to standard output: {e}"))
    }
}
