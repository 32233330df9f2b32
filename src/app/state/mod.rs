//! The application state and the one function that changes it.
//!
//! [`App::update`] takes an [`Action`] and is the only way anything on
//! screen changes; drawing (in `ui`) only reads. Time passing is an action
//! too, so tests drive the application exactly as the terminal loop does,
//! and the whole state stays a pure function of the actions fed to it.
//! How time moves (playing, stepping, seeking) is in [`playback`].

mod playback;

use std::path::PathBuf;
use std::time::Duration;

use crossterm::event::{Event, KeyEventKind, MouseButton, MouseEventKind};
use ratatui::layout::Rect;

use super::action::Action;
use super::feed::{Feed, FeedItem};
use super::keymap::{Key, KeyMode, Keymap};
use super::pace::{Gear, Pace};
use super::session;
use super::settings::Settings;
use super::theme::Theme;
use super::trails::Trails;
use super::tutor::{Moved, Tutor};
use super::words::{fill, words, Words};
use super::Picture;
use super::SandboxOptions;
use crate::lesson::{Lang, Lesson, Progress, ProgressStore};
use crate::protocols::{ActionOf, Family, Msg, SimOf};
use crate::scenario::Scenario;
use crate::sim::{
    self, format_time, ms, History, InFlight, MsgId, NodeId, RecordKind, SimTime, Target, Violation,
};

/// How long `z` pauses a process.
const PAUSE_US: SimTime = ms(1_000);
/// How much `+` delays a picked message.
const DELAY_US: SimTime = ms(100);
/// How long, in real time while playing, a status message stays.
const STATUS_LIFE: Duration = Duration::from_secs(8);
/// Characters a typed time may have.
const GOTO_CHARS: usize = 12;
/// Rows of lesson text scrolled per key press.
const LESSON_SCROLL: i32 = 3;
/// Log entries scrolled per key press.
const LOG_SCROLL: u64 = 8;

/// What the main area shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    Cluster,
    SpaceTime,
    /// A lesson step's experiment, charted.
    Experiment,
}

/// What keys mean right now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// Picking an in-flight message; the picked one is named.
    Pick(MsgId),
    /// Typing a time to go to.
    GoTo(String),
}

/// A message on the status bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Status {
    pub text: String,
    pub warning: bool,
    remaining: Duration,
}

pub struct App<F: Family> {
    scenario: Scenario<F>,
    sim: SimOf<F>,
    history: History<F::Node>,
    /// Events processed and time where the history begins: the start of
    /// the run, or of the current lesson step.
    origin: (u64, SimTime),
    /// The furthest point reached: events processed and time.
    frontier: (u64, SimTime),
    playing: bool,
    pace: Pace,
    /// Simulated microseconds owed to the clock, below one.
    carry_us: f64,
    selected: NodeId,
    view: View,
    help: bool,
    /// Lines the help overlay is scrolled by.
    help_scroll: u16,
    mode: Mode,
    feed: Feed,
    /// The feed entry a person selected, by event number.
    feed_selected: Option<u64>,
    trails: Trails,
    /// Log entries the logs panel is scrolled back from the newest.
    logs_scroll: u64,
    status: Option<Status>,
    keymap: Keymap,
    theme: Theme,
    other_theme: Theme,
    /// The terminal's size, for mapping mouse clicks.
    size: (u16, u16),
    save_dir: PathBuf,
    /// Presenter mode: large boxes and glyphs for a room.
    present: bool,
    /// The screen's language when no lesson sets it.
    lang: Lang,
    /// Requests sent with the request key so far.
    writes: usize,
    /// The open lesson, if this screen teaches one.
    tutor: Option<Tutor<F>>,
    quit: bool,
    /// Leave distlab altogether, not just this screen.
    exit: bool,
}

