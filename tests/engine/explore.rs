//! The explorer from scripted states: each safety bug of Raft and Paxos is
//! found by itself, the correct protocols are not caught from the same
//! states, every counterexample replays in the ordinary simulator to the
//! same invariant, and the answer does not depend on the thread count.

use std::path::Path;

use distlab::explore::{self, Budgets, Choice, Explored, Search};
use distlab::headless;
use distlab::protocols::paxos::{Bug as PaxosBug, Paxos};
use distlab::protocols::raft::{Bug, Raft};
use distlab::protocols::Family;
use distlab::scenario::Scenario;
use distlab::sim::ms;

fn preset<F: Family>(name: &str) -> Scenario<F> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/scenarios")
        .join(name);
    Scenario::load(&path).unwrap_or_else(|e| panic!("{e}"))
}

fn search(depth: u32) -> Search {
    Search {
        depth,
        ..Search::default()
    }
}

/// The search's counterexample, after checking that its scenario breaks
/// the same invariant first when `distlab run` replays it.
fn found<F: Family>(explored: &Explored<F>) -> (&'static str, usize) {
    let found = explored.outcome.found.as_ref().expect("a violation");
    let file = explored.counterexample.as_ref().expect("a scenario");
    let back = Scenario::<F>::parse(&file.to_ron(), Path::new("cx.ron")).expect("reads back");
    let summary = headless::run(&back, ms(back.until_ms.expect("an end")), None).expect("runs");
    let first = summary.violations.first().expect("the replay breaks it");
    assert_eq!(first.invariant, found.invariant.en);
    (found.invariant.en, found.steps.len())
}

#[test]
fn figure_8_with_its_bug_is_found_by_a_shortest_schedule() {
    let s = preset::<Raft>("figure8.ron");
    let explored = explore::from_scenario(&s, 2_450, &search(7)).expect("explores");
    assert_eq!(found(&explored), ("Leader Completeness", 6));
    // Shortest: every schedule of five steps was searched, and none breaks
    // an invariant.
    let five = explore::from_scenario(&s, 2_450, &search(5)).expect("explores");
    assert_eq!((five.outcome.found, five.outcome.depth), (None, 5));
    assert!(!five.outcome.capped);
    let steps = &explored.outcome.found.as_ref().expect("found").steps;
    assert!(
        matches!(&steps[0], Choice::Fire(node, timer) if node.0 == 4 && timer == "election"),
        "{steps:?}"
    );
    let words = explore::describe_steps(&explored.start, steps, distlab::units::Lang::En);
    assert!(
        words[2].starts_with("deliver RequestVote(t5) from S5 to"),
        "{words:?}"
    );
}

#[test]
fn each_raft_safety_bug_is_found_and_correct_raft_is_not() {
    for (file, at_ms, invariant) in [
        ("figure8.ron", 2_450, "Leader Completeness"),
        ("skip-up-to-date-check.ron", 850, "Leader Completeness"),
        ("forget-vote-on-restart.ron", 650, "One Vote Per Term"),
    ] {
        let mut s = preset::<Raft>(file);
        let explored = explore::from_scenario(&s, at_ms, &search(7)).expect("explores");
        assert_eq!(found(&explored).0, invariant, "{file}");
        s.cluster.0.bugs.clear();
        let correct = explore::from_scenario(&s, at_ms, &search(6)).expect("explores");
        assert_eq!(correct.outcome.found, None, "{file} without its bug");
        assert_eq!(correct.outcome.depth, 6, "{file}: searched to depth 6");
        assert!(!correct.outcome.capped);
    }
}

#[test]
fn a_forgotten_vote_needs_the_crash_budget_when_the_crash_is_not_scripted() {
    let mut s = preset::<Raft>("forget-vote-on-restart.ron");
    // Leave out the scripted crash and restart of S3, and the split that
    // lets S2 reach it: the explorer must crash and restart S3 itself.
    s.actions.retain(|a| a.at() < ms(400));
    s.actions.push(distlab::scenario::TimedAction {
        at_ms: Some(390),
        at_us: None,
        action: distlab::scenario::ActionSpec::Partition(vec![
            vec![distlab::units::NodeNum(1)],
            vec![distlab::units::NodeNum(2), distlab::units::NodeNum(3)],
        ]),
    });
    let without = explore::from_scenario(&s, 395, &search(5)).expect("explores");
    assert_eq!(without.outcome.found, None);
    let budget = Search {
        budgets: Budgets {
            crashes: 2,
            ..Budgets::default()
        },
        ..search(5)
    };
    let with = explore::from_scenario(&s, 395, &budget).expect("explores");
    assert_eq!(found(&with).0, "One Vote Per Term");
    let steps = &with.outcome.found.as_ref().expect("found").steps;
    assert!(
        steps.iter().any(|c| matches!(c, Choice::Crash(_))),
        "{steps:?}"
    );
}

#[test]
fn paxos_ignoring_accepted_values_is_found_and_correct_paxos_is_not() {
    let mut s = preset::<Paxos>("paxos-ignores-accepted-values.ron");
    let walks = Search {
        walks: 500,
        walk_depth: 40,
        ..search(4)
    };
    let explored = explore::from_scenario(&s, 100, &walks).expect("explores");
    assert_eq!(found(&explored).0, "One Value Chosen Per Slot");
    s.cluster
        .0
        .bugs
        .retain(|b| *b != PaxosBug::ProposerIgnoresAcceptedValues);
    let correct = explore::from_scenario(&s, 100, &walks).expect("explores");
    assert_eq!(correct.outcome.found, None);
}

#[test]
fn the_answer_is_the_same_on_one_thread_and_on_two() {
    let s = preset::<Raft>("figure8.ron");
    let on = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("a pool");
        let walks = Search {
            walks: 200,
            ..search(5)
        };
        pool.install(|| explore::from_scenario(&s, 2_450, &walks).expect("explores"))
            .outcome
    };
    let one = on(1);
    assert_eq!(one, on(2));
    assert!(one.found.is_some() && one.states > 1_000);
}

#[test]
fn reaching_the_cap_is_said() {
    let mut s = preset::<Raft>("figure8.ron");
    s.cluster.0.bugs = vec![Bug::RequireAllAcks];
    let capped = Search {
        max_states: 500,
        ..search(6)
    };
    let outcome = explore::from_scenario(&s, 2_450, &capped)
        .expect("explores")
        .outcome;
    assert!(outcome.capped);
    assert_eq!(outcome.distinct, 500);
    assert!(explore::describe_search(&outcome, distlab::units::Lang::En)
        .contains("the cap of 500 distinct states was reached"));
}

#[test]
fn a_family_whose_safety_depends_on_timing_is_not_explored() {
    let s = preset::<distlab::protocols::lock::Lock>("lock-redis-naive.ron");
    let err = explore::from_scenario(&s, 100, &search(3)).expect_err("not explorable");
    assert!(err.to_string().contains("depends on timing"), "{err}");
    // Nor is Raft whose clients read under leases.
    let leases = preset::<Raft>("reads-lease-drift.ron");
    let err = explore::from_scenario(&leases, 100, &search(3)).expect_err("not explorable");
    assert!(
        err.to_string().contains("Raft cannot be explored here"),
        "{err}"
    );
    let index = preset::<Raft>("reads-read-index.ron");
    assert!(explore::from_scenario(&index, 100, &search(2)).is_ok());
}
