//! The lock view as text snapshots (`tests/screens/snapshots/`): each service
//! (Redis, Redlock, ZooKeeper) at 80×24 and 160×48 in English and Chinese,
//! a Redlock client past its validity, and a lock lesson; each sandbox name
//! opening its own service; the view drawn at any size without a panic.
//! Every scene is reached through actions only, from fixed seeds.

use std::path::Path;
use std::time::Duration;

use crate::support::screen::{draw, key, open_lesson, phase, play, render};
use distlab::app::{Action, App, SandboxOptions, Settings};
use distlab::lesson::{Finish, Phase};
use distlab::protocols::lock::{Client, Lock, Part, Service};
use distlab::protocols::Setup;
use distlab::scenario::Scenario;
use distlab::units::Lang;
use insta::assert_snapshot;

fn open(scenario: Scenario<Lock>, lang: Lang) -> App<Lock> {
    let options = SandboxOptions::<Lock> {
        nodes: Lock::nodes(&scenario.cluster.0),
        seed: scenario.seed,
        scenario: Some(scenario),
        save_dir: std::env::temp_dir().join("distlab-never-saved"),
    };
    let settings = Settings {
        lang,
        ..Settings::defaults()
    };
    App::new(&options, settings)
}

fn sandbox(name: &str, nodes: usize, lang: Lang) -> App<Lock> {
    open(Scenario::sandbox(name, nodes, 1), lang)
}

#[test]
fn each_sandbox_name_opens_its_own_service() {
    for (name, label) in [("redis-lock", "R1"), ("redlock", "R5"), ("zk-lock", "ZK")] {
        let mut app = sandbox(name, 5, Lang::En);
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
    let mut app = open(scenario, Lang::En);
    for c in ['2', 'w'] {
        key(&mut app, c);
    }
    play(&mut app, 40);
    let c2 = app
        .sim()
        .node(distlab::sim::NodeId(1))
        .client()
        .expect("a client");
    assert!(!c2.sections.is_empty(), "C2 took the lock");
}

/// A sandbox of `name` two seconds in, with C2 selected: clients have
/// come and gone, storage has a history, the time-line has bars.
fn busy(name: &str, lang: Lang) -> App<Lock> {
    let nodes = if name == "redlock" { 9 } else { 5 };
    let mut app = sandbox(name, nodes, lang);
    key(&mut app, '2');
    app.update(Action::Jump(2));
    app
}

macro_rules! views {
    ($($test:ident: $name:literal, $lang:ident, $w:literal x $h:literal;)*) => {
        $(
            #[test]
            fn $test() {
                assert_snapshot!(draw(&busy($name, Lang::$lang), $w, $h));
            }
        )*
    };
}

views! {
    redis_80x24_en: "redis-lock", En, 80 x 24;
    redis_160x48_en: "redis-lock", En, 160 x 48;
    redis_80x24_zh: "redis-lock", Zh, 80 x 24;
    redis_160x48_zh: "redis-lock", Zh, 160 x 48;
    redlock_80x24_en: "redlock", En, 80 x 24;
    redlock_160x48_en: "redlock", En, 160 x 48;
    redlock_80x24_zh: "redlock", Zh, 80 x 24;
    redlock_160x48_zh: "redlock", Zh, 160 x 48;
    zookeeper_80x24_en: "zk-lock", En, 80 x 24;
    zookeeper_160x48_en: "zk-lock", En, 160 x 48;
    zookeeper_80x24_zh: "zk-lock", Zh, 80 x 24;
    zookeeper_160x48_zh: "zk-lock", Zh, 160 x 48;
}

/// Redlock's pause at the moment C1 wakes: its validity ran out on its
/// own clock (□, ░ on the time-line) and its stale write is on its way.
fn woken_past_validity(lang: Lang) -> App<Lock> {
    let text = "Scenario(seed: 1, cluster: Lock((clients: 2, service: Redlock(()), fencing: false,
          work_ms: (400, 400), auto: false)),
        actions: [
          (at_ms: 100, do: Acquire(Client(1))),
          (at_ms: 250, do: Pause(Client(1), 2750)),
          (at_ms: 300, do: Acquire(Client(2))),
        ])";
    let scenario = Scenario::parse(text, Path::new("pause.ron")).expect("parses");
    let mut app = open(scenario, lang);
    app.update(Action::Jump(3));
    app
}