impl<F: Family> App<F> {
    /// A sandbox for the options given on the command line.
    pub fn new(options: &SandboxOptions<F>, settings: Settings) -> App<F> {
        let scenario = options
            .scenario
            .clone()
            .unwrap_or_else(|| Scenario::plain(options.nodes, options.seed));
        let sim = scenario.build();
        App::with_sim(scenario, sim, settings, options.save_dir.clone())
    }

    /// A sandbox around a simulation built elsewhere; `scenario` is what
    /// saving the session extends.
    pub fn with_sim(
        scenario: Scenario<F>,
        sim: SimOf<F>,
        settings: Settings,
        save_dir: PathBuf,
    ) -> App<F> {
        let status = if settings.warnings.is_empty() {
            let help = settings
                .keymap
                .key_for(&[KeyMode::Normal], Action::ToggleHelp)
                .map_or_else(|| "?".to_owned(), |k| k.to_string());
            Status {
                text: fill(words(settings.lang).say_help, &[&help]),
                warning: false,
                remaining: STATUS_LIFE,
            }
        } else {
            Status {
                text: settings.warnings.join(" · "),
                warning: true,
                remaining: STATUS_LIFE * 2,
            }
        };
        App {
            scenario,
            history: History::new(&sim),
            origin: (sim.events_processed(), sim.now()),
            frontier: (sim.events_processed(), sim.now()),
            sim,
            playing: true,
            pace: Pace::initial(F::HOP_BY_HOP, false),
            carry_us: 0.0,
            selected: NodeId(0),
            view: View::Cluster,
            help: false,
            help_scroll: 0,
            mode: Mode::Normal,
            feed: Feed::default(),
            feed_selected: None,
            trails: Trails::default(),
            logs_scroll: 0,
            status: Some(status),
            keymap: settings.keymap,
            theme: settings.theme,
            other_theme: settings.other_theme,
            size: (0, 0),
            save_dir,
            present: settings.present,
            lang: settings.lang,
            writes: 0,
            tutor: None,
            quit: false,
            exit: false,
        }
    }

    /// The screen for a lesson. With `resume`, it goes on at the first step
    /// the learner has not finished. Progress is saved to `store`.
    pub fn lesson(
        lesson: Lesson<F>,
        lang: Lang,
        settings: Settings,
        store: Option<ProgressStore>,
        progress: Progress,
        resume: bool,
        save_dir: PathBuf,
    ) -> App<F> {
        let scenario = lesson.scenario.clone();
        let (tutor, sim) = Tutor::start(lesson, lang, store, progress, resume);
        let mut app = App::with_sim(scenario, sim, settings, save_dir);
        app.pace = Pace::initial(F::HOP_BY_HOP, true);
        app.tutor = Some(tutor);
        app.entered_step();
        app
    }

    // ----- reading the state --------------------------------------------

    pub fn sim(&self) -> &SimOf<F> {
        &self.sim
    }

    pub fn scenario(&self) -> &Scenario<F> {
        &self.scenario
    }

    /// Events processed and simulated time at the furthest point reached.
    pub fn frontier(&self) -> (u64, SimTime) {
        self.frontier
    }

    /// True after stepping back: acting now would fork the history.
    pub fn is_rewound(&self) -> bool {
        self.sim.events_processed() < self.frontier.0
    }

    pub fn is_playing(&self) -> bool {
        self.playing
    }

    /// The pace chosen.
    pub fn pace(&self) -> Pace {
        self.pace
    }

    /// The speed in force now, and whether it is slow motion or fast
    /// forward.
    pub fn gear(&self) -> Gear {
        let busy = self.sim.in_flight().next().is_some();
        self.pace
            .gear(busy, self.sim.network_config().latency.typical())
    }

    /// Presenter mode: large boxes, named messages, every link drawn.
    pub fn is_presenting(&self) -> bool {
        self.present
    }

    /// The screen's language: the lesson's, else English.
    pub fn lang(&self) -> Lang {
        self.tutor.as_ref().map_or(self.lang, Tutor::lang)
    }

    pub fn selected(&self) -> NodeId {
        self.selected
    }

    pub fn view(&self) -> View {
        self.view
    }

