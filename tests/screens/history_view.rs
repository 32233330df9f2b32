//! The history view (`distlab history view FILE`): lanes, the verdict,
//! where operations took effect, the explanation's operations, and keys
//! that pan, zoom and scroll, at any size.

use distlab::app::{ClusterScreen, HistoryAction, HistoryView, Settings};
use distlab::history;
use distlab::units::Lang;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::Terminal;

fn view(file: &str, lang: Lang) -> HistoryView {
    let path = format!("{}/assets/histories/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("reads");
    let settings = Settings {
        lang,
        ..Settings::defaults()
    };
    HistoryView::new(
        file.to_owned(),
        history::read(&text).expect("a history"),
        settings,
    )
}

fn draw(view: &HistoryView, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal
        .draw(|f| ClusterScreen::render(view, f.area(), f.buffer_mut()))
        .expect("draws");
    format!("{}", terminal.backend())
}

#[test]
fn a_linearizable_history_marks_where_each_operation_took_effect() {
    let v = view("register.edn", Lang::En);
    insta::assert_snapshot!("history_ok_80x24", draw(&v, 80, 24));
    let screen = draw(&v, 160, 48);
    assert!(
        screen.contains("history register.edn · linearizable"),
        "{screen}"
    );
    assert!(screen.contains('●'), "{screen}");
    insta::assert_snapshot!("history_ok_160x48", screen);
}

#[test]
fn a_stale_read_shows_its_explanation_in_both_languages() {
    let en = view("stale-read.jsonl", Lang::En);
    let screen = draw(&en, 80, 24);
    assert!(screen.contains("not linearizable"), "{screen}");
    assert!(screen.contains("C2 read x = 1 at 2.31 s"), "{screen}");
    insta::assert_snapshot!("history_stale_80x24", screen);
    let zh = view("stale-read.jsonl", Lang::Zh);
    let screen = draw(&zh, 160, 48);
    assert!(screen.contains("不可线性化"), "{screen}");
    insta::assert_snapshot!("history_stale_zh_160x48", screen);
}

#[test]
fn the_explanations_operations_are_drawn_in_the_alarm_colour() {
    let v = view("stale-read.jsonl", Lang::En);
    let mut buf = Buffer::empty(Rect::new(0, 0, 100, 20));
    ClusterScreen::render(&v, buf.area, &mut buf);
    let bad = v.settings.theme.bad;
    let lane = |label: &str| {
        (0..buf.area.height)
            .find(|&y| buf[(0, y)].symbol() == &label[..1] && buf[(1, y)].symbol() == &label[1..2])
            .expect("a lane")
    };
    let red_in = |y: u16| {
        (0..buf.area.width)
            .filter(|&x| buf[(x, y)].fg == bad)
            .count()
    };
    // C1's write and C2's read are named; C3's write of 1 is the value read.
    assert!(red_in(lane("C1")) > 0, "C1's write of 2");
    assert!(red_in(lane("C2")) > 0, "C2's stale read");
}

#[test]
fn keys_pan_zoom_and_scroll_within_the_history() {
    let mut v = view("register.edn", Lang::En);
    let whole = v.span;
    v.update(HistoryAction::Zoom(true));
    assert_eq!(v.span, whole / 2.0);
    v.update(HistoryAction::Pan(100));
    assert_eq!(
        v.from,
        f64::from(v.events() as u32) - v.span,
        "panned to the end, no further"
    );
    v.update(HistoryAction::Pan(-100));
    assert_eq!(v.from, 0.0);
    for _ in 0..10 {
        v.update(HistoryAction::Zoom(true));
    }
    assert!(v.span >= 4.0, "never closer than four events: {}", v.span);
    v.update(HistoryAction::Whole);
    assert_eq!((v.from, v.span), (0.0, whole));
    v.update(HistoryAction::Lanes(50));
    assert_eq!(v.top, v.clients.len() - 1);
    v.update(HistoryAction::Lanes(-50));
    assert_eq!(v.top, 0);
    v.update(HistoryAction::Quit);
    assert!(ClusterScreen::should_quit(&v));
}

#[test]
fn the_view_draws_at_every_size_without_panicking() {
    for file in ["register.edn", "stale-read.jsonl", "kv.edn"] {
        let mut v = view(file, Lang::Zh);
        for (w, h) in [
            (1, 1),
            (19, 5),
            (20, 6),
            (21, 7),
            (40, 8),
            (80, 24),
            (300, 90),
        ] {
            draw(&v, w, h);
            v.update(HistoryAction::Zoom(true));
            v.update(HistoryAction::Pan(3));
            draw(&v, w, h);
        }
    }
}

#[test]
fn more_clients_than_rows_say_which_are_shown() {
    let mut v = view("register.edn", Lang::En);
    let screen = draw(&v, 80, 7);
    assert!(screen.contains("clients 1–2 of 3 (↑↓)"), "{screen}");
    v.update(HistoryAction::Lanes(1));
    let screen = draw(&v, 80, 7);
    assert!(screen.contains("clients 2–3 of 3 (↑↓)"), "{screen}");
    assert!(
        !draw(&v, 80, 24).contains("of 3"),
        "all fit: nothing to say"
    );
}

#[test]
fn a_write_that_timed_out_shows_where_its_client_gave_up_and_that_it_took_effect_later() {
    let v = view("late-write.edn", Lang::En);
    let screen = draw(&v, 80, 24);
    let lane = screen
        .lines()
        .find(|l| l.starts_with("\"p1"))
        .expect("p1's lane");
    let (gave_up, took_effect) = (lane.find('?').expect("a ?"), lane.find('●').expect("a ●"));
    assert!(
        gave_up < took_effect,
        "it took effect after its client gave up: {lane}"
    );
    assert!(lane.contains("┄"), "its bar runs on: {lane}");
}

/// A Raft cluster with client processes, at the time `ms`, in `lang`.
fn clients_app(
    preset: &str,
    ms: u64,
    lang: Lang,
) -> distlab::app::App<distlab::protocols::raft::Raft> {
    use distlab::app::{App, SandboxOptions};
    let path = format!("{}/assets/scenarios/{preset}", env!("CARGO_MANIFEST_DIR"));
    let scenario = distlab::scenario::Scenario::load(std::path::Path::new(&path)).expect("loads");
    let options = SandboxOptions {
        nodes: 5,
        seed: scenario.seed,
        scenario: Some(scenario),
        save_dir: std::env::temp_dir().join("distlab-never-saved"),
    };
    let settings = Settings {
        lang,
        ..Settings::defaults()
    };
    let mut app = App::new(&options, settings);
    while app.sim().now() < distlab::sim::ms(ms) {
        app.update(distlab::app::Action::StepForward);
    }
    app
}

fn app_text(app: &distlab::app::App<distlab::protocols::raft::Raft>, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    terminal
        .draw(|f| f.render_widget(app, f.area()))
        .expect("draws");
    format!("{}", terminal.backend())
}

/// `v` reaches the clients' history after the space-time view; it shows
/// the stale read the monitor caught, and stepping back before that read
/// takes it away again.
#[test]
fn the_clients_view_follows_the_run_and_its_rewinds() {
    use distlab::app::{Action, View};
    let mut app = clients_app("reads-leader-local.ron", 4_600, Lang::En);
    app.update(Action::ToggleView);
    app.update(Action::ToggleView);
    assert_eq!(app.view(), View::Clients);
    let screen = app_text(&app, 160, 48);
    assert!(
        screen.contains("history C1 C2 · not linearizable"),
        "{screen}"
    );
    assert!(screen.contains("C1 read x = 1 at 4.50 s"), "{screen}");
    insta::assert_snapshot!("clients_stale_160x48", screen);
    insta::assert_snapshot!("clients_stale_80x24", app_text(&app, 80, 24));
    while app.sim().now() > distlab::sim::ms(4_000) {
        app.update(Action::StepBack);
    }
    let screen = app_text(&app, 160, 48);
    assert!(screen.contains("history C1 C2 · linearizable"), "{screen}");
    app.update(Action::ToggleView);
    assert_eq!(app.view(), View::Cluster);
    let zh = clients_app("reads-leader-local.ron", 4_600, Lang::Zh);
    let mut zh = zh;
    zh.update(Action::ToggleView);
    zh.update(Action::ToggleView);
    let screen = app_text(&zh, 160, 48);
    assert!(screen.contains("不可线性化"), "{screen}");
    insta::assert_snapshot!("clients_stale_zh_160x48", screen);
}

/// Without client processes, `v` goes from the space-time view back to
/// the ring.
#[test]
fn a_cluster_without_clients_has_no_clients_view() {
    use distlab::app::{Action, View};
    let mut app = clients_app("leader-crash.ron", 100, Lang::En);
    app.update(Action::ToggleView);
    app.update(Action::ToggleView);
    assert_eq!(app.view(), View::Cluster);
}

/// A selected client has no row in the logs: the rows stay on the
/// servers, all five at 80×24, and the inspector shows the client.
#[test]
fn selecting_a_client_keeps_the_servers_rows_in_the_logs() {
    use distlab::app::Action;
    let mut app = clients_app("reads-workload.ron", 1_000, Lang::En);
    for _ in 0..7 {
        app.update(Action::NextNode);
    }
    assert_eq!(app.selected(), distlab::sim::NodeId(7), "C3");
    let screen = app_text(&app, 80, 24);
    for row in ["\"S1 ", "\"S2 ", "\"S3 ", "\"S4 ", "\"S5 "] {
        assert!(screen.contains(row), "{row:?} missing:\n{screen}");
    }
    assert!(screen.contains("C3 · client process"), "{screen}");
}
