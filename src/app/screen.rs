//! The boundary between the app and its drawing.
//!
//! The app never imports the ui. What it needs from the drawing (where a
//! node is on screen, how far a panel's text can scroll, and the drawing
//! itself) it asks through [`Picture`], which the ui implements for every
//! family it can draw. The shell holds the open screen as a
//! [`ClusterScreen`] trait object: the one dynamic boundary, below which
//! everything is static and generic over the family.

use std::any::Any;
use std::path::PathBuf;

use crossterm::event::Event;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::action::Action;
use super::autopilot::LessonView;
use super::settings::Settings;
use super::state::App;
use crate::lab::LabStep;
use crate::lesson::Finish;
use crate::protocols::Family;
use crate::sim::NodeId;
use crate::units::Lang;

/// What only the drawing knows about a screen of a given size.
pub trait Picture {
    /// Draws the whole screen.
    fn render(&self, area: Rect, buf: &mut Buffer);
    /// The node drawn at a cell, if any.
    fn node_at(&self, area: Rect, col: u16, row: u16) -> Option<NodeId>;
    /// How far along the time scrubber a cell lies (0 its start, 1 its
    /// end), if it lies on the scrubber.
    fn scrubber_at(&self, area: Rect, col: u16, row: u16) -> Option<f64>;
    /// Whether a cell lies in the lesson panel.
    fn in_lesson_panel(&self, area: Rect, col: u16, row: u16) -> bool;
    /// How many rows the lesson text can scroll by.
    fn lesson_overflow(&self, area: Rect) -> u16;
    /// How many lines the help overlay can scroll by.
    fn help_overflow(&self, area: Rect) -> u16;
}

/// A lab run a lesson step asked for: the run, the language to show it
/// in, and where its trace goes (beside the screen's saved sessions).
pub struct LabRequest {
    pub step: LabStep,
    pub lang: Lang,
    pub trace_dir: PathBuf,
}

/// A cluster screen of any family, as the shell holds it.
pub trait ClusterScreen {
    fn handle_event(&mut self, event: &Event);
    fn update(&mut self, action: Action);
    /// Whether something moves on screen (the clock runs, or the explorer
    /// searches), so the loop must keep sending ticks.
    fn is_moving(&self) -> bool;
    fn should_quit(&self) -> bool;
    fn should_exit(&self) -> bool;
    /// The keymap and themes as the person left them.
    fn settings(&self) -> Settings;
    /// The lesson on screen, if one is, as a recording marks its steps
    /// and a lesson playing itself reads it.
    fn lesson_view(&self) -> Option<LessonView> {
        None
    }
    fn render(&self, area: Rect, buf: &mut Buffer);
    /// The screen as its concrete type, for tests that look inside.
    fn as_any(&self) -> &dyn Any;
    /// A lab run the learner asked for.
    fn take_lab_request(&mut self) -> Option<LabRequest> {
        None
    }
    /// Says what went wrong outside the screen.
    fn warn(&mut self, _text: &str) {}
}

impl<F: Family> ClusterScreen for App<F>
where
    App<F>: Picture,
{
    fn handle_event(&mut self, event: &Event) {
        App::handle_event(self, event);
    }

    fn update(&mut self, action: Action) {
        App::update(self, action);
    }

    fn is_moving(&self) -> bool {
        App::is_moving(self)
    }

    fn should_quit(&self) -> bool {
        App::should_quit(self)
    }

    fn should_exit(&self) -> bool {
        App::should_exit(self)
    }

    fn settings(&self) -> Settings {
        App::settings(self)
    }

    fn lesson_view(&self) -> Option<LessonView> {
        let tutor = self.tutor()?;
        let (run, lang) = (tutor.run(), tutor.lang());
        let step = run.step();
        let question = step.question.as_ref();
        let reading = [
            Some(&step.say),
            question.map(|q| &q.ask),
            step.reveal.as_ref(),
        ]
        .into_iter()
        .flatten()
        .map(|text| text.get(lang).chars().count())
        .sum::<usize>()
            + question.map_or(0, |q| {
                q.options.iter().map(|o| o.get(lang).chars().count()).sum()
            });
        Some(LessonView {
            step: run.index(),
            steps: tutor.lesson().steps.len(),
            title: step.title.get(lang).to_owned(),
            phase: tutor.phase(),
            answer: question.map(|q| q.answer),
            narrates: step.finish == Finish::Continue,
            task: !step.autoplay.is_empty() || run.waits_for_learner(),
            reading,
        })
    }

    fn render(&self, area: Rect, buf: &mut Buffer) {
        Picture::render(self, area, buf);
    }

    fn take_lab_request(&mut self) -> Option<LabRequest> {
        let (lang, trace_dir) = (self.lang(), self.save_dir().to_path_buf());
        App::take_lab_request(self).map(|step| LabRequest {
            step,
            lang,
            trace_dir,
        })
    }

    fn warn(&mut self, text: &str) {
        App::warn(self, text);
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}
