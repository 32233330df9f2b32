//! The Locks track on the lesson screen: every lesson completes by the
//! keys its narration names, in English and Chinese, and every step that
//! waits for something to happen shows it over many frames at the default
//! pace.

use std::time::Duration;

use crate::support::screen::{key_code, open_lesson, phase, steps_too_soon_to_watch};
use crossterm::event::KeyCode;
use distlab::app::Action;
use distlab::lesson::{Finish, Phase};
use distlab::protocols::lock::Lock;
use distlab::units::Lang;

const LESSONS: [&str; 6] = [
    "locks-1-naive",
    "locks-2-nx-px",
    "locks-3-pause",
    "locks-4-fencing",
    "locks-5-redlock",
    "locks-6-zookeeper",
];

/// Plays a lock lesson on the lesson screen by keys: answers, Enter, and
/// for each task the keys its narration asks for (1 then w: select C1,
/// acquire).
fn play_by_keys(id: &str, lang: Lang) {
    let mut app = open_lesson::<Lock>(id, lang);
    for _ in 0..200 {
        let tutor = app.tutor().expect("open");
        let run = tutor.run();
        let at = format!("{id} step {}", run.index() + 1);
        match tutor.phase() {
            Phase::Asking => {
                let answer = run.step().question.as_ref().expect("a question").answer;
                let digit = char::from_digit(answer as u32, 10).expect("a digit");
                key_code(&mut app, KeyCode::Char(digit));
                // The explanation is read; then the clock runs.
                key_code(&mut app, KeyCode::Char(' '));
            }
            Phase::Running if run.step().finish == Finish::Continue => {
                key_code(&mut app, KeyCode::Enter);
            }
            Phase::Running => {
                let keys: &[char] = match &run.step().finish {
                    Finish::Task(t) if format!("{:?}", t.action) == "ClientWrite" => &['1', 'w'],
                    Finish::Task(_) => &['2', 'x'],
                    _ => &[],
                };
                for c in keys {
                    key_code(&mut app, KeyCode::Char(*c));
                }
                if app.tutor().is_some_and(|t| t.run().waits_for_learner()) {
                    key_code(&mut app, KeyCode::Char(' '));
                }
                for _ in 0..20_000 {
                    if phase(&app) != Phase::Running {
                        break;
                    }
                    app.update(Action::Tick(Duration::from_millis(50)));
                }
                assert_eq!(phase(&app), Phase::Met, "{at}: {:?}", app.status());
            }
            Phase::Met => key_code(&mut app, KeyCode::Enter),
            Phase::Failed => panic!("{at}: time ran out"),
            Phase::Finished => return,
        }
    }
    panic!("{id} is stuck");
}

#[test]
fn every_lock_lesson_completes_on_the_lesson_screen_by_keys() {
    for id in LESSONS {
        play_by_keys(id, Lang::En);
        play_by_keys(id, Lang::Zh);
    }
}

#[test]
fn every_step_that_waits_for_something_shows_it_over_many_frames() {
    let short = steps_too_soon_to_watch::<Lock>();
    assert!(short.is_empty(), "steps over too soon to watch: {short:#?}");
}
