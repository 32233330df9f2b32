//! The app driven as the screen drives it, for the screen tests of every
//! family: a shipped lesson opened, keys pressed, time let pass, a frame
//! drawn into a test backend.

#![allow(dead_code)]

use std::time::Duration;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use distlab::app::{Action, App, Settings};
use distlab::lesson::{Lang, Phase};
use distlab::ui::FamilyView;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

/// The shipped lesson `id` of family `F` at its first step, with nowhere
/// to save progress.
pub fn open_lesson<F: FamilyView>(id: &str, lang: Lang) -> App<F> {
    let lesson = distlab::lesson::find(id)
        .expect("a shipped lesson")
        .of::<F>()
        .expect("a lesson of this family");
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
