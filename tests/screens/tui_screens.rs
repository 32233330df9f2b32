//! What the screen shows, as text snapshots (`tests/screens/snapshots/`).
//!
//! Every scene is reached through actions only, from a fixed seed, so the
//! pictures are the same on every machine.

use std::time::Duration;

use crossterm::event::KeyCode;

use distlab::app::{Action, Settings};
use distlab::protocols::lock::Lock;
use distlab::protocols::raft::Raft;
use distlab::protocols::Setup;
use distlab::scenario::Scenario;
use distlab::ui::Screen;
use insta::assert_snapshot;

use crate::support::screen::{draw, key, key_code, keys, play, region, render, sandbox};
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

type App = distlab::app::App<Raft>;
type SandboxOptions = distlab::app::SandboxOptions<Raft>;

fn app(nodes: usize, seed: u64) -> App {
    sandbox(nodes, seed)
}

/// A cluster with a leader, two committed writes and one in flight.
fn busy_cluster(nodes: usize) -> App {
    let mut app = app(nodes, 42);
    play(&mut app, 300);
    keys(&mut app, "Lww");
    play(&mut app, 100);
    keys(&mut app, "w");
    play(&mut app, 0);
    app.update(Action::Tick(Duration::from_millis(60)));
    keys(&mut app, " ");
    app
}

#[test]
fn main_screen_80x24() {
    let app = busy_cluster(5);
    assert_snapshot!("main_80x24", draw(&app, 80, 24));
}

#[test]
fn main_screen_160x48() {
    let mut app = busy_cluster(9);
    keys(&mut app, "L");
    assert_snapshot!("main_160x48", draw(&app, 160, 48));
}

#[test]
fn faults_are_visible_without_colour() {
    let mut app = busy_cluster(5);
    keys(&mut app, "2x3p4z");
    assert_snapshot!("faults_100x30", draw(&app, 100, 30));
}

#[test]
fn inspector_of_the_leader() {
    let mut app = busy_cluster(5);
    keys(&mut app, "L");
    let backend = render(&app, 100, 30).backend().clone();
    let screen = Screen::new(Rect::new(0, 0, 100, 30), 5);
    assert_snapshot!("inspector_leader", region(&backend, screen.inspector));
}

#[test]
fn inspector_of_a_candidate() {
    let mut app = app(5, 42);
    play(&mut app, 30);
    keys(&mut app, " ");
    // Step until some node stands for election.
    for _ in 0..500 {
        if app
            .sim()
            .nodes()
            .iter()
            .filter_map(distlab::protocols::raft::RaftMember::server)
            .any(|n| n.role.letter() == 'C')
        {
            break;
        }
        keys(&mut app, "n");
    }
    let candidate = app
        .sim()
        .nodes()
        .iter()
        .position(|n| n.server().is_some_and(|s| s.role.letter() == 'C'))
        .expect("a candidate");
    keys(&mut app, &(candidate + 1).to_string());
    let backend = render(&app, 100, 30).backend().clone();
    let screen = Screen::new(Rect::new(0, 0, 100, 30), 5);
    assert_snapshot!("inspector_candidate", region(&backend, screen.inspector));
}

#[test]
fn space_time_view() {
    let mut app = busy_cluster(5);
    keys(&mut app, "v");
    assert_snapshot!("space_time_120x36", draw(&app, 120, 36));
}

#[test]
fn pick_mode() {
    let mut app = busy_cluster(3);
    keys(&mut app, "m");
    key_code(&mut app, KeyCode::Tab);
    assert_snapshot!("pick_mode_100x30", draw(&app, 100, 30));
}

#[test]
fn help_overlay() {
    let mut app = app(5, 42);
    keys(&mut app, "?");
    assert_snapshot!("help_80x24", draw(&app, 80, 24));
}

#[test]
fn too_small_window() {
    let app = app(5, 42);
    assert_snapshot!("too_small_60x20", draw(&app, 60, 20));
    let tiny = draw(&app, 10, 3);
    assert!(tiny.contains("distlab"));
}

#[test]
fn nine_nodes_fit_the_smallest_screen() {
    let app = busy_cluster(9);
    assert_snapshot!("main_80x24_nine_nodes", draw(&app, 80, 24));
}

