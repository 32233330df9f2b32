//! Hostile input: every file under `tests/hostile/` says in its second
//! line how distlab must end on it (`// expect: exit 2 at 7:44: words`, or
//! `// expect: exit 0`), and `run` and `experiment` must end so, within a
//! bounded time, never with a panic. Dropping a file in the folder adds a
//! case; random bytes and extreme numbers are fed to the parser and the
//! runner as well, and random bytes and token soup to the history reader
//! and checker.

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use distlab::protocols::raft::Raft;
use distlab::scenario::Scenario;
use proptest::prelude::*;

use crate::support::cli::{distlab, output_within};

/// Longer than any case needs on a loaded machine; a case that takes it
/// has hung.
const HANG: Duration = Duration::from_secs(300);

/// Runs distlab, killing it (and failing) if it does not end in time.
fn run(args: &[&str]) -> Output {
    output_within(&mut distlab(args), HANG)
}

/// What a file's header expects.
#[derive(Debug)]
struct Expected {
    code: i32,
    /// `line:col`, where the error must point.
    place: Option<String>,
    words: String,
}

fn expected(path: &Path) -> Expected {
    let bytes = std::fs::read(path).expect("the file reads");
    let text = String::from_utf8_lossy(&bytes);
    let line = text
        .lines()
        .nth(1)
        .and_then(|l| l.strip_prefix("// expect: exit "))
        .unwrap_or_else(|| {
            panic!(
                "{}: the second line says `// expect: exit …`",
                path.display()
            )
        });
    let (code, rest) = line.split_at(1);
    let code = code.parse().expect("one digit");
    let rest = rest.trim_start_matches(':').trim();
    let (place, words) = match rest.strip_prefix("at ") {
        Some(at) => {
            let (place, words) = at.split_once(": ").expect("at LINE:COL: words");
            (Some(place.to_owned()), words.to_owned())
        }
        None => (None, rest.to_owned()),
    };
    Expected { code, place, words }
}

fn hostile_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the folder reads")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    files
}

fn assert_ends_as_expected(args: &[&str], file: &str, want: &Expected) {
    let out = run(args);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(want.code), "{args:?}: {err}");
    assert!(!err.contains("panicked"), "{args:?}: {err}");
    if want.code == 0 {
        return;
    }
    let at = match &want.place {
        Some(place) => format!("{file}:{place}: "),
        None => format!("{file}: "),
    };
    assert!(
        err.contains(&at),
        "{args:?}: the message lacks {at:?}: {err}"
    );
    assert!(
        err.contains(&want.words),
        "{args:?}: the message lacks {:?}: {err}",
        want.words
    );
    // `experiment` also says how long its trials took, on a line of its own.
    let errors = err.lines().filter(|l| l.starts_with("error: ")).count();
    assert_eq!(errors, 1, "{args:?}: one error line, please: {err}");
}

#[test]
fn every_hostile_file_ends_as_its_header_says_in_run_experiment_and_explore() {
    let files = hostile_files();
    assert!(files.len() >= 25, "the corpus is there: {}", files.len());
    for path in files {
        let file = format!(
            "tests/hostile/{}",
            path.file_name().unwrap().to_string_lossy()
        );
        let want = expected(&path);
        assert_ends_as_expected(&["run", &file], &file, &want);
        let experiment = ["experiment", &file, "--trials", "2"];
        if want.code == 2 {
            assert_ends_as_expected(&experiment, &file, &want);
        } else {
            // A clean file may still measure nothing, which is exit 2 with
            // its reason; what matters here is that it ends, unpanicked.
            let out = run(&experiment);
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(matches!(out.status.code(), Some(0..=2)), "{file}: {err}");
            assert!(!err.contains("panicked"), "{file}: {err}");
        }
        let explore = ["explore", &file, "--depth", "2", "--walks", "3"];
        if want.code == 2 {
            assert_ends_as_expected(&explore, &file, &want);
        } else {
            // A clean file may be of a family that cannot be explored
            // (exit 2, saying why) or break an invariant (exit 1).
            let out = run(&explore);
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(matches!(out.status.code(), Some(0..=2)), "{file}: {err}");
            assert!(!err.contains("panicked"), "{file}: {err}");
        }
    }
}

#[test]
fn a_scenario_of_too_many_actions_is_an_error_at_the_first_one_too_many() {
    let scratch = tempfile::tempdir().expect("a scratch folder");
    let path = scratch.path().join("many.ron");
    let action = "(at_ms: 100, do: Heal),\n";
    let text = format!(
        "Scenario(seed: 1, cluster: Raft(()), actions: [\n{}])\n",
        action.repeat(100_001)
    );
    std::fs::write(&path, text).expect("written");
    let file = path.to_string_lossy().into_owned();
    let out = run(&["run", &file]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!(
            "{file}:100002:24: a scenario holds at most 100000 actions"
        )),
        "{err}"
    );
}

