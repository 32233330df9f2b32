//! The terminal loop: raw mode in, draw, wait for input or the next frame,
//! restore the terminal on every way out.
//!
//! This is the only place that reads the wall clock; the simulation only
//! ever hears of it through `Action::Tick`.

use std::fs::File;
use std::io::{stdout, BufWriter, IsTerminal, Stdout};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use crossterm::cursor::{Hide, Show};
use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use crossterm::execute;
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;
use signal_hook::consts::{SIGHUP, SIGTERM};

use super::action::Action;
use super::menu::Menu;
use super::open::{lesson_screen, sandbox_screen, LessonPlace, SandboxPlan};
use super::settings::Settings;
use super::shell::Shell;
use crate::export::cast::{unix_now, Cast, Recorder};
use crate::lesson::{self, AnyLesson, ProgressStore};
use crate::scenario::FileError;
use crate::units::Lang;

/// 40 frames a second: smooth enough for moving messages, cheap enough to
/// leave the other core alone.
const FRAME: Duration = Duration::from_millis(25);
/// The most real time one tick plays.
const MAX_FRAME: Duration = Duration::from_millis(100);
/// How long a paused screen waits for input before it looks whether it
/// was asked to end: short enough that a `kill` is answered at once.
const IDLE_WAIT: Duration = Duration::from_millis(200);

/// The signals that end distlab politely: the terminal is restored, then
/// the process ends as the signal would have ended it.
const ENDING_SIGNALS: [i32; 2] = [SIGTERM, SIGHUP];

/// The signal that asked distlab to end, once one has (0: none yet).
#[derive(Clone, Default)]
struct EndRequest(Arc<AtomicUsize>);

impl EndRequest {
    /// Listens for [`ENDING_SIGNALS`].
    fn listen() -> anyhow::Result<EndRequest> {
        let request = EndRequest::default();
        for signal in ENDING_SIGNALS {
            signal_hook::flag::register_usize(signal, Arc::clone(&request.0), signal as usize)
                .context("cannot listen for signals")?;
        }
        Ok(request)
    }

    fn signal(&self) -> Option<i32> {
        match self.0.load(Ordering::Relaxed) {
            0 => None,
            signal => i32::try_from(signal).ok(),
        }
    }
}

/// Puts the terminal back as it was. Safe to call more than once.
fn restore() {
    let _ = terminal::disable_raw_mode();
    let _ = execute!(stdout(), DisableMouseCapture, LeaveAlternateScreen, Show);
}

/// Restores the terminal when dropped, so that every return path and every
/// `?` leaves it usable.
struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

fn enter() -> anyhow::Result<Guard> {
    if !std::io::stdout().is_terminal() {
        anyhow::bail!(
            "the screen needs a terminal; to play a lesson without one, use `distlab lesson ID --autoplay --headless`"
        );
    }
    terminal::enable_raw_mode().context("cannot switch the terminal to raw mode")?;
    let guard = Guard;
    execute!(stdout(), EnterAlternateScreen, EnableMouseCapture, Hide)
        .context("cannot set up the terminal")?;
    Ok(guard)
}

/// A panic must not leave the terminal in raw mode on the alternate
/// screen, where the panic message would be lost.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// A sandbox ready to run: its scenario file (if any) has loaded.
pub struct Sandbox {
    shell: Shell,
    warnings: Vec<String>,
}

impl Sandbox {
    /// Prepares the sandbox `plan` asks for; a scenario file that does not
    /// load is an error naming its place, before the terminal changes.
    pub fn prepare(plan: &SandboxPlan) -> Result<Sandbox, FileError> {
        let settings = Settings {
            present: plan.present,
            lang: plan.lang,
            ..Settings::load()
        };
        let warnings = settings.warnings.clone();
        let screen = sandbox_screen(plan, settings)?;
        Ok(Sandbox {
            shell: Shell::single(screen),
            warnings,
        })
    }

    /// Runs it until the person quits, recording the terminal into
    /// `record` if given.
    pub fn run(self, record: Option<&Path>) -> anyhow::Result<()> {
        run_shell(self.shell, &self.warnings, record)
    }
}

/// Opens the lesson menu: every lesson found, with the learner's progress.
pub fn run_menu(lang: Lang, save_dir: std::path::PathBuf, present: bool) -> anyhow::Result<()> {
    let settings = Settings {
        present,
        ..Settings::load()
    };
    let warnings = settings.warnings.clone();
    let (lessons, errors) = lesson::available();
    let problems = errors.iter().map(ToString::to_string).collect();
    let (store, store_problem) = locate_store();
    let mut menu = Menu::new(lessons, problems, store, lang, settings);
    if let Some(problem) = store_problem {
        menu.tell(problem);
    }
    run_shell(Shell::with_menu(menu, save_dir), &warnings, None)
}

/// Opens one lesson; leaving it ends the program. The terminal is
/// recorded into `record` if given.
pub fn run_lesson(
    lesson: AnyLesson,
    lang: Lang,
    save_dir: std::path::PathBuf,
    present: bool,
    record: Option<&Path>,
) -> anyhow::Result<()> {
    let settings = Settings {
        present,
        ..Settings::load()
    };
    let warnings = settings.warnings.clone();
    let (store, store_problem) = locate_store();
    let loaded = store.as_ref().map(ProgressStore::load).unwrap_or_default();
    let place = LessonPlace {
        lang,
        store,
        progress: loaded.progress,
        resume: true,
        save_dir,
    };
    let app = lesson_screen(lesson, settings, place);
    let notices: Vec<String> = warnings
        .into_iter()
        .chain(store_problem)
        .chain(loaded.notice)
        .collect();
    run_shell(Shell::single(app), &notices, record)
}

