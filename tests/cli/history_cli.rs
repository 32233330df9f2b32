//! `distlab history check`: a verdict line per file, in either language,
//! and `file:line:col` for a history it cannot read.

use crate::support::cli::{run, stderr, stdout};

/// Histories that cannot be read.
const BAD: &str = "tests/histories";
/// The examples the README names.
const GOOD: &str = "assets/histories";

fn check(args: &[&str]) -> (Option<i32>, String, String) {
    let mut all = vec!["history", "check"];
    all.extend_from_slice(args);
    let out = run(&all);
    (out.status.code(), stdout(&out), stderr(&out))
}

#[test]
fn a_linearizable_history_exits_0() {
    for file in ["register.edn", "kv.edn", "late-write.edn"] {
        let path = format!("{GOOD}/{file}");
        let (code, out, err) = check(&[&path]);
        assert_eq!(code, Some(0), "{out}{err}");
        assert_eq!(out, format!("{path}: linearizable\n"));
    }
}

#[test]
fn a_stale_read_is_named_with_the_write_it_missed() {
    let (code, out, _) = check(&[&format!("{GOOD}/stale-read.jsonl")]);
    assert_eq!(code, Some(1));
    assert_eq!(
        out,
        "assets/histories/stale-read.jsonl: not linearizable — C2 read x = 1 at 2.31 s, \
         but C1's write x = 2 had completed at 2.10 s, before that read began\n"
    );
    let (_, zh, _) = check(&["--lang", "zh", &format!("{GOOD}/stale-read.edn")]);
    assert_eq!(
        zh,
        "assets/histories/stale-read.edn: 不可线性化 — 进程 1 在 2.31 秒 读到 1，\
         但 进程 0 写入 2 早在 2.10 秒 就已完成，先于这次读开始\n"
    );
}

#[test]
fn an_acknowledged_write_that_vanishes_is_caught() {
    let (code, out, _) = check(&[&format!("{GOOD}/lost-write.edn")]);
    assert_eq!(code, Some(1));
    assert_eq!(
        out,
        "assets/histories/lost-write.edn: not linearizable — process 2 read 2 at 1.40 s, \
         but process 1's write 3 had completed at 0.62 s, before that read began\n"
    );
}

#[test]
fn several_files_get_a_line_each_and_the_worst_exit_code() {
    let ok = format!("{GOOD}/kv.edn");
    let stale = format!("{GOOD}/stale-read.edn");
    let (code, out, _) = check(&[&ok, &stale]);
    assert_eq!(code, Some(1));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert_eq!(lines[0], format!("{ok}: linearizable"));
    assert!(lines[1].starts_with(&format!("{stale}: not linearizable — ")));
    // A file that cannot be read makes it 2, and the others still get their line.
    let broken = format!("{BAD}/unbalanced.edn");
    let (code, out, err) = check(&[&ok, &broken]);
    assert_eq!(code, Some(2));
    assert_eq!(out, format!("{ok}: linearizable\n"));
    assert!(err.contains(&format!("{broken}:2:1: ")), "{err}");
}

#[test]
fn malformed_histories_exit_2_naming_file_line_and_column() {
    for (file, said) in [
        ("unbalanced.edn", "2:1: this op map is never closed"),
        (
            "orphan-completion.edn",
            "3:1: process 3 completes an operation it never invoked",
        ),
        (
            "two-open.edn",
            "2:1: process 0 invokes an operation while its previous one is still open",
        ),
        ("unknown-f.edn", "1:1: unknown :f :increment"),
    ] {
        let path = format!("{BAD}/{file}");
        let (code, out, err) = check(&[&path]);
        assert_eq!(code, Some(2), "{file}: {out}{err}");
        assert!(err.contains(&format!("{path}:{said}")), "{file}: {err}");
        assert!(out.is_empty(), "{file}: {out}");
    }
    let (code, _, err) = check(&["tests/histories/no-such-file.edn"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("no-such-file.edn"), "{err}");
}

#[test]
fn the_model_can_be_named_and_a_wrong_name_is_refused() {
    // As one register, the key-value history is wrong: y's 7 overwrote x's 1.
    let path = format!("{GOOD}/kv.edn");
    let (code, out, _) = check(&[&path, "--model", "register"]);
    assert_eq!(code, Some(1), "{out}");
    let (code, _, err) = check(&[&path, "--model", "graph"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("unknown model `graph`; available: register, kv"),
        "{err}"
    );
    let (code, _, err) = check(&[&path, "--timeout", "0"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("not a positive number of seconds"), "{err}");
}

#[test]
fn the_view_refuses_a_history_it_cannot_read_before_opening_a_screen() {
    for (file, said) in [
        (
            "tests/histories/unbalanced.edn",
            "tests/histories/unbalanced.edn:2:1: this op map is never closed",
        ),
        (
            "tests/histories/no-such-file.edn",
            "tests/histories/no-such-file.edn: ",
        ),
    ] {
        let out = run(&["history", "view", file]);
        assert_eq!(out.status.code(), Some(2), "{file}");
        let err = stderr(&out);
        assert!(err.contains(said), "{file}: {err}");
        assert!(stdout(&out).is_empty(), "no screen was drawn: {file}");
    }
}

/// `run --history` writes the clients' history as Jepsen EDN, which
/// `history check` then judges as the run's monitor did.
#[test]
fn a_runs_history_is_written_for_other_checkers() {
    let dir = std::env::temp_dir().join(format!("distlab-run-history-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let file = dir.join("stale.edn");
    let file = file.to_str().expect("a UTF-8 path");
    let out = run(&[
        "run",
        "assets/scenarios/reads-leader-local.ron",
        "--history",
        file,
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stdout(&out).contains("Linearizability: C1 read x = 1 at 4.50 s"));
    let edn = std::fs::read_to_string(file).expect("the history");
    assert_eq!(edn.lines().count(), 8, "{edn}");
    let (code, verdict, _) = check(&[file]);
    assert_eq!(code, Some(1));
    assert!(
        verdict.contains("process 1 read x = 1 at 4.50 s"),
        "{verdict}"
    );
    let out = run(&[
        "run",
        "assets/scenarios/reads-workload.ron",
        "--history",
        "/nonexistent/folder/h.edn",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot create /nonexistent/folder/h.edn"));
    std::fs::remove_dir_all(&dir).ok();
}
