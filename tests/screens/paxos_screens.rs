//! The Paxos view on screen: a lesson completed by the keys it names, the
//! slot table and inspector at 80×24 and 160×48 in English and Chinese,
//! the comparison with Raft, and both sandboxes.

use crate::support::paxos::{server, servers};
use crate::support::screen;

use std::collections::BTreeMap;
use std::time::Duration;

use crate::support::screen::{draw, key, open_lesson, phase, play_until_met};
use distlab::app::{Action, SandboxOptions, Settings};
use distlab::lesson::Phase;
use distlab::protocols::paxos::{Ballot, BallotWhy, Paxos, PaxosNote, PaxosObs};
use distlab::protocols::Meaning;
use distlab::scenario::Scenario;
use distlab::sim::{ms, NodeId, RecordKind, StepOutcome};
use distlab::units::Lang;
use insta::assert_snapshot;

type App = distlab::app::App<Paxos>;

/// Lesson 1 played by keys to its last step's goal.
fn first_lesson_done(lang: Lang) -> App {
    let mut app = open_lesson::<Paxos>("paxos-1-single-decree", lang);
    app.update(Action::Resize(100, 30));
    key(&mut app, '\n');
    assert_eq!(phase(&app), Phase::Asking);
    key(&mut app, '3');
    key(&mut app, '\n');
    key(&mut app, '1');
    key(&mut app, 'w');
    play_until_met(&mut app);
    assert!(servers(app.sim()).all(|n| n.chosen.contains_key(&0)));
    key(&mut app, '\n');
    play_until_met(&mut app);
    app
}

#[test]
fn the_first_lesson_is_completed_by_keys_in_english() {
    let app = first_lesson_done(Lang::En);
    let text = draw(&app, 100, 30);
    assert!(text.contains("✓y"), "{text}");
    assert_snapshot!("paxos_lesson_en_100x30", text);
}

#[test]
fn the_first_lesson_is_completed_by_keys_in_chinese() {
    let app = first_lesson_done(Lang::Zh);
    assert_snapshot!("paxos_lesson_zh_100x30", draw(&app, 100, 30));
}

fn sandbox(name: &str) -> App {
    let options = SandboxOptions::<Paxos> {
        nodes: 5,
        seed: 1,
        scenario: Some(Scenario::sandbox(name, 5, 1)),
        save_dir: std::env::temp_dir().join("distlab-never-saved"),
    };
    let mut app = App::new(&options, Settings::defaults());
    app.update(Action::Resize(160, 48));
    if !app.is_playing() {
        key(&mut app, ' ');
    }
    app
}

/// Lets real time pass in 100 ms frames until `done` holds (the screen
/// runs in slow motion while messages fly).
fn tick_until(app: &mut App, done: impl Fn(&App) -> bool) {
    for _ in 0..5_000 {
        if done(app) {
            return;
        }
        app.update(Action::Tick(Duration::from_millis(100)));
    }
    panic!("not done after 500 s of frames, at t={}", app.sim().now());
}

/// A Multi-Paxos run with something in every kind of slot: S1 leads and
/// gets "a" chosen, loses every Accept for "b" and crashes; S2 takes over,
/// keeps "c", fills the gap with a no-op and serves "d".
const GAP: &str = r#"Scenario(
    seed: 1,
    cluster: Paxos((nodes: 5, mode: Multi, proposers: [1, 2])),
    network: (latency_ms: (5, 10)),
    actions: [
        (at_ms: 400, do: Propose(Node(1), "a")),
        (at_ms: 600, do: DropNext(1, 1)),
        (at_ms: 600, do: DropNext(1, 2)),
        (at_ms: 600, do: DropNext(1, 3)),
        (at_ms: 600, do: DropNext(1, 4)),
        (at_ms: 600, do: DropNext(1, 5)),
        (at_ms: 600, do: Propose(Node(1), "b")),
        (at_ms: 600, do: Propose(Node(1), "c")),
        (at_ms: 600, do: Crash(Node(1))),
        (at_ms: 1200, do: Propose(Node(2), "d")),
    ],
)"#;

/// The Multi-Paxos view after [`GAP`], the leader S2 selected, in `lang`.
fn after_the_gap(lang: Lang) -> App {
    let scenario = Scenario::parse(GAP, std::path::Path::new("gap.ron")).expect("parses");
    let options = SandboxOptions::<Paxos> {
        nodes: 5,
        seed: 1,
        scenario: Some(scenario),
        save_dir: std::env::temp_dir().join("distlab-never-saved"),
    };
    let settings = Settings {
        lang,
        ..Settings::defaults()
    };
    let mut app = App::new(&options, settings);
    app.update(Action::Resize(160, 48));
    if !app.is_playing() {
        key(&mut app, ' ');
    }
    // Every node but the crashed S1 ran "a", "c" and "d".
    tick_until(&mut app, |app| {
        servers(app.sim()).skip(1).all(|n| n.executed.len() >= 3)
    });
    key(&mut app, ' ');
    key(&mut app, '2');
    app
}

