//! `distlab lab`: the lock story against a real `redis-server`, on screen
//! or headless, and the replay of a recorded lab trace; and the hidden
//! `lab-client` role each client process of a run plays.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use clap::{Args, Subcommand};
use distlab::app::{run_lab, LabControl, LabScreen, Settings};
use distlab::lab::{
    find_redis_server, read_trace, run_client, trace_in, ClientPlan, Endpoint, LabMode, LabPlan,
    LabRun, LabState, LabTrace, PauseAt, MAX_CLIENTS,
};
use distlab::units::Lang;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

use crate::{fail, positive_seconds, SAFETY_VIOLATED};

#[derive(Subcommand)]
pub enum LabCommand {
    /// Run the lock story against a private redis-server: real client
    /// processes, real pauses (SIGSTOP), storage that checks fencing
    /// tokens. Exit (headless) 0, or 1 when a check that breaks safety
    /// fired; 2 when it cannot run.
    RedisLock(RedisLockArgs),
    /// Replay a recorded lab trace: scrub, rewind and play it back.
    Replay {
        /// A trace written by `distlab lab redis-lock`.
        file: PathBuf,
    },
}

#[derive(Args)]
pub struct RedisLockArgs {
    /// How many client processes contend for the lock, 1 to 9.
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u8).range(1..=MAX_CLIENTS as i64))]
    clients: u8,
    /// How clients take the lock: naive (SET, then DEL), nx-px (SET NX PX,
    /// compare-and-delete) or fencing (nx-px with tokens storage checks).
    #[arg(long, default_value = "nx-px", value_parser = mode)]
    mode: LabMode,
    /// The lock's time to live, in milliseconds.
    #[arg(long, default_value_t = 500, value_parser = clap::value_parser!(u64).range(1..=600_000))]
    ttl_ms: u64,
    /// How long a client works between its read and its write.
    #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u64).range(0..=600_000))]
    work_ms: u64,
    /// The redis-server to run (default: the one on the PATH).
    #[arg(long, value_name = "PATH")]
    redis_server: Option<PathBuf>,
    /// Run without a screen, print a summary and exit.
    #[arg(long)]
    headless: bool,
    /// How long the run lasts (headless default 10; on screen, until you
    /// leave).
    #[arg(long, value_name = "S", value_parser = positive_seconds)]
    seconds: Option<f64>,
    /// Pause a client for a while: C1@300:1500 stops C1 300 ms into the
    /// run, for 1.5 s. May be given more than once.
    #[arg(long = "pause", value_name = "CLIENT@MS:DURATION_MS")]
    pauses: Vec<PauseAt>,
    /// Where to write the trace (default: lab-<time>.jsonl beside saved
    /// sessions).
    #[arg(long, value_name = "FILE")]
    trace: Option<PathBuf>,
}

/// The hidden role of each client process of a run.
#[derive(Args)]
pub struct ClientArgs {
    #[arg(long)]
    client: u8,
    #[arg(long)]
    redis: String,
    #[arg(long)]
    storage: Endpoint,
    #[arg(long, value_parser = mode)]
    mode: LabMode,
    #[arg(long)]
    ttl_ms: u64,
    #[arg(long)]
    work_ms: u64,
}

/// How long a headless run lasts unless told.
const HEADLESS_SECONDS: f64 = 10.0;

fn mode(text: &str) -> Result<LabMode, String> {
    LabMode::from_name(text)
        .ok_or_else(|| format!("unknown mode `{text}`; available: naive, nx-px, fencing"))
}

pub fn lab(command: LabCommand, lang: Lang, present: bool) -> ExitCode {
    match command {
        LabCommand::RedisLock(args) => redis_lock(args, lang, present),
        LabCommand::Replay { file } => replay(file, lang, present),
    }
}

pub fn client(args: ClientArgs) -> ExitCode {
    let plan = ClientPlan {
        n: args.client,
        redis_url: args.redis,
        storage: args.storage,
        mode: args.mode,
        ttl_ms: args.ttl_ms,
        work_ms: args.work_ms,
    };
    match run_client(plan) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(e),
    }
}

