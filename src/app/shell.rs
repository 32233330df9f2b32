//! The whole program's screens: the lesson menu, and the cluster screen it
//! opens (a lesson or the sandbox). Leaving a screen opened from the menu
//! returns to the menu; leaving the menu, or a screen opened straight from
//! the command line, ends the program.

use std::path::{Path, PathBuf};

use crossterm::event::{Event, KeyEventKind};

use super::action::Action;
use super::keymap::{Key, KeyMode};
use super::lab_screen::LabScreen;
use super::menu::{Choice, Menu};
use super::open::{lesson_screen, sandbox_screen, LessonPlace, SandboxPlan};
use super::screen::ClusterScreen;
use super::settings::Settings;
use super::state::App;
use crate::lab::{LabError, LabPlan, LabRun, LabStep, LabTrace};
use crate::protocols::Family;

/// Starts the run a lesson's lab step offers, and its screen.
fn open_lab(
    step: &LabStep,
    trace_dir: &Path,
    settings: Settings,
) -> Result<Box<dyn ClusterScreen>, LabError> {
    let plan = LabPlan::for_lesson(step, trace_dir)?;
    let run = LabRun::start(&plan)?;
    let trace = LabTrace::new(run.setup().clone());
    let file = plan.trace.display().to_string();
    Ok(Box::new(LabScreen::live(
        trace,
        file,
        Box::new(run),
        settings,
    )))
}

/// The sandboxes the menu opens have five members.
const MENU_SANDBOX_NODES: usize = 5;

pub struct Shell {
    menu: Option<Menu>,
    app: Option<Box<dyn ClusterScreen>>,
    /// A lab run a lesson step opened, shown over the lesson until the
    /// learner leaves it.
    lab: Option<Box<dyn ClusterScreen>>,
    /// Where sessions are saved.
    save_dir: PathBuf,
    size: (u16, u16),
    quit: bool,
}

impl Shell {
    /// Starts at the menu.
    pub fn with_menu(menu: Menu, save_dir: PathBuf) -> Shell {
        Shell {
            menu: Some(menu),
            app: None,
            lab: None,
            save_dir,
            size: (0, 0),
            quit: false,
        }
    }

    /// One screen only; leaving it ends the program.
    pub fn single(app: Box<dyn ClusterScreen>) -> Shell {
        Shell {
            menu: None,
            app: Some(app),
            lab: None,
            save_dir: PathBuf::from("."),
            size: (0, 0),
            quit: false,
        }
    }

    /// The screen showing: a lab run over a lesson, or the cluster
    /// screen, when one is open.
    pub fn screen(&self) -> Option<&dyn ClusterScreen> {
        self.lab.as_deref().or(self.app.as_deref())
    }

    /// The cluster screen as a family's app, when one of that family is
    /// open.
    pub fn app<F: Family>(&self) -> Option<&App<F>> {
        self.app.as_deref()?.as_any().downcast_ref()
    }

    /// The menu, when it is showing.
    pub fn menu(&self) -> Option<&Menu> {
        match self.app {
            Some(_) => None,
            None => self.menu.as_ref(),
        }
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// Whether something moves on screen, so the loop must keep drawing.
    pub fn is_moving(&self) -> bool {
        self.screen().is_some_and(|a| a.is_moving())
    }

    /// Turns one terminal event into an action and applies it.
    pub fn handle_event(&mut self, event: &Event) {
        if let Some(lab) = &mut self.lab {
            lab.handle_event(event);
            self.after_lab();
            return;
        }
        if let Some(app) = &mut self.app {
            app.handle_event(event);
            self.after_app();
            return;
        }
        let action = match event {
            Event::Key(key) if key.kind == KeyEventKind::Press => {
                self.menu.as_ref().and_then(|menu| {
                    menu.settings()
                        .keymap
                        .lookup(&[KeyMode::Menu], Key::from_event(key))
                })
            }
            Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
            _ => None,
        };
        if let Some(action) = action {
            self.update(action);
        }
    }

    /// Applies one action to the screen showing.
    pub fn update(&mut self, action: Action) {
        if let Action::Resize(w, h) = action {
            self.size = (w, h);
        }
        if let Some(lab) = &mut self.lab {
            lab.update(action);
            self.after_lab();
            if let (Some(app), Action::Resize(..)) = (&mut self.app, action) {
                app.update(action);
            }
            return;
        }
        if let Some(app) = &mut self.app {
            app.update(action);
            self.after_app();
            return;
        }
        let Some(menu) = &mut self.menu else {
            self.quit = true;
            return;
        };
        match menu.update(action) {
            None => {}
            Some(Choice::Quit) => self.quit = true,
            Some(Choice::Lesson(lesson)) => {
                let place = LessonPlace {
                    lang: menu.lang(),
                    store: menu.store().cloned(),
                    progress: menu.progress().clone(),
                    resume: true,
                    save_dir: self.save_dir.clone(),
                };
                let screen = lesson_screen(*lesson, menu.settings().clone(), place);
                self.open(screen);
            }
            Some(Choice::Sandbox(family)) => {
                let plan = SandboxPlan {
                    family,
                    name: family.names()[0],
                    nodes: MENU_SANDBOX_NODES,
                    seed: None,
                    scenario: None,
                    save_dir: self.save_dir.clone(),
                    present: menu.settings().present,
                    lang: menu.lang(),
                };
                let settings = Settings {
                    lang: menu.lang(),
                    ..menu.settings().clone()
                };
                match sandbox_screen(&plan, settings) {
                    Ok(screen) => self.open(screen),
                    Err(e) => menu.tell(format!("the sandbox could not start: {e}")),
                }
            }
        }
    }

    fn open(&mut self, mut app: Box<dyn ClusterScreen>) {
        app.update(Action::Resize(self.size.0, self.size.1));
        self.app = Some(app);
    }

    /// After the open screen acted: if it was left, go back to the menu
    /// (with fresh progress) or end the program.
    fn after_app(&mut self) {
        let Some(app) = &mut self.app else {
            return;
        };
        if let Some(request) = app.take_lab_request() {
            let settings = Settings {
                lang: request.lang,
                ..app.settings()
            };
            match open_lab(&request.step, &request.trace_dir, settings) {
                Ok(lab) => self.lab = Some(lab),
                Err(e) => app.warn(&e.to_string()),
            }
            return;
        }
        if !app.should_quit() {
            return;
        }
        match &mut self.menu {
            Some(menu) if !app.should_exit() => {
                menu.adopt_settings(app.settings());
                menu.reload_progress();
                self.app = None;
            }
            _ => self.quit = true,
        }
    }

    /// After the lab screen acted: once it is left, its run stops and the
    /// lesson shows again.
    fn after_lab(&mut self) {
        if self.lab.as_ref().is_some_and(|lab| lab.should_quit()) {
            self.lab = None;
        }
    }
}