#[test]
fn the_multi_paxos_view_and_slot_table_in_english() {
    let app = after_the_gap(Lang::En);
    let wide = draw(&app, 160, 48);
    for seen in ["✓a", "✓∅", "✓c", "✓d", "leads 2.S2", "ran 3 commands"] {
        assert!(wide.contains(seen), "{seen}:\n{wide}");
    }
    assert_snapshot!("paxos_view_en_160x48", wide);
    assert_snapshot!("paxos_view_en_80x24", draw(&app, 80, 24));
}

#[test]
fn the_multi_paxos_view_and_slot_table_in_chinese() {
    let app = after_the_gap(Lang::Zh);
    let wide = draw(&app, 160, 48);
    for seen in ["✓a", "✓∅", "领导 2.S2", "已执行 3 条命令"] {
        assert!(wide.contains(seen), "{seen}:\n{wide}");
    }
    assert_snapshot!("paxos_view_zh_160x48", wide);
    assert_snapshot!("paxos_view_zh_80x24", draw(&app, 80, 24));
}

/// Lesson 4 played by keys to its last step, the question answered.
fn comparison(lang: Lang) -> App {
    let mut app = open_lesson::<Paxos>("paxos-4-multi-paxos", lang);
    app.update(Action::Resize(160, 48));
    play_until_met(&mut app);
    key(&mut app, '\n');
    for k in ['L', 'w'] {
        key(&mut app, k);
    }
    play_until_met(&mut app);
    key(&mut app, '\n');
    for k in ['L', 'x'] {
        key(&mut app, k);
    }
    play_until_met(&mut app);
    for _ in 0..2 {
        key(&mut app, '\n');
        play_until_met(&mut app);
    }
    key(&mut app, '\n');
    assert_eq!(phase(&app), Phase::Asking);
    key(&mut app, '2');
    app
}

#[test]
fn the_comparison_with_raft_shows_side_by_side() {
    let app = comparison(Lang::En);
    let text = draw(&app, 80, 24);
    assert!(text.contains("messages per committed command"), "{text}");
    assert!(text.contains("31.6") && text.contains("11.2"), "{text}");
    assert_snapshot!("paxos_comparison_en_80x24", text);
    let app = comparison(Lang::Zh);
    assert_snapshot!("paxos_comparison_zh_160x48", draw(&app, 160, 48));
}

#[test]
fn the_single_decree_sandbox_proposes_from_the_selected_node() {
    let mut app = sandbox("paxos");
    key(&mut app, '1');
    key(&mut app, 'w');
    tick_until(&mut app, |app| {
        server(app.sim(), NodeId(0)).chosen.contains_key(&0)
    });
    let text = draw(&app, 80, 24);
    assert!(text.contains("Paxos"), "{text}");
}

#[test]
fn a_request_after_a_decision_starts_a_fresh_one_in_the_next_slot() {
    let mut app = sandbox("paxos");
    key(&mut app, '1');
    key(&mut app, 'w');
    tick_until(&mut app, |app| {
        servers(app.sim()).all(|n| n.chosen.contains_key(&0))
    });
    key(&mut app, 'w');
    tick_until(&mut app, |app| {
        servers(app.sim()).all(|n| n.chosen.contains_key(&1))
    });
    for node in servers(app.sim()) {
        let values: Vec<&str> = node.chosen.values().map(|(_, c)| &*c.value).collect();
        assert_eq!(values, ["x", "y"], "{}", node.id);
    }
    let text = draw(&app, 80, 24);
    assert!(text.contains("✓x") && text.contains("✓y"), "{text}");
}

/// S1 leads and gets "a" chosen; then, cut off with S2 alone, it puts
/// "b" in slot 1, which S1 and S2 accept but a majority never does.
const ACCEPTED_ABOVE_CHOSEN: &str = r#"Scenario(
    seed: 1,
    cluster: Paxos((nodes: 5, mode: Multi, proposers: [1, 2])),
    network: (latency_ms: (5, 10)),
    actions: [
        (at_ms: 400, do: Propose(Node(1), "a")),
        (at_ms: 500, do: Partition([[1, 2], [3, 4, 5]])),
        (at_ms: 510, do: Propose(Node(1), "b")),
    ],
)"#;

