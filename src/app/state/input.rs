//! Turning terminal events into actions, and the one function that
//! applies an action.

use crossterm::event::{Event, KeyEventKind, MouseButton, MouseEventKind};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{
    App, Mode, View, DELAY_US, FIND_CHARS, GOTO_CHARS, LESSON_SCROLL, LOG_SCROLL, PAUSE_US,
};
use crate::app::action::Action;
use crate::app::keymap::Key;
use crate::app::tutor::Tutor;

use crate::app::Picture;
use crate::protocols::Family;
use crate::sim::{self, NodeId, SimTime, Target};

/// Input needs to know where things are on screen, which only the drawing
/// knows: these methods ask it through [`Picture`].
impl<F: Family> App<F>
where
    App<F>: Picture,
{
    // ----- input ----------------------------------------------------------

    /// Turns one terminal event into an action and applies it. Only key
    /// presses count: releases and repeats reported by some terminals would
    /// otherwise crash a node twice.
    pub fn handle_event(&mut self, event: &Event) {
        let action = match event {
            Event::Key(key)
                if key.kind == KeyEventKind::Press && matches!(self.mode, Mode::Explore(_)) =>
            {
                form_key(key)
            }
            Event::Key(key) if key.kind == KeyEventKind::Press && self.typing() => typed(key),
            Event::Key(key) if key.kind == KeyEventKind::Press => {
                self.keymap.lookup(self.key_modes(), Key::from_event(key))
            }
            Event::Mouse(m) if m.kind == MouseEventKind::Down(MouseButton::Left) => {
                Some(Action::Click(m.column, m.row))
            }
            Event::Mouse(m) if m.kind == MouseEventKind::Drag(MouseButton::Left) => {
                Some(Action::Drag(m.column, m.row))
            }
            Event::Mouse(m) if m.kind == MouseEventKind::ScrollDown => {
                Some(Action::Wheel(m.column, m.row, true))
            }
            Event::Mouse(m) if m.kind == MouseEventKind::ScrollUp => {
                Some(Action::Wheel(m.column, m.row, false))
            }
            Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
            _ => None,
        };
        if let Some(action) = action {
            self.update(action);
        }
    }

    /// Applies one action. The only place the state changes.
    pub fn update(&mut self, action: Action) {
        self.apply(action);
        self.refresh_clients_view();
    }

    /// Saves the screen as it stands as an SVG drawing, beside saved
    /// sessions, and says where.
    fn save_screen(&mut self) {
        let area = Rect::new(0, 0, self.size.0, self.size.1);
        let mut buffer = Buffer::empty(area);
        Picture::render(self, area, &mut buffer);
        let drawing = crate::export::screen_svg::svg(&buffer);
        self.save_file("screen", "svg", Ok(drawing), |w, path| {
            w.say_screen_saved(path)
        });
    }

    fn apply(&mut self, action: Action) {
        if !matches!(action, Action::Tick(_) | Action::Resize(..)) {
            // A person's key takes over from a schedule playing by itself.
            self.demo = None;
        }
        if self.help {
            // The overlay keeps every key but these to itself; up and down
            // scroll it where it does not fit.
            match action {
                Action::FeedNewer | Action::LessonUp => {
                    self.help_scroll = self.help_scroll.saturating_sub(1);
                    return;
                }
                Action::FeedOlder | Action::LessonDown => {
                    let area = Rect::new(0, 0, self.size.0, self.size.1);
                    let most = self.help_overflow(area);
                    self.help_scroll = (self.help_scroll + 1).min(most);
                    return;
                }
                Action::ToggleHelp
                | Action::Back
                | Action::Quit
                | Action::Exit
                | Action::Tick(_)
                | Action::Resize(..) => {}
                _ => return,
            }
        }
        if self.exploring.is_some() && !while_exploring(action) {
            self.say(self.words().say_explore_busy(), false);
            return;
        }
        if self.tutor.as_ref().is_some_and(Tutor::is_asking) && changes_the_run(action) {
            self.say(self.words().say_answer_first, true);
            return;
        }
        match action {
            Action::TogglePlay => {
                if self.playing {
                    self.playing = false;
                } else {
                    self.start_clock();
                }
                self.mode = Mode::Normal;
            }
            Action::StepForward => {
                self.playing = false;
                if !self.step_once(SimTime::MAX) {
                    self.say(self.words().say_nothing_left, false);
                }
            }
            Action::StepBack => {
                self.playing = false;
                match self.sim.events_processed().checked_sub(1) {
                    Some(target) if target >= self.origin.0 => self.rewind_to(target),
                    _ if self.tutor.is_some() => {
                        let key = self.key_label(Action::PrevStep);
                        self.say(&self.words().say_step_began(&key), false);
                    }
                    _ => self.say(self.words().say_run_start, false),
                }
            }
            Action::Slower => self.set_pace(self.pace.scaled(false)),
            Action::Faster => self.set_pace(self.pace.scaled(true)),
            Action::TogglePace => self.set_pace(self.pace.toggled()),
            Action::SeekStart => self.seek_start(),
            Action::SeekEnd => self.seek_end(),
            Action::Jump(seconds) => self.jump(seconds),
            Action::GoToTime => {
                self.playing = false;
                self.mode = Mode::GoTo(String::new());
            }
            Action::FindEvent => self.mode = Mode::Find(self.last_find.clone()),
            Action::Type(c) => match &mut self.mode {
                Mode::GoTo(text) if text.chars().count() < GOTO_CHARS => text.push(c),
                Mode::Find(text) if text.chars().count() < FIND_CHARS => text.push(c),
                _ => {}
            },
            Action::Erase => {
                if let Mode::GoTo(text) | Mode::Find(text) = &mut self.mode {
                    text.pop();
                }
            }
            Action::Submit if matches!(self.mode, Mode::Find(_)) => self.find_typed(),
            Action::Submit if matches!(self.mode, Mode::Explore(_)) => self.start_exploring(),
            Action::Explore if matches!(self.mode, Mode::Explore(_)) => self.start_exploring(),
            Action::Explore => self.open_explore_form(),
            Action::FormField(_) | Action::FormChange(_) => self.edit_explore_form(action),
            Action::Submit => self.go_to_typed(),
            Action::SelectNode(n) => match NodeId::from_number(n) {
                Some(id) if n <= self.sim.cluster_size() => self.selected = id,
                _ => self.say(&self.words().say_no_member(n.to_string()), true),
            },
            Action::NextNode => self.cycle_node(1),
            Action::PrevNode => self.cycle_node(self.sim.cluster_size() - 1),
            Action::SelectLeader => match self.sim.leader() {
                Some(id) => self.selected = id,
                None => self.say(self.words().say_no_leader, true),
            },
            Action::ToggleCrash => self.act(sim::Action::ToggleCrash(Target::Node(self.selected))),
            Action::ForceTimeout => self.act(sim::Action::Timeout(Target::Node(self.selected))),
            Action::ClientWrite => {
                let (to, request) = F::sample_request(self.writes + 1, self.selected);
                self.act(sim::Action::Request(to, request));
                if self.skipped().is_none() {
                    self.writes += 1;
                }
            }
            Action::ToggleMember if !F::MEMBERSHIP => {
                self.say(self.words().say_no_membership, true)
            }
            Action::ToggleMember => match F::membership_request(&self.sim, self.selected) {
                Some((to, request)) => self.act(sim::Action::Request(to, request)),
                None => self.say(self.words().say_no_leader, true),
            },
            Action::PauseProcess => {
                self.act(sim::Action::Pause(Target::Node(self.selected), PAUSE_US))
            }
            Action::ToggleIsolate => {
                let target = Target::Node(self.selected);
                if self.sim.is_isolated(self.selected) {
                    self.act(sim::Action::Rejoin(target));
                } else {
                    self.act(sim::Action::Isolate(target));
                }
            }
            Action::HealAll => self.act(sim::Action::Heal),
            Action::DropNext => {
                let from = self.selected;
                for to in NodeId::all(self.sim.cluster_size()).filter(|&to| to != from) {
                    self.act(sim::Action::DropNext(from, to));
                }
                let text = self.words().say_drop_next(self.sim.label(from));
                self.say(&text, false);
            }
            Action::PickMessage => match self.in_flight().first().map(|m| m.id) {
                Some(id) => {
                    self.playing = false;
                    self.mode = Mode::Pick(id);
                }
                None => self.say(self.words().say_no_flight, true),
            },
            Action::NextMessage => self.cycle_message(1),
            Action::PrevMessage => self.cycle_message(-1),
            Action::DropPicked => {
                if let Mode::Pick(id) = self.mode {
                    self.cycle_message(1);
                    self.act(sim::Action::DropMessage(id));
                    self.repick();
                }
            }
            Action::DelayPicked => {
                if let Mode::Pick(id) = self.mode {
                    self.act(sim::Action::DelayMessage(id, DELAY_US));
                    self.repick();
                }
            }
            Action::FeedNewer => self.feed_selected = self.feed.neighbour(self.feed_selected, 1),
            Action::FeedOlder => self.feed_selected = self.feed.neighbour(self.feed_selected, -1),
            Action::LogsEarlier => {
                let longest = F::strip_len(&self.sim);
                self.logs_scroll = (self.logs_scroll + LOG_SCROLL).min(longest);
            }
            Action::LogsLater => self.logs_scroll = self.logs_scroll.saturating_sub(LOG_SCROLL),
            Action::LogsFollow => self.logs_scroll = 0,
            Action::ToggleView => {
                let chart = self
                    .tutor
                    .as_ref()
                    .is_some_and(|t| t.experiment().is_some());
                let clients = self.has_clients();
                self.view = match self.view {
                    View::Cluster => View::SpaceTime,
                    View::SpaceTime if chart => View::Experiment,
                    View::SpaceTime | View::Experiment if clients => View::Clients,
                    View::SpaceTime | View::Experiment | View::Clients => View::Cluster,
                }
            }
            Action::TogglePresent => {
                self.present = !self.present;
                let w = self.words();
                self.say(
                    if self.present {
                        w.say_present_on
                    } else {
                        w.say_present_off
                    },
                    false,
                );
            }
            Action::ToggleContrast => {
                std::mem::swap(&mut self.theme, &mut self.other_theme);
                let name = self.theme.name.clone();
                self.say(&self.words().say_theme(&name), false);
            }
            Action::Save => self.save(),
            Action::SaveScreen => self.save_screen(),
            Action::SaveSpaceTime => self.save_spacetime(),
            Action::ToggleHelp => {
                self.help = !self.help;
                self.help_scroll = 0;
            }
            Action::Back => {
                if self.help {
                    self.help = false;
                } else if self.exploring.is_some() {
                    self.cancel_exploring();
                } else if self.mode != Mode::Normal {
                    self.mode = Mode::Normal;
                } else {
                    self.feed_selected = None;
                }
            }
            Action::Quit => self.quit = true,
            Action::Exit => {
                self.quit = true;
                self.exit = true;
            }
            Action::Continue | Action::NextStep => self.advance_lesson(action),
            Action::PrevStep => self.lesson_back(false),
            Action::RetryStep => self.lesson_back(true),
            Action::ToggleHint => match &mut self.tutor {
                Some(t) => t.toggle_hint(),
                None => self.no_lesson(),
            },
            Action::Answer(choice) => self.answer(choice),
            Action::DoTask => self.do_task(),
            Action::RunLab => self.run_lab(),
            // The menu's own actions mean nothing here.
            Action::MenuUp | Action::MenuDown | Action::Open | Action::SwitchLanguage => {}
            Action::Tick(elapsed) => {
                self.explore_tick(elapsed);
                self.demo_tick(elapsed);
                self.tick(elapsed);
            }
            Action::Resize(w, h) => self.size = (w, h),
            Action::Click(col, row) => self.click(col, row),
            Action::Drag(col, row) => self.drag(col, row),
            Action::LessonDown => self.scroll_lesson(LESSON_SCROLL),
            Action::LessonUp => self.scroll_lesson(-LESSON_SCROLL),
            Action::Wheel(col, row, down) => {
                let area = Rect::new(0, 0, self.size.0, self.size.1);
                if self.in_lesson_panel(area, col, row) {
                    self.scroll_lesson(if down { 1 } else { -1 });
                }
            }
        }
    }

    pub(super) fn scroll_lesson(&mut self, by: i32) {
        let area = Rect::new(0, 0, self.size.0, self.size.1);
        let max = self.lesson_overflow(area);
        match &mut self.tutor {
            Some(tutor) => tutor.scroll_by(by, max),
            None => self.no_lesson(),
        }
    }
    pub(super) fn answer(&mut self, choice: usize) {
        let Some(tutor) = &mut self.tutor else {
            self.no_lesson();
            return;
        };
        let before = self.sim.events_processed();
        let Some(answer) = tutor.answer(choice, &mut self.sim) else {
            self.say(&self.words().say_no_option(choice.to_string()), true);
            return;
        };
        self.moved_in_lesson(before);
        // The verdict and why head the lesson column; the clock waits
        // until the learner has read them.
        let play = self.key_label(Action::TogglePlay);
        let text = if answer.is_correct() {
            self.words().say_right(&play)
        } else {
            self.words().say_wrong(answer.correct.to_string(), &play)
        };
        self.say(&text, false);
    }

    pub(super) fn click(&mut self, col: u16, row: u16) {
        let area = Rect::new(0, 0, self.size.0, self.size.1);
        if let Some(share) = self.scrubber_at(area, col, row) {
            self.seek_share(share);
        } else if let Some(id) = self.node_at(area, col, row) {
            self.selected = id;
        }
    }

    /// Dragging along the scrubber seeks as the pointer moves.
    /// Enter after typing words: select the next older event that mentions
    /// them (from the newest when none is selected or none is older).
    pub(super) fn find_typed(&mut self) {
        let Mode::Find(text) = std::mem::replace(&mut self.mode, Mode::Normal) else {
            return;
        };
        let words = text.trim();
        if words.is_empty() {
            return;
        }
        match self.feed.mentioning(words, self.feed_selected) {
            Some(event) => {
                self.status = None;
                self.feed_selected = Some(event);
            }
            None => {
                let text = self.words().say_find_none(words);
                self.say(&text, true);
            }
        }
        self.last_find = words.to_owned();
    }

    pub(super) fn drag(&mut self, col: u16, row: u16) {
        let area = Rect::new(0, 0, self.size.0, self.size.1);
        if let Some(share) = self.scrubber_at(area, col, row) {
            self.seek_share(share);
        }
    }
}

