//! The `distlab` command: parses the command line, then hands over to the
//! interactive app or to a headless runner.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use distlab::app::{Sandbox, SandboxPlan};
use distlab::experiment;
use distlab::headless::{self, RunError};
use distlab::lesson::{self, autoplay, AnyLesson, Lesson, ProgressStore, WithLesson};
use distlab::protocols::{Family, FamilyKind, WithFamily};
use distlab::scenario::{self, Scenario};
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
        let _ = writeln!(std::io::stderr().lock(), $($arg)*);
    }};
}

mod explore;
mod history_check;

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
        #[arg(long, value_name = "WxH", default_value = "80x24", value_parser = terminal_size, requires = "autoplay")]
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
        command: HistoryCommand,
    },
}

#[derive(Subcommand)]
enum HistoryCommand {
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
        }) => run(HeadlessRun {
            path: scenario,
            seed,
            until_ms,
            trace,
            history,
            spacetime: spacetime.map(|file| Diagram {
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
        }) => open_lesson(
            &lesson,
            lang,
            LessonMode {
                autoplay,
                headless,
                present: cli.present,
                record,
                size,
                svg_frames,
            },
        ),
        Some(Command::Lessons { check, paths }) => lessons(check, paths, lang),
        Some(Command::Experiment {
            scenario,
            trials,
            measure,
            seed,
            compare,
            compare_algorithms,
        }) => {
            let compare = match (compare, compare_algorithms.is_empty()) {
                (Some(text), _) => match comparison(&text) {
                    Ok(c) => Some(c),
                    Err(e) => return fail(e),
                },
                (None, false) => Some(("algorithm".to_owned(), compare_algorithms)),
                (None, true) => None,
            };
            run_experiment(ExperimentRun {
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
        Some(Command::History {
            command:
                HistoryCommand::Check {
                    files,
                    model,
                    timeout,
                },
        }) => history_check::check(&files, model.as_deref(), timeout, lang),
        Some(Command::History {
            command: HistoryCommand::View { file },
        }) => history_check::view(&file, lang, cli.present),
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

/// `WxH`, a terminal's size in columns and rows.
fn terminal_size(text: &str) -> Result<(u16, u16), String> {
    let parsed = text
        .split_once(['x', 'X', '×'])
        .and_then(|(w, h)| Some((w.trim().parse::<u16>().ok()?, h.trim().parse::<u16>().ok()?)));
    match parsed {
        Some((w, h)) if (1..=1000).contains(&w) && (1..=1000).contains(&h) => Ok((w, h)),
        Some(_) => Err("columns and rows lie between 1 and 1000".into()),
        None => Err("write the size as columns x rows, e.g. 80x24".into()),
    }
}

/// How `distlab lesson` opens its lesson.
struct LessonMode {
    autoplay: bool,
    headless: bool,
    present: bool,
    record: Option<PathBuf>,
    size: (u16, u16),
    svg_frames: Option<PathBuf>,
}

fn open_lesson(id: &str, lang: Lang, mode: LessonMode) -> ExitCode {
    let lesson = match lesson::find(id) {
        Ok(l) => l,
        Err(e) => return fail(e),
    };
    if mode.autoplay && !mode.headless {
        return record_lesson(lesson, lang, mode);
    }
    if !mode.headless {
        if let Err(code) = creatable(mode.record.as_deref()) {
            return code;
        }
        return interactive(distlab::app::run_lesson(
            lesson,
            lang,
            current_dir(),
            mode.present,
            mode.record.as_deref(),
        ));
    }
    lesson.dispatch(Autoplay { lang })
}

/// `lesson ID --autoplay` with a recording or SVG frames: the lesson plays
/// itself without a terminal.
fn record_lesson(lesson: lesson::AnyLesson, lang: Lang, mode: LessonMode) -> ExitCode {
    if mode.record.is_none() && mode.svg_frames.is_none() {
        return fail(
            "--autoplay plays a lesson without a screen: add --headless to print its steps, or --record FILE.cast or --svg-frames DIR to record it",
        );
    }
    let recording = distlab::app::Recording {
        lang,
        size: mode.size,
        cast: mode.record,
        svg_frames: mode.svg_frames,
        timestamp: std::time::SystemTime::now()
            .duration_since(std::time::SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs()),
    };
    match distlab::app::record_lesson(lesson, &recording) {
        Ok(recorded) => {
            let mut said = Vec::new();
            if let Some(cast) = &recording.cast {
                said.push(format!(
                    "recorded {:.1} s in {}",
                    recorded.seconds,
                    cast.display()
                ));
            }
            if let Some(dir) = &recording.svg_frames {
                said.push(format!(
                    "{} SVG frames in {}",
                    recorded.frames.len(),
                    dir.display()
                ));
            }
            say_err!("{}", said.join("; "));
            if recorded.completed {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(SAFETY_VIOLATED)
            }
        }
        Err(e) => fail(format!("{e:#}")),
    }
}

/// Plays a lesson headless, whatever its family.
struct Autoplay {
    lang: Lang,
}

impl WithLesson for Autoplay {
    type Output = ExitCode;

    fn run<F: Family>(self, lesson: &Lesson<F>) -> ExitCode {
        let mut out = io::stdout().lock();
        let verdict = match autoplay::play(lesson, self.lang, &mut out) {
            Ok(report) if report.all_met() => ExitCode::SUCCESS,
            Ok(_) => ExitCode::from(SAFETY_VIOLATED),
            // Only the report can fail. When nobody reads it any more, the
            // lesson stops there, unjudged.
            Err(e) => {
                return match std::error::Error::source(&e).and_then(|s| s.downcast_ref()) {
                    Some(io) => unwritten(io, ExitCode::SUCCESS),
                    None => fail(e),
                }
            }
        };
        match out.flush() {
            Ok(()) => verdict,
            Err(e) => unwritten(&e, verdict),
        }
    }
}

fn lessons(check: bool, paths: Vec<PathBuf>, lang: Lang) -> ExitCode {
    let (found, errors) = if paths.is_empty() {
        lesson::available()
    } else {
        lesson::load_all(&paths)
    };
    for e in &errors {
        say_err!("error: {e}");
    }
    let mut unplayable = 0;
    if check {
        for lesson in &found {
            for w in lesson.fairness_warnings() {
                say_err!("warning: {}: {w}", lesson.id());
            }
            if let Some(why) = lesson.dispatch(lesson::autoplay::FirstUnmet) {
                say_err!("error: {}: {why}", lesson.id());
                unplayable += 1;
            }
        }
    }
    let verdict = if errors.is_empty() && unplayable == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(BAD_INPUT)
    };
    let mut out = io::stdout().lock();
    let written = if check {
        if errors.is_empty() && unplayable == 0 {
            writeln!(out, "{} lesson(s) checked: all valid", found.len())
        } else {
            Ok(())
        }
    } else {
        found
            .iter()
            .map(AnyLesson::about)
            .try_for_each(|l| writeln!(out, "{:<28} {:<6} {}", l.id, l.track, l.title.get(lang)))
    };
    match written.and_then(|()| out.flush()) {
        Ok(()) => verdict,
        Err(e) => unwritten(&e, verdict),
    }
}

/// `SETTING=A,B,…` as `--compare` takes it: values split at the commas
/// outside brackets and quotes.
fn comparison(text: &str) -> Result<(String, Vec<String>), String> {
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

fn run_experiment(run: ExperimentRun) -> ExitCode {
    match scenario::family_of_file(&run.path) {
        Ok(family) => family.dispatch(run),
        Err(e) => fail(e),
    }
}

/// `distlab experiment`, for the family the scenario file names.
struct ExperimentRun {
    path: PathBuf,
    trials: u64,
    measure: Option<String>,
    seed: Option<u64>,
    /// The setting to compare and its values, if any.
    compare: Option<(String, Vec<String>)>,
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

fn run(headless: HeadlessRun) -> ExitCode {
    match scenario::family_of_file(&headless.path) {
        Ok(family) => family.dispatch(headless),
        Err(e) => fail(e),
    }
}

/// `distlab run`, for the family the scenario file names.
struct HeadlessRun {
    path: PathBuf,
    seed: Option<u64>,
    until_ms: Option<u64>,
    trace: Option<PathBuf>,
    history: Option<PathBuf>,
    spacetime: Option<Diagram>,
}

/// `--spacetime`: where to draw the run's space-time diagram, which stretch
/// of the run, in which language.
struct Diagram {
    file: PathBuf,
    from_ms: Option<u64>,
    to_ms: Option<u64>,
    lang: Lang,
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
                let window = match distlab_core::export::spacetime::Window::new(from, to) {
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
        let mut tape = distlab_core::export::spacetime::Tape::<F>::default();
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
                let svg = distlab_core::export::spacetime::spacetime_svg(&tape, window, d.lang);
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
