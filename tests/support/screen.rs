//! The app driven as the screen drives it, for the screen tests of every
//! family: a shipped lesson opened, keys pressed, time let pass, a frame
//! drawn into a test backend.

use std::time::Duration;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use distlab::app::{Action, App, SandboxOptions, Settings};
use distlab::lesson::{self, Condition, Finish, Phase, ProgressStore};
use distlab::ui::FamilyView;
use distlab::units::Lang;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::Terminal;

/// The shipped lesson `id` of family `F` at its first step, with nowhere
/// to save progress.
pub fn open_lesson<F: FamilyView>(id: &str, lang: Lang) -> App<F> {
    lesson_app(id, lang, None)
}

/// The shipped lesson `id` of family `F`, resumed where `store` says it
/// was left, saving its progress there and its sessions beside it.
pub fn resume_lesson<F: FamilyView>(id: &str, lang: Lang, store: &ProgressStore) -> App<F> {
    lesson_app(id, lang, Some(store))
}

fn lesson_app<F: FamilyView>(id: &str, lang: Lang, store: Option<&ProgressStore>) -> App<F> {
    let lesson = distlab::lesson::find(id)
        .expect("a shipped lesson")
        .of::<F>()
        .expect("a lesson of this family");
    let save_dir = store.map_or_else(
        || std::env::temp_dir().join("distlab-never-saved"),
        |s| s.path().with_file_name("sessions"),
    );
    App::lesson(
        lesson,
        lang,
        Settings::defaults(),
        store.cloned(),
        store.map(|s| s.load().progress).unwrap_or_default(),
        store.is_some(),
        save_dir,
    )
}

/// Presses key `c` (`'\n'` is Enter).
pub fn key<F: FamilyView>(app: &mut App<F>, c: char) {
    let code = if c == '\n' {
        KeyCode::Enter
    } else {
        KeyCode::Char(c)
    };
    key_code(app, code);
}

pub fn key_code<F: FamilyView>(app: &mut App<F>, code: KeyCode) {
    app.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

/// Lets `ticks` frames of 100 ms pass.
pub fn play<F: FamilyView>(app: &mut App<F>, ticks: u64) {
    for _ in 0..ticks {
        app.update(Action::Tick(Duration::from_millis(100)));
    }
}

/// Lets 50 ms frames pass until the open step's goal is met, which it
/// must be. A clock that waits for the learner (after a question, or in a
/// task step) is started first, as a learner who has read would.
pub fn play_until_met<F: FamilyView>(app: &mut App<F>) {
    if app.tutor().is_some_and(|t| t.run().waits_for_learner()) && !app.is_playing() {
        app.update(Action::TogglePlay);
    }
    for _ in 0..20_000 {
        if phase(app) != Phase::Running {
            break;
        }
        app.update(Action::Tick(Duration::from_millis(50)));
    }
    assert_eq!(phase(app), Phase::Met, "status: {:?}", app.status());
}

/// Text as a reader runs their eye over it: spaces, line breaks and the
/// panel's border gone.
pub fn squeezed(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '│')
        .collect()
}

/// Where the open lesson's step stands.
pub fn phase<F: FamilyView>(app: &App<F>) -> Phase {
    app.tutor().expect("a lesson is open").phase()
}

/// One frame of `width`×`height`.
pub fn render<F: FamilyView>(app: &App<F>, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal
        .draw(|f| f.render_widget(app, f.area()))
        .expect("draws");
    terminal
}

/// One frame as the test backend prints it, a quoted line per row.
pub fn draw<F: FamilyView>(app: &App<F>, width: u16, height: u16) -> String {
    format!("{}", render(app, width, height).backend())
}

/// A second of 25 ms frames: the least a step that waits for something to
/// happen shows of it at the default pace.
pub const WATCHABLE_FRAMES: u32 = 40;

/// How long a step of a shipped lesson runs on screen at the default pace.
pub struct StepRun {
    pub lesson: String,
    /// Counted from 1, as the screen counts.
    pub step: usize,
    /// 25 ms frames from the step's start (its task done by `A` at once) to
    /// its goal.
    pub frames: u32,
    /// The step waits for something to happen, not only for time to pass
    /// (`ElapsedMs`) or for the learner.
    pub waits: bool,
}

