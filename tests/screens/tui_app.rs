//! Key sequences in, application state out.

use crate::support::screen;

use std::path::PathBuf;
use std::time::Duration;

use crate::support::screen::squeezed;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};
use distlab::app::{Action, Fate, Gear, Mode, Pace, Settings, View};
use distlab::protocols::raft::Raft;
use distlab::sim::{NodeId, NodeStatus};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

type App = distlab::app::App<Raft>;
type SandboxOptions = distlab::app::SandboxOptions<Raft>;

type Scenario = distlab::scenario::Scenario<Raft>;

/// A scratch folder that removes itself, also when a test fails.
fn scratch() -> tempfile::TempDir {
    tempfile::tempdir().expect("a scratch folder")
}

fn app_in(nodes: usize, seed: u64, save_dir: PathBuf) -> App {
    let options = SandboxOptions {
        nodes,
        seed,
        scenario: None,
        save_dir,
    };
    App::new(&options, Settings::defaults())
}

fn app(nodes: usize, seed: u64) -> App {
    // Never saved into: the folder is gone before anything could be.
    app_in(nodes, seed, scratch().path().join("unused"))
}

fn key(app: &mut App, code: KeyCode) {
    app.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn keys(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

/// Lets real time pass in 200ms frames until `done` holds.
fn play_until(app: &mut App, what: &str, done: impl Fn(&App) -> bool) {
    for _ in 0..2_000 {
        if done(app) {
            return;
        }
        app.update(Action::Tick(Duration::from_millis(200)));
    }
    panic!("gave up waiting for {what}");
}

fn leader(app: &App) -> Option<NodeId> {
    app.sim().leader()
}

#[test]
fn l_then_x_crashes_the_leader_and_x_again_restarts_it() {
    let mut app = app(5, 7);
    play_until(&mut app, "a leader", |a| leader(a).is_some());
    let first = leader(&app).expect("a leader");
    keys(&mut app, "Lx");
    assert_eq!(app.selected(), first);
    assert_eq!(app.sim().status(first), NodeStatus::Crashed);
    let newest = app.feed().newest_first().next().expect("an entry");
    assert_eq!(newest.headline, format!("{first} crashes"));
    play_until(&mut app, "a new leader", |a| {
        leader(a).is_some_and(|l| l != first)
    });
    key(&mut app, KeyCode::Char('x'));
    assert_eq!(app.sim().status(first), NodeStatus::Up);
    assert!(app.violation().is_none());
}

#[test]
fn key_releases_do_nothing() {
    let mut app = app(3, 1);
    let release = KeyEvent {
        code: KeyCode::Char('x'),
        modifiers: KeyModifiers::NONE,
        kind: KeyEventKind::Release,
        state: KeyEventState::NONE,
    };
    app.handle_event(&Event::Key(release));
    assert_eq!(app.sim().status(NodeId(0)), NodeStatus::Up);
}

#[test]
fn picking_a_message_and_dropping_it() {
    let mut app = app(3, 3);
    play_until(&mut app, "a message in flight", |a| {
        !a.in_flight().is_empty()
    });
    keys(&mut app, "m");
    assert!(!app.is_playing(), "picking pauses the picture");
    let Some(picked) = app.picked() else {
        panic!("m enters pick mode");
    };
    assert_eq!(Some(picked), app.in_flight().first().map(|m| m.id));
    keys(&mut app, "d");
    assert!(
        app.sim().message(picked).is_none(),
        "the picked message is gone"
    );
    let newest = app.feed().newest_first().next().expect("an entry");
    assert!(
        newest.headline.ends_with("dropped: dropped by you"),
        "{}",
        newest.headline
    );
    assert_eq!(app.trails().flashes().len(), 1, "the drop flashes");
    let trail = app
        .trails()
        .trails()
        .find(|t| t.id == picked)
        .expect("trail");
    assert_eq!(trail.fate, Fate::Dropped);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), &Mode::Normal);
}

#[test]
fn delaying_a_picked_message_moves_its_delivery() {
    let mut app = app(3, 3);
    play_until(&mut app, "a message in flight", |a| {
        !a.in_flight().is_empty()
    });
    keys(&mut app, "m");
    let Some(picked) = app.picked() else {
        panic!("m enters pick mode");
    };
    let before = app.sim().message(picked).expect("in flight").deliver_at;
    keys(&mut app, "+");
    let after = app
        .sim()
        .message(picked)
        .expect("still in flight")
        .deliver_at;
    assert_eq!(after, before + 100_000);
}

