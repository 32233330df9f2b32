//! A family built only inside the tests runs headless with a trace, plays a
//! lesson with a goal of its own, and draws a sandbox frame.

#[path = "../toy/mod.rs"]
mod toy;

use std::path::Path;

use ratatui::backend::TestBackend;
use ratatui::Terminal;

use distlab::app::{App, SandboxOptions, Settings};
use distlab::lesson::{autoplay, Lesson};
use distlab::scenario::Scenario;
use distlab::sim::ms;
use distlab::units::Lang;
use distlab::{experiment, headless};
use toy::Counter;

const SCENARIO: &str = r#"Scenario(
    seed: 3,
    cluster: Counter((clients: 2)),
    actions: [
        (at_ms: 10, do: Bump(Client(1))),
        (at_ms: 10, do: Bump(Node(3))),
        (at_ms: 30, do: Crash(Client(2))),
        (at_ms: 40, do: Pause(Client(7), 10)),
    ],
    until_ms: 200,
)"#;

#[test]
fn a_test_family_runs_headless_with_a_trace() {
    let scenario: Scenario<Counter> =
        Scenario::parse(SCENARIO, Path::new("counter.ron")).expect("parses");
    let mut trace = Vec::new();
    let summary = headless::run(&scenario, ms(200), Some(&mut trace)).expect("runs");
    assert_eq!(summary.family.highest, 2);
    assert!(summary.is_safe());
    let text = summary.to_string();
    assert!(text.contains("counter reached: 2"), "{text}");
    let records: Vec<serde_json::Value> = String::from_utf8(trace)
        .expect("utf-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
        .collect();
    let counts: Vec<u64> = records
        .iter()
        .filter(|r| r["kind"] == "count")
        .map(|r| r["value"].as_u64().expect("a value"))
        .collect();
    assert_eq!(counts, [1, 2]);
    assert!(records
        .iter()
        .any(|r| r["kind"] == "crash" && r["node"] == 3));
    let warnings: Vec<&serde_json::Value> =
        records.iter().filter(|r| r["kind"] == "warning").collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0]["invariant"], "Crowded");
    assert_eq!(warnings[0]["text"], "2 bumps are on their way to SV");
    let notes: Vec<&str> = records
        .iter()
        .filter(|r| r["kind"] == "note")
        .filter_map(|r| r["text"].as_str())
        .collect();
    assert!(notes.contains(&"SV counts C1's bump"), "{notes:?}");
    let skipped = records
        .iter()
        .find(|r| r["kind"] == "skip")
        .expect("client 7 does not exist");
    assert!(
        skipped["reason"]
            .as_str()
            .is_some_and(|r| r.contains("client 7")),
        "{skipped}"
    );
    let saved = scenario.to_ron();
    let again: Scenario<Counter> =
        Scenario::parse(&saved, Path::new("saved.ron")).expect("the saved form parses");
    assert_eq!(again, scenario, "{saved}");
}

#[test]
fn a_test_family_measures_with_its_own_stopwatch() {
    let scenario: Scenario<Counter> =
        Scenario::parse(SCENARIO, Path::new("counter.ron")).expect("parses");
    let first = experiment::find_measure::<Counter>(None).expect("the counter offers one");
    assert_eq!(first.name, "first-count");
    let d = experiment::run(&scenario, 4, first);
    assert_eq!(d.trials, 4);
    assert_eq!(d.unresolved, 0);
    assert!(d.samples.iter().all(|s| s.us >= ms(10)), "{d:?}");
    assert!(experiment::report(&d, first).contains("first-count: count 4 "));
    let err = experiment::find_measure::<Counter>(Some("leader-downtime")).map(|m| m.name);
    assert_eq!(
        err,
        Err("Counter has no measure `leader-downtime`; available: first-count".to_owned())
    );
}

