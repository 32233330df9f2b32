//! The real binary in a pseudo-terminal.
//!
//! - The sandbox: wait for a leader, crash it with `L` then `x`, see another
//!   node elected, quit with `q`, and check that the terminal was given back
//!   (alternate screen left, cursor shown).
//! - The menu: open the election lesson, complete it by pressing the keys
//!   its narration asks for, and see its completion mark in the menu.
//! - A recording (`--record`) replays to the screen last seen.
//! - A flood (messages that take a day to land): the screen stops the
//!   cluster with its reason, memory stays bounded, and `q`, SIGTERM or
//!   SIGHUP give the terminal back.

use std::time::Duration;

use crate::support::pty::{assert_restored, Screen};

const COLS: u16 = 100;
const ROWS: u16 = 30;

/// Starts distlab with `args` at 100×30.
fn spawn(args: &[&str], name: &str) -> Screen {
    Screen::spawn(args, name, COLS, ROWS)
}

/// The leader in the logs panel, whose rows read `S3 L c2 │ …`; crashed
/// nodes show `✕` instead of their role.
fn leader_row(screen: &str) -> Option<String> {
    screen.lines().find_map(|line| {
        let mut words = line.split_whitespace();
        let (name, role) = (words.next()?, words.next()?);
        let is_node = name.len() == 2 && name.starts_with('S');
        (is_node && role == "L" && words.next()?.starts_with('c')).then(|| name.to_owned())
    })
}

fn is_down(screen: &str, node: &str) -> bool {
    screen
        .lines()
        .any(|line| line.starts_with(&format!("{node} ✕")))
}

#[test]
fn crash_the_leader_see_a_new_one_and_quit_cleanly() {
    let mut screen = spawn(&["sandbox", "raft", "--seed", "7"], "sandbox");
    let limit = Duration::from_secs(60);

    screen.wait_for("first frame", limit, |s| {
        s.contains("distlab").then_some(())
    });
    // ×1, so that elections take a fraction of a second, not seconds.
    screen.send("]]]]");
    let first = screen.wait_for("leader", limit, leader_row);

    screen.send("L");
    screen.wait_for("the leader selected", limit, |s| {
        s.contains(&format!("{first} · L leader")).then_some(())
    });
    screen.send("x");
    screen.wait_for("the crash", limit, |s| is_down(s, &first).then_some(()));
    let second = screen.wait_for("new leader", limit, |s| {
        leader_row(s).filter(|l| *l != first && is_down(s, &first))
    });
    assert_ne!(first, second);
    eprintln!("leader {first} crashed; {second} leads now");
    assert_restored(&screen.quit());
}

#[test]
fn complete_the_election_lesson_from_the_menu() {
    let mut screen = spawn(&[], "menu");
    screen.wait_text("distlab · lessons");
    screen.wait_text("Leader election");
    // The first lesson is selected; the election lesson comes after the
    // lessons the menu lists before it.
    let (lessons, _) = distlab::lesson::load_all(&distlab::lesson::lesson_dirs());
    let menu = distlab::app::Menu::new(
        lessons,
        Vec::new(),
        None,
        distlab::units::Lang::En,
        distlab::app::Settings::defaults(),
    );
    let ahead = menu
        .entries()
        .iter()
        .filter_map(|entry| match entry {
            distlab::app::Entry::Lesson { index, .. } => Some(menu.lessons()[*index].id()),
            _ => None,
        })
        .position(|id| id == "raft-1-election")
        .expect("the election lesson");
    for _ in 0..ahead {
        screen.send("j");
    }
    screen.send("\r");
    screen.wait_text("Step 1/5 · Terms");
    screen.send("\r");
    screen.wait_text("Press 1–3 to answer");
    screen.send("2");
    screen.wait_text("✓ Right.");
    screen.send(" ");
    screen.wait_text("✓ goal met");

    screen.send("\r");
    screen.wait_text("Step 3/5 · Crash the leader");
    // "select it and press x, or press L then x"
    screen.send("L");
    screen.send("x");
    screen.wait_text("✓ goal met");

    screen.send("\r");
    screen.wait_text("Step 4/5 · A new term");
    // Read, then let the clock run.
    screen.send(" ");
    screen.wait_text("✓ goal met");

    screen.send("\r");
    screen.wait_text("Step 5/5 · The old leader returns");
    // "Restart S2 (select it, press x)"
    screen.send("2");
    screen.send("x");
    screen.wait_text("✓ goal met");

    screen.send("\r");
    screen.wait_text("Lesson complete");
    screen.send("\r");
    screen.wait_text("distlab · lessons");
    let row = screen.wait_for("the completion mark", Duration::from_secs(60), |s| {
        s.lines()
            .find(|l| l.contains("Leader election") && l.contains('✓'))
            .map(str::to_owned)
    });
    eprintln!("menu row: {row}");
    assert_restored(&screen.quit());
}

