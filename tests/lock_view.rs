//! The lock view as text snapshots (`tests/snapshots/`), each sandbox
//! name opening its own service, and a lock lesson drawn in English and
//! Chinese. Every scene is reached through actions only, from fixed seeds.

use std::path::Path;
use std::time::Duration;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use distlab::app::{Action, App, SandboxOptions, Settings};
use distlab::lesson::Lang;
use distlab::protocols::lock::{Lock, Service};
use distlab::protocols::Family;
use distlab::scenario::Scenario;
use insta::assert_snapshot;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn draw(app: &App<Lock>, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal
        .draw(|f| f.render_widget(app, f.area()))
        .expect("draws");
    format!("{}", terminal.backend())
}

fn play(app: &mut App<Lock>, ticks: u64) {
    for _ in 0..ticks {
        app.update(Action::Tick(Duration::from_millis(100)));
    }
}

fn sandbox(name: &str) -> App<Lock> {
    let options = SandboxOptions::<Lock> {
        nodes: 5,
        seed: 1,
        scenario: Some(Scenario::sandbox(name, 5, 1)),
        save_dir: std::env::temp_dir().join("distlab-never-saved"),
    };
    App::new(&options, Settings::defaults())
}

#[test]
fn each_sandbox_name_opens_its_own_service() {
    for (name, label) in [("redis-lock", "R1"), ("redlock", "R5"), ("zk-lock", "ZK")] {
        let mut app = sandbox(name);
        play(&mut app, 30);
        let screen = draw(&app, 160, 48);
        assert!(screen.contains(label), "{name}:\n{screen}");
        assert!(screen.contains("time-line"), "{name}:\n{screen}");
        assert!(screen.contains("ST value"), "{name}:\n{screen}");
    }
    let redlock = Lock::sandbox_spec("redlock", 5);
    assert!(matches!(redlock.service, Service::Redlock(_)));
}

#[test]
fn the_request_key_acquires_on_the_selected_client() {
    let zk = "Scenario(seed: 1, cluster: Lock((clients: 2, service: ZooKeeper(()), auto: false)))";
    let scenario: Scenario<Lock> = Scenario::parse(zk, Path::new("zk.ron")).expect("parses");
    let options = SandboxOptions {
        nodes: 4,
        seed: 1,
        scenario: Some(scenario),
        save_dir: std::env::temp_dir().join("distlab-never-saved"),
    };
    let mut app = App::new(&options, Settings::defaults());
    for c in ['2', 'w'] {
        app.handle_event(&Event::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::NONE,
        )));
    }
    play(&mut app, 40);
    let c2 = app
        .sim()
        .node(distlab::sim::NodeId(1))
        .client()
        .expect("a client");
    assert!(!c2.sections.is_empty(), "C2 took the lock");
}

#[test]
fn lock_view_80x24() {
    let mut app = sandbox("zk-lock");
    play(&mut app, 30);
    assert_snapshot!(draw(&app, 80, 24));
}

#[test]
fn lock_view_160x48() {
    let mut app = sandbox("redis-lock");
    play(&mut app, 30);
    assert_snapshot!(draw(&app, 160, 48));
}

/// The shipped lock lesson `id` on the lesson screen, at its first step,
/// with nowhere to save progress.
fn open_lesson(id: &str, lang: Lang) -> App<Lock> {
    let lesson = distlab::lesson::find(id)
        .expect("a shipped lesson")
        .of::<Lock>()
        .expect("a lock lesson");
    App::lesson(
        lesson,
        lang,
        Settings::defaults(),
        None,
        Default::default(),
        false,
        std::env::temp_dir().join("distlab-never-saved"),
    )
}

fn lesson_app(lang: Lang) -> App<Lock> {
    let mut app = open_lesson("locks-4-fencing", lang);
    app.update(Action::Continue);
    for c in ['1', 'w'] {
        app.handle_event(&Event::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::NONE,
        )));
    }
    play(&mut app, 30);
    app
}

#[test]
fn lock_lesson_160x48_en() {
    assert_snapshot!(draw(&lesson_app(Lang::En), 160, 48));
}

#[test]
fn lock_lesson_80x24_zh() {
    assert_snapshot!(draw(&lesson_app(Lang::Zh), 80, 24));
}

/// Plays a lock lesson on the lesson screen by keys: answers, Enter, and
/// for each task the keys the narration asks for.
fn play_by_keys(id: &str, lang: Lang) {
    use distlab::lesson::{Finish, Phase};
    let mut app = open_lesson(id, lang);
    let key = |app: &mut App<Lock>, c: char| {
        app.handle_event(&Event::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::NONE,
        )));
    };
    let enter = |app: &mut App<Lock>| {
        app.handle_event(&Event::Key(KeyEvent::new(
            KeyCode::Enter,
            KeyModifiers::NONE,
        )));
    };
    for _ in 0..200 {
        let tutor = app.tutor().expect("open");
        let run = tutor.run();
        let at = format!("{id} step {}", run.index() + 1);
        match tutor.phase() {
            Phase::Asking => {
                let answer = run.step().question.as_ref().expect("a question").answer;
                key(
                    &mut app,
                    char::from_digit(answer as u32, 10).expect("a digit"),
                );
            }
            Phase::Running if run.step().finish == Finish::Continue => enter(&mut app),
            Phase::Running => {
                let keys: &[char] = match &run.step().finish {
                    Finish::Task(t) if format!("{:?}", t.action) == "ClientWrite" => &['1', 'w'],
                    Finish::Task(_) => &['2', 'x'],
                    _ => &[],
                };
                for c in keys {
                    key(&mut app, *c);
                }
                for _ in 0..20_000 {
                    if app.tutor().expect("open").phase() != Phase::Running {
                        break;
                    }
                    app.update(Action::Tick(Duration::from_millis(50)));
                }
                assert_eq!(
                    app.tutor().expect("open").phase(),
                    Phase::Met,
                    "{at}: {:?}",
                    app.status()
                );
            }
            Phase::Met => enter(&mut app),
            Phase::Failed => panic!("{at}: time ran out"),
            Phase::Finished => return,
        }
    }
    panic!("{id} is stuck");
}

#[test]
fn every_lock_lesson_completes_on_the_lesson_screen_by_keys() {
    for id in [
        "locks-1-naive",
        "locks-2-nx-px",
        "locks-3-pause",
        "locks-4-fencing",
        "locks-5-redlock",
        "locks-6-zookeeper",
    ] {
        play_by_keys(id, Lang::En);
        play_by_keys(id, Lang::Zh);
    }
}