impl StepRun {
    /// Real time on screen.
    pub fn seconds(&self) -> f64 {
        f64::from(self.frames) * 0.025
    }
}

/// Every step of family `F`'s shipped lessons that runs the clock, played
/// as a student does at the default pace: each question answered rightly,
/// each task done by `A`, 25 ms frames until the goal is met.
pub fn step_runs<F: FamilyView>() -> Vec<StepRun> {
    let (lessons, _) = lesson::shipped::shipped();
    let mut runs = Vec::new();
    for id in lessons
        .iter()
        .filter(|l| l.family().tag() == F::TAG)
        .map(|l| l.id().to_owned())
    {
        let mut app = open_lesson::<F>(&id, Lang::En);
        for _ in 0..40 {
            let tutor = app.tutor().expect("a lesson is open");
            if tutor.run().is_finished() {
                break;
            }
            let index = tutor.run().index();
            let answer = tutor.run().step().question.as_ref().map(|q| q.answer);
            if let (Some(answer), Phase::Asking) = (answer, tutor.phase()) {
                let digit = char::from_digit(answer as u32, 10).expect("a digit");
                key(&mut app, digit);
            }
            let finish = &app.tutor().expect("a lesson is open").run().step().finish;
            // Letting time pass shows only the clock, and a search that
            // finds nothing plays nothing: its progress line is the show.
            let waits = matches!(finish,
                Finish::When(c) if !matches!(c, Condition::ElapsedMs(_) | Condition::Explored(false)));
            let runs_clock = *finish != Finish::Continue;
            // A task's clock waits for the learner: `A` does the task and
            // starts it.
            if phase(&app) == Phase::Running && runs_clock {
                key(&mut app, 'A');
                let mut frames = 0;
                while phase(&app) == Phase::Running && frames < 40_000 {
                    app.update(Action::Tick(Duration::from_millis(25)));
                    frames += 1;
                }
                runs.push(StepRun {
                    lesson: id.clone(),
                    step: index + 1,
                    frames,
                    waits,
                });
            }
            key(&mut app, '\n');
        }
    }
    runs
}

/// The steps of family `F`'s shipped lessons that wait for something to
/// happen and are over in fewer than [`WATCHABLE_FRAMES`] frames at the
/// default pace; a step that only lets time pass (`ElapsedMs`) has nothing
/// to show but the clock.
pub fn steps_too_soon_to_watch<F: FamilyView>() -> Vec<String> {
    step_runs::<F>()
        .into_iter()
        .filter(|r| r.waits && r.frames < WATCHABLE_FRAMES)
        .map(|r| format!("{} step {}: {} frames", r.lesson, r.step, r.frames))
        .collect()
}

/// A sandbox of `nodes` from `seed` with the default settings, with
/// nowhere to save a session.
pub fn sandbox<F: FamilyView>(nodes: usize, seed: u64) -> App<F> {
    let options = SandboxOptions {
        nodes,
        seed,
        scenario: None,
        save_dir: std::env::temp_dir().join("distlab-never-saved"),
    };
    App::new(&options, Settings::defaults())
}

/// Presses each key of `text` in turn (`'\n'` is Enter).
pub fn keys<F: FamilyView>(app: &mut App<F>, text: &str) {
    for c in text.chars() {
        key(app, c);
    }
}

/// The text of one region of a drawn frame, each row's trailing blanks
/// cut.
pub fn region(backend: &TestBackend, area: Rect) -> String {
    let buffer = backend.buffer();
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut line = String::new();
        for x in area.left()..area.right() {
            line.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// One frame of `width`×`height` as plain text, each row's trailing blanks
/// cut.
pub fn text<F: FamilyView>(app: &App<F>, width: u16, height: u16) -> String {
    region(
        render(app, width, height).backend(),
        Rect::new(0, 0, width, height),
    )
}
