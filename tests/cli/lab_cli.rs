//! `distlab lab redis-lock` against a real `redis-server`: the server's
//! life, and the three stories of the lock lessons as real processes tell
//! them. Each test asserts on the events the run recorded, never on how
//! long it slept.

use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use distlab::lab::{LabKind, LabNote, LabState, Who, FREED_OTHERS_LOCK};
use distlab::protocols::lock::LOST_UPDATE;

use crate::support::cli::{distlab, output_within, stderr, stdout};
use crate::support::lab::{children_named, headless, running, trace, LIMIT};

/// The story of the pause lessons: C1 takes the lock, reads and is
/// stopped for 1.5 s in its 400 ms of work; the 1 s lease runs out
/// meanwhile and C2 takes its turn.
const PAUSE_STORY: [&str; 8] = [
    "--ttl-ms",
    "1000",
    "--work-ms",
    "400",
    "--pause",
    "C1@100:1500",
    "--seconds",
    "2.5",
];

fn scratch() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("distlab-lab-test-")
        .tempdir()
        .expect("a scratch folder")
}

/// C1's write after its pause: the storage event for it.
fn late_write(state_trace: &distlab::lab::LabTrace) -> (u64, bool, Option<u64>) {
    let resumed = state_trace
        .events
        .iter()
        .find(|e| e.kind == LabKind::Resumed { client: 1 })
        .expect("C1 was resumed")
        .at_us;
    state_trace
        .events
        .iter()
        .filter(|e| e.at_us >= resumed)
        .find_map(|e| match e.kind {
            LabKind::Storage {
                client: 1,
                token,
                read: Some(_),
                accepted,
                highest,
                ..
            } => Some((token, accepted, highest)),
            _ => None,
        })
        .expect("C1 wrote after its pause")
}

#[test]
fn a_pause_longer_than_the_lease_loses_an_update_with_nx_px() {
    let dir = scratch();
    let file = dir.path().join("nx-px.jsonl");
    let mut args = vec!["--mode", "nx-px"];
    args.extend(PAUSE_STORY);
    let out = headless(&args, &file);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stdout(&out).contains("Lost Update"), "{}", stdout(&out));
    let recorded = trace(&file);
    assert!(recorded
        .events
        .iter()
        .any(|e| e.who == Who::Redis && e.kind == LabKind::Expired));
    let (token, accepted, _) = late_write(&recorded);
    assert!(accepted && token == 1, "storage took C1's stale write");
    let state = LabState::at_end(&recorded);
    let lost = state
        .findings
        .iter()
        .find(|f| f.invariant == LOST_UPDATE)
        .expect("the checker flags the lost update");
    assert!(
        matches!(
            lost.note,
            LabNote::LostUpdate {
                client: 1,
                read: 0,
                ..
            }
        ),
        "{:?}",
        lost.note
    );
}

#[test]
fn with_fencing_storage_refuses_the_late_write() {
    let dir = scratch();
    let file = dir.path().join("fencing.jsonl");
    let mut args = vec!["--mode", "fencing"];
    args.extend(PAUSE_STORY);
    let out = headless(&args, &file);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let recorded = trace(&file);
    let (token, accepted, highest) = late_write(&recorded);
    assert!(!accepted, "the late write was refused");
    assert!(
        highest > Some(token),
        "refused for a higher token: {highest:?} > {token}"
    );
    let state = LabState::at_end(&recorded);
    assert!(
        state.findings.iter().all(|f| !f.violation),
        "{:?}",
        state.findings
    );
    assert!(state.writes_refused >= 1);
}

#[test]
fn a_naive_release_deletes_another_clients_lock() {
    let dir = scratch();
    let file = dir.path().join("naive.jsonl");
    let out = headless(&["--mode", "naive", "--seconds", "1"], &file);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let recorded = trace(&file);
    // C1 took turn #1, C2 took the lock over it 50 ms later (#2), and C1's
    // plain delete removed C2's key.
    let freed = recorded.events.iter().find_map(|e| match (e.who, &e.kind) {
        (Who::Client(1), LabKind::Released { deleted, .. }) => Some(*deleted),
        _ => None,
    });
    assert_eq!(
        freed,
        Some(Some(2)),
        "C1's first release deleted turn #2's key"
    );
    let state = LabState::at_end(&recorded);
    assert!(state
        .findings
        .iter()
        .any(|f| f.invariant == FREED_OTHERS_LOCK));
}

/// A run under way: its process, the line saying where its server is,
/// and that server's pid and folder.
struct Running {
    child: Child,
    server: u32,
    folder: PathBuf,
    trace: PathBuf,
}

