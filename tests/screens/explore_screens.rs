//! The explorer on screen: `e` opens its budgets, a progress line counts
//! states a unit of work per frame, Esc cancels, and a schedule found is
//! loaded as a fork of the history to step through, rewind and save; the
//! Figure 8 and Paxos lessons use it.

use std::path::Path;
use std::time::Duration;

use crossterm::event::KeyCode;
use distlab::app::{Action, App, Mode, Settings};
use distlab::headless;
use distlab::lesson::{self, Phase, ProgressStore};
use distlab::protocols::paxos::Paxos;
use distlab::protocols::raft::Raft;
use distlab::scenario::Scenario;
use distlab::sim::ms;
use distlab::ui::FamilyView;
use distlab::units::Lang;

use crate::support::screen::{draw, key, key_code, keys, phase, resume_lesson};

/// The Figure 8 preset's state at 2.45 s, S5 just restarted, on a
/// sandbox that saves into `save_dir`.
fn figure_8_setup(save_dir: &Path) -> App<Raft> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/scenarios/figure8.ron");
    let mut scenario = Scenario::<Raft>::load(&path).unwrap_or_else(|e| panic!("{e}"));
    scenario.actions.retain(|a| a.at() <= ms(2_450));
    scenario.until_ms = None;
    let mut sim = scenario.build();
    sim.run_until(ms(2_450), u64::MAX);
    App::with_sim(scenario, sim, Settings::defaults(), save_dir.to_path_buf())
}

fn status<F: FamilyView>(app: &App<F>) -> String {
    app.status().map(|s| s.text.clone()).unwrap_or_default()
}

/// Frames of 100 ms until the search ends.
fn until_explored<F: FamilyView>(app: &mut App<F>) {
    for _ in 0..10_000 {
        if app.exploring().is_none() {
            return;
        }
        app.update(Action::Tick(Duration::from_millis(100)));
    }
    panic!("the search never ended");
}

#[test]
fn the_form_offers_budgets_and_the_progress_line_counts_states() {
    let scratch = tempfile::tempdir().expect("a scratch folder");
    let mut app = figure_8_setup(scratch.path());
    key(&mut app, 'e');
    assert!(!app.is_playing(), "the form stops the clock");
    key_code(&mut app, KeyCode::Right);
    key_code(&mut app, KeyCode::Down);
    key_code(&mut app, KeyCode::Right);
    key_code(&mut app, KeyCode::Up);
    key_code(&mut app, KeyCode::Left);
    let Mode::Explore(form) = app.mode() else {
        panic!("the form is open: {:?}", app.mode());
    };
    assert_eq!((form.search.depth, form.search.budgets.crashes), (6, 1));
    insta::assert_snapshot!("explore_form", draw(&app, 80, 24));
    key_code(&mut app, KeyCode::Enter);
    assert!(app.exploring().is_some());
    for _ in 0..3 {
        app.update(Action::Tick(Duration::from_millis(100)));
    }
    let progress = app.exploring().expect("still searching");
    assert!(progress.outcome.states > 1 && progress.outcome.depth >= 1);
    insta::assert_snapshot!("explore_progress", draw(&app, 80, 24));
    // Keys that would change the run wait; Esc cancels.
    key(&mut app, 'x');
    assert!(status(&app).contains("Esc"), "{}", status(&app));
    key_code(&mut app, KeyCode::Esc);
    assert!(app.exploring().is_none());
    assert!(
        status(&app).starts_with("exploring cancelled after "),
        "{}",
        status(&app)
    );
}

