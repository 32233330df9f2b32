//! A lesson experiment whose variants are scenarios of different families:
//! Multi-Paxos and Raft under the same workload, measured by the measure
//! both offer (messages per committed command). The files read and fail as
//! they should, and the lesson's numbers are what the text says they are.

use std::path::Path;

use distlab::experiment::find_measure;
use distlab::lesson::compare::messages_per_command;
use distlab::lesson::measure::run_experiment;
use distlab::lesson::{self, Measure};
use distlab::protocols::paxos::Paxos;
use distlab::protocols::raft::Raft;

type Lesson = distlab::lesson::Lesson<Paxos>;

/// A Paxos lesson whose one step compares `variants`.
fn lesson(variants: &str) -> String {
    format!(
        r#"
Lesson(
    id: "compare",
    title: {{"en": "Compare"}},
    summary: {{"en": "Two families, one workload."}},
    track: "paxos",
    scenario: Scenario(seed: 1, cluster: Paxos((nodes: 3, mode: Multi))),
    steps: [
        (
            title: {{"en": "Count"}},
            say: {{"en": "Count the messages."}},
            experiment: (
                measure: MessagesPerCommand,
                trials: 4,
                variants: [{variants}],
            ),
            finish: Continue,
        ),
    ],
)
"#
    )
}

const PAXOS: &str = r#"(
    label: {"en": "Multi-Paxos"},
    scenario: Paxos(Scenario(
        seed: 1,
        cluster: Paxos((nodes: 3, mode: Multi, proposers: [1])),
        actions: [
            (at_ms: 800, do: Propose(Leader, "a")),
            (at_ms: 820, do: Propose(Leader, "b")),
            (at_ms: 840, do: Propose(Leader, "c")),
        ],
        until_ms: 1000,
    )),
)"#;

const RAFT: &str = r#"(
    label: {"en": "Raft"},
    scenario: Raft(Scenario(
        seed: 1,
        cluster: Raft((nodes: 3)),
        actions: [
            (at_ms: 800, do: ClientWrite("a")),
            (at_ms: 820, do: ClientWrite("b")),
            (at_ms: 840, do: ClientWrite("c")),
        ],
        until_ms: 1000,
    )),
)"#;

fn parse(text: &str) -> Result<Lesson, String> {
    Lesson::parse(text, Path::new("compare.ron")).map_err(|e| e.to_string())
}

#[test]
fn variants_of_two_families_are_measured_by_the_measure_both_offer() {
    let lesson = parse(&lesson(&format!("{PAXOS}, {RAFT}"))).expect("parses");
    let experiment = lesson.steps[0].experiment.as_ref().expect("an experiment");
    assert_eq!(experiment.measure, Measure::MessagesPerCommand);
    assert!(find_measure::<Paxos>(Some("messages-per-command")).is_ok());
    assert!(find_measure::<Raft>(Some("messages-per-command")).is_ok());
    let results = run_experiment(experiment);
    let per: Vec<f64> = results
        .iter()
        .map(|r| messages_per_command(&r.measured).expect("commands committed"))
        .collect();
    // Three nodes: Multi-Paxos 3 Accept + 9 Accepted per command, Raft 2
    // AppendEntries and 2 replies, each plus heartbeats.
    assert!((12.0..16.0).contains(&per[0]), "{per:?}");
    assert!((4.0..8.0).contains(&per[1]), "{per:?}");
    assert_eq!(
        results[0].measured.samples.len(),
        4 * 2,
        "2 readings per trial"
    );
}

#[test]
fn a_variant_of_a_family_without_the_measure_is_refused_where_it_is_written() {
    let lock = r#"(
        label: {"en": "Locks"},
        scenario: Lock(Scenario(seed: 1, cluster: Lock((clients: 1)))),
    )"#;
    let err = parse(&lesson(&format!("{PAXOS}, {lock}"))).expect_err("locks count no commands");
    assert!(
        err.contains("Lock has no measure `messages-per-command`"),
        "{err}"
    );
    assert!(err.starts_with("compare.ron:13:"), "at `measure:`: {err}");
}

#[test]
fn variants_are_checked_for_shape_size_and_family() {
    let both = r#"(label: {"en": "x"}, election_timeout_ms: (150, 300), scenario: Raft(Scenario(seed: 1, cluster: Raft((nodes: 3)))))"#;
    let err = parse(&lesson(both)).expect_err("both kinds of variant");
    assert!(
        err.contains("either `election_timeout_ms` or `scenario`"),
        "{err}"
    );
    assert!(err.starts_with("compare.ron:15:"), "at `variants:`: {err}");

    let neither = r#"(label: {"en": "x"})"#;
    let err = parse(&lesson(neither)).expect_err("no kind of variant");
    assert!(
        err.contains("needs `election_timeout_ms` or a `scenario`"),
        "{err}"
    );

    let timeout = r#"(label: {"en": "x"}, election_timeout_ms: (150, 300))"#;
    let err = parse(&lesson(timeout)).expect_err("nothing to vary");
    assert!(err.contains("needs the experiment's `scenario`"), "{err}");

    let five =
        r#"(label: {"en": "x"}, scenario: Raft(Scenario(seed: 1, cluster: Raft((nodes: 5)))))"#;
    let err = parse(&lesson(five)).expect_err("a different cluster size");
    assert!(
        err.contains("as many nodes as the lesson's scenario (3)"),
        "{err}"
    );

    let unknown = r#"(label: {"en": "x"}, scenario: Quorum(Scenario(seed: 1)))"#;
    let err = parse(&lesson(unknown)).expect_err("no such family");
    assert!(
        err.contains("Raft") && err.contains("Paxos"),
        "lists the families: {err}"
    );
    assert!(err.starts_with("compare.ron:15:"), "{err}");
}

#[test]
fn an_error_inside_a_variant_scenario_keeps_its_position() {
    let bad = "(label: {\"en\": \"x\"},\n scenario: Raft(Scenario(seed: 1, cluster: Raft((nodes: 3, heartbeats: 2))))\n)";
    let err = parse(&lesson(bad)).expect_err("an unknown field");
    assert!(err.starts_with("compare.ron:16:"), "{err}");
    assert!(err.contains("heartbeats"), "{err}");
}

#[test]
fn the_multi_paxos_lesson_shows_what_its_text_explains() {
    let lesson = lesson::find("paxos-4-multi-paxos")
        .expect("shipped")
        .of::<Paxos>()
        .expect("a Paxos lesson");
    let step = lesson.steps.last().expect("steps");
    let experiment = step.experiment.as_ref().expect("the comparison");
    let results = run_experiment(experiment);
    let per: Vec<f64> = results
        .iter()
        .map(|r| messages_per_command(&r.measured).expect("commands committed"))
        .collect();
    // 30 messages per command plus 4 heartbeats per 50 ms (2.5 commands);
    // 8 plus 8 per 50 ms.
    assert!((30.0..33.0).contains(&per[0]), "Multi-Paxos: {per:?}");
    assert!((8.0..12.5).contains(&per[1]), "Raft: {per:?}");
    assert!(per[0] > 2.5 * per[1], "about three times: {per:?}");
}
