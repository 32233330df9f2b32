//! The lesson menu: lessons grouped by track with the learner's progress,
//! and the sandbox. Choosing an entry is reported to the shell, which opens
//! the screen for it.

use super::action::Action;
use super::settings::Settings;
use super::words::words;
use crate::lesson::{lesson_number, AnyLesson, Progress, ProgressStore};
use crate::protocols::FamilyKind;
use crate::units::Lang;

/// A row of the menu.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entry {
    /// A track's heading: `raft`, `locks`, …
    Track(String),
    /// A lesson, by its index in [`Menu::lessons`], and its number: the one
    /// in its id (`locks-3-…` is 3), so that the menu and the command line
    /// name a lesson alike.
    Lesson {
        index: usize,
        number: usize,
    },
    SandboxHeading,
    /// A family's sandbox.
    Sandbox(FamilyKind),
}

/// What the learner chose.
#[derive(Clone, Debug, PartialEq)]
pub enum Choice {
    Lesson(Box<AnyLesson>),
    Sandbox(FamilyKind),
    /// Leave the menu (and distlab).
    Quit,
}

pub struct Menu {
    lessons: Vec<AnyLesson>,
    /// Lesson files that did not load, as messages.
    problems: Vec<String>,
    entries: Vec<Entry>,
    selected: usize,
    store: Option<ProgressStore>,
    progress: Progress,
    lang: Lang,
    /// A message for the learner: progress that could not be read, a
    /// lesson that could not start.
    notice: Option<String>,
    settings: Settings,
    /// Esc was pressed once: a second Esc leaves distlab.
    leaving: bool,
}

impl Menu {
    /// A menu of `lessons`, in track order (families in the order of the
    /// family list, Raft's consensus track first; then tracks in the order
    /// their first lesson comes by id) with lessons sorted by id within
    /// each track.
    pub fn new(
        mut lessons: Vec<AnyLesson>,
        problems: Vec<String>,
        store: Option<ProgressStore>,
        lang: Lang,
        settings: Settings,
    ) -> Menu {
        let mut settings = settings;
        let rank = |l: &AnyLesson| FamilyKind::ALL.iter().position(|k| *k == l.family());
        // By number, then id: `raft-10` comes after `raft-9`.
        lessons.sort_by_cached_key(|l| (rank(l), lesson_number(l.id()), l.id().to_owned()));
        let mut tracks: Vec<String> = Vec::new();
        for lesson in &lessons {
            let track = lesson.about().track;
            if !tracks.iter().any(|t| t == track) {
                tracks.push(track.to_owned());
            }
        }
        let mut entries = Vec::new();
        for track in &tracks {
            entries.push(Entry::Track(track.clone()));
            let in_track = lessons
                .iter()
                .enumerate()
                .filter(|(_, l)| l.about().track == track);
            for (position, (index, lesson)) in in_track.enumerate() {
                let number = lesson_number(lesson.id()).unwrap_or(position + 1);
                entries.push(Entry::Lesson { index, number });
            }
        }
        entries.push(Entry::SandboxHeading);
        entries.extend(FamilyKind::ALL.iter().map(|&k| Entry::Sandbox(k)));
        let (progress, mut notice) = match &store {
            Some(store) => {
                let loaded = store.load();
                (loaded.progress, loaded.notice)
            }
            None => (Progress::default(), None),
        };
        if !settings.warnings.is_empty() {
            let warnings = settings.warnings.join(" · ");
            notice = Some(notice.map_or(warnings.clone(), |n| format!("{n} · {warnings}")));
            // Said once, here; the screens opened later need not repeat it.
            settings.warnings.clear();
        }
        let mut menu = Menu {
            lessons,
            problems,
            entries,
            selected: 0,
            store,
            progress,
            lang,
            notice,
            settings,
            leaving: false,
        };
        menu.selected = menu.first_unfinished();
        menu
    }