#[test]
fn redlock_past_its_validity_160x48_en() {
    let app = woken_past_validity(Lang::En);
    let c1 = app.sim().node(distlab::sim::NodeId(0)).client().cloned();
    let c1 = c1.expect("a client");
    assert!(
        c1.in_section() && !c1.holds(),
        "C1 works on past its validity"
    );
    let screen = draw(&app, 160, 48);
    assert!(screen.contains("C1 □"), "{screen}");
    assert!(screen.contains('░'), "{screen}");
    assert_snapshot!(screen);
}

#[test]
fn redlock_past_its_validity_80x24_zh() {
    assert_snapshot!(draw(&woken_past_validity(Lang::Zh), 80, 24));
}

fn lesson_app(lang: Lang) -> App<Lock> {
    let mut app = open_lesson::<Lock>("locks-4-fencing", lang);
    app.update(Action::Continue);
    for c in ['1', 'w'] {
        key(&mut app, c);
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

#[test]
fn the_lock_view_never_panics_at_any_size() {
    let sizes = [
        (0, 0),
        (1, 1),
        (79, 23),
        (80, 24),
        (81, 25),
        (100, 30),
        (160, 48),
        (200, 60),
        (300, 24),
        (80, 80),
    ];
    for name in ["redis-lock", "redlock", "zk-lock"] {
        for lang in [Lang::En, Lang::Zh] {
            let mut app = busy(name, lang);
            for present in [false, true] {
                if present {
                    app.update(Action::TogglePresent);
                }
                for (w, h) in sizes {
                    render(&app, w, h);
                }
            }
        }
    }
    for lang in [Lang::En, Lang::Zh] {
        let app = woken_past_validity(lang);
        for (w, h) in sizes {
            render(&app, w, h);
        }
    }
}

#[test]
fn presenter_boxes_stand_apart_in_lanes() {
    // Nine members: three clients, five Redlock masters and storage.
    for (name, members) in [("redis-lock", 5), ("zk-lock", 5), ("redlock", 9)] {
        let mut app = busy(name, Lang::En);
        app.update(Action::TogglePresent);
        let screen = draw(&app, 160, 48);
        assert!(screen.contains("cluster · presenter"), "{name}:\n{screen}");
        // A box over another hides at least one of the other's corners.
        let count = |corners: &[char]| screen.chars().filter(|c| corners.contains(c)).count();
        for corners in [['╭', '╔'], ['╮', '╗'], ['╰', '╚'], ['╯', '╝']] {
            assert_eq!(
                count(&corners),
                members,
                "{name}: a box covers another:\n{screen}"
            );
        }
    }
}

/// Redlock with C1 holding every master when C2 asks: C2 is refused by
/// all five, as the screen shows the moment it decides.
fn refused_everywhere(lang: Lang) -> App<Lock> {
    refused_until(lang, |c2| c2.verdict.is_some())
}

/// [`refused_everywhere`] until C2 stands as `stop` asks.
fn refused_until(lang: Lang, stop: impl Fn(&Client) -> bool) -> App<Lock> {
    let text = "Scenario(seed: 1, cluster: Lock((clients: 2, service: Redlock(()), fencing: false,
          work_ms: (2000, 2000), auto: false)),
        actions: [
          (at_ms: 100, do: Acquire(Client(1))),
          (at_ms: 400, do: Acquire(Client(2))),
        ])";
    let scenario = Scenario::parse(text, Path::new("refused.ron")).expect("parses");
    let mut app = open(scenario, lang);
    key(&mut app, '2');
    for _ in 0..10_000 {
        let c2 = app.sim().node(distlab::sim::NodeId(1)).client().cloned();
        if stop(&c2.expect("a client")) {
            break;
        }
        app.update(Action::StepForward);
    }
    app
}