#[test]
fn brackets_scale_the_pace_and_f_switches_to_a_fixed_speed() {
    let mut app = app(3, 1);
    assert_eq!(app.pace(), Pace::Adaptive { level: 0 });
    keys(&mut app, "]");
    assert_eq!(app.pace(), Pace::Adaptive { level: 1 });
    assert_eq!(
        app.status().map(|s| s.text.as_str()),
        Some("adaptive pace: slow motion ×0.015 while messages fly, fast forward ×0.5 while only timers run")
    );
    keys(&mut app, "[f");
    assert_eq!(app.gear(), Gear::Fixed(0.05));
    assert_eq!(
        app.status().map(|s| s.text.as_str()),
        Some("fixed speed ×0.05")
    );
    keys(&mut app, &"]".repeat(30));
    assert_eq!(app.gear(), Gear::Fixed(1000.0));
    keys(&mut app, &"[".repeat(30));
    assert_eq!(app.gear(), Gear::Fixed(0.001));
    keys(&mut app, "f");
    assert_eq!(app.pace(), Pace::Adaptive { level: 0 });
}

#[test]
fn a_fixed_speed_scales_simulated_time() {
    let mut app = app(3, 1);
    keys(&mut app, "f");
    app.update(Action::Tick(Duration::from_secs(2)));
    assert_eq!(app.sim().now(), 100_000, "2s at ×0.05 is 100ms");
    keys(&mut app, "]");
    app.update(Action::Tick(Duration::from_secs(2)));
    assert_eq!(app.sim().now(), 300_000, "then 2s at ×0.1 is 200ms more");
    keys(&mut app, " ");
    app.update(Action::Tick(Duration::from_secs(2)));
    assert_eq!(app.sim().now(), 300_000, "paused: time stands still");
}

/// Plays 25 ms frames until `done` holds; the simulated time each frame
/// moved, largest first.
fn frames_until(app: &mut App, what: &str, done: impl Fn(&App) -> bool) -> Vec<u64> {
    let mut moved: Vec<u64> = Vec::new();
    for _ in 0..20_000 {
        if done(app) {
            moved.sort_unstable_by(|a, b| b.cmp(a));
            return moved;
        }
        let before = app.sim().now();
        app.update(Action::Tick(FRAME));
        moved.push(app.sim().now() - before);
    }
    panic!("gave up waiting for {what}");
}

const FRAME: Duration = Duration::from_millis(25);

#[test]
fn messages_in_flight_play_in_slow_motion_and_quiet_time_fast_forward() {
    let mut app = app(3, 1);
    assert!(app.in_flight().is_empty());
    assert_eq!(app.gear(), Gear::FastForward(0.25));
    app.update(Action::Tick(FRAME));
    assert_eq!(app.sim().now(), 6_250, "25 ms of quiet at ×0.25");
    frames_until(&mut app, "a message in flight", |a| {
        !a.in_flight().is_empty()
    });
    assert_eq!(
        app.gear(),
        Gear::SlowMotion(0.0075),
        "a 7.5 ms hop takes a second"
    );
    let before = app.sim().now();
    app.update(Action::Tick(FRAME));
    let moved = app.sim().now() - before;
    assert!(moved <= 188, "one frame of slow motion moved {moved} µs");
    // Watching the first election: it takes many frames, none of which
    // moves more than a frame's worth of fast forward.
    let mut app = self::app(5, 7);
    let moved = frames_until(&mut app, "a leader", |a| leader(a).is_some());
    assert!(
        moved.len() > 100,
        "the election took {} frames",
        moved.len()
    );
    assert!(moved[0] <= 6_250, "a frame moved {} µs", moved[0]);
}

#[test]
fn resuming_goes_on_where_the_clock_stopped() {
    let mut app = app(3, 1);
    frames_until(&mut app, "a message in flight", |a| {
        !a.in_flight().is_empty()
    });
    keys(&mut app, " ");
    let paused_at = app.sim().now();
    for _ in 0..120 {
        app.update(Action::Tick(FRAME));
    }
    assert_eq!(app.sim().now(), paused_at, "three seconds paused");
    keys(&mut app, " ");
    app.update(Action::Tick(FRAME));
    let moved = app.sim().now() - paused_at;
    assert!(
        moved <= 6_250,
        "the first frame after resuming moved {moved} µs"
    );
}

