//! The dispatch view as text snapshots (`tests/screens/snapshots/`): the sandbox
//! and the first Dispatch lesson, in English and Chinese, at 80×24 and
//! 160×48, and the hashing lesson's ring; each reached through actions
//! only from a fixed seed.

use crate::support::screen;

use crate::support::screen::{key, open_lesson, phase, play, play_until_met, text};
use distlab::app::{Action, Settings};
use distlab::lesson::Phase;
use distlab::protocols::balance::Balancer;
use distlab::units::Lang;
use insta::assert_snapshot;

type App = distlab::app::App<Balancer>;

/// The sandbox after a while, the balancer selected, paused.
fn sandbox(lang: Lang) -> App {
    let options = distlab::app::SandboxOptions::<Balancer> {
        nodes: 5,
        seed: 1,
        scenario: None,
        save_dir: std::env::temp_dir().join("distlab-never-saved"),
    };
    let settings = Settings {
        lang,
        ..Settings::defaults()
    };
    let mut app = App::new(&options, settings);
    play(&mut app, 40);
    key(&mut app, '2');
    key(&mut app, ' ');
    app
}

/// The first Dispatch lesson, its question answered, S3's queue filling.
fn slow_server(lang: Lang) -> App {
    let mut app = open_lesson::<Balancer>("dispatch-1-slow-server", lang);
    app.update(Action::Continue);
    app.update(Action::Answer(2));
    key(&mut app, ' ');
    play(&mut app, 30);
    key(&mut app, '2');
    app
}

#[test]
fn sandbox_en_160x48() {
    let screen = text(&sandbox(Lang::En), 160, 48);
    assert!(screen.contains("why #"), "{screen}");
    assert!(screen.contains("• p50 ▄ p99"), "{screen}");
    assert_snapshot!(screen);
}

#[test]
fn sandbox_en_80x24() {
    let screen = text(&sandbox(Lang::En), 80, 24);
    assert!(screen.contains("S3"), "{screen}");
    assert_snapshot!(screen);
}

#[test]
fn sandbox_zh_160x48() {
    let screen = text(&sandbox(Lang::Zh), 160, 48);
    assert!(screen.contains("为 何  #"), "{screen}");
    assert_snapshot!(screen);
}

#[test]
fn sandbox_zh_80x24() {
    assert_snapshot!(text(&sandbox(Lang::Zh), 80, 24));
}

#[test]
fn lesson_en_160x48() {
    let screen = text(&slow_server(Lang::En), 160, 48);
    assert!(screen.contains("LB   RoundRobin"), "{screen}");
    assert_snapshot!(screen);
}

#[test]
fn lesson_en_80x24() {
    assert_snapshot!(text(&slow_server(Lang::En), 80, 24));
}

#[test]
fn lesson_zh_160x48() {
    let screen = text(&slow_server(Lang::Zh), 160, 48);
    assert!(screen.contains("LB   RoundRobin"), "{screen}");
    assert_snapshot!(screen);
}

#[test]
fn lesson_zh_80x24() {
    assert_snapshot!(text(&slow_server(Lang::Zh), 80, 24));
}

/// The hashing lesson after S4 left: the ring with the key's place, keys
/// moved, cache hits.
#[test]
fn hashing_ring_160x48() {
    let mut app = open_lesson::<Balancer>("dispatch-4-hashing", Lang::En);
    key(&mut app, ' ');
    play(&mut app, 250);
    app.update(Action::Continue);
    app.update(Action::Answer(1));
    key(&mut app, ' ');
    play(&mut app, 15);
    let screen = text(&app, 160, 48);
    assert!(screen.contains("keys moved"), "{screen}");
    assert!(screen.contains('^'), "{screen}");
    assert_snapshot!(screen);
}

#[test]
fn every_step_that_waits_for_something_shows_it_over_many_frames() {
    let short = screen::steps_too_soon_to_watch::<Balancer>();
    assert!(short.is_empty(), "steps over too soon to watch: {short:#?}");
}

/// The help's legend says what each dispatch gauge shows, in both
/// languages.
#[test]
fn the_help_explains_the_dispatch_gauges() {
    for (lang, words) in [
        (
            Lang::En,
            [
                "time to the next request",
                "time to the next time-out",
                "in service + queued / capacity",
            ],
        ),
        (
            Lang::Zh,
            [
                "距下一个请求的时间",
                "距下一次超时的时间",
                "处理中 + 排队 / 容量",
            ],
        ),
    ] {
        let mut app = sandbox(lang);
        app.update(Action::ToggleHelp);
        // Wide characters are followed by a blank cell: compare without blanks.
        let screen = text(&app, 160, 48).replace(' ', "");
        for w in words {
            let w = w.replace(' ', "");
            assert!(screen.contains(&w), "{lang:?} help lacks {w:?}:\n{screen}");
        }
    }
}

/// dispatch-1's "Least connections" asks the learner to select LB and press
/// w: its clock waits while they read, and starts at their key.
#[test]
fn switching_to_least_connections_waits_for_the_learner() {
    let mut app = open_lesson::<Balancer>("dispatch-1-slow-server", Lang::En);
    let index = |app: &App| app.tutor().expect("a lesson").run().index();
    for _ in 0..10 {
        app.update(Action::Continue);
        if index(&app) == 3 {
            break;
        }
        app.update(Action::Answer(2));
        if phase(&app) == Phase::Running {
            play_until_met(&mut app);
        }
    }
    assert_eq!(index(&app), 3);
    let before = app.sim().now();
    // Forty seconds of reading.
    play(&mut app, 400);
    assert_eq!(app.sim().now(), before, "the clock waits for the learner");
    assert_eq!(phase(&app), Phase::Running, "reading fails nothing");
    key(&mut app, '2');
    key(&mut app, 'w');
    play_until_met(&mut app);
    assert_eq!(phase(&app), Phase::Met);
}

/// A retry storm on a Chinese screen at 80×24: the balancer's row keeps
/// its counts whole (requests that ended without an answer, retries) and
/// lets the unit and latencies give way.
#[test]
fn the_balancer_row_never_cuts_its_counts() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/scenarios/balance-retries.ron");
    let options = distlab::app::SandboxOptions::<Balancer> {
        nodes: 5,
        seed: 1,
        scenario: Some(distlab::scenario::Scenario::load(&path).expect("the preset loads")),
        save_dir: std::env::temp_dir().join("distlab-never-saved"),
    };
    let settings = Settings {
        lang: Lang::Zh,
        ..Settings::defaults()
    };
    let mut app = App::new(&options, settings);
    for _ in 0..3 {
        key(&mut app, '}');
    }
    key(&mut app, ' ');
    let b = app
        .sim()
        .node(distlab::protocols::balance::BALANCER)
        .balancer()
        .expect("LB balances");
    let failed = b.tally.rejected_total() + b.tally.errors;
    let retries = b.tally.retries;
    assert!(failed >= 100 && retries >= 100, "{failed} {retries}");
    let screen = text(&app, 80, 24);
    let row = screen
        .lines()
        .find(|l| l.trim_start().starts_with("LB ") && l.contains('↻'))
        .unwrap_or_else(|| panic!("no LB row:\n{screen}"));
    assert!(
        row.contains(&format!("✗{failed} ↻{retries}")),
        "{row}\n{screen}"
    );
}
