//! Thousands of random key sequences, at random terminal sizes: the
//! application never panics, every frame draws, and the safety monitor
//! stays green, because the protocol under the keys is the correct one.
//! The same through the menu and the lessons (some of which switch on
//! deliberate bugs, so there only drawing and not panicking is checked).

use std::time::Duration;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use distlab::app::{Action, Menu, Settings, Shell};
use distlab::lesson::{self};
use distlab::protocols::raft::Raft;
use distlab::units::Lang;
use proptest::prelude::*;
use proptest::test_runner::RngSeed;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

type App = distlab::app::App<Raft>;
type SandboxOptions = distlab::app::SandboxOptions<Raft>;

/// One thing a person (or the terminal) can do.
#[derive(Clone, Debug)]
enum Input {
    Key(KeyCode),
    /// Real time passing, in milliseconds.
    Tick(u64),
    Resize(u16, u16),
    Click(u16, u16),
}

/// Every bound key but `s`, which would write files.
const CHARS: &str = " n[]123456789Lxtwzphdmv c?q+<>";

fn input() -> impl Strategy<Value = Input> {
    let chars: Vec<char> = CHARS.chars().collect();
    let named = prop_oneof![
        Just(KeyCode::Left),
        Just(KeyCode::Right),
        Just(KeyCode::Up),
        Just(KeyCode::Down),
        Just(KeyCode::Tab),
        Just(KeyCode::BackTab),
        Just(KeyCode::Esc),
        Just(KeyCode::End),
    ];
    prop_oneof![
        6 => proptest::sample::select(chars).prop_map(|c| Input::Key(KeyCode::Char(c))),
        2 => named.prop_map(Input::Key),
        4 => (0u64..600).prop_map(Input::Tick),
        1 => (0u16..220, 0u16..70).prop_map(|(w, h)| Input::Resize(w, h)),
        1 => (0u16..220, 0u16..70).prop_map(|(c, r)| Input::Click(c, r)),
    ]
}

/// Keys of the menu and of lessons, besides the cluster's.
const LESSON_CHARS: &str = "HAJKrl12 xLq";

fn lesson_input() -> impl Strategy<Value = Input> {
    let chars: Vec<char> = LESSON_CHARS.chars().collect();
    let named = prop_oneof![
        Just(KeyCode::Enter),
        Just(KeyCode::PageUp),
        Just(KeyCode::PageDown),
        Just(KeyCode::Up),
        Just(KeyCode::Down),
        Just(KeyCode::Esc),
    ];
    prop_oneof![
        4 => proptest::sample::select(chars).prop_map(|c| Input::Key(KeyCode::Char(c))),
        4 => named.prop_map(Input::Key),
        2 => input(),
    ]
}

fn draw<W: ratatui::widgets::Widget>(widget: W, width: u16, height: u16) {
    let mut terminal = match Terminal::new(TestBackend::new(width, height)) {
        Ok(t) => t,
        Err(e) => panic!("test terminal: {e}"),
    };
    if let Err(e) = terminal.draw(|f| f.render_widget(widget, f.area())) {
        panic!("drawing failed: {e}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 3_000,
        failure_persistence: None,
        // A fixed seed: a failure reproduces on every run and machine.
        rng_seed: RngSeed::Fixed(0x05ee_dd15_71ab),
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_keys_never_panic_and_safety_holds(
        nodes in 3usize..=9,
        seed in any::<u64>(),
        inputs in proptest::collection::vec(input(), 1..40),
    ) {
        let saves = tempfile::tempdir().expect("a scratch folder");
        let options = SandboxOptions {
            nodes,
            seed,
            scenario: None,
            save_dir: saves.path().to_path_buf(),
        };
        let mut app = App::new(&options, Settings::defaults());
        let mut size = (80, 24);
        for input in inputs {
            match input {
                Input::Key(code) => {
                    app.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
                }
                Input::Tick(ms) => app.update(Action::Tick(Duration::from_millis(ms))),
                Input::Resize(w, h) => {
                    size = (w, h);
                    app.handle_event(&Event::Resize(w, h));
                    draw(&app, w, h);
                }
                Input::Click(c, r) => app.update(Action::Click(c, r)),
            }
        }
        draw(&app, size.0, size.1);
        prop_assert!(app.violation().is_none(), "{:?}", app.violation());
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 300,
        failure_persistence: None,
        // A fixed seed: a failure reproduces on every run and machine.
        rng_seed: RngSeed::Fixed(0x05ee_dd15_71ab),
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_keys_through_menu_and_lessons_never_panic(
        inputs in proptest::collection::vec(lesson_input(), 1..60),
    ) {
        let (lessons, errors) = lesson::load_all(&lesson::lesson_dirs());
        prop_assert!(errors.is_empty());
        // No progress store: nothing is written and nothing resumes.
        let menu = Menu::new(lessons, Vec::new(), None, Lang::En, Settings::defaults());
        let saves = tempfile::tempdir().expect("a scratch folder");
        let mut shell = Shell::with_menu(menu, saves.path().to_path_buf());
        let mut size = (80, 24);
        shell.update(Action::Resize(80, 24));
        for input in inputs {
            if shell.should_quit() {
                break;
            }
            match input {
                Input::Key(code) => {
                    shell.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
                }
                Input::Tick(ms) => shell.update(Action::Tick(Duration::from_millis(ms))),
                Input::Resize(w, h) => {
                    size = (w, h);
                    shell.handle_event(&Event::Resize(w, h));
                }
                Input::Click(c, r) => shell.update(Action::Click(c, r)),
            }
            draw(&shell, size.0, size.1);
        }
    }
}