/// The progress store, or why there is none (progress is then not kept).
/// Opens the history view on one history; leaving it ends the program.
pub fn run_history(view: super::HistoryView) -> anyhow::Result<()> {
    run_shell(Shell::single(Box::new(view)), &[], None)
}

/// The lab screen, live or replayed, until the person leaves; `notices`
/// are said on the restored terminal.
pub fn run_lab(screen: super::LabScreen, notices: &[String]) -> anyhow::Result<()> {
    run_shell(Shell::single(Box::new(screen)), notices, None)
}

fn locate_store() -> (Option<ProgressStore>, Option<String>) {
    match ProgressStore::locate() {
        Ok(store) => (Some(store), None),
        Err(e) => (None, Some(format!("progress will not be kept: {e}"))),
    }
}

/// The terminal, written through a [`Recorder`] that keeps a recording
/// when asked for one.
type Screen = Terminal<CrosstermBackend<Recorder<Stdout, BufWriter<File>>>>;

/// Runs the screens until the person leaves, then repeats `notices` on
/// the restored terminal, where they stay readable. With `record`, what is
/// drawn is recorded there; the file is created before the screen opens.
fn run_shell(mut shell: Shell, notices: &[String], record: Option<&Path>) -> anyhow::Result<()> {
    install_panic_hook();
    let end = EndRequest::listen()?;
    let cast = match record {
        Some(path) => {
            let file =
                File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
            let size = terminal::size().unwrap_or((80, 24));
            let cast = Cast::start(BufWriter::new(file), size, unix_now(), "distlab")
                .with_context(|| format!("cannot write {}", path.display()))?;
            Some(cast)
        }
        None => None,
    };
    let result = {
        let _guard = enter()?;
        run(&mut shell, &end, Recorder::new(stdout(), cast))
    };
    // The screens go before a signal ends the process: a lab screen stops
    // its server and clients as it goes.
    drop(shell);
    if let Some(signal) = end.signal() {
        // The terminal is back as it was: now end as the signal asked.
        let _ = signal_hook::low_level::emulate_default_handler(signal);
    }
    for notice in notices {
        eprintln!("distlab: {notice}");
    }
    if let (Ok(()), Some(path)) = (&result, record) {
        eprintln!("distlab: recorded in {}", path.display());
    }
    result
}

fn run(
    shell: &mut Shell,
    end: &EndRequest,
    writer: Recorder<Stdout, BufWriter<File>>,
) -> anyhow::Result<()> {
    let mut terminal =
        Terminal::new(CrosstermBackend::new(writer)).context("cannot open the terminal")?;
    let size = terminal.size()?;
    shell.update(Action::Resize(size.width, size.height));
    let start = Instant::now();
    let mut last = start;
    let mut marked = None;
    // A paused screen is drawn again only when something happened.
    let mut stale = true;
    while !shell.should_quit() && end.signal().is_none() {
        if stale {
            let writer = terminal.backend_mut().writer_mut();
            writer.at(start.elapsed().as_secs_f64());
            let view = writer
                .is_recording()
                .then(|| shell.screen().and_then(|s| s.lesson_view()))
                .flatten();
            if let Some(view) = view {
                if marked != Some(view.step) {
                    writer.mark(&view.mark());
                    marked = Some(view.step);
                }
            }
            draw(&mut terminal, shell)?;
        }
        stale = true;
        if shell.is_moving() {
            let deadline = last + FRAME;
            while let Some(wait) = deadline.checked_duration_since(Instant::now()) {
                if !event::poll(wait)? {
                    break;
                }
                handle(&mut terminal, shell, &event::read()?, start);
            }
            let now = Instant::now();
            // A stall (a slow terminal, a suspended process) never makes
            // the clock leap: at most a few frames' worth is played.
            shell.update(Action::Tick((now - last).min(MAX_FRAME)));
            last = now;
        } else {
            // Nothing moves: sleep until the person does something (or a
            // signal asks distlab to end).
            if event::poll(IDLE_WAIT)? {
                handle(&mut terminal, shell, &event::read()?, start);
            } else {
                stale = false;
            }
            last = Instant::now();
        }
    }
    terminal
        .backend_mut()
        .writer_mut()
        .finish()
        .context("cannot write the recording")
}

/// One terminal event: a resize is recorded, then the screen handles it.
fn handle(terminal: &mut Screen, shell: &mut Shell, event: &Event, start: Instant) {
    if let Event::Resize(w, h) = event {
        let writer = terminal.backend_mut().writer_mut();
        writer.at(start.elapsed().as_secs_f64());
        writer.resized((*w, *h));
    }
    shell.handle_event(event);
}

fn draw(terminal: &mut Screen, shell: &Shell) -> anyhow::Result<()> {
    terminal.draw(|frame| frame.render_widget(shell, frame.area()))?;
    Ok(())
}