fn redis_lock(args: RedisLockArgs, lang: Lang, present: bool) -> ExitCode {
    if let Some(p) = args.pauses.iter().find(|p| p.client > args.clients) {
        return fail(format!(
            "--pause names C{}, but the run has {} clients",
            p.client, args.clients
        ));
    }
    let redis_server = match find_redis_server(args.redis_server.as_deref()) {
        Ok(path) => path,
        Err(e) => return fail(e),
    };
    let exe = match std::env::current_exe() {
        Ok(exe) => exe,
        Err(e) => {
            return fail(format!(
                "cannot find the distlab binary to start clients: {e}"
            ))
        }
    };
    let trace = args.trace.unwrap_or_else(default_trace);
    let plan = LabPlan {
        mode: args.mode,
        clients: args.clients,
        ttl_ms: args.ttl_ms,
        work_ms: args.work_ms,
        redis_server,
        pauses: args.pauses,
        trace,
        seconds: args.seconds.or(args.headless.then_some(HEADLESS_SECONDS)),
        exe,
    };
    if args.headless {
        headless(&plan, lang)
    } else {
        on_screen(&plan, lang, present)
    }
}

/// A new trace beside saved sessions.
fn default_trace() -> PathBuf {
    let dir = crate::current_dir();
    let _ = std::fs::create_dir_all(&dir);
    trace_in(&dir)
}

fn start(plan: &LabPlan) -> Result<LabRun, ExitCode> {
    LabRun::start(plan).map_err(fail)
}

fn on_screen(plan: &LabPlan, lang: Lang, present: bool) -> ExitCode {
    let run = match start(plan) {
        Ok(run) => run,
        Err(code) => return code,
    };
    let trace = LabTrace::new(run.setup().clone());
    let settings = Settings {
        lang,
        present,
        ..Settings::load()
    };
    let file = plan.trace.display().to_string();
    let notice = distlab::lab::words::replay_with(lang, &file);
    let screen = LabScreen::live(trace, file, Box::new(run), settings);
    crate::interactive(run_lab(screen, &[notice]))
}

/// The signals that end a headless run early, its server and clients
/// stopped first.
const ENDING_SIGNALS: [i32; 3] = [SIGINT, SIGTERM, SIGHUP];

fn headless(plan: &LabPlan, lang: Lang) -> ExitCode {
    let ending = Arc::new(AtomicUsize::new(0));
    for signal in ENDING_SIGNALS {
        if let Err(e) =
            signal_hook::flag::register_usize(signal, Arc::clone(&ending), signal as usize)
        {
            return fail(format!("cannot listen for signals: {e}"));
        }
    }
    let mut run = match start(plan) {
        Ok(run) => run,
        Err(code) => return code,
    };
    say_err!(
        "lab: {} (pid {}) in {}",
        run.server().version,
        run.server().pid(),
        run.server().folder().display()
    );
    let mut trace = LabTrace::new(run.setup().clone());
    while run.running() && ending.load(Ordering::Relaxed) == 0 {
        std::thread::sleep(Duration::from_millis(10));
        for event in run.take_events() {
            trace.insert(event);
        }
    }
    for event in run.finish() {
        trace.insert(event);
    }
    let unwritten = run.write_failed().map(str::to_owned);
    drop(run);
    if let Ok(signal) = i32::try_from(ending.load(Ordering::Relaxed)) {
        if signal != 0 {
            let _ = signal_hook::low_level::emulate_default_handler(signal);
        }
    }
    if let Some(why) = unwritten {
        return fail(format!("cannot write {}: {why}", plan.trace.display()));
    }
    let state = LabState::at_end(&trace);
    let summary = distlab::lab::words::summary(&trace, &state, lang);
    let _ = crate::print(format_args!(
        "{summary}\n{}\n",
        distlab::lab::words::replay_with(lang, &plan.trace.display().to_string())
    ));
    if state.findings.iter().any(|f| f.violation) {
        ExitCode::from(SAFETY_VIOLATED)
    } else {
        ExitCode::SUCCESS
    }
}

fn replay(file: PathBuf, lang: Lang, present: bool) -> ExitCode {
    let text = match std::fs::read_to_string(&file) {
        Ok(text) => text,
        Err(e) => return fail(format!("{}: {e}", file.display())),
    };
    let trace = match read_trace(&text) {
        Ok(trace) => trace,
        Err(e) => return fail(format!("{}: {e}", file.display())),
    };
    let settings = Settings {
        lang,
        present,
        ..Settings::load()
    };
    let screen = LabScreen::replay(trace, file.display().to_string(), settings);
    crate::interactive(run_lab(screen, &[]))
}