#[test]
fn stepping_back_is_exact_and_acting_then_forks() {
    let mut app = app(5, 11);
    play_until(&mut app, "a leader", |a| leader(a).is_some());
    // Pause, and step once so the clock sits on an event.
    keys(&mut app, " n");
    let before = app.sim().events_processed();
    let terms = |a: &App| {
        a.sim()
            .nodes()
            .iter()
            .filter_map(distlab::protocols::raft::RaftMember::server)
            .map(|n| (n.current_term, n.log.last_index()))
            .collect::<Vec<_>>()
    };
    let state_before = (terms(&app), app.sim().now());
    keys(&mut app, "nnnn");
    assert_eq!(app.sim().events_processed(), before + 4);
    for _ in 0..4 {
        key(&mut app, KeyCode::Left);
    }
    assert_eq!(app.sim().events_processed(), before);
    assert_eq!((terms(&app), app.sim().now()), state_before);
    assert!(app.is_rewound());
    assert_eq!(app.frontier().0, before + 4);
    assert!(
        app.feed().newest_first().all(|i| i.event <= before),
        "the feed is cut back too"
    );

    // Acting here forks: the old future is forgotten.
    keys(&mut app, "2t");
    assert!(!app.is_rewound());
    assert_eq!(app.frontier().0, app.sim().events_processed());
    assert_eq!(app.sim().events_processed(), before + 1);
    let typed: Vec<_> = app.sim().script().iter().filter(|s| s.by_user).collect();
    assert_eq!(typed.len(), 1);
    assert!(app
        .status()
        .is_some_and(|s| s.text.starts_with("history forked")));
}

#[test]
fn isolate_rejoin_pause_and_heal() {
    let mut app = app(3, 5);
    app.update(Action::Tick(Duration::from_secs(1)));
    keys(&mut app, "3p");
    assert!(app.sim().is_isolated(NodeId(2)));
    keys(&mut app, "p");
    assert!(!app.sim().is_isolated(NodeId(2)));
    keys(&mut app, "pz");
    assert!(matches!(
        app.sim().status(NodeId(2)),
        NodeStatus::Paused { .. }
    ));
    keys(&mut app, "h");
    assert!(!app.sim().is_isolated(NodeId(2)));
}

#[test]
fn a_client_write_reaches_the_leader_log() {
    let mut app = app(3, 9);
    play_until(&mut app, "a leader", |a| leader(a).is_some());
    let l = leader(&app).expect("leader");
    let before = app
        .sim()
        .node(l)
        .server()
        .expect("a server")
        .log
        .last_index();
    keys(&mut app, "Lw");
    assert_eq!(
        app.sim()
            .node(l)
            .server()
            .expect("a server")
            .log
            .last_index(),
        before + 1
    );
    play_until(&mut app, "the write committed", |a| {
        a.sim().node(l).server().expect("a server").commit_index > before
    });
}

#[test]
fn w_writes_to_the_selected_node_so_a_stale_leader_takes_a_write() {
    let mut app = app(5, 9);
    play_until(&mut app, "a leader", |a| leader(a).is_some());
    let old = leader(&app).expect("leader");
    // A follower passes the write on to the leader it knows.
    let follower = NodeId::all(5).find(|&n| n != old).expect("a follower");
    play_until(&mut app, "the follower knows the leader", |a| {
        a.sim()
            .node(follower)
            .server()
            .expect("a server")
            .leader_hint
            == Some(old)
    });
    key(&mut app, KeyCode::Char(char::from(b'1' + follower.0)));
    assert_eq!(app.selected(), follower);
    keys(&mut app, "w");
    assert_eq!(
        app.sim()
            .node(follower)
            .server()
            .expect("a server")
            .log
            .last_index(),
        0,
        "{:?}",
        app.status()
    );
    play_until(&mut app, "the forwarded write committed", |a| {
        a.sim().node(old).server().expect("a server").commit_index == 1
    });
    // Cut off, the old leader still takes a write into its own log, and
    // the majority elects a new leader in a later term.
    keys(&mut app, "L");
    keys(&mut app, "p");
    play_until(&mut app, "a new leader", |a| {
        a.sim()
            .nodes()
            .iter()
            .filter_map(distlab::protocols::raft::RaftMember::server)
            .any(|n| {
                n.current_term > a.sim().node(old).server().expect("a server").current_term
                    && n.role == distlab::protocols::raft::Role::Leader
            })
    });
    assert_eq!(app.selected(), old);
    keys(&mut app, "w");
    let stale = app.sim().node(old).server().expect("a server");
    assert_eq!(stale.role, distlab::protocols::raft::Role::Leader);
    assert_eq!(stale.log.last_index(), 2, "the stale leader appended it");
    assert_eq!(stale.commit_index, 1, "and cannot commit it");
}

#[test]
fn help_swallows_keys_until_closed() {
    let mut app = app(3, 1);
    keys(&mut app, "?x");
    assert!(app.help_open());
    assert_eq!(app.sim().status(NodeId(0)), NodeStatus::Up);
    key(&mut app, KeyCode::Esc);
    assert!(!app.help_open());
    keys(&mut app, "x");
    assert_eq!(app.sim().status(NodeId(0)), NodeStatus::Crashed);
    keys(&mut app, "?");
    app.handle_event(&Event::Key(KeyEvent::new(
        KeyCode::Char('c'),
        KeyModifiers::CONTROL,
    )));
    assert!(
        app.should_exit(),
        "ctrl-c leaves distlab even from the help"
    );
}

