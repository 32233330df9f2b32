//! The dispatch view as text snapshots (`tests/snapshots/`): the sandbox
//! in English and the first Dispatch lesson in Chinese, at 80×24 and
//! 160×48, each reached through actions only from a fixed seed.

use std::time::Duration;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use distlab::app::{Action, Settings};
use distlab::lesson::Lang;
use distlab::protocols::balance::Balancer;
use insta::assert_snapshot;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

type App = distlab::app::App<Balancer>;

fn key(app: &mut App, c: char) {
    app.handle_event(&Event::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::NONE,
    )));
}

fn play(app: &mut App, ticks: u32) {
    for _ in 0..ticks {
        app.update(Action::Tick(Duration::from_millis(100)));
    }
}

fn text(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal
        .draw(|f| f.render_widget(app, f.area()))
        .expect("draws");
    let buffer = terminal.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..height {
        let line: String = (0..width).map(|x| buffer[(x, y)].symbol()).collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The sandbox after a while, the balancer selected, paused.
fn sandbox() -> App {
    let options = distlab::app::SandboxOptions::<Balancer> {
        nodes: 5,
        seed: 1,
        scenario: None,
        save_dir: std::env::temp_dir().join("distlab-never-saved"),
    };
    let mut app = App::new(&options, Settings::defaults());
    play(&mut app, 40);
    key(&mut app, '2');
    key(&mut app, ' ');
    app
}

/// The first Dispatch lesson in Chinese, its question answered, S3's
/// queue filling.
fn lesson() -> App {
    let lesson = distlab::lesson::find("dispatch-1-slow-server")
        .expect("a shipped lesson")
        .of::<Balancer>()
        .expect("a dispatch lesson");
    let mut app = App::lesson(
        lesson,
        Lang::Zh,
        Settings::defaults(),
        None,
        Default::default(),
        false,
        std::env::temp_dir().join("distlab-never-saved"),
    );
    app.update(Action::Continue);
    app.update(Action::Answer(2));
    play(&mut app, 30);
    key(&mut app, '2');
    app
}

#[test]
fn sandbox_160x48() {
    let screen = text(&sandbox(), 160, 48);
    assert!(screen.contains("why this pick"), "{screen}");
    assert_snapshot!(screen);
}

#[test]
fn sandbox_80x24() {
    let screen = text(&sandbox(), 80, 24);
    assert!(screen.contains("S3"), "{screen}");
    assert_snapshot!(screen);
}

#[test]
fn lesson_zh_160x48() {
    let screen = text(&lesson(), 160, 48);
    assert!(screen.contains("LB  RoundRobin"), "{screen}");
    assert_snapshot!(screen);
}

#[test]
fn lesson_zh_80x24() {
    assert_snapshot!(text(&lesson(), 80, 24));
}
