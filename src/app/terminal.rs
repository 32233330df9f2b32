//! The terminal loop: raw mode in, draw, wait for input or the next frame,
//! restore the terminal on every way out.
//!
//! This is the only place that reads the wall clock; the simulation only
//! ever hears of it through `Action::Tick`.

use std::io::{stdout, Stdout};
use std::time::{Duration, Instant};

use anyhow::Context;
use crossterm::cursor::{Hide, Show};
use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;

use super::action::Action;
use super::settings::Settings;
use super::state::App;
use super::SandboxOptions;

/// 40 frames a second: smooth enough for moving messages, cheap enough to
/// leave the other core alone.
const FRAME: Duration = Duration::from_millis(25);

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

/// Runs the Raft sandbox until the person quits.
pub fn run_sandbox(options: SandboxOptions) -> anyhow::Result<()> {
    let settings = Settings::load();
    let warnings = settings.warnings.clone();
    let mut app = App::new(&options, settings)?;
    install_panic_hook();
    let result = {
        let _guard = enter()?;
        run(&mut app)
    };
    for warning in warnings {
        eprintln!("distlab: {warning}");
    }
    result
}

fn run(app: &mut App) -> anyhow::Result<()> {
    let mut terminal =
        Terminal::new(CrosstermBackend::new(stdout())).context("cannot open the terminal")?;
    let size = terminal.size()?;
    app.update(Action::Resize(size.width, size.height));
    let mut last = Instant::now();
    while !app.should_quit() {
        draw(&mut terminal, app)?;
        if app.is_playing() {
            let deadline = last + FRAME;
            while let Some(wait) = deadline.checked_duration_since(Instant::now()) {
                if !event::poll(wait)? {
                    break;
                }
                app.handle_event(&event::read()?);
            }
            let now = Instant::now();
            app.update(Action::Tick(now - last));
            last = now;
        } else {
            // Nothing moves: sleep until the person does something.
            app.handle_event(&event::read()?);
            last = Instant::now();
        }
    }
    Ok(())
}

fn draw(terminal: &mut Terminal<CrosstermBackend<Stdout>>, app: &App) -> anyhow::Result<()> {
    terminal.draw(|frame| frame.render_widget(app, frame.area()))?;
    Ok(())
}