#[test]
fn selection_keys_and_views() {
    let mut app = app(5, 1);
    keys(&mut app, "4");
    assert_eq!(app.selected(), NodeId(3));
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.selected(), NodeId(4));
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.selected(), NodeId(0));
    key(&mut app, KeyCode::BackTab);
    assert_eq!(app.selected(), NodeId(4));
    keys(&mut app, "7");
    assert_eq!(app.selected(), NodeId(4), "there is no S7");
    assert!(app.status().is_some_and(|s| s.warning));
    keys(&mut app, "v");
    assert_eq!(app.view(), View::SpaceTime);
    keys(&mut app, "v");
    assert_eq!(app.view(), View::Cluster);
}

#[test]
fn selecting_an_event_highlights_its_nodes() {
    let mut app = app(3, 2);
    play_until(&mut app, "a few events", |a| a.feed().len() > 5);
    keys(&mut app, " ");
    key(&mut app, KeyCode::Down);
    let item = app
        .feed_selected()
        .expect("the newest entry is selected")
        .clone();
    assert_eq!(
        Some(item.event),
        app.feed().newest_first().next().map(|i| i.event)
    );
    assert_eq!(app.highlighted(), item.nodes.as_slice());
    key(&mut app, KeyCode::Down);
    assert!(app.feed_selected().expect("selected").event < item.event);
    key(&mut app, KeyCode::Esc);
    assert!(app.feed_selected().is_none());
    assert!(app.highlighted().is_empty());
}

#[test]
fn a_saved_session_names_the_sandbox_that_replays_it() {
    use distlab::protocols::lock::Lock;
    let scratch = scratch();
    for name in ["redis-lock", "redlock", "zk-lock"] {
        let dir = scratch.path().join(name);
        let mut app = sandbox_of::<Lock>(name, 3, Settings::defaults(), dir.clone());
        screen::key(&mut app, 's');
        let status = app.status().expect("a message").text.clone();
        let file = dir.join("session-seed3-001.ron");
        assert!(
            status.ends_with(&format!(
                "distlab sandbox {name} --scenario {}",
                file.display()
            )),
            "{status}"
        );
    }
}

/// The sandbox `name` of family `F` (5 nodes), saving into `save_dir`.
fn sandbox_of<F: distlab::ui::FamilyView>(
    name: &str,
    seed: u64,
    settings: Settings,
    save_dir: PathBuf,
) -> distlab::app::App<F> {
    let scenario = distlab::scenario::Scenario::<F>::sandbox(name, 5, seed);
    let sim = scenario.build();
    distlab::app::App::<F>::with_sim(scenario, sim, settings, save_dir)
}

/// The first row of a sandbox drawn at 80×24.
fn title_row<F: distlab::ui::FamilyView>(name: &str, lang: distlab::units::Lang) -> String {
    let settings = Settings {
        lang,
        ..Settings::defaults()
    };
    let app = sandbox_of::<F>(name, 3, settings, scratch().path().join("unused"));
    let screen = screen::draw(&app, 80, 24);
    screen.lines().next().expect("a first row").to_owned()
}

#[test]
fn a_sandbox_is_titled_by_the_protocol_it_runs() {
    use distlab::protocols::{lock::Lock, paxos::Paxos};
    use distlab::units::Lang;
    let cases = [
        (title_row::<Paxos>("paxos", Lang::En), "Paxos sandbox"),
        (
            title_row::<Paxos>("multi-paxos", Lang::En),
            "Multi-Paxos sandbox",
        ),
        (
            title_row::<Lock>("redis-lock", Lang::En),
            "Redis lock sandbox",
        ),
        (title_row::<Lock>("redlock", Lang::En), "Redlock sandbox"),
        (title_row::<Lock>("zk-lock", Lang::Zh), "ZooKeeper 锁"),
    ];
    for (title, name) in cases {
        assert!(title.contains(name), "{title:?} names {name}");
    }
}

#[test]
fn the_prompt_for_a_time_leaves_the_panels_naming_their_keys() {
    let mut app = app(5, 1);
    keys(&mut app, "g");
    let screen = screen::draw(&app, 80, 24);
    assert!(
        screen.contains("go to time"),
        "the prompt is open:\n{screen}"
    );
    assert!(screen.contains("↑↓ select"), "{screen}");
    assert!(screen.contains("m pick"), "{screen}");
    assert!(!screen.contains("??"), "{screen}");
}