#[test]
fn no_color_draws_without_any_colour() {
    let options = SandboxOptions {
        nodes: 5,
        seed: 42,
        scenario: None,
        save_dir: std::env::temp_dir().join("distlab-never-saved"),
    };
    let settings = Settings::load_from(None, true, None);
    let mut app = App::new(&options, settings);
    play(&mut app, 300);
    keys(&mut app, "2x");
    for scene in ["", "v", "?"] {
        keys(&mut app, scene);
        let backend = render(&app, 120, 36).backend().clone();
        let buffer = backend.buffer();
        for cell in buffer.content() {
            assert_eq!(cell.fg, ratatui::style::Color::Reset, "{cell:?}");
            assert_eq!(cell.bg, ratatui::style::Color::Reset, "{cell:?}");
        }
    }
}

#[test]
fn colour_is_used_by_default() {
    let app = busy_cluster(5);
    let backend = render(&app, 120, 36).backend().clone();
    assert!(backend
        .buffer()
        .content()
        .iter()
        .any(|c| c.fg != ratatui::style::Color::Reset));
}

#[test]
fn a_cluster_larger_than_the_picture_says_so_instead_of_drawing_a_tangle() {
    let mut app = app(25, 1);
    play(&mut app, 20);
    let screen = draw(&app, 160, 48);
    assert!(
        screen.contains("this cluster has 25 members; the picture draws at most 9"),
        "{screen}"
    );
    keys(&mut app, "v");
    let screen = draw(&app, 160, 48);
    assert!(screen.contains("the picture draws at most 9"), "{screen}");
    app.update(Action::Click(40, 10));
    assert_eq!(app.selected().number(), 1, "nothing drawn, nothing clicked");
}

#[test]
fn presenter_mode_at_160x48_and_220x60() {
    let mut app = busy_cluster(5);
    keys(&mut app, "P3p");
    assert!(app.is_presenting());
    assert_snapshot!("present_160x48", draw(&app, 160, 48));
    assert_snapshot!("present_220x60", draw(&app, 220, 60));
    keys(&mut app, "P");
    assert!(!app.is_presenting(), "P switches it off again");
}

#[test]
fn a_click_on_a_presenter_box_selects_its_node() {
    let mut app = busy_cluster(5);
    keys(&mut app, "P1");
    app.update(Action::Resize(160, 48));
    let backend = render(&app, 160, 48).backend().clone();
    let buffer = backend.buffer();
    let (col, row) = (0..48u16)
        .flat_map(|y| (0..160u16).map(move |x| (x, y)))
        .find(|&(x, y)| {
            (0..2).all(|i| buffer[(x + i, y)].symbol() == ["S", "3"][i as usize])
                && buffer[(x + 2, y)].symbol() == " "
                && buffer[(x.saturating_sub(1), y)].symbol() == "│"
        })
        .expect("S3's box on screen");
    app.update(Action::Click(col + 4, row + 1));
    assert_eq!(app.selected(), distlab::sim::NodeId(2));
}

#[test]
fn presenter_mode_never_panics_at_any_size() {
    let mut app = busy_cluster(9);
    keys(&mut app, "P");
    for (w, h) in [
        (80, 24),
        (81, 25),
        (100, 30),
        (300, 24),
        (80, 100),
        (400, 120),
    ] {
        let text = format!("{:?}", render(&app, w, h).backend().buffer());
        assert!(text.contains("presenter"), "{w}×{h}");
    }
}

#[test]
fn the_sandbox_in_chinese() {
    let options = SandboxOptions {
        nodes: 5,
        seed: 42,
        scenario: None,
        save_dir: std::env::temp_dir().join("distlab-never-saved"),
    };
    let settings = Settings {
        lang: distlab::units::Lang::Zh,
        ..Settings::defaults()
    };
    let mut app = App::new(&options, settings);
    assert_eq!(app.status().map(|s| s.text.as_str()), Some("按 ? 查看帮助"));
    play(&mut app, 300);
    keys(&mut app, "Lw 3x");
    assert_snapshot!("sandbox_zh_120x36", draw(&app, 120, 36));
    keys(&mut app, "?");
    assert_snapshot!("help_zh_120x36", draw(&app, 120, 36));
}

/// The last row of a drawn screen: the status line.
fn status_line(backend: &TestBackend) -> String {
    let area = backend.buffer().area;
    region(backend, Rect::new(0, area.height - 1, area.width, 1))
}

