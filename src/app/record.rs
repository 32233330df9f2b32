//! A lesson recorded as it plays itself, without a terminal: the screen is
//! drawn into a recording on a virtual clock of [`FRAME`]s, the lesson
//! driven by the [`Autopilot`], the simulation by the adaptive pace as on
//! screen. Nothing here reads the wall clock, so the same lesson, size and
//! language give the same recording, byte for byte, but for the header's
//! timestamp.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{bail, Context};
use crossterm::cursor::Hide;
use crossterm::queue;
use crossterm::terminal::{Clear, ClearType};
use ratatui::backend::CrosstermBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

use super::action::Action;
use super::autopilot::{Autopilot, Next};
use super::open::{lesson_screen, LessonPlace};
use super::settings::Settings;
use super::shell::Shell;
use crate::export::cast::{Cast, Recorder};
use crate::export::screen_svg;
use crate::lesson::{AnyLesson, Phase, Progress};
use crate::units::Lang;

/// The virtual time between two frames: 20 frames a second.
const FRAME: Duration = Duration::from_millis(50);
/// A lesson that has not ended after this much virtual time is stuck.
const LONGEST_SECONDS: f64 = 4.0 * 3600.0;

/// What to record, and where.
pub struct Recording {
    pub lang: Lang,
    /// The terminal's size, columns by rows.
    pub size: (u16, u16),
    /// The asciicast file, if one is wanted.
    pub cast: Option<PathBuf>,
    /// A folder for one SVG of the screen per step, if wanted.
    pub svg_frames: Option<PathBuf>,
    /// The header's start time, in Unix seconds.
    pub timestamp: u64,
}

/// How a recorded lesson went.
pub struct Recorded {
    /// Whether every step's goal was met.
    pub completed: bool,
    /// The virtual time the lesson took.
    pub seconds: f64,
    /// The SVG files written, in order.
    pub frames: Vec<PathBuf>,
    /// The last frame drawn.
    pub last_frame: Buffer,
}

/// Plays `lesson` by itself and records it as `recording` says. A file or
/// folder that cannot be created fails before the lesson starts.
pub fn record_lesson(lesson: AnyLesson, recording: &Recording) -> anyhow::Result<Recorded> {
    let cast = match &recording.cast {
        Some(path) => {
            let file =
                File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
            let title = lesson.about().title.get(recording.lang).to_owned();
            let cast = Cast::start(
                BufWriter::new(file),
                recording.size,
                recording.timestamp,
                &title,
            )
            .with_context(|| format!("cannot write {}", path.display()))?;
            Some(cast)
        }
        None => None,
    };
    if let Some(dir) = &recording.svg_frames {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let place = LessonPlace {
        lang: recording.lang,
        store: None,
        progress: Progress::default(),
        resume: false,
        save_dir: PathBuf::from("."),
    };
    let mut shell = Shell::single(lesson_screen(lesson, Settings::defaults(), place));
    let (width, height) = recording.size;
    shell.update(Action::Resize(width, height));
    let mut writer = Recorder::new(io::sink(), cast);
    queue!(writer, Clear(ClearType::All), Hide)?;
    let options = TerminalOptions {
        viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
    };
    let mut terminal = Terminal::with_options(CrosstermBackend::new(writer), options)?;
    let mut pilot = Autopilot::default();
    let mut frames = Vec::new();
    let mut marked = None;
    let mut frame = 0u32;
    loop {
        let seconds = f64::from(frame) * FRAME.as_secs_f64();
        if seconds > LONGEST_SECONDS {
            bail!("the lesson has not ended after {LONGEST_SECONDS} s of play");
        }
        let Some(view) = shell.screen().and_then(|s| s.lesson_view()) else {
            bail!("the lesson closed before it ended");
        };
        let writer = terminal.backend_mut().writer_mut();
        writer.at(seconds);
        if marked != Some(view.step) {
            writer.mark(&view.mark());
            marked = Some(view.step);
        }
        let drawn = terminal.draw(|f| f.render_widget(&shell, f.area()))?;
        match pilot.next(&view, seconds) {
            Next::Done(phase) => {
                let last_frame = drawn.buffer.clone();
                let written = terminal.backend_mut().writer_mut().finish();
                if let (Err(e), Some(path)) = (written, &recording.cast) {
                    bail!("cannot write {}: {e}", path.display());
                }
                return Ok(Recorded {
                    completed: phase == Phase::Finished,
                    seconds,
                    frames,
                    last_frame,
                });
            }
            Next::Act(action) => {
                if let (Action::Continue, Some(dir)) = (&action, &recording.svg_frames) {
                    let path = dir.join(format!("step-{:02}.svg", view.step + 1));
                    write_svg(&path, drawn.buffer)?;
                    frames.push(path);
                }
                shell.update(action);
            }
            Next::Wait => {}
        }
        if shell.is_moving() {
            shell.update(Action::Tick(FRAME));
        }
        frame += 1;
    }
}

/// Writes the screen `buffer` to `path` as an SVG drawing.
fn write_svg(path: &Path, buffer: &Buffer) -> anyhow::Result<()> {
    let mut file =
        File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    file.write_all(screen_svg::svg(buffer).as_bytes())
        .and_then(|()| file.flush())
        .with_context(|| format!("cannot write {}", path.display()))
}