#[test]
fn slash_finds_the_next_older_event_that_mentions_the_words() {
    let mut app = app(5, 1);
    keys(&mut app, &"n".repeat(60));
    let mentions = |item: &distlab::app::FeedItem, words: &str| {
        std::iter::once(&item.headline)
            .chain(&item.reasons)
            .any(|l| l.to_lowercase().contains(words))
    };
    keys(&mut app, "/");
    keys(&mut app, "grants its vote");
    key(&mut app, KeyCode::Enter);
    let first = app.feed_selected().expect("a vote was granted").clone();
    assert!(mentions(&first, "grants its vote"), "{first:?}");
    let newest = app
        .feed()
        .newest_first()
        .find(|i| mentions(i, "grants its vote"))
        .expect("a mention");
    assert_eq!(first.event, newest.event, "the newest mention comes first");
    // `/` offers the same words again: Enter finds an older mention.
    keys(&mut app, "/");
    key(&mut app, KeyCode::Enter);
    let second = app.feed_selected().expect("another vote").clone();
    assert!(mentions(&second, "grants its vote"), "{second:?}");
    assert!(
        second.event < first.event,
        "{second:?} is older than {first:?}"
    );
    // Words no event mentions say so and keep the selection.
    keys(&mut app, "/");
    for _ in 0.."grants its vote".len() {
        key(&mut app, KeyCode::Backspace);
    }
    keys(&mut app, "no such words");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.feed_selected().map(|i| i.event), Some(second.event));
    let status = app.status().expect("a message").text.clone();
    assert!(status.contains("no event in the feed mentions"), "{status}");
}

#[test]
fn delaying_a_picked_message_leaves_the_pick_list_in_its_order() {
    let mut app = app(5, 1);
    // Step to a moment with several messages in flight.
    while app.in_flight().len() < 4 {
        keys(&mut app, "n");
    }
    let order = |app: &App| -> Vec<_> { app.in_flight().iter().map(|m| m.id).collect() };
    let before = order(&app);
    keys(&mut app, "m");
    let picked = app.picked().expect("a message is picked");
    assert_eq!(picked, before[0], "picking starts at the top of the list");
    keys(&mut app, "+");
    assert_eq!(order(&app), before, "the delayed message keeps its place");
    assert_eq!(app.picked(), Some(picked));
    key(&mut app, KeyCode::Tab);
    assert_eq!(
        app.picked(),
        Some(before[1]),
        "Tab moves to the next one below"
    );
}

/// The help overlay of a sandbox, drawn at 160×48.
fn help_screen<F: distlab::ui::FamilyView>(app: &mut distlab::app::App<F>) -> String {
    screen::key(app, '?');
    screen::draw(app, 160, 48)
}

#[test]
fn the_help_lists_only_the_keys_that_do_something_in_the_family() {
    use distlab::protocols::balance::Balancer;
    use distlab::protocols::lock::Lock;
    let raft = help_screen(&mut app(3, 1));
    assert!(raft.contains("select the leader"), "{raft}");
    assert!(raft.contains("force election timeout"), "{raft}");

    let unused = scratch().path().join("unused");
    let locks = help_screen(&mut sandbox_of::<Lock>(
        "redis-lock",
        1,
        Settings::defaults(),
        unused.clone(),
    ));
    assert!(!locks.contains("select the leader"), "{locks}");
    assert!(!locks.contains("force election timeout"), "{locks}");
    assert!(
        locks.contains("the selected client ends its work now"),
        "{locks}"
    );

    let balancer = help_screen(&mut sandbox_of::<Balancer>(
        "balancer",
        1,
        Settings::defaults(),
        unused,
    ));
    assert!(!balancer.contains("select the leader"), "{balancer}");
    assert!(!balancer.contains("force election timeout"), "{balancer}");
}

#[test]
fn messages_to_a_crashed_node_do_not_hold_slow_motion() {
    let mut app = app(3, 7);
    play_until(&mut app, "a leader", |a| leader(a).is_some());
    let leads = leader(&app).expect("a leader");
    let follower = NodeId::all(3).find(|&n| n != leads).expect("a follower");
    app.update(Action::SelectNode(follower.number()));
    keys(&mut app, "x");
    app.update(Action::SelectNode(leads.number()));
    keys(&mut app, "w");
    play_until(&mut app, "the write committed on the live nodes", |a| {
        NodeId::all(3)
            .filter(|&n| n != follower)
            .all(|n| a.sim().node(n).server().expect("a server").commit_index >= 1)
    });
    // From here on, the leader's only news is for the crashed follower,
    // which will never hear it.
    let mut slow = 0;
    for _ in 0..200 {
        app.update(Action::Tick(Duration::from_millis(25)));
        if matches!(app.gear(), Gear::SlowMotion(_)) {
            slow += 1;
        }
    }
    assert!(slow <= 5, "{slow} of 200 frames in slow motion");
}

