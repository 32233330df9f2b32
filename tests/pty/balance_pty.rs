//! The real binary in a pseudo-terminal: the balancer sandbox opens and
//! switches its algorithm by key; and the first Dispatch lesson is played by
//! the keys its narration asks for: continue, answer, select LB and switch
//! its algorithm with `w`, and finish; the strip shows the queues and the
//! why line on the way, and the terminal is given back at the end.

use crate::support::pty::{assert_restored, Screen};

/// Starts distlab with `args` at 80×24.
fn spawn(args: &[&str]) -> Screen {
    Screen::spawn(args, "dispatch", 80, 24)
}

#[test]
fn the_slow_server_lesson_is_played_by_its_keys() {
    let mut screen = spawn(&["lesson", "dispatch-1-slow-server"]);
    screen.wait_text("Step 1/5 · Three servers");
    screen.send("\r");
    screen.wait_text("Press 1–3 to answer");
    screen.send("2");
    screen.wait_text("✓ Right.");
    // The explanation read, space runs the clock.
    screen.send(" ");
    let queued = screen.wait_text("✓ goal met");
    assert!(
        queued.contains("S3   │█░░░░░░░"),
        "S3's bar fills: {queued}"
    );
    assert!(queued.contains("why #"), "{queued}");

    screen.send("\r");
    screen.wait_text("Step 3/5 · Full queue, rejections");
    // Read, then let the clock run.
    screen.send(" ");
    let rejected = screen.wait_text("✓ goal met");
    assert!(rejected.contains(" ✗"), "refusals are counted: {rejected}");

    screen.send("\r");
    screen.wait_text("Step 4/5 · Least connections");
    // "select LB (press 2) and press w"
    screen.send("2");
    screen.send("w");
    screen.wait_text("LB   LeastConnections");
    screen.wait_text("✓ goal met");

    screen.send("\r");
    screen.wait_text("Step 5/5 · Two random choices");
    screen.send(" ");
    let p2c = screen.wait_text(" active");
    assert!(p2c.contains("LB   PowerOfTwo"), "{p2c}");
    screen.wait_text("✓ goal met");
    screen.send("\r");
    screen.wait_text("✓ Lesson complete!");

    assert_restored(&screen.quit());
}

#[test]
fn the_balancer_sandbox_opens_and_takes_its_keys() {
    let mut screen = spawn(&["sandbox", "balancer"]);
    screen.wait_text("LG · Tab/1–9 to choose");
    screen.wait_text("LB   SmoothWeighted");
    // The request key on LB: the next algorithm.
    screen.send("2");
    screen.wait_text("LB · Tab/1–9 to choose");
    screen.send("w");
    screen.wait_text("LB   LeastConnections");
    let picked = screen.wait_text("why #");
    assert!(picked.contains("LB   LeastConnections"), "{picked}");
    assert_restored(&screen.quit());
}
