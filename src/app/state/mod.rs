//! The application state and the one function that changes it.
//!
//! [`App::update`] takes an [`Action`] and is the only way anything on
//! screen changes; drawing (in `ui`) only reads. Time passing is an action
//! too, so tests drive the application exactly as the terminal loop does,
//! and the whole state stays a pure function of the actions fed to it.
//! How time moves (playing, stepping, seeking) is in [`playback`].

mod clients;
mod explore;
mod input;
mod lesson;
mod playback;

pub use explore::ExploreProgress;

use std::path::PathBuf;
use std::time::Duration;

use super::action::Action;
use super::explore_form::ExploreForm;
use super::feed::{Feed, FeedItem};
use super::history_view::HistoryView;
use super::keymap::{KeyMode, Keymap};
use super::pace::{speed_text, Gear, Pace, Traffic};
use super::session;
use super::settings::Settings;
use super::theme::Theme;
use super::trails::Trails;
use super::tutor::Tutor;
use super::words::{words, Words};
use super::SandboxOptions;
use crate::lesson::{Lesson, Progress, ProgressStore};
use crate::protocols::{ActionOf, Family, Msg, SimOf};
use crate::scenario::Scenario;
use crate::sim::{
    format_time, ms, skip_reason, Describe, History, InFlight, MsgId, NodeId, NodeStatus,
    RecordKind, SimTime, Violation,
};
use crate::units::Lang;

/// How long `z` pauses a process.
const PAUSE_US: SimTime = ms(1_000);
/// How much `+` delays a picked message.
const DELAY_US: SimTime = ms(100);
/// How long, in real time while playing, a status message stays.
const STATUS_LIFE: Duration = Duration::from_secs(8);
/// Characters a typed time may have.
/// How much of the run before the moment on screen the space-time diagram
/// saved by a key shows: a few elections' worth, on a page or two.
const SPACETIME_WINDOW: SimTime = crate::sim::ms(10_000);

const GOTO_CHARS: usize = 12;
/// The longest search for words in the events.
const FIND_CHARS: usize = 40;
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
    /// The client processes' history so far, when the cluster has any.
    Clients,
}

/// What keys mean right now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// Picking an in-flight message; the picked one is named.
    Pick(MsgId),
    /// Typing a time to go to.
    GoTo(String),
    /// Typing words to find in the events.
    Find(String),
    /// Choosing the explorer's budgets.
    Explore(ExploreForm),
}

impl Mode {
    /// A prompt is open: keys are its own, not commands.
    pub fn is_typing(&self) -> bool {
        matches!(self, Mode::GoTo(_) | Mode::Find(_) | Mode::Explore(_))
    }
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
    /// The words last searched for in the events: `/` offers them again,
    /// so that Enter finds the next older mention.
    last_find: String,
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
    /// The clients' history as the clients view shows it, while it does.
    clients_view: Option<HistoryView>,
    /// The explorer's search, while one runs.
    exploring: Option<explore::Exploring>,
    /// The budgets the explorer's form offers: the last ones used.
    explore_budgets: crate::explore::Search,
    /// Real time since the last step, while a schedule the explorer found
    /// for the learner plays step by step.
    demo: Option<Duration>,
    /// A lab run the learner asked for, until the shell opens it.
    lab_request: Option<crate::lab::LabStep>,
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
                text: words(settings.lang).say_help(&help),
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
            last_find: String::new(),
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
            clients_view: None,
            exploring: None,
            explore_budgets: crate::explore::Search::interactive(),
            demo: None,
            lab_request: None,
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
        // The lesson's language is the screen's from the first word on.
        let settings = Settings { lang, ..settings };
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

    /// Whether something moves without a key: the clock runs, the
    /// explorer searches, or a schedule it found plays step by step.
    pub fn is_moving(&self) -> bool {
        self.playing || self.exploring.is_some() || self.demo.is_some()
    }

    /// The pace chosen.
    pub fn pace(&self) -> Pace {
        self.pace
    }

    /// The speed in force now, and whether it is slow motion or fast
    /// forward.
    pub fn gear(&self) -> Gear {
        let hop = self.sim.network_config().latency.typical();
        if let Pace::Fixed(_) = self.pace {
            // A fixed speed ignores the wire: no need to look at it.
            return self.pace.gear(Traffic::Quiet, hop);
        }
        let mut traffic = Traffic::Quiet;
        for m in self.sim.in_flight() {
            // A message to a crashed node is lost when it arrives: nothing
            // to watch, however much the protocol cares about it.
            let lost = self.sim.status(m.to) == NodeStatus::Crashed;
            if !lost && !F::is_routine_in_flight(&self.sim, m) {
                traffic = Traffic::Busy;
                break;
            }
            traffic = Traffic::Routine;
        }
        self.pace.gear(traffic, hop)
    }

    /// Presenter mode: large boxes, named messages, every link drawn.
    pub fn is_presenting(&self) -> bool {
        self.present
    }

    /// The screen's language: the lesson's, else English.
    pub fn lang(&self) -> Lang {
        self.tutor.as_ref().map_or(self.lang, Tutor::lang)
    }

