//! The lab screen (`distlab lab redis-lock`, `distlab lab replay FILE`): a
//! run against a real `redis-server` drawn from its trace. Live, the
//! screen follows the run and its keys pause, resume and kill real client
//! processes; replayed, the same trace is scrubbed and played back. Both
//! show [`LabState::at`] the moment chosen, so a replay is the live run
//! frame for frame. `ui::lab` draws it.

use std::any::Any;

use crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::action::Action;
use super::screen::ClusterScreen;
use super::settings::Settings;
use super::words::words;
use crate::lab::{LabEvent, LabState, LabTrace};

/// What the drawing of the lab screen offers the app: the app never
/// imports the ui.
pub trait LabPicture {
    fn render(&self, area: Rect, buf: &mut Buffer);
}

/// A run under way, as the screen steers it.
pub trait LabControl {
    /// The events recorded since the last call.
    fn take_events(&mut self) -> Vec<LabEvent>;
    /// Microseconds since the run began.
    fn now_us(&self) -> u64;
    /// Stops (`true`) or continues (`false`) client `n`'s process.
    fn pause(&mut self, client: u8, stop: bool);
    fn kill(&mut self, client: u8);
    /// Whether the run is still going (it ends after its length, or when
    /// every client is gone).
    fn running(&self) -> bool;
}

/// How far one press of ← or → moves a replay.
pub const STEP_US: u64 = 100_000;

/// What a key does on the lab screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabAction {
    Select(u8),
    /// Pause or resume the selected client (live).
    TogglePause,
    /// Kill the selected client (live).
    Kill,
    /// Play or stop a replay.
    Play,
    /// Back or forward by [`STEP_US`] (a replay; live, it leaves following
    /// the run).
    Step(i64),
    /// The previous or next recorded event.
    Event(i64),
    Start,
    End,
    /// Real time passed: a replay playing moves on, a live run is polled.
    Tick(u64),
    Quit,
}

pub struct LabScreen {
    pub trace: LabTrace,
    /// Where the trace is being written, or was read from.
    pub file: String,
    control: Option<Box<dyn LabControl>>,
    /// The moment shown, when not following a live run.
    shown_us: Option<u64>,
    playing: bool,
    /// Client selected, from 1.
    pub selected: u8,
    pub settings: Settings,
    /// What the last key did, said once.
    pub status: Option<String>,
    quit: bool,
}

impl LabScreen {
    /// A live run, steered through `control`.
    pub fn live(
        trace: LabTrace,
        file: String,
        control: Box<dyn LabControl>,
        settings: Settings,
    ) -> LabScreen {
        LabScreen {
            trace,
            file,
            control: Some(control),
            shown_us: None,
            playing: false,
            selected: 1,
            settings,
            status: None,
            quit: false,
        }
    }

    /// A recorded run, shown from its start.
    pub fn replay(trace: LabTrace, file: String, settings: Settings) -> LabScreen {
        LabScreen {
            trace,
            file,
            control: None,
            shown_us: Some(0),
            playing: false,
            selected: 1,
            settings,
            status: None,
            quit: false,
        }
    }

    /// Whether a run is under way behind the screen.
    pub fn is_live(&self) -> bool {
        self.control.as_ref().is_some_and(|c| c.running())
    }

    pub fn is_playing(&self) -> bool {
        self.playing
    }

    /// The moment shown.
    pub fn shown_us(&self) -> u64 {
        match (self.shown_us, &self.control) {
            (Some(at), _) => at,
            (None, Some(control)) if control.running() => control.now_us(),
            _ => self.trace.end_us(),
        }
    }

    /// The run at the moment shown.
    pub fn state(&self) -> LabState {
        LabState::at(&self.trace, self.shown_us())
    }

    fn end_us(&self) -> u64 {
        match &self.control {
            Some(control) if control.running() => control.now_us(),
            _ => self.trace.end_us(),
        }
    }

    fn move_to(&mut self, at: u64) {
        let end = self.end_us();
        self.shown_us = (at < end || !self.is_live()).then_some(at.min(end));
    }