#[test]
fn a_burst_of_keys_is_read_whole() {
    let mut screen = spawn(&["sandbox", "raft", "--seed", "7"], "burst");
    let limit = Duration::from_secs(60);
    screen.wait_text("S1 · Tab/1–9 to choose");
    // Paused, distlab sleeps until a key comes: every key of a burst must
    // be read then, not the rest left waiting for the next one.
    screen.send(" ");
    screen.wait_for("the pause", limit, |s| s.contains('⏸').then_some(()));
    screen.send(&"\t".repeat(2_003));
    screen.wait_for("S4 selected after 2003 Tabs", limit, |s| {
        s.contains("S4 · Tab/1–9 to choose").then_some(())
    });
    assert_restored(&screen.quit());
}

/// The sandbox on `tests/hostile/flood.ron`, played fast until the flood
/// stops it: the reason is on the status line and memory stayed bounded.
fn flooded_sandbox(name: &str) -> Screen {
    let mut screen = spawn(
        &["sandbox", "raft", "--scenario", "tests/hostile/flood.ron"],
        name,
    );
    screen.wait_text("distlab");
    // Ten seconds ahead at a time: the flood stops the cluster at 112 s.
    screen.send("}}}}}}}}}}}}");
    screen.wait_text("the simulation stops");
    let kib = screen.resident_kib();
    eprintln!("{name}: {kib} KiB resident once stopped");
    assert!(kib < 1024 * 1024, "memory stays bounded: {kib} KiB");
    screen
}

#[test]
fn a_flood_stops_the_cluster_and_q_still_quits() {
    let screen = flooded_sandbox("flood-q");
    assert_restored(&screen.quit());
}

#[test]
fn sigterm_and_sighup_give_the_terminal_back() {
    for signal in ["TERM", "HUP"] {
        let screen = flooded_sandbox(&format!("flood-{signal}"));
        assert_restored(&screen.end_with(signal));
    }
}

/// `--record` keeps what the terminal was sent: replayed into a terminal
/// emulator, the recording ends on the screen the person last saw.
#[test]
fn a_recorded_sandbox_replays_to_the_screen_last_seen() {
    let scratch = tempfile::tempdir().expect("scratch");
    let cast = scratch.path().join("sandbox.cast");
    let mut screen = spawn(
        &[
            "sandbox",
            "raft",
            "--seed",
            "7",
            "--record",
            cast.to_str().expect("a path"),
        ],
        "record",
    );
    let limit = Duration::from_secs(60);
    screen.send("]]]]");
    screen.wait_for("leader", limit, leader_row);
    screen.send(" ");
    let seen = screen.wait_for("the pause", limit, |s| {
        s.contains('⏸').then(|| s.to_owned())
    });
    let output = screen.quit();
    assert_restored(&output);
    let text = std::fs::read_to_string(&cast).expect("the recording");
    let mut lines = text.lines();
    let header: serde_json::Value =
        serde_json::from_str(lines.next().expect("a header")).expect("JSON");
    assert_eq!(
        (header["width"].as_u64(), header["height"].as_u64()),
        (Some(100), Some(30))
    );
    let mut terminal = vt100::Parser::new(ROWS, COLS, 0);
    let mut last = 0.0;
    for line in lines {
        let event: serde_json::Value = serde_json::from_str(line).expect("one event per line");
        let t = event[0].as_f64().expect("a time");
        assert!(t >= last, "time goes back at {line}");
        last = t;
        if event[1] == "o" {
            terminal.process(event[2].as_str().expect("output").as_bytes());
        }
    }
    assert_eq!(terminal.screen().contents(), seen);
}