    pub fn help_open(&self) -> bool {
        self.help
    }

    pub fn help_scroll(&self) -> u16 {
        self.help_scroll
    }

    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    /// The message being picked, if any.
    pub fn picked(&self) -> Option<MsgId> {
        match self.mode {
            Mode::Pick(id) => Some(id),
            Mode::Normal | Mode::GoTo(_) => None,
        }
    }

    /// The modes keys are looked up in, most specific first.
    pub fn key_modes(&self) -> &'static [KeyMode] {
        let asking = self.tutor.as_ref().is_some_and(Tutor::is_asking);
        match (&self.mode, &self.tutor) {
            (Mode::GoTo(_), _) => &[],
            (Mode::Normal, None) => &[KeyMode::Normal],
            (Mode::Pick(_), None) => &[KeyMode::Pick, KeyMode::Normal],
            (_, Some(_)) if asking => &[KeyMode::Question, KeyMode::Lesson, KeyMode::Normal],
            (Mode::Normal, Some(_)) => &[KeyMode::Lesson, KeyMode::Normal],
            (Mode::Pick(_), Some(_)) => &[KeyMode::Pick, KeyMode::Lesson, KeyMode::Normal],
        }
    }

    /// The first key for `action` on this screen, as people read keys;
    /// `?` when none is bound.
    pub fn key_label(&self, action: Action) -> String {
        self.keymap
            .key_for(self.key_modes(), action)
            .map_or_else(|| "?".to_owned(), |k| k.to_string())
    }

    /// The open lesson, if any.
    pub fn tutor(&self) -> Option<&Tutor<F>> {
        self.tutor.as_ref()
    }

    pub fn feed(&self) -> &Feed {
        &self.feed
    }

    pub fn feed_selected(&self) -> Option<&FeedItem> {
        self.feed_selected.and_then(|e| self.feed.find(e))
    }

    /// Nodes to highlight: those of the selected feed entry.
    pub fn highlighted(&self) -> &[NodeId] {
        self.feed_selected().map_or(&[], |item| &item.nodes)
    }

    pub fn trails(&self) -> &Trails {
        &self.trails
    }

    pub fn logs_scroll(&self) -> u64 {
        self.logs_scroll
    }

    pub fn status(&self) -> Option<&Status> {
        self.status.as_ref()
    }

    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    pub fn theme(&self) -> &Theme {
        &self.theme
    }

    /// The keymap and themes as the person left them, for the next screen.
    pub fn settings(&self) -> Settings {
        Settings {
            keymap: self.keymap.clone(),
            theme: self.theme.clone(),
            other_theme: self.other_theme.clone(),
            warnings: Vec::new(),
            present: self.present,
            lang: self.lang,
        }
    }

    /// The person left this screen.
    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// The person asked to leave distlab altogether.
    pub fn should_exit(&self) -> bool {
        self.exit
    }

    /// The first safety violation, with the event that caused it.
    pub fn violation(&self) -> Option<&(u64, Violation)> {
        self.sim.violations().first()
    }

    /// Messages in flight, soonest delivery first: the order picking uses.
    pub fn in_flight(&self) -> Vec<&InFlight<Msg<F>>> {
        let mut list: Vec<&InFlight<Msg<F>>> = self.sim.in_flight().collect();
        list.sort_by_key(|m| (m.deliver_at, m.id));
        list
    }

    // ----- helpers ----------------------------------------------------------

    fn say(&mut self, text: &str, warning: bool) {
        self.status = Some(Status {
            text: text.to_owned(),
            warning,
            remaining: STATUS_LIFE,
        });
    }

    fn set_pace(&mut self, pace: Pace) {
        self.pace = pace;
        let text = match pace {
            Pace::Adaptive { .. } => {
                let hop = self.sim.network_config().latency.typical();
                fill(
                    self.words().say_pace_adaptive,
                    &[
                        &speed_text(pace.gear(true, hop).speed()),
                        &speed_text(pace.gear(false, hop).speed()),
                    ],
                )
            }
            Pace::Fixed(_) => fill(
                self.words().say_pace_fixed,
                &[&speed_text(self.gear().speed())],
            ),
        };
        self.say(&text, false);
    }

    /// True while a time is typed: keys are text, not commands.
    fn typing(&self) -> bool {
        matches!(self.mode, Mode::GoTo(_))
    }

    fn cycle_node(&mut self, by: usize) {
        let n = self.sim.cluster_size();
        self.selected = NodeId(((self.selected.index() + by) % n) as u8);
    }

    fn cycle_message(&mut self, by: isize) {
        let Mode::Pick(current) = self.mode else {
            return;
        };
        let list = self.in_flight();
        if list.is_empty() {
            return;
        }
        let at = list.iter().position(|m| m.id == current).unwrap_or(0);
        let next = (at as isize + by).rem_euclid(list.len() as isize) as usize;
        self.mode = Mode::Pick(list[next].id);
    }

    /// After acting in pick mode: keep the picked message if it is still in
    /// flight, else pick the next one, else leave the mode.
    fn repick(&mut self) {
        let Mode::Pick(id) = self.mode else {
            return;
        };
        if self.sim.message(id).is_none() {
            self.mode = match self.in_flight().first() {
                Some(m) => Mode::Pick(m.id),
                None => Mode::Normal,
            };
        }
    }

    /// Takes in what the last step recorded.
    fn ingest(&mut self) {
        self.feed
            .ingest::<F>(self.sim.last_records(), self.sim.labels());
        self.trails.ingest::<F>(self.sim.last_records(), &self.sim);
        let here = (self.sim.events_processed(), self.sim.now());
        if here.0 >= self.frontier.0 {
            self.frontier = here;
        }
    }

    /// Applies a person's action. After stepping back this forks the
    /// history: the future that was there is forgotten.
    fn act(&mut self, action: ActionOf<F>) {
        let forked = self.is_rewound();
        if let Some(tutor) = &mut self.tutor {
            tutor.before_action(&self.sim, &action);
        }
        self.history.act(&mut self.sim, action);
        self.feed
            .ingest::<F>(self.sim.last_records(), self.sim.labels());
        self.trails.ingest::<F>(self.sim.last_records(), &self.sim);
        self.frontier = (self.sim.events_processed(), self.sim.now());
        if let Some(text) = self.skipped() {
            self.say(&text, true);
        } else if forked {
            let text = fill(self.words().say_forked, &[&format_time(self.sim.now())]);
            self.say(&text, false);
        } else {
            // What the status said before no longer holds.
            self.status = None;
        }
        if let Some(saved) = self.tutor.as_mut().and_then(|t| t.observe(&self.sim)) {
            self.goal_met(saved);
        }
    }

    /// Why the simulation skipped the last action, if it did (a crashed
    /// node takes no write).
    fn skipped(&self) -> Option<String> {
        self.sim.last_records().iter().find_map(|r| match &r.kind {
            RecordKind::Skip { action, reason } => {
                Some(fill(self.words().say_skipped, &[action, reason]))
            }
            _ => None,
        })
    }

    // ----- lessons ----------------------------------------------------------

    /// The screen's words in the lesson's language.
    fn words(&self) -> &'static Words {
        words(self.lang())
    }

    fn no_lesson(&mut self) {
        self.say(self.words().say_no_lesson, true);
    }

    /// The current step's goal was just met: stop the clock so the learner
    /// can see what happened, and say so.
    fn goal_met(&mut self, saved: Result<(), String>) {
        self.playing = false;
        match saved {
            Ok(()) => {
                let text = fill(
                    self.words().say_goal_met,
                    &[&self.key_label(Action::Continue)],
                );
                self.say(&text, false);
            }
            Err(e) => self.say(&fill(self.words().say_not_saved, &[&e]), true),
        }
    }

    fn advance_lesson(&mut self, action: Action) {
        let Some(tutor) = &mut self.tutor else {
            self.no_lesson();
            return;
        };
        if tutor.run().is_finished() {
            if action == Action::Continue {
                self.quit = true;
            }
            return;
        }
        let before = self.sim.events_processed();
        let (moved, saved) = tutor.advance(&mut self.sim);
        match moved {
            Moved::NotYet => {
                let text = match tutor.phase() {
                    crate::lesson::Phase::Failed => fill(
                        self.words().say_time_ran_out,
                        &[&self.key_label(Action::RetryStep)],
                    ),
                    _ => self.words().say_not_met_yet.to_owned(),
                };
                self.say(&text, true);
                return;
            }
            Moved::Completed => {
                self.playing = false;
                let text = fill(
                    self.words().say_complete,
                    &[&self.key_label(Action::Continue)],
                );
                self.say(&text, false);
            }
            Moved::To(_) | Moved::AtStart => self.moved_in_lesson(before),
        }
        if let Err(e) = saved {
            self.say(&fill(self.words().say_not_saved, &[&e]), true);
        }
    }

    fn lesson_back(&mut self, retry: bool) {
        let Some(tutor) = &mut self.tutor else {
            self.no_lesson();
            return;
        };
        let before = self.sim.events_processed();
        let moved = if retry {
            tutor.retry(&mut self.sim)
        } else {
            tutor.back(&mut self.sim)
        };
        match moved {
            Moved::AtStart => self.say(self.words().say_first_step, false),
            _ => self.moved_in_lesson(before),
        }
    }

    /// Performs the step's task as the lesson's autoplay does, through the
    /// same path as the learner's own keys.
    fn do_task(&mut self) {
        let Some(tutor) = &self.tutor else {
            self.no_lesson();
            return;
        };
        let actions = tutor.run().autoplay_actions().to_vec();
        if actions.is_empty() || tutor.phase() != crate::lesson::Phase::Running {
            self.say(self.words().say_no_task, false);
            return;
        }
        for action in actions {
            self.act(action);
        }
        if self.tutor.as_ref().is_some_and(Tutor::wants_clock) {
            self.playing = true;
        }
    }

    /// The lesson moved (to another step, back to a step's start, or past
    /// a question) and changed the simulation on the way: the old step's
    /// message goes, the history restarts here, the clock and view follow
    /// the step.
    fn moved_in_lesson(&mut self, events_before: u64) {
        self.status = None;
        self.restarted_history(events_before);
        self.entered_step();
    }

    /// The lesson changed the simulation (a step's actions, or a step's
    /// start restored): the history starts afresh from here, and the feed
    /// and trails forget anything after the present.
    fn restarted_history(&mut self, events_before: u64) {
        let at = self.sim.events_processed();
        if at < events_before {
            self.feed.truncate_after(at);
            self.trails.truncate_after(at, &self.sim);
        }
        self.feed
            .ingest::<F>(self.sim.last_records(), self.sim.labels());
        self.trails.ingest::<F>(self.sim.last_records(), &self.sim);
        self.history = History::new(&self.sim);
        self.origin = (self.sim.events_processed(), self.sim.now());
        if let Some(tutor) = &self.tutor {
            self.scenario = tutor.run().scenario().clone();
        }
        self.frontier = (self.sim.events_processed(), self.sim.now());
        self.mode = Mode::Normal;
        self.feed_selected = None;
    }

    /// A step began (or its question was answered): set the clock and the
    /// view for it.
    fn entered_step(&mut self) {
        let Some(tutor) = &self.tutor else {
            return;
        };
        self.playing = tutor.wants_clock();
        self.carry_us = 0.0;
        let chart = tutor.experiment().is_some();
        if chart {
            self.view = View::Experiment;
        } else if self.view == View::Experiment {
            self.view = View::Cluster;
        }
    }

    fn save(&mut self) {
        let text = self.scenario.with_session(&self.sim).to_ron();
        match session::save_new(&self.save_dir, self.sim.seed(), &text) {
            Ok(path) => {
                let path = path.display().to_string();
                let text = fill(self.words().say_saved, &[&path, F::NAMES[0], &path]);
                self.say(&text, false);
            }
            Err(e) => {
                let dir = self.save_dir.display().to_string();
                let text = fill(self.words().say_save_failed, &[&dir, &e.to_string()]);
                self.say(&text, true);
            }
        }
    }
}

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
        if self.tutor.as_ref().is_some_and(Tutor::is_asking) && changes_the_run(action) {
            self.say(self.words().say_answer_first, true);
            return;
        }
        match action {
            Action::TogglePlay => {
                self.playing = !self.playing;
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
                        self.say(&fill(self.words().say_step_began, &[&key]), false);
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
            Action::Type(c) => {
                if let Mode::GoTo(text) = &mut self.mode {
                    if text.chars().count() < GOTO_CHARS {
                        text.push(c);
                    }
                }
            }
            Action::Erase => {
                if let Mode::GoTo(text) = &mut self.mode {
                    text.pop();
                }
            }
            Action::Submit => self.go_to_typed(),
            Action::SelectNode(n) => match NodeId::from_number(n) {
                Some(id) if n <= self.sim.cluster_size() => self.selected = id,
                _ => self.say(&fill(self.words().say_no_member, &[&n.to_string()]), true),
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
                let text = fill(self.words().say_drop_next, &[self.sim.label(from)]);
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
                self.view = match self.view {
                    View::Cluster => View::SpaceTime,
                    View::SpaceTime if chart => View::Experiment,
                    View::SpaceTime | View::Experiment => View::Cluster,
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
                self.say(&fill(self.words().say_theme, &[&name]), false);
            }
            Action::Save => self.save(),
            Action::ToggleHelp => {
                self.help = !self.help;
                self.help_scroll = 0;
            }
            Action::Back => {
                if self.help {
                    self.help = false;
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
            // The menu's own actions mean nothing here.
            Action::MenuUp | Action::MenuDown | Action::Open | Action::SwitchLanguage => {}
            Action::Tick(elapsed) => self.tick(elapsed),
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

    fn scroll_lesson(&mut self, by: i32) {
        let area = Rect::new(0, 0, self.size.0, self.size.1);
        let max = self.lesson_overflow(area);
        match &mut self.tutor {
            Some(tutor) => tutor.scroll_by(by, max),
            None => self.no_lesson(),
        }
    }
    fn answer(&mut self, choice: usize) {
        let Some(tutor) = &mut self.tutor else {
            self.no_lesson();
            return;
        };
        let before = self.sim.events_processed();
        let Some(answer) = tutor.answer(choice, &mut self.sim) else {
            self.say(
                &fill(self.words().say_no_option, &[&choice.to_string()]),
                true,
            );
            return;
        };
        self.moved_in_lesson(before);
        // The step's text stays in view; the verdict and why follow the
        // question, and the status says which key scrolls there.
        let down = self.key_label(Action::LessonDown);
        let text = if answer.is_correct() {
            fill(self.words().say_right, &[&down])
        } else {
            fill(
                self.words().say_wrong,
                &[&answer.correct.to_string(), &down],
            )
        };
        self.say(&text, false);
    }

    fn click(&mut self, col: u16, row: u16) {
        let area = Rect::new(0, 0, self.size.0, self.size.1);
        if let Some(share) = self.scrubber_at(area, col, row) {
            self.seek_share(share);
        } else if let Some(id) = self.node_at(area, col, row) {
            self.selected = id;
        }
    }

    /// Dragging along the scrubber seeks as the pointer moves.
    fn drag(&mut self, col: u16, row: u16) {
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
    )
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

/// A speed as the status shows it: `×0.0075`, `×250`.
pub fn speed_text(speed: f64) -> String {
    let digits = if speed >= 1.0 {
        0
    } else {
        (-speed.log10()).ceil() as usize + 1
    };
    let text = format!("{speed:.digits$}");
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    };
    format!("×{text}")
}
