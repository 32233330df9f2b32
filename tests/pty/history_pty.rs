//! `distlab history view` in a real pseudo-terminal: the stale read is
//! drawn with its explanation, keys zoom, and `q` gives the terminal back.

use crate::support::pty::{assert_restored, Screen};

#[test]
fn the_history_view_opens_on_a_trace_and_quits_with_q() {
    let mut screen = Screen::spawn(
        &["history", "view", "assets/histories/stale-read.jsonl"],
        "history",
        80,
        24,
    );
    let first = screen.wait_text("not linearizable");
    assert!(first.contains("C2 read x = 1 at 2.31 s"), "{first}");
    assert!(first.contains("├w x=2"), "{first}");
    screen.send("+");
    screen.send("0");
    let output = screen.quit();
    assert_restored(&output);
}