#[test]
fn the_selected_feed_entry_is_on_screen_whole_at_80x24() {
    let mut app = app(5, 1);
    play_until(&mut app, "a leader", |a| leader(a).is_some());
    app.update(Action::Tick(Duration::from_millis(400)));
    app.update(Action::Resize(80, 24));
    keys(&mut app, " ");
    let mut checked = 0;
    for _ in 0..12 {
        key(&mut app, KeyCode::Up);
        let item = app.feed_selected().expect("an entry is selected").clone();
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("test terminal");
        terminal
            .draw(|f| f.render_widget(&app, f.area()))
            .expect("draws");
        let buffer = terminal.backend().buffer();
        // The selected headline is drawn reversed; the entry reads from
        // there down to the feed's end, left of the panel beside it.
        let reversed = |x: u16, y: u16| {
            buffer[(x, y)]
                .modifier
                .contains(ratatui::style::Modifier::REVERSED)
        };
        let row_text = |y: u16| {
            (0..80u16)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        };
        let feed_top = (0..24u16)
            .find(|&y| row_text(y).contains("events · newest first"))
            .expect("the feed");
        let feed_rows = (feed_top + 1..24u16)
            .take_while(|&y| !row_text(y).contains("history"))
            .count();
        let (x0, y0) = (feed_top + 1..24u16)
            .flat_map(|y| (0..80u16).map(move |x| (x, y)))
            .find(|&(x, y)| reversed(x, y))
            .expect("the selected entry is on screen");
        let read: String = (y0..feed_top + 1 + feed_rows as u16)
            .map(|y| {
                (x0..80)
                    .map(|x| buffer[(x, y)].symbol())
                    .take_while(|s| *s != "│")
                    .collect::<String>()
            })
            .collect();
        let whole = std::iter::once(&item.headline)
            .chain(&item.reasons)
            .map(|line| squeezed(line))
            .collect::<Vec<_>>()
            .join("↳");
        // The entry's rows when wrapped to the feed's width: an entry
        // longer than the feed cannot be whole.
        let room = (x0..80)
            .position(|x| buffer[(x, y0)].symbol() == "│")
            .expect("the panel beside the feed");
        let rows = distlab::ui::wrap::wrap(&item.headline, room).len()
            + item
                .reasons
                .iter()
                .map(|r| distlab::ui::wrap::wrap(r, room - 2).len())
                .sum::<usize>();
        if rows > feed_rows {
            continue;
        }
        assert!(
            squeezed(&read).starts_with(&whole),
            "{:?} is cut:\n{}",
            item.headline,
            terminal.backend()
        );
        checked += 1;
    }
    assert!(checked >= 6, "only {checked} entries short enough to check");
}

#[test]
fn saving_writes_a_replayable_scenario_and_never_overwrites() {
    let scratch = scratch();
    let dir = scratch.path().to_path_buf();
    let mut app = app_in(3, 21, dir.clone());
    play_until(&mut app, "a leader", |a| leader(a).is_some());
    keys(&mut app, "Lx");
    app.update(Action::Tick(Duration::from_secs(4)));
    keys(&mut app, "s");
    let status = app.status().expect("a message").text.clone();
    let first = dir.join("session-seed21-001.ron");
    assert!(status.contains(&first.display().to_string()), "{status}");
    keys(&mut app, "s");
    assert!(dir.join("session-seed21-002.ron").exists());

    let saved = Scenario::load(&first).expect("the saved file loads");
    assert_eq!(saved.seed, 21);
    assert_eq!(saved.actions.len(), 1, "the crash is in the file");
    // Replaying the file reaches the same state.
    let mut replay = saved.build();
    replay.run_until(app.sim().now(), u64::MAX);
    let terms = |s: &distlab::sim::Sim<distlab::protocols::raft::RaftMember>| {
        s.nodes()
            .iter()
            .filter_map(distlab::protocols::raft::RaftMember::server)
            .map(|n| (n.current_term, n.role))
            .collect::<Vec<_>>()
    };
    assert_eq!(terms(&replay), terms(app.sim()));
}

#[test]
fn clicking_a_node_on_the_ring_selects_it() {
    let mut app = app(5, 1);
    app.update(Action::Resize(100, 30));
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("test terminal");
    terminal
        .draw(|f| f.render_widget(&app, f.area()))
        .expect("draws");
    let buffer = terminal.backend().buffer().clone();
    let main_rows = 1..12u16;
    let (col, row) = main_rows
        .flat_map(|y| (0..60u16).map(move |x| (x, y)))
        .find(|&(x, y)| buffer[(x, y)].symbol() == "S" && buffer[(x + 1, y)].symbol() == "3")
        .expect("S3 is drawn on the ring");
    app.update(Action::Click(col + 1, row));
    assert_eq!(app.selected(), NodeId(2));
}

