//! Lab runs against a real `redis-server`: the processes a run leaves (or
//! must not leave), and a run's trace read back.

use std::path::Path;
use std::process::Output;
use std::time::Duration;

use distlab::lab::{read_trace, LabTrace};

use super::cli::{distlab, output_within};

/// Longest a lab run in a test may take, its own length included.
pub const LIMIT: Duration = Duration::from_secs(60);

/// The processes whose parent is `parent` and whose command is `name`.
pub fn children_named(parent: u32, name: &str) -> Vec<u32> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc")
        .expect("/proc is readable")
        .flatten()
    {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
            continue;
        };
        // `pid (comm) state ppid …`: the command may hold spaces.
        let Some((comm, rest)) = stat.split_once(" (").and_then(|(_, r)| r.rsplit_once(") "))
        else {
            continue;
        };
        let ppid = rest.split_whitespace().nth(1).and_then(|p| p.parse().ok());
        if comm == name && ppid == Some(parent) {
            found.push(pid);
        }
    }
    found
}

/// Whether `pid` is a running process (a zombie waiting for its parent to
/// read its end runs no more).
pub fn running(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|stat| stat.rsplit_once(") ").map(|(_, rest)| rest.to_owned()))
        .is_some_and(|rest| !rest.starts_with('Z') && !rest.starts_with('X'))
}

/// `distlab lab redis-lock --headless ARGS --trace TRACE`, run to its end.
pub fn headless(args: &[&str], trace: &Path) -> Output {
    let mut all = vec!["lab", "redis-lock", "--headless"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--trace", trace.to_str().expect("a UTF-8 path")]);
    output_within(&mut distlab(&all), LIMIT)
}

pub fn trace(path: &Path) -> LabTrace {
    let text = std::fs::read_to_string(path).expect("the trace was written");
    read_trace(&text).expect("the trace reads back")
}
