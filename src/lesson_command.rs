//! `distlab lesson` and `distlab lessons`: one lesson on screen, played
//! by itself (headless, or recorded without a terminal), and the list and
//! check of lesson files.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use distlab::lesson::{self, autoplay, AnyLesson, Lesson, WithLesson};
use distlab::protocols::Family;
use distlab::units::Lang;

use crate::{creatable, current_dir, fail, interactive, unwritten, BAD_INPUT, SAFETY_VIOLATED};

/// `WxH`, a terminal's size in columns and rows.
pub(crate) fn terminal_size(text: &str) -> Result<(u16, u16), String> {
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
pub(crate) struct LessonMode {
    pub(crate) autoplay: bool,
    pub(crate) headless: bool,
    pub(crate) present: bool,
    pub(crate) record: Option<PathBuf>,
    pub(crate) size: (u16, u16),
    pub(crate) svg_frames: Option<PathBuf>,
}

pub(crate) fn open_lesson(id: &str, lang: Lang, mode: LessonMode) -> ExitCode {
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
        timestamp: distlab::export::cast::unix_now(),
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

pub(crate) fn lessons(check: bool, paths: Vec<PathBuf>, lang: Lang) -> ExitCode {
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
