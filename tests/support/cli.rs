//! The distlab binary as a user runs it: the one way the tests start it.

use std::process::{Command, Output, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

/// The distlab binary with `args`, started in the package's folder (the
/// paths the tests name are relative to it) and without `LANG`, so that it
/// speaks English unless a test sets `LANG` or `--lang` itself.
pub fn distlab(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_distlab"));
    command
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("LANG");
    command
}

/// Runs `command` to its end: how it ended and all it wrote.
pub fn output(command: &mut Command) -> Output {
    command.output().expect("the binary runs")
}

/// `distlab ARGS`, run to its end.
pub fn run(args: &[&str]) -> Output {
    output(&mut distlab(args))
}

/// Runs `command` to its end, killing it (and failing) if it does not end
/// within `limit`.
pub fn output_within(command: &mut Command, limit: Duration) -> Output {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let started = Instant::now();
    while child.try_wait().expect("waits").is_none() {
        if started.elapsed() > limit {
            child.kill().expect("kills");
            panic!("{command:?} ran longer than {limit:?}");
        }
        sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("the output is read")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
