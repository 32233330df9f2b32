//! The Paxos view on screen: a lesson completed by the keys it names, the
//! slot table and inspector in English and Chinese, and both sandboxes.

use std::time::Duration;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use distlab::app::{Action, SandboxOptions, Settings};
use distlab::lesson::{self, Lang, Phase};
use distlab::protocols::paxos::Paxos;
use distlab::scenario::Scenario;
use distlab::sim::NodeId;
use insta::assert_snapshot;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

type App = distlab::app::App<Paxos>;

fn open(id: &str, lang: Lang) -> App {
    let lesson = lesson::find(id)
        .expect("a shipped lesson")
        .of::<Paxos>()
        .expect("a Paxos lesson");
    App::lesson(
        lesson,
        lang,
        Settings::defaults(),
        None,
        Default::default(),
        true,
        std::env::temp_dir().join("distlab-never-saved"),
    )
}

fn press(app: &mut App, c: char) {
    let code = if c == '\n' {
        KeyCode::Enter
    } else {
        KeyCode::Char(c)
    };
    app.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn phase(app: &App) -> Phase {
    app.tutor().expect("a lesson is open").phase()
}

fn play_until_met(app: &mut App) {
    for _ in 0..20_000 {
        if phase(app) != Phase::Running {
            break;
        }
        app.update(Action::Tick(Duration::from_millis(50)));
    }
    assert_eq!(phase(app), Phase::Met, "status: {:?}", app.status());
}

fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal
        .draw(|f| f.render_widget(app, f.area()))
        .expect("draws");
    format!("{}", terminal.backend())
}

/// Lesson 1 played by keys to its last step's goal.
fn first_lesson_done(lang: Lang) -> App {
    let mut app = open("paxos-1-single-decree", lang);
    app.update(Action::Resize(100, 30));
    press(&mut app, '\n');
    assert_eq!(phase(&app), Phase::Asking);
    press(&mut app, '3');
    press(&mut app, '\n');
    press(&mut app, '1');
    press(&mut app, 'w');
    play_until_met(&mut app);
    assert!(app.sim().nodes().iter().all(|n| n.chosen.contains_key(&0)));
    press(&mut app, '\n');
    play_until_met(&mut app);
    app
}

#[test]
fn the_first_lesson_is_completed_by_keys_in_english() {
    let app = first_lesson_done(Lang::En);
    let text = screen(&app, 100, 30);
    assert!(text.contains("✓y"), "{text}");
    assert_snapshot!("paxos_lesson_en_100x30", text);
}

#[test]
fn the_first_lesson_is_completed_by_keys_in_chinese() {
    let app = first_lesson_done(Lang::Zh);
    assert_snapshot!("paxos_lesson_zh_100x30", screen(&app, 100, 30));
}

fn sandbox(name: &str) -> App {
    let options = SandboxOptions::<Paxos> {
        nodes: 5,
        seed: 1,
        scenario: Some(Scenario::sandbox(name, 5, 1)),
        save_dir: std::env::temp_dir().join("distlab-never-saved"),
    };
    let mut app = App::new(&options, Settings::defaults());
    app.update(Action::Resize(160, 48));
    if !app.is_playing() {
        press(&mut app, ' ');
    }
    app
}

/// Lets real time pass in 100 ms frames until `done` holds (the screen
/// runs in slow motion while messages fly).
fn tick_until(app: &mut App, done: impl Fn(&App) -> bool) {
    for _ in 0..3_000 {
        if done(app) {
            return;
        }
        app.update(Action::Tick(Duration::from_millis(100)));
    }
    panic!("not done after 300 s of frames, at t={}", app.sim().now());
}

#[test]
fn the_multi_paxos_sandbox_shows_a_leader_and_its_slots() {
    let mut app = sandbox("multi-paxos");
    tick_until(&mut app, |app| app.sim().leader().is_some());
    for key in ['L', 'w', 'w'] {
        press(&mut app, key);
    }
    tick_until(&mut app, |app| {
        app.sim().nodes().iter().any(|n| n.chosen.len() == 2)
    });
    let text = screen(&app, 160, 48);
    assert!(text.contains("slots"), "{text}");
    assert!(text.contains("leads"), "{text}");
    assert_snapshot!("paxos_multi_sandbox_160x48", text);
}

#[test]
fn the_single_decree_sandbox_proposes_from_the_selected_node() {
    let mut app = sandbox("paxos");
    press(&mut app, '1');
    press(&mut app, 'w');
    tick_until(&mut app, |app| {
        app.sim().node(NodeId(0)).chosen.contains_key(&0)
    });
    let text = screen(&app, 80, 24);
    assert!(text.contains("Paxos"), "{text}");
}