    /// Where saved sessions, drawings and lab traces go.
    pub fn save_dir(&self) -> &std::path::Path {
        &self.save_dir
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
            Mode::Normal | Mode::GoTo(_) | Mode::Find(_) | Mode::Explore(_) => None,
        }
    }

    /// The modes keys are looked up in, most specific first.
    pub fn key_modes(&self) -> &'static [KeyMode] {
        let asking = self.tutor.as_ref().is_some_and(Tutor::is_asking);
        match (&self.mode, &self.tutor) {
            (Mode::GoTo(_) | Mode::Find(_) | Mode::Explore(_), _) => &[],
            (Mode::Normal, None) => &[KeyMode::Normal],
            (Mode::Pick(_), None) => &[KeyMode::Pick, KeyMode::Normal],
            (_, Some(_)) if asking => &[KeyMode::Question, KeyMode::Lesson, KeyMode::Normal],
            (Mode::Normal, Some(_)) => &[KeyMode::Lesson, KeyMode::Normal],
            (Mode::Pick(_), Some(_)) => &[KeyMode::Pick, KeyMode::Lesson, KeyMode::Normal],
        }
    }

    /// The modes a key's label is read in: the prompt for a time takes
    /// every key while it is open, but the panels under it go on naming
    /// the keys that work once it closes.
    fn label_modes(&self) -> &'static [KeyMode] {
        match (&self.mode, &self.tutor) {
            (mode, None) if mode.is_typing() => &[KeyMode::Normal],
            (mode, Some(_)) if mode.is_typing() => &[KeyMode::Lesson, KeyMode::Normal],
            _ => self.key_modes(),
        }
    }

    /// The first key for `action` on this screen, as people read keys;
    /// `?` when none is bound.
    pub fn key_label(&self, action: Action) -> String {
        self.keymap
            .key_for(self.label_modes(), action)
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
    pub fn violation(&self) -> Option<&(u64, Violation<F::Node>)> {
        self.sim.violations().first()
    }

    /// Messages in flight, oldest sent first: the order picking uses. It
    /// stays put while a picked message is delayed, so the list does not
    /// re-sort under the cursor; new messages join at the end.
    pub fn in_flight(&self) -> Vec<&InFlight<Msg<F>>> {
        let mut list: Vec<&InFlight<Msg<F>>> = self.sim.in_flight().collect();
        list.sort_by_key(|m| m.id);
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
                self.words().say_pace_adaptive(
                    speed_text(pace.gear(Traffic::Busy, hop).speed()),
                    speed_text(pace.gear(Traffic::Quiet, hop).speed()),
                )
            }
            Pace::Fixed(_) => self.words().say_pace_fixed(speed_text(self.gear().speed())),
        };
        self.say(&text, false);
    }

    /// True while a time or words are typed: keys are text, not commands.
    fn typing(&self) -> bool {
        self.mode.is_typing()
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
            .ingest::<F>(self.sim.last_records(), self.sim.labels(), self.lang());
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
        let mut missed = None;
        if let Some(tutor) = &mut self.tutor {
            let before = tutor.before_action(&self.sim, &action);
            // The learner's first action in a task step starts its clock.
            if before.started_clock {
                self.playing = true;
            }
            missed = before.missed;
        }
        self.history.act(&mut self.sim, action);
        self.feed
            .ingest::<F>(self.sim.last_records(), self.sim.labels(), self.lang());
        self.trails.ingest::<F>(self.sim.last_records(), &self.sim);
        self.frontier = (self.sim.events_processed(), self.sim.now());
        if let Some(text) = self.skipped() {
            self.say(&text, true);
        } else if let Some(task) = missed {
            let text = self.words().say_missed_task(&task);
            self.say(&text, true);
        } else if forked {
            let text = self.words().say_forked(format_time(self.sim.now()));
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
                let labels = self.sim.labels();
                let action_text = action.describe(self.lang(), labels);
                let why = skip_reason(self.lang(), *reason, action, labels);
                Some(self.words().say_skipped(&action_text, &why))
            }
            _ => None,
        })
    }

    fn save(&mut self) {
        let text = self.scenario.with_session(&self.sim).to_ron();
        let family = F::sandbox_name(&self.scenario.cluster.0);
        self.save_file("session", "ron", Ok(text), |w, path| {
            w.say_saved(path, family, path)
        });
    }

    /// Saves the space-time diagram of the last [`SPACETIME_WINDOW`] up to
    /// the moment on screen as an SVG drawing, beside saved sessions. The
    /// run is replayed from the session's scenario, which reproduces it
    /// exactly, so that the screen need not keep every message it drew.
    fn save_spacetime(&mut self) {
        use crate::export::spacetime::{spacetime_svg, Tape, Window};
        let now = self.sim.now();
        let scenario = self.scenario.with_session(&self.sim);
        let mut tape = Tape::<F>::default();
        let options = crate::headless::RunOptions {
            trace: None,
            history: false,
        };
        let replayed =
            crate::headless::run_watching(&scenario, now, options, &mut |sim| tape.keep(sim));
        let window = Window::new(now.saturating_sub(SPACETIME_WINDOW), now)
            .unwrap_or(Window::whole(now.max(1)));
        let drawing = replayed
            .map(|_| spacetime_svg(&tape, window, self.lang()))
            .map_err(|e| e.to_string());
        self.save_file("spacetime", "svg", drawing, |w, path| {
            w.say_spacetime_saved(path)
        });
    }

    /// Writes `made` (or says why it could not be made) to a fresh
    /// `<what>-seed<S>-<n>.<extension>` beside saved sessions, and says
    /// where with `said`, or why it could not be saved.
    fn save_file(
        &mut self,
        what: &str,
        extension: &str,
        made: Result<String, String>,
        said: impl FnOnce(&Words, &str) -> String,
    ) {
        let stem = format!("{what}-seed{}", self.sim.seed());
        let saved = made.and_then(|text| {
            session::save_new(&self.save_dir, &stem, extension, &text).map_err(|e| e.to_string())
        });
        match saved {
            Ok(path) => {
                let text = said(self.words(), &path.display().to_string());
                self.say(&text, false);
            }
            Err(e) => {
                let dir = self.save_dir.display().to_string();
                let text = self.words().say_save_failed(&dir, e);
                self.say(&text, true);
            }
        }
    }
}
