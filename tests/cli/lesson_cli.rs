//! Lessons as a user meets them: `distlab lessons [--check]` and
//! `distlab lesson ID --autoplay --headless`, over every shipped lesson and
//! over deliberately broken ones.

use std::path::{Path, PathBuf};
use std::process::Output;

use distlab::lesson::{self, AnyLesson};
use distlab::units::Lang;

use crate::support::cli::{distlab, output, run, stderr, stdout};

fn shipped() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons");
    lesson::lesson_files(&[dir])
}

/// The Raft track as the issue lists it, in order.
const RAFT_TRACK: [&str; 8] = [
    "raft-0-using-distlab",
    "raft-1-election",
    "raft-2-split-votes",
    "raft-3-replication",
    "raft-4-log-repair",
    "raft-5-partitions",
    "raft-6-figure-8",
    "raft-7-majority",
];

#[test]
fn the_raft_track_is_complete_and_listed_in_order() {
    let out = run(&["lessons"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let ids: Vec<String> = stdout(&out)
        .lines()
        .filter_map(|l| l.split_whitespace().next().map(str::to_owned))
        .filter(|id| id.starts_with("raft-"))
        .collect();
    // Raft's track comes first, as in the menu.
    assert_eq!(ids[..RAFT_TRACK.len()], RAFT_TRACK);
    assert!(stdout(&out).contains("raft-1-election              raft   Leader election"));
}

#[test]
fn every_shipped_lesson_passes_the_check() {
    let files = shipped();
    assert!(files.len() >= 8, "{files:?}");
    for file in &files {
        AnyLesson::load(file).unwrap_or_else(|e| panic!("{e}"));
    }
    let out = run(&["lessons", "--check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out).trim(),
        format!("{} lesson(s) checked: all valid", files.len())
    );
}

#[test]
fn every_text_of_every_lesson_is_in_english_and_chinese() {
    for file in shipped() {
        let lesson = AnyLesson::load(&file).unwrap_or_else(|e| panic!("{e}"));
        for (place, text) in lesson.texts() {
            assert!(text.has(Lang::En), "{}: {place} lacks English", lesson.id());
            assert!(text.has(Lang::Zh), "{}: {place} lacks Chinese", lesson.id());
        }
    }
}

#[test]
fn every_lesson_plays_itself_headless_in_both_languages() {
    for file in shipped() {
        let lesson = AnyLesson::load(&file).unwrap_or_else(|e| panic!("{e}"));
        for lang in ["en", "zh"] {
            let out = run(&[
                "lesson",
                lesson.id(),
                "--lang",
                lang,
                "--autoplay",
                "--headless",
            ]);
            let text = stdout(&out);
            assert_eq!(
                out.status.code(),
                Some(0),
                "{} {lang}:\n{text}",
                lesson.id()
            );
            let met = text.lines().filter(|l| l.contains(" ✓ ")).count();
            assert_eq!(met, lesson.about().steps, "{} {lang}:\n{text}", lesson.id());
            assert!(!text.contains('✗'), "{text}");
            let texts = lesson.texts();
            let (_, first_title) = texts
                .iter()
                .find(|(place, _)| place == "step 1: title")
                .expect("a first step");
            let title = first_title.get(Lang::parse(lang).unwrap_or_default());
            assert!(text.contains(title), "{text}");
        }
    }
}

#[test]
fn the_language_comes_from_lang_when_no_flag_is_given() {
    let out = output(
        distlab(&["lesson", "raft-1-election", "--autoplay", "--headless"])
            .env("LANG", "zh_CN.UTF-8"),
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("领导者选举"), "{}", stdout(&out));
}

#[test]
fn a_lesson_can_be_opened_by_path() {
    let out = run(&[
        "lesson",
        "lessons/raft/raft-3-replication.ron",
        "--autoplay",
        "--headless",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).starts_with("raft-3-replication · Log replication and commitment"));
}

#[test]
fn the_split_vote_lesson_compares_timeout_ranges() {
    let out = run(&["lesson", "raft-2-split-votes", "--autoplay", "--headless"]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    let median = |label: &str| -> u64 {
        let line = text
            .lines()
            .find(|l| l.trim_start().starts_with(label))
            .unwrap_or_else(|| panic!("no line for {label}: {text}"));
        let after = line.split("p50 ").nth(1).expect("a median");
        after
            .split_whitespace()
            .next()
            .and_then(|v| v.parse().ok())
            .expect("a number")
    };
    // In the Figure 16 setting the narrow range's median is far longer (the
    // lesson says so, and that its slowest elections take over a second).
    let (narrow, wide) = (median("narrow"), median("wide"));
    assert!(2 * narrow > 3 * wide, "narrow {narrow} ms, wide {wide} ms");
    let slowest = text
        .lines()
        .find(|l| l.trim_start().starts_with("narrow"))
        .and_then(|l| l.split("max ").nth(1))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse::<u64>().ok())
        .expect("the narrow range's maximum");
    assert!(slowest > 1_000, "{text}");
}

#[test]
fn a_goal_not_met_exits_1() {
    let scratch = tempfile::tempdir().expect("a scratch folder");
    let dir = scratch.path();
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons/raft/raft-1-election.ron"),
    )
    .expect("reads")
    .replace(
        "LeaderIs(2), Raft(TermAtLeast(1))",
        "LeaderIs(3), Raft(TermAtLeast(1))",
    );
    let file = dir.join("raft-1-election.ron");
    std::fs::write(&file, text).expect("writes");
    let out = run(&[
        "lesson",
        &file.to_string_lossy(),
        "--autoplay",
        "--headless",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(
        stdout(&out).contains(" 2/5 ✗ S2 stands for election"),
        "{}",
        stdout(&out)
    );
    assert!(stdout(&out).contains("goal not met: lesson stopped at step 2"));
}

#[test]
fn broken_lessons_exit_2_with_a_positioned_message() {
    let cases = [
        ("bad-syntax.ron", "8:53:", "expected comma"),
        ("unknown-field.ron", "8:72:", "unknown field `narration`"),
        ("missing-english.ron", "8:27:", "missing English text"),
        ("unknown-node.ron", "8:76:", "node 4 does not exist"),
        (
            "unknown-client.ron",
            "8:113:",
            "client 99 does not exist: the cluster has clients 1 to 2",
        ),
        (
            "unknown-server.ron",
            "8:84:",
            "server 3 does not exist: the cluster has servers 1 to 2",
        ),
        (
            "task-without-autoplay.ron",
            "12:9:",
            "has a task but no `autoplay` actions",
        ),
        (
            "unknown-invariant.ron",
            "8:77:",
            "unknown invariant \"Mutual Exclusion\"",
        ),
    ];
    for (file, place, words) in cases {
        let path = format!("tests/lessons/{file}");
        let place = format!("{path}:{place}");
        for args in [
            vec!["lessons", "--check", path.as_str()],
            vec!["lesson", path.as_str(), "--autoplay", "--headless"],
        ] {
            let out = run(&args);
            let err = stderr(&out);
            assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
            assert!(err.contains(&place), "{args:?}: lacks {place:?}: {err}");
            assert!(
                err.to_lowercase().contains(&words.to_lowercase()),
                "{args:?}: lacks {words:?}: {err}"
            );
            assert_eq!(err.lines().count(), 1, "{args:?}: one line: {err}");
        }
    }
}

/// A lesson that parses but that autoplay cannot finish is refused too: a
/// learner who follows it to the letter would be stopped at the same step.
#[test]
fn the_check_plays_every_lesson_by_itself() {
    let path = "tests/lessons/stops-autoplay.ron";
    let out = run(&["lessons", "--check", path]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(
        stderr(&out).trim_end(),
        "error: stops-autoplay: played by itself, step 1 \"One\" does not meet its goal within its time"
    );
    assert_eq!(stdout(&out), "", "no verdict of all valid");
}

#[test]
fn the_check_reports_every_broken_file() {
    let out = run(&["lessons", "--check", "tests/lessons"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr(&out).lines().count(), 9, "{}", stderr(&out));
}

#[test]
fn unknown_lessons_and_the_interactive_screen_are_explained() {
    let out = run(&["lesson", "raft-99-nothing", "--autoplay", "--headless"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("raft-99-nothing: no such lesson"),
        "{}",
        stderr(&out)
    );
    let out = run(&["lesson", "raft-1-election"]);
    assert_eq!(out.status.code(), Some(1), "no terminal here");
    assert!(
        stderr(&out).contains("the screen needs a terminal"),
        "{}",
        stderr(&out)
    );
    assert_eq!(stderr(&out).lines().count(), 1);
    let out = run(&["lesson", "raft-1-election", "--autoplay"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("add --headless"), "{}", stderr(&out));
    let out = run(&["--lang", "fr", "lessons"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown language `fr`; available: en, zh"),
        "{}",
        stderr(&out)
    );
}

/// `distlab ARGS` run in `dir`.
fn distlab_in(dir: &Path, args: &[&str]) -> Output {
    output(distlab(args).current_dir(dir))
}

/// Writes the shipped `raft-1-election` under `lessons/` in `dir`, at
/// `under`, with the English title `title`.
fn copy_election_lesson(dir: &Path, under: &str, title: &str) -> PathBuf {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons/raft/raft-1-election.ron"),
    )
    .expect("reads")
    .replacen(
        "\"en\": \"Leader election\"",
        &format!("\"en\": \"{title}\""),
        1,
    );
    let folder = dir.join("lessons").join(under);
    std::fs::create_dir_all(&folder).expect("a lessons folder");
    let file = folder.join("raft-1-election.ron");
    std::fs::write(&file, text).expect("writes");
    file
}

#[test]
fn a_lesson_in_the_current_folder_hides_the_source_tree_s_copy() {
    let scratch = tempfile::tempdir().expect("a scratch folder");
    let dir = scratch.path();
    copy_election_lesson(dir, "mine", "My own election");
    let out = distlab_in(dir, &["lessons"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "", "quietly");
    let text = stdout(&out);
    let listed: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("raft-1-election "))
        .collect();
    assert_eq!(
        listed,
        ["raft-1-election              raft   My own election"],
        "{text}"
    );
    assert_eq!(
        text.lines().count(),
        shipped().len(),
        "every other lesson stays"
    );
    let out = distlab_in(dir, &["lessons", "--check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = distlab_in(
        dir,
        &["lesson", "raft-1-election", "--autoplay", "--headless"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("raft-1-election · My own election"),
        "the current folder's copy plays: {}",
        stdout(&out)
    );
}

#[test]
fn two_files_with_one_id_in_the_same_place_remain_an_error() {
    let scratch = tempfile::tempdir().expect("a scratch folder");
    let dir = scratch.path();
    copy_election_lesson(dir, "a", "One");
    copy_election_lesson(dir, "b", "Two");
    let out = distlab_in(dir, &["lessons"]);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    // Paths as the folder was found (canonical, whatever links lead to it).
    let place = |under: &str| {
        dir.canonicalize()
            .expect("exists")
            .join("lessons")
            .join(under)
            .join("raft-1-election.ron")
    };
    assert_eq!(
        stderr(&out),
        format!(
            "error: {}: the lesson id \"raft-1-election\" is already used by {}\n",
            place("b").display(),
            place("a").display()
        )
    );
    assert!(
        stdout(&out).contains("raft-1-election              raft   One"),
        "the first is listed: {}",
        stdout(&out)
    );
}