#[test]
fn the_slot_table_reaches_a_slot_accepted_above_the_last_chosen() {
    let path = std::path::Path::new("accepted-above-chosen.ron");
    let scenario = Scenario::<Paxos>::parse(ACCEPTED_ABOVE_CHOSEN, path).expect("parses");
    let mut sim = scenario.build();
    while sim.step_until(ms(560)) == StepOutcome::Stepped {}
    let s1 = server(&sim, NodeId(0));
    assert_eq!(s1.chosen.keys().copied().collect::<Vec<_>>(), [0]);
    assert_eq!(s1.accepted.keys().copied().collect::<Vec<_>>(), [0, 1]);
    assert_eq!(Paxos::strip_len(&sim), 2);
    let options = SandboxOptions::<Paxos> {
        nodes: 5,
        seed: 1,
        scenario: Some(scenario),
        save_dir: std::env::temp_dir().join("distlab-never-saved"),
    };
    let mut app = App::new(&options, Settings::defaults());
    app.update(Action::Resize(80, 24));
    if !app.is_playing() {
        key(&mut app, ' ');
    }
    tick_until(&mut app, |app| {
        server(app.sim(), NodeId(1)).accepted.contains_key(&1)
    });
    let text = draw(&app, 80, 24);
    assert!(text.contains("b@1.S1"), "{text}");
}

#[test]
fn the_multi_paxos_sandbox_elects_a_leader_that_takes_commands() {
    let mut app = sandbox("multi-paxos");
    tick_until(&mut app, |app| app.sim().leader().is_some());
    for k in ['L', 'w', 'w'] {
        key(&mut app, k);
    }
    tick_until(&mut app, |app| {
        servers(app.sim()).any(|n| n.chosen.len() == 2)
    });
    let text = draw(&app, 80, 24);
    assert!(text.contains("leads 1.S"), "{text}");
}

#[test]
fn every_step_that_waits_for_something_shows_it_over_many_frames() {
    let short = screen::steps_too_soon_to_watch::<Paxos>();
    assert!(short.is_empty(), "steps over too soon to watch: {short:#?}");
}

/// paxos-3's second step ends a duel by random back-off: both proposers
/// are refused and each draws its own wait; the value is chosen in a
/// ballot started after a back-off, and the other proposer learns it
/// while its own wait is still running, so it never tries again.
#[test]
fn the_random_back_off_step_shows_both_proposers_wait_and_one_finish() {
    let lesson = distlab::lesson::find("paxos-3-duelling")
        .expect("a shipped lesson")
        .of::<Paxos>()
        .expect("a Paxos lesson");
    let scenario = lesson.steps[1].restart_with.as_ref().expect("a fresh run");
    let mut sim = scenario.build();
    // Per proposer: when it gave up and how long it then waited (µs).
    let mut backed_off: BTreeMap<NodeId, Vec<(u64, u64)>> = BTreeMap::new();
    let mut retried: Vec<(NodeId, Ballot)> = Vec::new();
    let mut learned: BTreeMap<NodeId, (u64, Ballot)> = BTreeMap::new();
    while learned.len() < 5 && sim.step_until(ms(3_000)) == StepOutcome::Stepped {
        for r in sim.last_records() {
            match &r.kind {
                RecordKind::Note {
                    note:
                        PaxosNote::GivesUp {
                            me,
                            wait_ms: Some(wait),
                            ..
                        }
                        | PaxosNote::HeardTooLittle {
                            me,
                            wait_ms: Some(wait),
                            ..
                        },
                    ..
                } => backed_off
                    .entry(*me)
                    .or_default()
                    .push((r.t_us, wait * 1_000)),
                RecordKind::Note {
                    note:
                        PaxosNote::StartsBallot {
                            me,
                            ballot,
                            why: BallotWhy::BackedOff,
                        },
                    ..
                } => retried.push((*me, *ballot)),
                RecordKind::Proto(PaxosObs::Chosen { node, ballot, .. }) => {
                    learned.insert(*node, (r.t_us, *ballot));
                }
                _ => {}
            }
        }
    }
    assert_eq!(learned.len(), 5, "every learner learns the value");
    let (s1, s2) = (NodeId(0), NodeId(1));
    assert!(
        backed_off.contains_key(&s1) && backed_off.contains_key(&s2),
        "both proposers back off: {backed_off:?}"
    );
    let (_, ballot) = learned[&s1];
    let (winner, loser) = if ballot.node == s1 {
        (s1, s2)
    } else {
        (s2, s1)
    };
    assert!(
        retried.contains(&(winner, ballot)),
        "the chosen ballot {ballot} began after {winner}'s back-off: {retried:?}"
    );
    let &(gave_up, wait) = backed_off[&loser].last().expect("the loser backed off");
    assert!(
        learned[&loser].0 < gave_up + wait,
        "{loser} learns while still waiting"
    );
    assert!(
        !retried
            .iter()
            .any(|(n, b)| *n == loser && b.round > ballot.round),
        "{loser} never tries again: {retried:?}"
    );
}