#[test]
fn the_safety_monitor_names_the_broken_invariant() {
    let scenario = Scenario::load(std::path::Path::new(
        "assets/scenarios/forget-vote-on-restart.ron",
    ))
    .expect("the shipped scenario loads");
    let options = SandboxOptions {
        nodes: 3,
        seed: 0,
        scenario: Some(scenario),
        save_dir: scratch().path().join("unused"),
    };
    let mut app = App::new(&options, Settings::defaults());
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("test terminal");
    let status_line = |terminal: &Terminal<TestBackend>| {
        let buffer = terminal.backend().buffer();
        (0..100u16)
            .map(|x| buffer[(x, 29)].symbol())
            .collect::<String>()
    };
    terminal
        .draw(|f| f.render_widget(&app, f.area()))
        .expect("draws");
    assert!(status_line(&terminal).contains("✓ all invariants hold"));
    play_until(&mut app, "a violation", |a| a.violation().is_some());
    terminal
        .draw(|f| f.render_widget(&app, f.area()))
        .expect("draws");
    let line = status_line(&terminal);
    assert!(
        line.contains("✗ One Vote Per Term broken at event #"),
        "{line}"
    );
}

#[test]
fn c_switches_to_the_high_contrast_theme_and_back() {
    let mut app = app(3, 1);
    assert_eq!(app.theme().name, "default");
    keys(&mut app, "c");
    assert_eq!(app.theme().name, "high-contrast");
    assert!(app.theme().bold);
    keys(&mut app, "c");
    assert_eq!(app.theme().name, "default");
}

#[test]
fn the_clock_never_leaps_past_a_frame() {
    // A crashed leader leaves void timers behind; skipping them must not
    // carry the clock past the frame's end to the next live event.
    let mut app = app(5, 7);
    keys(&mut app, "f");
    play_until(&mut app, "a leader", |a| leader(a).is_some());
    keys(&mut app, "Lx");
    for _ in 0..2_000 {
        let before = app.sim().now();
        app.update(Action::Tick(Duration::from_millis(10)));
        // ×0.05 of 10ms is 500µs.
        assert!(
            app.sim().now() <= before + 500,
            "{before} → {}",
            app.sim().now()
        );
    }
    assert!(leader(&app).is_some(), "a new leader was elected meanwhile");
}

#[test]
fn an_event_handed_over_twice_is_listed_once() {
    use distlab::app::Feed;
    use distlab::sim::{ms, StepOutcome};
    use distlab::units::Lang;
    let mut sim = Scenario::plain(3, 1).build();
    let mut feed = Feed::default();
    while sim.now() < ms(400) && sim.step() == StepOutcome::Stepped {
        feed.ingest::<Raft>(sim.last_records(), sim.labels(), Lang::En);
    }
    let listed = feed.len();
    feed.ingest::<Raft>(sim.last_records(), sim.labels(), Lang::En);
    assert_eq!(feed.len(), listed);
    feed.truncate_after(sim.events_processed() - 1);
    feed.ingest::<Raft>(sim.last_records(), sim.labels(), Lang::En);
    assert_eq!(
        feed.len(),
        listed,
        "after stepping back, the event comes back once"
    );
}

#[test]
fn a_request_heads_its_entry_above_the_messages_it_lost() {
    use distlab::app::Feed;
    use distlab::protocols::raft::Command;
    use distlab::sim::{ms, Action, Target};
    use distlab::units::Lang;
    let mut sim = Scenario::plain(3, 1).build();
    sim.run_until(ms(1_000), u64::MAX);
    sim.act(Action::Isolate(Target::Leader));
    sim.act(Action::Request(
        Target::Leader,
        Command::Write("x=1".into()),
    ));
    let mut feed = Feed::default();
    feed.ingest::<Raft>(sim.last_records(), sim.labels(), Lang::En);
    let item = feed.newest_first().next().expect("the write is listed");
    assert!(
        item.headline.contains("appends client write x=1"),
        "{item:?}"
    );
    assert!(
        !item.reasons.is_empty() && item.reasons.iter().all(|r| r.contains("dropped")),
        "the lost messages follow it: {item:?}"
    );
}

