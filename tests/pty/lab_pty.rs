//! The lab screen in a real pseudo-terminal against a real
//! `redis-server`: a client paused and resumed by key, the server gone
//! when the screen is left by `q` or ended by `SIGTERM`, and a lesson's
//! lab step opening the lab over the lesson and coming back to it.

use std::time::{Duration, Instant};

use crate::support::lab::{children_named, running};
use crate::support::pty::{assert_restored, Screen, LIMIT};

/// The `redis-server` distlab started, once it has.
fn server_of(screen: &Screen) -> u32 {
    let distlab: u32 = screen.pid().parse().expect("a pid");
    let start = Instant::now();
    loop {
        if let [server] = children_named(distlab, "redis-server")[..] {
            return server;
        }
        assert!(start.elapsed() < LIMIT, "distlab started no redis-server");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn assert_gone(server: u32) {
    let start = Instant::now();
    while running(server) {
        assert!(
            start.elapsed() < LIMIT,
            "redis-server {server} is still running"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn keys_pause_and_kill_real_client_processes_and_q_stops_the_server() {
    let dir = tempfile::tempdir().expect("a scratch folder");
    let trace = dir.path().join("live.jsonl");
    let args = ["lab", "redis-lock", "--trace", trace.to_str().unwrap()];
    let mut screen = Screen::spawn(&args, "lab", 80, 24);
    screen.wait_text("LIVE");
    let server = server_of(&screen);
    screen.wait_text("C1 ■");
    screen.send("1");
    screen.send("p");
    screen.wait_text("C1 ⏸");
    screen.send("p");
    screen.send("2");
    screen.send("k");
    screen.wait_text("C2 ✝ killed");
    let distlab: u32 = screen.pid().parse().expect("a pid");
    let clients = children_named(distlab, "distlab");
    assert_eq!(clients.len(), 1, "only C1's process is left: {clients:?}");
    let output = screen.quit();
    assert_restored(&output);
    assert_gone(server);
    for client in clients {
        assert_gone(client);
    }
    let text = std::fs::read_to_string(&trace).expect("the trace");
    assert!(text.contains(r#""kind":"paused","client":1"#), "{text}");
    assert!(text.contains(r#""kind":"resumed","client":1"#), "{text}");
    assert!(text.contains(r#""kind":"killed","client":2"#), "{text}");
}

#[test]
fn sigterm_gives_the_terminal_back_and_stops_the_server() {
    let dir = tempfile::tempdir().expect("a scratch folder");
    let trace = dir.path().join("live.jsonl");
    let args = ["lab", "redis-lock", "--trace", trace.to_str().unwrap()];
    let mut screen = Screen::spawn(&args, "lab-term", 80, 24);
    screen.wait_text("LIVE");
    let server = server_of(&screen);
    let pid = screen.pid();
    let output = screen.end_with("TERM");
    assert_restored(&output);
    assert_gone(server);
    let left = std::fs::read_dir(std::env::temp_dir())
        .unwrap()
        .flatten()
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with(&format!("distlab-lab-{pid}-"))
        })
        .count();
    assert_eq!(left, 0, "the server's folder is removed");
}

/// The learner has done the naive lesson's first five steps: it resumes
/// at its last, the run on a real Redis.
fn at_the_naive_lab_step(data: &std::path::Path) {
    let done = "(lessons: {\"locks-1-naive\": (steps: [0, 1, 2, 3, 4])})";
    std::fs::write(data.join("progress.ron"), done).expect("progress");
}

#[test]
fn a_lesson_lab_step_opens_the_lab_and_q_comes_back_to_the_lesson() {
    let mut screen = Screen::spawn_with_data(
        &["lesson", "locks-1-naive"],
        "lab-lesson",
        (160, 48),
        &[],
        at_the_naive_lab_step,
    );
    screen.wait_text("On a real Redis");
    screen.wait_text("Press R to run this");
    screen.send("R");
    screen.wait_text("LIVE");
    let server = server_of(&screen);
    screen.wait_text("Freed another's lock");
    screen.send("q");
    screen.wait_text("Press R to run this");
    assert_gone(server);
    let output = screen.quit();
    assert_restored(&output);
}

#[test]
fn without_redis_server_a_lab_step_says_how_to_install_it_and_goes_on() {
    let empty = tempfile::tempdir().expect("a folder with no programs");
    let path = empty.path().to_str().expect("a UTF-8 path");
    let mut screen = Screen::spawn_with_data(
        &["lesson", "locks-1-naive"],
        "lab-none",
        (160, 48),
        &[("PATH", path)],
        at_the_naive_lab_step,
    );
    screen.wait_text("redis-server is not installed here, so this step is skipped");
    screen.send("R");
    screen.wait_text("sudo apt-get install redis-server");
    screen.send("\r");
    screen.wait_text("complete");
    let output = screen.quit();
    assert_restored(&output);
}
