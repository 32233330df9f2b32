//! The real binary in a pseudo-terminal: wait for a leader, crash it with
//! `L` then `x`, see another node elected, quit with `q`, and check that the
//! terminal was given back (alternate screen left, cursor shown).

use std::io::{ErrorKind, Read};
use std::process::Command;
use std::time::{Duration, Instant};

use expectrl::{Expect, Session};

const COLS: u16 = 100;
const ROWS: u16 = 30;

/// The pty, a terminal emulator fed with everything the program wrote,
/// and the raw bytes.
struct Screen {
    session: expectrl::session::OsSession,
    parser: vt100::Parser,
    raw: Vec<u8>,
    exited: bool,
}

impl Screen {
    /// Reads whatever output is available into the emulator.
    fn pump(&mut self) {
        let mut buf = [0u8; 65_536];
        loop {
            match self.session.try_read(&mut buf) {
                Ok(0) => {
                    self.exited = true;
                    return;
                }
                Ok(n) => {
                    self.parser.process(&buf[..n]);
                    self.raw.extend_from_slice(&buf[..n]);
                }
                Err(e) if e.kind() == ErrorKind::WouldBlock => return,
                // The pty reports EIO once the program has exited.
                Err(_) => {
                    self.exited = true;
                    return;
                }
            }
        }
    }

    /// Waits up to `limit` for `found` to return something on the screen.
    fn wait_for<T>(&mut self, what: &str, limit: Duration, found: impl Fn(&str) -> Option<T>) -> T {
        let start = Instant::now();
        loop {
            self.pump();
            if let Some(t) = found(&self.parser.screen().contents()) {
                return t;
            }
            assert!(!self.exited, "the program exited while waiting for {what}");
            assert!(
                start.elapsed() < limit,
                "no {what} after {limit:?}; the screen:\n{}",
                self.parser.screen().contents()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn send(&mut self, keys: &str) {
        self.session
            .send(keys)
            .expect("the program reads its input");
    }
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
    let config = std::env::temp_dir().join(format!("distlab-pty-{}", std::process::id()));
    let mut command = Command::new(env!("CARGO_BIN_EXE_distlab"));
    command
        .args(["sandbox", "raft", "--seed", "7"])
        .env("TERM", "xterm-256color")
        .env("XDG_CONFIG_HOME", &config)
        .env("HOME", &config);
    let mut session = Session::spawn(command).expect("the binary starts in a pty");
    session
        .get_process_mut()
        .set_window_size(COLS, ROWS)
        .expect("the pty takes a size");
    let mut screen = Screen {
        session,
        parser: vt100::Parser::new(ROWS, COLS, 0),
        raw: Vec::new(),
        exited: false,
    };
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

    screen.send("q");
    let start = Instant::now();
    while !screen.exited && start.elapsed() < limit {
        screen.pump();
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(screen.exited, "q quits");
    let mut rest = Vec::new();
    let _ = screen.session.read_to_end(&mut rest);
    screen.raw.extend_from_slice(&rest);
    let output = String::from_utf8_lossy(&screen.raw);
    let entered = output
        .find("\x1b[?1049h")
        .expect("the alternate screen was entered");
    let left = output
        .rfind("\x1b[?1049l")
        .expect("the alternate screen was left");
    assert!(left > entered);
    let shown = output
        .rfind("\x1b[?25h")
        .expect("the cursor was shown again");
    assert!(shown > entered);
    assert!(
        output.contains("\x1b[?1000l"),
        "mouse capture was turned off"
    );
}
