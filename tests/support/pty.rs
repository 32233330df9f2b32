//! The real binary in a pseudo-terminal, read back through a terminal
//! emulator: what a person at that terminal would see, and every byte the
//! program wrote, so that a test can check the terminal was given back.

use std::io::{ErrorKind, Read};
use std::process::Command;
use std::time::{Duration, Instant};

use expectrl::{Expect, Session};

use super::cli::distlab;

/// Longest any wait may take on a shared, busy machine: long enough for a
/// lesson step at the lesson's pace, short enough that a hang fails.
pub const LIMIT: Duration = Duration::from_secs(90);

/// The pty, a terminal emulator fed with everything the program wrote,
/// and the raw bytes.
pub struct Screen {
    session: expectrl::session::OsSession,
    /// The configuration and data folders, removed with the screen.
    _home: tempfile::TempDir,
    parser: vt100::Parser,
    raw: Vec<u8>,
    exited: bool,
}

impl Screen {
    /// Starts distlab with `args` in a pty of `cols`×`rows`, its
    /// configuration and data in fresh folders so that nothing on the
    /// machine changes what it does; `name` tells the folders apart.
    pub fn spawn(args: &[&str], name: &str, cols: u16, rows: u16) -> Screen {
        Screen::spawn_with_data(args, name, (cols, rows), &[], |_| {})
    }

    /// As [`Screen::spawn`], with the data folder first filled by `fill`
    /// (a learner's progress, say) and `env` set.
    pub fn spawn_with_data(
        args: &[&str],
        name: &str,
        (cols, rows): (u16, u16),
        env: &[(&str, &str)],
        fill: impl FnOnce(&std::path::Path),
    ) -> Screen {
        let scratch = tempfile::Builder::new()
            .prefix(&format!("distlab-pty-{name}-"))
            .tempdir()
            .expect("a scratch folder");
        let home = scratch.path().to_path_buf();
        std::fs::create_dir_all(home.join("data")).expect("a data folder");
        fill(&home.join("data"));
        let mut command = distlab(args);
        command
            .env("TERM", "xterm-256color")
            .env("LANG", "en_US.UTF-8")
            .env("XDG_CONFIG_HOME", &home)
            .env("HOME", &home)
            .env("DISTLAB_DATA_DIR", home.join("data"))
            .envs(env.iter().copied());
        let mut session = Session::spawn(command).expect("the binary starts in a pty");
        session
            .get_process_mut()
            .set_window_size(cols, rows)
            .expect("the pty takes a size");
        Screen {
            session,
            _home: scratch,
            parser: vt100::Parser::new(rows, cols, 0),
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
                // The pty reports EIO once the program has exited.
                Err(_) => {
                    self.exited = true;
                    return;
                }
            }
        }
    }

    /// Waits up to `limit` for `found` to return something on the screen.
    pub fn wait_for<T>(
        &mut self,
        what: &str,
        limit: Duration,
        found: impl Fn(&str) -> Option<T>,
    ) -> T {
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

    /// Waits until `text` is on the screen; the screen then.
    pub fn wait_text(&mut self, text: &str) -> String {
        self.wait_for(&format!("{text:?}"), LIMIT, |s| {
            s.contains(text).then(|| s.to_owned())
        })
    }

    pub fn send(&mut self, keys: &str) {
        self.session
            .send(keys)
            .expect("the program reads its input");
    }

    /// Sends `q` and waits for the program to end; all it wrote.
    pub fn quit(mut self) -> String {
        self.send("q");
        self.wait_for_exit("q quits")
    }

    /// Waits for the program to end (failing with `what` if it does not);
    /// all it wrote.
    fn wait_for_exit(mut self, what: &str) -> String {
        let start = Instant::now();
        while !self.exited && start.elapsed() < LIMIT {
            self.pump();
            std::thread::sleep(Duration::from_millis(20));
        }
        assert!(self.exited, "{what}");
        let mut rest = Vec::new();
        let _ = self.session.read_to_end(&mut rest);
        self.raw.extend_from_slice(&rest);
        String::from_utf8_lossy(&self.raw).into_owned()
    }
}

impl Screen {
    /// The program's process id.
    pub fn pid(&self) -> String {
        self.session.get_process().pid().to_string()
    }

    /// How much memory the program holds, in KiB (its resident set).
    pub fn resident_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid()))
            .expect("the process is alive");
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .expect("VmRSS is reported")
    }

    /// Sends `signal` (`TERM`, `HUP`) and waits for the program to end;
    /// all it wrote.
    pub fn end_with(self, signal: &str) -> String {
        let sent = Command::new("kill")
            .args(["-s", signal, &self.pid()])
            .status()
            .expect("kill runs");
        assert!(sent.success(), "the signal was sent");
        self.wait_for_exit(&format!("SIG{signal} ends the program"))
    }
}

/// The terminal was handed back: alternate screen left, cursor shown,
/// mouse capture off.
pub fn assert_restored(output: &str) {
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