/// Actions that move the simulation or change the cluster: refused while a
/// lesson's question waits, so the learner predicts before observing.
fn changes_the_run(action: Action) -> bool {
    matches!(
        action,
        Action::TogglePlay
            | Action::StepForward
            | Action::StepBack
            | Action::ToggleCrash
            | Action::ForceTimeout
            | Action::ClientWrite
            | Action::ToggleMember
            | Action::PauseProcess
            | Action::ToggleIsolate
            | Action::HealAll
            | Action::DropNext
            | Action::PickMessage
            | Action::Continue
            | Action::NextStep
            | Action::DoTask
            | Action::SeekStart
            | Action::SeekEnd
            | Action::Jump(_)
            | Action::GoToTime
            | Action::Explore
    )
}

/// Actions that still mean something while the explorer searches: its
/// progress is watched, and Esc cancels it.
fn while_exploring(action: Action) -> bool {
    matches!(
        action,
        Action::Back
            | Action::ToggleHelp
            | Action::Quit
            | Action::Exit
            | Action::TogglePresent
            | Action::ToggleContrast
            | Action::LessonDown
            | Action::LessonUp
            | Action::Tick(_)
            | Action::Resize(..)
            | Action::Wheel(..)
    )
}

/// The action a key means in the explorer's form.
fn form_key(key: &crossterm::event::KeyEvent) -> Option<Action> {
    use crossterm::event::KeyCode;
    match key.code {
        KeyCode::Up | KeyCode::BackTab => Some(Action::FormField(-1)),
        KeyCode::Down | KeyCode::Tab => Some(Action::FormField(1)),
        KeyCode::Left | KeyCode::Char('-') => Some(Action::FormChange(-1)),
        KeyCode::Right | KeyCode::Char('+' | '=') => Some(Action::FormChange(1)),
        KeyCode::Enter => Some(Action::Submit),
        KeyCode::Char('e') => Some(Action::Explore),
        _ => typed(key).filter(|a| matches!(a, Action::Exit | Action::Back)),
    }
}

/// The action a key means while a time is typed.
fn typed(key: &crossterm::event::KeyEvent) -> Option<Action> {
    use crossterm::event::KeyCode;
    match key.code {
        KeyCode::Char('c')
            if key
                .modifiers
                .contains(crossterm::event::KeyModifiers::CONTROL) =>
        {
            Some(Action::Exit)
        }
        KeyCode::Char(c) => Some(Action::Type(c)),
        KeyCode::Backspace => Some(Action::Erase),
        KeyCode::Enter => Some(Action::Submit),
        KeyCode::Esc => Some(Action::Back),
        _ => None,
    }
}