#[test]
fn a_redlock_attempt_without_a_majority_shows_no_validity() {
    let app = refused_everywhere(Lang::En);
    let c2 = app.sim().node(distlab::sim::NodeId(1)).client().cloned();
    let c2 = c2.expect("a client");
    assert_eq!((c2.granted, c2.asked), (0, 5), "every master refused C2");
    let screen = draw(&app, 160, 48);
    let strip = screen
        .lines()
        .find(|l| l.contains("C2 ✓"))
        .unwrap_or_else(|| panic!("C2's sum on the strip:\n{screen}"));
    assert!(strip.contains("C2 ✓0/5 < 3: no lock"), "{screen}");
    assert!(
        !strip.contains("ms ✓0/5"),
        "a validity for no lock:\n{screen}"
    );
    assert!(
        screen.contains("validity: ✓0/5 < 3: no lock"),
        "the inspector:\n{screen}"
    );
    let zh = draw(&refused_everywhere(Lang::Zh), 160, 48);
    assert!(zh.contains("C2 ✓0/5 < 3：没拿到锁"), "{zh}");
    // Still asking, refused twice: the cost so far, no validity yet.
    let asking = refused_until(Lang::En, |c2| c2.asked == 2);
    let screen = draw(&asking, 160, 48);
    let strip = screen
        .lines()
        .find(|l| l.contains("C2 1000 − "))
        .unwrap_or_else(|| panic!("C2's sum on the strip:\n{screen}"));
    let c2 = &strip[strip.find("C2 1000").expect("C2's sum")..];
    assert!(c2.contains("✓0/2") && !c2.contains('='), "{screen}");
}

/// Lesson `id` played by keys as its narration asks (answers, Enter, 1
/// then w for a task) until `stop` holds at a step whose goal is met.
fn lesson_until(id: &str, lang: Lang, stop: impl Fn(&App<Lock>) -> bool) -> App<Lock> {
    let mut app = open_lesson::<Lock>(id, lang);
    for _ in 0..200 {
        let tutor = app.tutor().expect("open");
        let run = tutor.run();
        match tutor.phase() {
            Phase::Asking => {
                let answer = run.step().question.as_ref().expect("a question").answer;
                key(
                    &mut app,
                    char::from_digit(answer as u32, 10).expect("a digit"),
                );
                key(&mut app, ' ');
            }
            Phase::Running if run.step().finish == Finish::Continue => key(&mut app, '\n'),
            Phase::Running => {
                if matches!(run.step().finish, Finish::Task(_)) {
                    key(&mut app, '1');
                    key(&mut app, 'w');
                } else if run.waits_for_learner() {
                    key(&mut app, ' ');
                }
                for _ in 0..20_000 {
                    if phase(&app) != Phase::Running {
                        break;
                    }
                    app.update(Action::Tick(Duration::from_millis(50)));
                }
            }
            Phase::Met if stop(&app) => return app,
            Phase::Met => key(&mut app, '\n'),
            Phase::Failed | Phase::Finished => break,
        }
    }
    panic!("{id}: the scene never came");
}

/// The time-line strip's rows of an 80×24 lesson screen: from its title
/// to the feed's, the lesson column cut off.
fn strip_rows(screen: &str) -> Vec<String> {
    screen
        .lines()
        .skip_while(|l| !l.contains("time-line") && !l.contains("时间线"))
        .take_while(|l| !l.contains(" events ") && !l.contains("事件"))
        .map(|l| l.split('│').next().unwrap_or_default().to_owned())
        .collect()
}

fn holders(app: &App<Lock>) -> usize {
    let sim = app.sim();
    sim.nodes()
        .iter()
        .filter_map(|n| n.client())
        .filter(|c| c.holds())
        .count()
}