#[test]
fn a_test_family_rejects_another_familys_file_and_requests() {
    let raft = "Scenario(seed: 1, cluster: Raft((nodes: 3)))";
    let err = Scenario::<Counter>::parse(raft, Path::new("raft.ron")).expect_err("not ours");
    assert!(
        err.message.contains("a Raft cluster; expected Counter"),
        "{err}"
    );
    let wrong = SCENARIO.replace("Bump(Client(1))", "ClientWrite(\"x\")");
    let err = Scenario::<Counter>::parse(&wrong, Path::new("c.ron")).expect_err("a Raft request");
    assert_eq!(err.position.map(|p| p.0), Some(5), "{err}");
    assert!(err.message.contains("SetDrift, Bump"), "{err}");
    let wrong = SCENARIO.replace("Crash(Client(2))", "Crash(Holder)");
    let err = Scenario::<Counter>::parse(&wrong, Path::new("c.ron")).expect_err("no holder");
    assert!(
        err.message.contains("Node, Leader, Server, Client"),
        "{err}"
    );
}

const LESSON: &str = r#"Lesson(
    id: "counter-1",
    title: {"en": "Counting", "zh": "计数"},
    summary: {"en": "Clients bump a counter.", "zh": "客户端递增计数器。"},
    track: "counter",
    scenario: Scenario(seed: 1, cluster: Counter((clients: 2, every_ms: 50))),
    steps: [
        (
            title: {"en": "Watch it count", "zh": "看它计数"},
            say: {"en": "The clients bump the counter.", "zh": "客户端递增计数器。"},
            finish: When(All([Counter(ValueAtLeast(3)), NoViolation])),
            within_ms: 1000,
        ),
        (
            title: {"en": "Bump it yourself", "zh": "亲手递增"},
            say: {"en": "Bump it.", "zh": "递增它。"},
            finish: Task((do: ClientWrite, then: Some(Counter(CountedAtLeast(1))))),
            autoplay: [Bump(Client(1))],
        ),
    ],
)"#;

#[test]
fn a_test_family_plays_a_lesson_with_its_own_goal() {
    let lesson: Lesson<Counter> =
        Lesson::parse(LESSON, Path::new("counter-1.ron")).expect("parses");
    let mut out = Vec::new();
    let report = autoplay::play(&lesson, Lang::En, &mut out).expect("plays");
    let text = String::from_utf8(out).expect("utf-8");
    assert!(report.all_met(), "{text}");
    assert_eq!(report.steps.len(), 2);
    let bad = LESSON.replace("Counter(ValueAtLeast(3))", "Raft(TermAtLeast(2))");
    let err = Lesson::<Counter>::parse(&bad, Path::new("bad.ron")).expect_err("a Raft goal");
    assert!(err.message.contains("Raft"), "{err}");
    let bad = LESSON.replace("NoViolation", "Violated(\"Election Safety\")");
    let err = Lesson::<Counter>::parse(&bad, Path::new("bad.ron")).expect_err("not ours");
    assert!(err.message.contains("Monotonic"), "{err}");
}

#[test]
fn a_test_family_draws_a_sandbox_frame() {
    let options = SandboxOptions::<Counter> {
        nodes: 3,
        seed: 1,
        scenario: None,
        save_dir: std::env::temp_dir().join("distlab-never-saved"),
    };
    let mut app = App::new(&options, Settings::defaults());
    app.update(distlab::app::Action::Resize(100, 30));
    app.update(distlab::app::Action::Tick(
        std::time::Duration::from_millis(2_000),
    ));
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("test terminal");
    terminal
        .draw(|f| f.render_widget(&app, f.area()))
        .expect("draws");
    let screen = format!("{}", terminal.backend());
    assert!(screen.contains("SV S v"), "{screen}");
    assert!(screen.contains("C1 C v0"), "{screen}");
    assert!(
        screen.contains("distlab · Counter sandbox · 3 nodes"),
        "{screen}"
    );
    assert!(screen.contains("counter "), "{screen}");
    assert!(screen.contains("+ bump  = ack"), "{screen}");
}