/// The naive lock of `assets/scenarios/lock-redis-naive.ron`, played until
/// `until` holds of it.
fn naive_lock(until: impl Fn(&distlab::app::App<Lock>) -> bool) -> distlab::app::App<Lock> {
    let text = include_str!("../../assets/scenarios/lock-redis-naive.ron");
    let scenario: Scenario<Lock> =
        Scenario::parse(text, std::path::Path::new("naive.ron")).expect("parses");
    let options = distlab::app::SandboxOptions::<Lock> {
        nodes: Lock::nodes(&scenario.cluster.0),
        seed: scenario.seed,
        scenario: Some(scenario),
        save_dir: std::env::temp_dir().join("distlab-never-saved"),
    };
    let mut app = distlab::app::App::new(&options, Settings::defaults());
    for _ in 0..20_000 {
        if until(&app) {
            return app;
        }
        app.update(Action::Tick(Duration::from_millis(50)));
    }
    panic!("never got there");
}

#[test]
fn a_warning_shows_on_the_monitor_line_in_amber() {
    let app = naive_lock(|app| !app.sim().warnings().is_empty());
    assert!(app.violation().is_none(), "only a warning so far");
    let backend = render(&app, 80, 24).backend().clone();
    let status = status_line(&backend);
    assert!(status.starts_with(" ⚠ Two holders at event #"), "{status}");
    assert!(!status.contains("all invariants hold"), "{status}");
    let cell = &backend.buffer()[(1, 23)];
    assert_eq!(
        cell.bg,
        ratatui::style::Color::LightYellow,
        "amber: {cell:?}"
    );
}

#[test]
fn a_violation_keeps_its_name_and_leaves_a_message_whole_at_80x24() {
    let mut app = naive_lock(|app| app.violation().is_some());
    let status = status_line(render(&app, 80, 24).backend());
    assert!(
        status.starts_with(" ✗ Lost Update broken at event #"),
        "{status}"
    );
    key(&mut app, '9');
    let status = status_line(render(&app, 80, 24).backend());
    assert!(status.starts_with(" ✗ Lost Update"), "{status}");
    assert!(
        status
            .trim_end()
            .ends_with("there is no member 9 in this cluster"),
        "the message stays whole: {status}"
    );
}

#[test]
fn presenter_mode_says_when_its_boxes_do_not_fit_instead_of_overlapping_them() {
    let mut app = busy_cluster(5);
    keys(&mut app, "P");
    let screen = draw(&app, 80, 24);
    assert!(
        screen.contains("presenter: boxes need a larger window"),
        "{screen}"
    );
    assert!(!screen.contains('╭') && !screen.contains('╔'), "{screen}");
    assert!(
        screen.contains("S3 F t1"),
        "the plain picture instead: {screen}"
    );
    let screen = draw(&app, 160, 48);
    assert_eq!(screen.matches(['╭', '╔']).count(), 5, "{screen}");
    assert!(!screen.contains("boxes need"), "{screen}");
}

#[test]
fn a_partition_draws_its_sides_and_no_link_across() {
    let mut app = busy_cluster(5);
    keys(&mut app, "3p");
    let backend = render(&app, 100, 30).backend().clone();
    let main = Screen::new(Rect::new(0, 0, 100, 30), 5).main;
    let buffer = backend.buffer();
    let cells = (main.top() + 1..main.bottom())
        .flat_map(|y| (main.left()..main.right()).map(move |x| (x, y)));
    let braille = |at: (u16, u16)| {
        buffer[at]
            .symbol()
            .chars()
            .all(|c| ('\u{2801}'..='\u{28ff}').contains(&c))
    };
    let cut = ratatui::style::Color::Red;
    assert!(
        cells
            .clone()
            .all(|at| !(braille(at) && buffer[at].fg == cut)),
        "no dotted link across the cut:\n{}",
        region(&backend, main)
    );
    let link = ratatui::style::Color::Gray;
    let links = cells
        .filter(|&at| braille(at) && buffer[at].fg == link)
        .count();
    assert!(
        links > 20,
        "the links of the other four are drawn:\n{}",
        region(&backend, main)
    );
}

#[test]
fn the_space_time_view_holds_a_whole_election_at_80x24() {
    let mut app = busy_cluster(5);
    keys(&mut app, "v");
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("last 600ms"), "{screen}");
    assert!(screen.contains("-600ms"), "{screen}");
}