    pub fn update(&mut self, action: LabAction) {
        self.status = None;
        let clients = self.trace.setup.clients;
        match action {
            LabAction::Select(n) if (1..=clients).contains(&n) => self.selected = n,
            LabAction::Select(_) => {}
            LabAction::TogglePause | LabAction::Kill => self.steer(action),
            LabAction::Play => {
                if self.shown_us() >= self.end_us() {
                    self.shown_us = Some(0);
                }
                self.playing = !self.playing;
            }
            LabAction::Step(by) => {
                let at = self.shown_us().saturating_add_signed(by * STEP_US as i64);
                self.move_to(at);
            }
            LabAction::Event(by) => {
                let now = self.shown_us();
                let at = if by < 0 {
                    self.trace.events.iter().rev().find(|e| e.at_us < now)
                } else {
                    self.trace.events.iter().find(|e| e.at_us > now)
                };
                match at.map(|e| e.at_us) {
                    Some(at) => self.move_to(at),
                    None if by < 0 => self.move_to(0),
                    None => self.move_to(self.end_us()),
                }
            }
            LabAction::Start => self.move_to(0),
            LabAction::End => self.move_to(self.end_us()),
            LabAction::Tick(us) => self.tick(us),
            LabAction::Quit => self.quit = true,
        }
    }

    fn steer(&mut self, action: LabAction) {
        let n = self.selected;
        let state = self.state();
        let client = &state.clients[usize::from(n) - 1];
        let live = self.is_live() && self.shown_us.is_none();
        let Some(control) = self.control.as_mut().filter(|_| live) else {
            self.status = Some(words(self.settings.lang).lab_only_live().to_owned());
            return;
        };
        match action {
            LabAction::Kill => control.kill(n),
            _ => control.pause(n, !client.paused),
        }
    }

    fn tick(&mut self, us: u64) {
        if let Some(control) = &mut self.control {
            for event in control.take_events() {
                self.trace.insert(event);
            }
        }
        if self.playing {
            let end = self.end_us();
            let at = self.shown_us().saturating_add(us).min(end);
            self.shown_us = Some(at);
            self.playing = at < end;
        }
    }

    fn action(&self, event: &Event) -> Option<LabAction> {
        let Event::Key(key) = event else {
            return None;
        };
        if key.kind != KeyEventKind::Press {
            return None;
        }
        if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
            return Some(LabAction::Quit);
        }
        Some(match key.code {
            KeyCode::Char(c @ '1'..='9') => LabAction::Select(c as u8 - b'0'),
            KeyCode::Char('p') => LabAction::TogglePause,
            KeyCode::Char('k') => LabAction::Kill,
            KeyCode::Char(' ') => LabAction::Play,
            KeyCode::Left => LabAction::Step(-1),
            KeyCode::Right => LabAction::Step(1),
            KeyCode::Char(',') => LabAction::Event(-1),
            KeyCode::Char('.') => LabAction::Event(1),
            KeyCode::Home => LabAction::Start,
            KeyCode::End => LabAction::End,
            KeyCode::Char('q') | KeyCode::Esc => LabAction::Quit,
            _ => return None,
        })
    }
}

impl ClusterScreen for LabScreen
where
    LabScreen: LabPicture,
{
    fn handle_event(&mut self, event: &Event) {
        if let Some(action) = self.action(event) {
            self.update(action);
        }
    }

    fn update(&mut self, action: Action) {
        match action {
            Action::Quit => self.quit = true,
            Action::Tick(dt) => LabScreen::update(self, LabAction::Tick(dt.as_micros() as u64)),
            _ => {}
        }
    }

    fn is_moving(&self) -> bool {
        self.control.is_some() || self.playing
    }

    fn should_quit(&self) -> bool {
        self.quit
    }

    fn should_exit(&self) -> bool {
        true
    }

    fn settings(&self) -> Settings {
        self.settings.clone()
    }

    fn render(&self, area: Rect, buf: &mut Buffer) {
        LabPicture::render(self, area, buf);
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}