#[test]
fn the_redlock_strip_shows_every_master_and_both_sums_at_80x24() {
    for lang in [Lang::En, Lang::Zh] {
        // The clock jump: C2 holds R3, R4 and R5 while C1 holds R1 and R2.
        let app = lesson_until("locks-5-redlock", lang, |app| holders(app) == 2);
        let screen = draw(&app, 80, 24);
        let strip = strip_rows(&screen).join("\n");
        for master in ["R1 C1", "R2 C1", "R3 C2", "R4 C2", "R5 C2"] {
            assert!(strip.contains(master), "{master}:\n{screen}");
        }
        assert!(strip.contains("C1 1000 − "), "C1's sum:\n{screen}");
        assert!(strip.contains("C2 1000 − "), "C2's sum:\n{screen}");
        assert!(strip.contains("C1 ■"), "C1's row:\n{screen}");
        assert!(strip.contains("C2 ■"), "C2's row:\n{screen}");
    }
}

/// The cluster picture's rows of a screen: from under its title to the
/// strip's title, the column on the right cut off.
fn picture_rows(screen: &str) -> Vec<String> {
    screen
        .lines()
        .skip(2)
        .take_while(|l| !l.contains("time-line") && !l.contains("时间线"))
        .map(|l| l.split('│').next().unwrap_or_default().to_owned())
        .collect()
}

fn zk_nodes(app: &App<Lock>) -> usize {
    app.sim()
        .nodes()
        .iter()
        .find_map(|n| match &n.part {
            Part::Zk(z) => Some(z.nodes.len()),
            _ => None,
        })
        .unwrap_or_default()
}

#[test]
fn zookeeper_at_80x24_keeps_each_session_bar_and_every_watch_whole() {
    for lang in [Lang::En, Lang::Zh] {
        // C1 holds; then C2, C3 and C4 queue behind it.
        let mut app = lesson_until("locks-6-zookeeper", lang, |app| holders(app) == 1);
        key(&mut app, '\n');
        let answer = app.tutor().expect("open").run().step().question.as_ref();
        let answer = answer.map_or(1, |q| q.answer);
        key(
            &mut app,
            char::from_digit(answer as u32, 10).expect("a digit"),
        );
        key(&mut app, ' ');
        for _ in 0..2_000 {
            if zk_nodes(&app) == 4
                && app
                    .sim()
                    .nodes()
                    .iter()
                    .filter_map(|n| n.client())
                    .filter(|c| c.watching.is_some())
                    .count()
                    == 3
            {
                break;
            }
            app.update(Action::Tick(Duration::from_millis(10)));
        }
        assert_eq!(zk_nodes(&app), 4, "four lock nodes");
        let screen = draw(&app, 80, 24);
        let strip = strip_rows(&screen).join("\n");
        for watch in ["lock-2 ◎1", "lock-3 ◎2", "lock-4 ◎3"] {
            assert!(strip.contains(watch), "{watch}:\n{screen}");
        }
        let picture = picture_rows(&screen);
        for client in ["C1", "C2", "C3", "C4"] {
            let row = picture
                .iter()
                .find(|r| r.contains(&format!("{client} ")))
                .unwrap_or_else(|| panic!("{client}'s label:\n{screen}"));
            assert!(
                row.contains('▰') || row.contains('▱'),
                "{client}'s session bar:\n{screen}"
            );
        }
    }
}

#[test]
fn a_paused_client_keeps_its_pause_on_its_own_row() {
    let text = "Scenario(seed: 1, cluster: Lock((clients: 4, service: ZooKeeper(()), auto: false)),
        actions: [
          (at_ms: 100, do: Acquire(Client(1))),
          (at_ms: 150, do: Acquire(Client(2))),
          (at_ms: 300, do: Pause(Client(1), 1500)),
        ])";
    let scenario = Scenario::parse(text, Path::new("pause.ron")).expect("parses");
    let mut app = open(scenario, Lang::En);
    app.update(Action::Jump(1));
    assert!(app.sim().status(distlab::sim::NodeId(0)) != distlab::sim::NodeStatus::Up);
    let screen = draw(&app, 80, 24);
    let picture = picture_rows(&screen);
    let c1 = picture.iter().position(|r| r.contains("C1 ")).expect("C1");
    assert!(picture[c1].contains("⏸"), "C1's pause beside it:\n{screen}");
    for client in ["C2 ◌", "C3 ·", "C4 ·"] {
        assert!(
            picture.iter().any(|r| r.contains(client)),
            "{client} whole:\n{screen}"
        );
    }
}