#[test]
fn travelling_in_time_by_seconds_by_typed_time_and_by_the_scrubber() {
    let mut app = app(5, 7);
    let fresh_at = |t: u64| {
        let mut sim = app.scenario().build();
        sim.run_until(t, u64::MAX);
        sim.events_processed()
    };
    let (at_2_5, at_5, at_9) = (
        fresh_at(2_500_000),
        fresh_at(5_000_000),
        fresh_at(9_000_000),
    );
    keys(&mut app, "}");
    assert_eq!(app.sim().now(), 10_000_000, "ten seconds run ahead");
    assert!(!app.is_playing());
    assert_eq!(app.frontier().1, 10_000_000);
    keys(&mut app, ",");
    assert_eq!(app.sim().now(), 9_000_000);
    assert_eq!(
        app.sim().events_processed(),
        at_9,
        "the same state as a straight run"
    );
    assert!(app.is_rewound());
    keys(&mut app, "{{");
    assert_eq!(app.sim().now(), 0, "no further back than the start");
    key(&mut app, KeyCode::End);
    assert_eq!(app.sim().now(), 10_000_000);
    assert!(!app.is_rewound());
    key(&mut app, KeyCode::Home);
    assert_eq!(app.sim().now(), 0);

    keys(&mut app, "g2.5x");
    assert_eq!(app.mode(), &Mode::GoTo("2.5x".to_owned()));
    assert_eq!(
        app.sim().status(NodeId(0)),
        NodeStatus::Up,
        "x is typed, not a crash"
    );
    key(&mut app, KeyCode::Backspace);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), &Mode::Normal);
    assert_eq!(app.sim().now(), 2_500_000);
    assert_eq!(app.sim().events_processed(), at_2_5);
    keys(&mut app, "gsoon");
    key(&mut app, KeyCode::Enter);
    let said = app.status().map(|s| s.text.clone()).unwrap_or_default();
    assert_eq!(said, "\"soon\" is not a time: try 12.5, 300ms, 2m or 1:30");
    keys(&mut app, "g1m");
    key(&mut app, KeyCode::Enter);
    let said = app.status().map(|s| s.text.clone()).unwrap_or_default();
    assert!(
        said.starts_with("60.000s lies beyond what is recorded (10.000s)"),
        "{said}"
    );
    keys(&mut app, "g1");
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), &Mode::Normal);
    assert_eq!(app.sim().now(), 2_500_000, "Esc goes nowhere");
    keys(&mut app, "g3");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.sim().now(), 3_000_000);
    assert!(
        app.status().is_none_or(|s| !s.warning),
        "the last try's error goes once a time is reached: {:?}",
        app.status()
    );

    // The scrubber: find its bar on screen and click its middle.
    app.update(Action::Resize(100, 30));
    let backend = {
        let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("test terminal");
        terminal
            .draw(|f| f.render_widget(&app, f.area()))
            .expect("draws");
        terminal.backend().clone()
    };
    let buffer = backend.buffer();
    let (row, start, end) = (0..30u16)
        .find_map(|y| {
            let cells: Vec<&str> = (0..100u16).map(|x| buffer[(x, y)].symbol()).collect();
            let start = cells.iter().position(|c| *c == "├")?;
            let end = cells.iter().position(|c| *c == "┤")?;
            cells[..start].concat().contains("history").then_some((
                y,
                start as u16 + 1,
                end as u16 - 1,
            ))
        })
        .expect("a scrubber on screen");
    let middle = start + (end - start) / 2;
    app.update(Action::Click(middle, row));
    let share = f64::from(middle - start) / f64::from(end - start);
    let expected = (share * 10_000_000.0).round() as u64;
    assert_eq!(app.sim().now(), expected);
    assert!((4_800_000..=5_200_000).contains(&expected));
    app.update(Action::Drag(end, row));
    assert_eq!(app.sim().now(), 10_000_000, "dragged to the end");
    app.update(Action::Drag(start, row + 1));
    assert_eq!(app.sim().now(), 10_000_000, "off the bar: nothing moves");
    keys(&mut app, "g5");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.sim().events_processed(), at_5);
}

#[test]
fn a_skipped_write_is_not_counted_and_a_later_success_clears_its_warning() {
    let mut app = app(3, 1);
    // A write to a crashed node is skipped.
    keys(&mut app, "xw");
    let warning = app.status().expect("the skip is reported");
    assert!(
        warning.warning && warning.text.starts_with("skipped"),
        "{warning:?}"
    );
    keys(&mut app, "x1t");
    assert_eq!(app.status(), None, "a later success clears the old warning");
    play_until(&mut app, "a leader", |a| leader(a).is_some());
    keys(&mut app, " ");
    let leader = leader(&app).expect("a leader");
    keys(&mut app, "Lw");
    let last = app
        .sim()
        .node(leader)
        .server()
        .expect("a server")
        .log
        .last_index();
    let entry = app
        .sim()
        .node(leader)
        .server()
        .expect("a server")
        .log
        .get(last)
        .expect("the write");
    assert_eq!(&*entry.value, "x=1", "the skipped write took no number");
}

#[test]
fn a_steady_cluster_moves_on_and_news_slows_it_down() {
    let mut app = app(5, 7);
    play_until(&mut app, "a leader", |a| leader(a).is_some());
    // Let the election's last replies land.
    frames_until(&mut app, "only routine traffic", |a| {
        matches!(a.gear(), Gear::FastForward(_))
    });
    let start = app.sim().now();
    for _ in 0..400 {
        app.update(Action::Tick(FRAME));
    }
    let moved = app.sim().now() - start;
    assert!(
        moved > 400_000,
        "ten seconds of heartbeats moved only {moved} µs"
    );
    keys(&mut app, "w");
    assert!(
        matches!(app.gear(), Gear::SlowMotion(_)),
        "a write is news: {:?}",
        app.gear()
    );
}