fn start_run(dir: &Path) -> Running {
    let trace = dir.join("run.jsonl");
    let mut child = distlab(&[
        "lab",
        "redis-lock",
        "--headless",
        "--seconds",
        "50",
        "--trace",
        trace.to_str().unwrap(),
    ])
    .stdout(Stdio::null())
    .stderr(Stdio::piped())
    .spawn()
    .expect("distlab starts");
    let mut line = String::new();
    BufReader::new(child.stderr.take().unwrap())
        .read_line(&mut line)
        .expect("distlab says where its server is");
    // `lab: Redis server v=7.0.15 (pid 1234) in /tmp/distlab-lab-…`
    let server: u32 = line
        .split("(pid ")
        .nth(1)
        .and_then(|r| r.split(')').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no pid in {line:?}"));
    let folder = PathBuf::from(line.rsplit(" in ").next().unwrap().trim());
    assert_eq!(children_named(child.id(), "redis-server"), [server]);
    Running {
        child,
        server,
        folder,
        trace,
    }
}

/// The server answers on its socket, and the clients got the lock.
fn assert_reachable(run: &Running) {
    let mut redis = UnixStream::connect(run.folder.join("redis.sock")).expect("the socket");
    redis.write_all(b"PING\r\n").unwrap();
    let mut pong = [0; 7];
    redis.read_exact(&mut pong).unwrap();
    assert_eq!(&pong, b"+PONG\r\n");
    let start = Instant::now();
    while !std::fs::read_to_string(&run.trace).is_ok_and(|t| t.contains("\"acquired\"")) {
        assert!(start.elapsed() < LIMIT, "no client took the lock");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn end(mut run: Running, signal: i32) -> Running {
    // SAFETY: the pid is our child's, not yet waited for.
    unsafe { libc::kill(run.child.id() as i32, signal) };
    let start = Instant::now();
    while run.child.try_wait().unwrap().is_none() {
        assert!(start.elapsed() < LIMIT, "distlab did not end");
        std::thread::sleep(Duration::from_millis(20));
    }
    let start = Instant::now();
    while running(run.server) {
        assert!(
            start.elapsed() < LIMIT,
            "redis-server {} is still running",
            run.server
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    run
}

#[test]
fn the_server_is_stopped_and_its_folder_removed_when_distlab_is_ended() {
    let dir = scratch();
    for signal in [libc::SIGTERM, libc::SIGINT] {
        let run = start_run(dir.path());
        assert_reachable(&run);
        let run = end(run, signal);
        assert!(!run.folder.exists(), "{} is left", run.folder.display());
    }
}

#[test]
fn a_killed_distlab_takes_its_server_with_it_and_the_next_run_tidies_up() {
    let dir = scratch();
    let run = start_run(dir.path());
    assert_reachable(&run);
    let run = end(run, libc::SIGKILL);
    // Nothing could remove the folder; the next run does.
    let out = headless(&["--seconds", "0.3"], &dir.path().join("next.jsonl"));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!run.folder.exists(), "{} is left", run.folder.display());
}

#[test]
fn without_redis_server_the_command_says_how_to_install_it() {
    let dir = scratch();
    let out = crate::support::cli::output(
        distlab(&["lab", "redis-lock", "--headless"])
            .env("PATH", dir.path())
            .current_dir(dir.path()),
    );
    assert_eq!(out.status.code(), Some(2));
    let said = stderr(&out);
    assert_eq!(said.lines().count(), 1, "{said}");
    assert!(said.contains("apt-get install redis-server"), "{said}");
}

#[test]
fn bad_lab_input_is_refused_in_one_line() {
    let dir = scratch();
    let trace = dir.path().join("t.jsonl");
    let t = trace.to_str().unwrap();
    for args in [
        vec!["--pause", "C3@100:100", "--trace", t],
        vec!["--pause", "C1-100", "--trace", t],
        vec!["--mode", "redlock", "--trace", t],
        vec!["--clients", "0", "--trace", t],
        vec!["--trace", "/nonexistent/folder/t.jsonl"],
        vec!["--redis-server", "/bin/true", "--trace", t],
    ] {
        let mut all = vec!["lab", "redis-lock", "--headless"];
        all.extend(&args);
        let out = output_within(&mut distlab(&all), LIMIT);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            !stderr(&out).contains("panicked"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    let broken = dir.path().join("broken.jsonl");
    std::fs::write(&broken, "{\"lab\":\"redis-lock\"}\n").unwrap();
    let out = crate::support::cli::run(&["lab", "replay", broken.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("line 1"), "{}", stderr(&out));
}

#[test]
fn where_a_socket_path_would_be_too_long_the_run_listens_on_loopback() {
    let dir = scratch();
    let long = dir
        .path()
        .join("a-temporary-folder-whose-name-is-far-too-long-for-a-unix-socket-path-of-108-bytes");
    std::fs::create_dir(&long).unwrap();
    let file = dir.path().join("loopback.jsonl");
    let mut args = vec![
        "lab",
        "redis-lock",
        "--headless",
        "--mode",
        "nx-px",
        "--trace",
        file.to_str().unwrap(),
    ];
    args.extend(PAUSE_STORY);
    let out = output_within(distlab(&args).env("TMPDIR", &long), LIMIT);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stdout(&out).contains("Lost Update"), "{}", stdout(&out));
    let (_, accepted, _) = late_write(&trace(&file));
    assert!(accepted, "storage, on loopback too, took C1's stale write");
    assert_eq!(
        std::fs::read_dir(&long).unwrap().count(),
        0,
        "the run's folder is removed"
    );
}