/// A scenario of any shape the format allows, with numbers from the whole
/// range of their types: what parses must run to its end (or stop with a
/// reason) without a panic.
fn extreme_scenario() -> impl Strategy<Value = String> {
    let number = prop_oneof![
        Just("0".to_owned()),
        Just("1".to_owned()),
        Just("-1".to_owned()),
        Just("86400000".to_owned()),
        Just("86400001".to_owned()),
        Just("500000".to_owned()),
        Just("-500000".to_owned()),
        Just("18446744073709551615".to_owned()),
        Just("-9223372036854775808".to_owned()),
        Just("NaN".to_owned()),
        Just("inf".to_owned()),
        Just("0.5".to_owned()),
        any::<i64>().prop_map(|n| n.to_string()),
        (0u64..100_000).prop_map(|n| n.to_string()),
    ];
    let action =
        (0usize..9, number.clone(), number.clone(), 0u64..3_000).prop_map(|(kind, a, b, at)| {
            let what = match kind {
                0 => format!("SetDrift(Node(1), {a})"),
                1 => format!("ClockJump(Node(2), {a})"),
                2 => format!("Pause(Node(3), {a})"),
                3 => format!("DelayMessage({a}, {b})"),
                4 => format!("SetLoss({a})"),
                5 => format!("SetDuplication({a})"),
                6 => format!("DropMessage({a})"),
                7 => "Crash(Leader)".to_owned(),
                _ => "Heal".to_owned(),
            };
            format!("(at_ms: {at}, do: {what})")
        });
    (
        number.clone(),
        number.clone(),
        number.clone(),
        number,
        prop::collection::vec(action, 0..12),
    )
        .prop_map(|(nodes, lo, hi, tail, actions)| {
            format!(
                "Scenario(seed: 7, cluster: Raft((nodes: {nodes})), \
                 network: (latency_ms: ({lo}, {hi}), long_tail: Some({tail})), \
                 actions: [{}], until_ms: 3000)",
                actions.join(", ")
            )
        })
}

/// Text made of the pieces Jepsen histories are made of, in any order:
/// it reaches past the reader into pairing, checking and explaining.
fn history_soup() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "{", "}", "[", "]", "(", ")", ":process", "0", "1", "-3", ":nemesis", ":type", ":invoke",
        ":ok", ":fail", ":info", ":f", ":read", ":write", ":cas", ":append", ":get", ":put",
        ":value", "nil", "[1 2]", "[nil 1]", "2", ":key", "\"x\"", "\"y\"", ":time", "99", "\n",
        "; note\n", ",", " ",
    ]);
    prop::collection::vec(piece, 0..120).prop_map(|pieces| pieces.join(" "))
}

/// Whatever a history file holds: an error with its place, or a verdict
/// in both languages, never a panic.
fn read_and_check(text: &str) {
    use distlab::history::{self, Limits};
    use distlab::units::Lang;
    match history::read(text) {
        Err(e) => assert!(e.line >= 1 && e.col >= 1, "{e}"),
        Ok(h) => {
            let limits = Limits {
                steps: 20_000,
                deadline: None,
            };
            let verdict = history::check(&h, h.model(), limits);
            assert!(!verdict.describe(Lang::En).is_empty());
            assert!(!verdict.describe(Lang::Zh).is_empty());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_bytes_are_an_error_or_a_history_never_a_panic(
        bytes in prop::collection::vec(any::<u8>(), 0..400)
    ) {
        read_and_check(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn history_soup_is_an_error_or_a_verdict_never_a_panic(text in history_soup()) {
        read_and_check(&text);
    }

    #[test]
    fn well_formed_random_histories_get_a_verdict(
        ops in prop::collection::vec((0i64..4, 0u8..4, 0u8..3, 0i64..3, 0i64..3), 0..40)
    ) {
        // Each op invoked and completed at once by its process, with a
        // random function, outcome and values: well formed, often wrong.
        let mut text = String::new();
        for (process, f, outcome, a, b) in ops {
            let f = [":read", ":write", ":cas", ":append"][usize::from(f)];
            let value = if f == ":cas" { format!("[{a} {b}]") } else { a.to_string() };
            let done = [":ok", ":fail", ":info"][usize::from(outcome)];
            text.push_str(&format!(
                "{{:process {process} :type :invoke :f {f} :key \"k{b}\" :value {value}}}\n\
                 {{:process {process} :type {done} :f {f} :key \"k{b}\" :value {value}}}\n"
            ));
        }
        let h = distlab::history::read(&text).expect("well formed");
        read_and_check(&text);
        prop_assert_eq!(h.ops.len(), text.lines().count() / 2);
    }

    #[test]
    fn random_bytes_are_an_error_or_a_scenario_never_a_panic(
        bytes in prop::collection::vec(any::<u8>(), 0..400)
    ) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = Scenario::<Raft>::parse(&text, Path::new("noise.ron"));
    }

    #[test]
    fn extreme_numbers_are_refused_where_written_or_run_to_the_end(text in extreme_scenario()) {
        match Scenario::<Raft>::parse(&text, Path::new("extreme.ron")) {
            Err(e) => prop_assert!(e.position.is_some(), "{e}"),
            Ok(scenario) => {
                let until = distlab::headless::until_of(&scenario, None);
                // Ends within its day (or stops with a reason), whatever
                // the numbers: the bound on run time the test relies on.
                let _ = distlab::headless::run(&scenario, until, None);
            }
        }
    }
}
