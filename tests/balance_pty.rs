//! The real binary in a pseudo-terminal: the balancer sandbox opens and
//! switches its algorithm by key; and the first Dispatch lesson is played by
//! the keys its narration asks for: continue, answer, select LB and switch
//! its algorithm with `w`, and finish; the strip shows the queues and the
//! why line on the way, and the terminal is given back at the end.

use std::io::{ErrorKind, Read};
use std::process::Command;
use std::time::{Duration, Instant};

use expectrl::{Expect, Session};

const COLS: u16 = 80;
const ROWS: u16 = 24;
/// Longest a lesson step may take on this machine at the lesson's pace.
const LIMIT: Duration = Duration::from_secs(90);

/// The pty and a terminal emulator fed with everything the program wrote.
struct Screen {
    session: expectrl::session::OsSession,
    /// The configuration and data folders, removed with the screen.
    _home: tempfile::TempDir,
    parser: vt100::Parser,
    raw: Vec<u8>,
    exited: bool,
}

impl Screen {
    /// Starts `distlab args` in a pty of 80×24, with fresh folders.
    fn spawn(args: &[&str]) -> Screen {
        let home = tempfile::Builder::new()
            .prefix("distlab-pty-dispatch-")
            .tempdir()
            .expect("a scratch folder");
        let mut command = Command::new(env!("CARGO_BIN_EXE_distlab"));
        command
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("TERM", "xterm-256color")
            .env("LANG", "en_US.UTF-8")
            .env("XDG_CONFIG_HOME", home.path())
            .env("HOME", home.path())
            .env("DISTLAB_DATA_DIR", home.path().join("data"));
        let mut session = Session::spawn(command).expect("the binary starts in a pty");
        session
            .get_process_mut()
            .set_window_size(COLS, ROWS)
            .expect("the pty takes a size");
        Screen {
            session,
            _home: home,
            parser: vt100::Parser::new(ROWS, COLS, 0),
            raw: Vec::new(),
            exited: false,
        }
    }

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
                Err(_) => {
                    self.exited = true;
                    return;
                }
            }
        }
    }

    /// Waits until `text` is on the screen; the screen then.
    fn wait_text(&mut self, text: &str) -> String {
        let start = Instant::now();
        loop {
            self.pump();
            let screen = self.parser.screen().contents();
            if screen.contains(text) {
                return screen;
            }
            assert!(!self.exited, "the program exited waiting for {text:?}");
            assert!(
                start.elapsed() < LIMIT,
                "no {text:?} after {LIMIT:?}; the screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn send(&mut self, keys: &str) {
        self.session
            .send(keys)
            .expect("the program reads its input");
    }

    /// Sends `q` and waits for the program to end; all it wrote.
    fn quit(mut self) -> String {
        self.send("q");
        let start = Instant::now();
        while !self.exited && start.elapsed() < LIMIT {
            self.pump();
            std::thread::sleep(Duration::from_millis(20));
        }
        assert!(self.exited, "q quits");
        let mut rest = Vec::new();
        let _ = self.session.read_to_end(&mut rest);
        self.raw.extend_from_slice(&rest);
        String::from_utf8_lossy(&self.raw).into_owned()
    }
}

#[test]
fn the_slow_server_lesson_is_played_by_its_keys() {
    let mut screen = Screen::spawn(&["lesson", "dispatch-1-slow-server"]);
    screen.wait_text("Step 1/5 · Three servers");
    screen.send("\r");
    screen.wait_text("Press 1–3 to answer");
    screen.send("2");
    screen.wait_text("✓ Right.");
    let queued = screen.wait_text("✓ goal met");
    assert!(
        queued.contains("S3   │█░░░░░░░"),
        "S3's bar fills: {queued}"
    );
    assert!(queued.contains("why #"), "{queued}");

    screen.send("\r");
    screen.wait_text("Step 3/5 · Full queue, rejections");
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
    let p2c = screen.wait_text(" active");
    assert!(p2c.contains("LB   PowerOfTwo"), "{p2c}");
    screen.wait_text("✓ goal met");
    screen.send("\r");
    screen.wait_text("✓ Lesson complete!");

    let output = screen.quit();
    let entered = output.find("\x1b[?1049h").expect("the alternate screen");
    let left = output.rfind("\x1b[?1049l").expect("left again");
    assert!(left > entered);
    assert!(output
        .rfind("\x1b[?25h")
        .is_some_and(|shown| shown > entered));
}

#[test]
fn the_balancer_sandbox_opens_and_takes_its_keys() {
    let mut screen = Screen::spawn(&["sandbox", "balancer"]);
    screen.wait_text("LG · Tab/1–9 to choose");
    screen.wait_text("LB   SmoothWeighted");
    // The request key on LB: the next algorithm.
    screen.send("2");
    screen.wait_text("LB · Tab/1–9 to choose");
    screen.send("w");
    screen.wait_text("LB   LeastConnections");
    let picked = screen.wait_text("why #");
    assert!(picked.contains("LB   LeastConnections"), "{picked}");
    let output = screen.quit();
    assert!(
        output.rfind("\x1b[?1049l").is_some(),
        "the screen is given back"
    );
}
