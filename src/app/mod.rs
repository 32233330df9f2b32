//! The sandbox application: its state, the actions that change it, the
//! keymap and theme that configure it, and the terminal loop that runs it.
//!
//! Layering: `App::update` is the only way state changes; the `ui` module
//! draws an `&App` and never changes it; the terminal loop turns input and
//! the passing of real time into actions.

mod action;
mod autopilot;
mod explore_form;
mod feed;
mod history_view;
mod keymap;
mod lab_screen;
mod menu;
mod open;
mod pace;
mod record;
mod screen;
mod session;
mod settings;
mod shell;
mod state;
mod terminal;
mod theme;
mod trails;
mod tutor;
pub mod words;

use std::path::PathBuf;

pub use action::Action;
pub use autopilot::LessonView;
pub use explore_form::{ExploreForm, Field};
pub use feed::{Feed, FeedItem, Tone};
pub use history_view::{HistoryAction, HistoryPicture, HistoryView};
pub use keymap::{HelpLine, Key, KeyMode, Keymap};
pub use lab_screen::{LabAction, LabControl, LabPicture, LabScreen, STEP_US};
pub use menu::{Choice, Entry, Menu};
pub use open::{lesson_screen, sandbox_screen, LessonPlace, SandboxPlan};
pub use pace::{speed_text, Gear, Pace, FIXED_SPEEDS};
pub use record::{record_lesson, Recorded, Recording};
pub use screen::{ClusterScreen, Picture};
pub use settings::Settings;
pub use shell::Shell;
pub use state::{App, ExploreProgress, Mode, Status, View};
pub use terminal::{run_history, run_lab, run_lesson, run_menu, Sandbox};
pub use theme::Theme;
pub use trails::{Fate, Flash, Trail, Trails};
pub use tutor::{Moved, Tutor};

use crate::protocols::Family;
use crate::scenario::Scenario;

/// A sandbox of one family, as built.
pub struct SandboxOptions<F: Family> {
    /// Cluster size; ignored when a scenario is given.
    pub nodes: usize,
    pub seed: u64,
    /// A scenario to start from instead of a plain cluster.
    pub scenario: Option<Scenario<F>>,
    /// Where `s` writes session files.
    pub save_dir: PathBuf,
}