#[test]
fn a_schedule_found_is_stepped_through_rewound_and_saved() {
    let scratch = tempfile::tempdir().expect("a scratch folder");
    let mut app = figure_8_setup(scratch.path());
    let start = app.sim().events_processed();
    keys(&mut app, "e\n");
    until_explored(&mut app);
    assert!(
        status(&app).ends_with(
            "(n steps, s saves): violation: Leader Completeness, in 6 steps (a shortest schedule)"
        ),
        "{}",
        status(&app)
    );
    // Loaded as a fork, and shown from where it begins.
    assert_eq!(app.sim().events_processed(), start);
    assert!(app.is_rewound() && app.violation().is_none());
    for _ in 0..6 {
        key(&mut app, 'n');
    }
    let (_, violation) = app.violation().expect("the sixth step breaks it");
    assert_eq!(violation.invariant.en, "Leader Completeness");
    let newest = app.feed().newest_first().next().expect("an entry");
    assert!(
        newest.reasons[0].starts_with("explorer's step 6 of 6: "),
        "{newest:?}"
    );
    // Back and forward again: the reasons stay.
    for _ in 0..6 {
        key_code(&mut app, KeyCode::Left);
    }
    assert!(app.violation().is_none());
    key(&mut app, 'n');
    let first = app.feed().newest_first().next().expect("an entry");
    assert!(
        first.reasons[0].starts_with("explorer's step 1 of 6: at S5, now:")
            && first.reasons[0].contains(", ahead of \""),
        "{first:?}"
    );
    key_code(&mut app, KeyCode::End);
    key(&mut app, 's');
    let saved = std::fs::read_dir(scratch.path())
        .expect("saved")
        .next()
        .expect("one file")
        .expect("an entry")
        .path();
    let file = Scenario::<Raft>::load(&saved).unwrap_or_else(|e| panic!("{e}"));
    let until = ms(file.until_ms.expect("an end"));
    let summary = headless::run(&file, until, None).expect("runs");
    assert_eq!(summary.violations[0].invariant, "Leader Completeness");
}

#[test]
fn a_family_whose_safety_depends_on_timing_says_why_it_is_not_explored() {
    let mut app = crate::support::screen::sandbox::<distlab::protocols::lock::Lock>(3, 1);
    key(&mut app, 'e');
    assert_eq!(app.mode(), &Mode::Normal);
    assert!(
        status(&app).contains("cannot be explored here: its safety depends on timing"),
        "{}",
        status(&app)
    );
}

/// Lesson `id` of family `F` opened at the step titled `title`, reached
/// through the progress file as a learner who left there would.
fn lesson_at<F: FamilyView>(id: &str, title: &str, lang: Lang, store: &ProgressStore) -> App<F> {
    let lesson = lesson::find(id)
        .expect("shipped")
        .of::<F>()
        .expect("of this family");
    let index = lesson
        .steps
        .iter()
        .position(|s| s.title.get(Lang::En) == title)
        .expect("the step");
    let mut progress = store.load().progress;
    for i in 0..index {
        progress.mark_step(id, i);
    }
    store.save(&progress).expect("saves");
    let app = resume_lesson::<F>(id, lang, store);
    let tutor = app.tutor().expect("a lesson");
    assert_eq!(tutor.run().index(), index, "resumed at {title}");
    app
}

/// Presses `e` and Enter, and lets the search end.
fn explore_by_keys<F: FamilyView>(app: &mut App<F>) {
    keys(app, "e\n");
    until_explored(app);
}

/// Steps with `n` until the step's goal is met.
fn step_until_met<F: FamilyView>(app: &mut App<F>) -> usize {
    let mut presses = 0;
    while phase(app) == Phase::Running && presses < 50 {
        key(app, 'n');
        presses += 1;
    }
    assert_eq!(phase(app), Phase::Met, "{}", status(app));
    presses
}

#[test]
fn the_figure_8_lesson_explores_with_the_bug_and_without() {
    let folder = tempfile::tempdir().expect("a scratch folder");
    let store = ProgressStore::at(folder.path());
    let mut app = lesson_at::<Raft>(
        "raft-6-figure-8",
        "The explorer finds it by itself",
        Lang::En,
        &store,
    );
    explore_by_keys(&mut app);
    assert_eq!(phase(&app), Phase::Running, "found, not yet watched");
    assert_eq!(step_until_met(&mut app), 6, "a step per key");
    let mut app = lesson_at::<Raft>(
        "raft-6-figure-8",
        "The explorer finds nothing",
        Lang::Zh,
        &store,
    );
    explore_by_keys(&mut app);
    assert_eq!(phase(&app), Phase::Met);
    assert!(status(&app).contains("没有违反"), "{}", status(&app));
    insta::assert_snapshot!("explore_figure_8_none_zh", draw(&app, 80, 24));
}

#[test]
fn the_paxos_lesson_explorer_finds_a_second_value_chosen() {
    let folder = tempfile::tempdir().expect("a scratch folder");
    let store = ProgressStore::at(folder.path());
    let mut app = lesson_at::<Paxos>(
        "paxos-2-adopt-value",
        "The explorer finds it too",
        Lang::En,
        &store,
    );
    explore_by_keys(&mut app);
    assert!(
        status(&app).contains("violation: One Value Chosen Per Slot"),
        "{}",
        status(&app)
    );
    step_until_met(&mut app);
}