    // ----- reading --------------------------------------------------------

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn lessons(&self) -> &[AnyLesson] {
        &self.lessons
    }

    pub fn problems(&self) -> &[String] {
        &self.problems
    }

    /// The selected row, an index into [`Menu::entries`].
    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn store(&self) -> Option<&ProgressStore> {
        self.store.as_ref()
    }

    /// The lesson on the selected row, if it is one.
    pub fn selected_lesson(&self) -> Option<&AnyLesson> {
        match self.entries.get(self.selected) {
            Some(Entry::Lesson { index, .. }) => self.lessons.get(*index),
            _ => None,
        }
    }

    // ----- changing -------------------------------------------------------

    /// Applies one action; returns what the learner chose, if anything.
    pub fn update(&mut self, action: Action) -> Option<Choice> {
        let leaving = std::mem::take(&mut self.leaving);
        match action {
            Action::MenuUp => self.move_by(-1),
            Action::MenuDown => self.move_by(1),
            Action::Open => {
                return match self.entries.get(self.selected) {
                    Some(Entry::Lesson { index, .. }) => self
                        .lessons
                        .get(*index)
                        .map(|l| Choice::Lesson(Box::new(l.clone()))),
                    Some(Entry::Sandbox(family)) => Some(Choice::Sandbox(*family)),
                    _ => None,
                };
            }
            Action::SwitchLanguage => {
                self.lang = match self.lang {
                    Lang::En => Lang::Zh,
                    Lang::Zh => Lang::En,
                }
            }
            Action::ToggleContrast => {
                let s = &mut self.settings;
                std::mem::swap(&mut s.theme, &mut s.other_theme);
            }
            Action::Quit | Action::Exit => return Some(Choice::Quit),
            // Esc is pressed to back out of things; leaving the whole
            // program on one press would surprise.
            Action::Back if leaving => return Some(Choice::Quit),
            Action::Back => {
                self.leaving = true;
                self.notice = Some(words(self.lang).menu_leave.to_owned());
            }
            _ => {}
        }
        if leaving && !self.leaving {
            self.notice = None;
        }
        None
    }

    /// Shows a message, such as why a lesson could not start.
    pub fn tell(&mut self, notice: String) {
        self.notice = Some(notice);
    }

    /// Reads the progress again, after a lesson changed it.
    pub fn reload_progress(&mut self) {
        if let Some(store) = &self.store {
            let loaded = store.load();
            self.progress = loaded.progress;
            if loaded.notice.is_some() {
                self.notice = loaded.notice;
            }
        }
    }

    /// Keeps the theme a screen switched to, for the next screens.
    pub fn adopt_settings(&mut self, settings: Settings) {
        self.settings = settings;
    }

    /// Moves the selection by `by` selectable rows, wrapping around.
    fn move_by(&mut self, by: isize) {
        let selectable: Vec<usize> = (0..self.entries.len())
            .filter(|&i| self.is_selectable(i))
            .collect();
        let Some(at) = selectable.iter().position(|&i| i == self.selected) else {
            return;
        };
        let n = selectable.len() as isize;
        self.selected = selectable[(at as isize + by).rem_euclid(n) as usize];
    }

    fn is_selectable(&self, i: usize) -> bool {
        matches!(
            self.entries.get(i),
            Some(Entry::Lesson { .. } | Entry::Sandbox(_))
        )
    }

    /// The first lesson not completed, else the sandbox: where a returning
    /// learner most likely wants to go.
    fn first_unfinished(&self) -> usize {
        self.entries
            .iter()
            .position(|e| match e {
                Entry::Lesson { index, .. } => {
                    !self.progress.is_complete(self.lessons[*index].id())
                }
                _ => false,
            })
            .or_else(|| {
                self.entries
                    .iter()
                    .position(|e| matches!(e, Entry::Sandbox(_)))
            })
            .unwrap_or(0)
    }
}
