//! The step engine and conditions on constructed runs.

use std::path::Path;

use distlab::lesson::{Advance, Countdown, Phase, StepStatus};
use distlab::protocols::raft::{Command, Raft, RaftCondition};
use distlab::protocols::{ActionOf, SimOf};
use distlab::sim::{ms, Action, NodeId, StepOutcome, Target};
use distlab::units::Lang;
use distlab::units::NodeNum;

type Condition = distlab::lesson::Condition<Raft>;
type Facts = distlab::lesson::Facts<Raft>;
type Lesson = distlab::lesson::Lesson<Raft>;
type LessonRun = distlab::lesson::LessonRun<Raft>;
type LessonSim = SimOf<Raft>;
type LessonAction = ActionOf<Raft>;
type Scenario = distlab::scenario::Scenario<Raft>;

/// A Raft goal as a condition.
fn raft(c: RaftCondition) -> Condition {
    Condition::Family(c)
}

const LESSON: &str = r#"
Lesson(
    id: "test",
    title: {"en": "Test", "zh": "测试"},
    summary: {"en": "A lesson for the tests."},
    track: "raft",
    scenario: Scenario(
        seed: 1,
        cluster: Raft((nodes: 3, election_timeout_ms: (5000, 10000), heartbeat_ms: 50)),
    ),
    steps: [
        (
            title: {"en": "Elect"},
            say: {"en": "S1 stands."},
            actions: [Timeout(Node(1))],
            finish: When(LeaderIs(1)),
            within_ms: 1000,
        ),
        (
            title: {"en": "Crash"},
            say: {"en": "Crash the leader."},
            question: (
                ask: {"en": "Who leads next?"},
                options: [{"en": "S1"}, {"en": "S2"}],
                answer: 2,
                explain: {"en": "S2 times out first."},
            ),
            finish: Task((do: Crash(Leader), then: Crashed(1))),
            autoplay: [Crash(Leader)],
        ),
        (
            title: {"en": "Again"},
            say: {"en": "S2 stands."},
            actions: [Timeout(Node(2))],
            finish: When(All([LeaderIs(2), Raft(TermAtLeast(2))])),
            within_ms: 1000,
        ),
        (title: {"en": "End"}, say: {"en": "Done."}, finish: Continue),
    ],
)
"#;

fn lesson() -> Lesson {
    Lesson::parse(LESSON, Path::new("test.ron")).expect("the test lesson parses")
}

/// Steps the simulation until the run's goal is met or `limit_ms` pass.
fn play(run: &mut LessonRun, sim: &mut LessonSim, limit_ms: u64) -> bool {
    let deadline = sim.now() + ms(limit_ms);
    while run.phase() == Phase::Running && sim.now() < deadline {
        if sim.step_until(deadline) == StepOutcome::Idle {
            break;
        }
        run.observe(sim);
    }
    run.phase() == Phase::Met
}

fn apply(run: &mut LessonRun, sim: &mut LessonSim, action: LessonAction) -> bool {
    let matched = run.on_user_action(sim, &action);
    sim.act(action);
    run.observe(sim);
    matched
}

fn n(k: usize) -> NodeNum {
    NodeNum(k)
}

/// A simulation of a preset scenario, stepped to its end, with the facts
/// gathered from every record.
fn preset(name: &str) -> (LessonSim, Facts) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/scenarios")
        .join(name);
    let scenario = Scenario::load(&path).expect("the preset loads");
    let mut sim = scenario.build();
    let mut facts = Facts::begin(&sim);
    let until = ms(scenario.until_ms.unwrap_or(5_000));
    while sim.step_until(until) == StepOutcome::Stepped {
        facts.absorb(sim.last_records());
    }
    (sim, facts)
}

#[test]
fn leader_conditions_follow_the_state() {
    let (mut run, mut sim) = LessonRun::start(lesson());
    assert_eq!(run.phase(), Phase::Running);
    let facts = Facts::begin(&sim);
    assert!(!Condition::LeaderExists.holds(&sim, &facts));
    assert!(play(&mut run, &mut sim, 1_000));
    let facts = run.facts().clone();
    let holds = |c: Condition| c.holds(&sim, &facts);
    assert!(holds(Condition::LeaderExists));
    assert!(holds(Condition::LeaderIs(n(1))));
    assert!(!holds(Condition::LeaderIs(n(2))));
    assert!(!holds(Condition::LeaderIsNot(n(1))));
    assert!(holds(Condition::Up(n(3))));
    assert!(!holds(Condition::Crashed(n(3))));
    assert!(holds(Condition::NoViolation));
    assert!(!holds(Condition::Violated("Election Safety".into())));
    assert!(holds(raft(RaftCondition::TermAtLeast(1))));
    assert!(!holds(raft(RaftCondition::TermAtLeast(2))));
    assert!(!holds(raft(RaftCondition::CommittedOnMajority(1))));
    assert!(holds(Condition::Not(Box::new(Condition::LeaderIs(n(2))))));
    assert!(holds(Condition::Any(vec![
        Condition::LeaderIs(n(2)),
        Condition::LeaderIs(n(1)),
    ])));
    assert!(!holds(Condition::All(vec![
        Condition::LeaderIs(n(1)),
        Condition::Crashed(n(1)),
    ])));
    assert!(holds(Condition::ElapsedMs(10)));
    assert!(!holds(Condition::ElapsedMs(1_000)));
}

#[test]
fn commit_and_truncation_conditions() {
    let (sim, facts) = preset("partition-heal.ron");
    let raft = |c: RaftCondition| raft(c).holds(&sim, &facts);
    // S5 led a stale minority and lost its uncommitted entries on healing.
    assert!(raft(RaftCondition::Truncated(n(5))));
    assert!(!raft(RaftCondition::Truncated(n(1))));
    assert!(raft(RaftCondition::CommittedOnAll(2)));
    assert!(raft(RaftCondition::CommittedOnMajority(2)));
    assert!(raft(RaftCondition::CommittedOn(n(5), 2)));
    assert!(!raft(RaftCondition::CommittedOnMajority(9)));
    assert!(raft(RaftCondition::StoredOnMajority(2)));
    assert!(raft(RaftCondition::CommitCountAtLeast(2)));
    assert!(!raft(RaftCondition::CommitCountAtLeast(9)));
}

#[test]
fn violation_conditions_see_the_safety_monitor() {
    let (sim, facts) = preset("figure8.ron");
    assert!(Condition::Violated("State Machine Safety".into()).holds(&sim, &facts));
    assert!(!Condition::Violated("Election Safety".into()).holds(&sim, &facts));
    assert!(!Condition::NoViolation.holds(&sim, &facts));
    // Facts that begin now see no violation yet.
    let later = Facts::begin(&sim);
    assert!(Condition::NoViolation.holds(&sim, &later));
}

#[test]
fn a_split_vote_is_an_election_that_failed() {
    let scenario = Scenario::parse(
        "Scenario(seed: 2, cluster: Raft((nodes: 4, election_timeout_ms: (150, 300))),
          actions: [(at_ms: 1, do: Partition([[1, 3], [2, 4]])),
                    (at_ms: 2, do: Timeout(Node(1))), (at_ms: 2, do: Timeout(Node(2)))])",
        Path::new("split.ron"),
    )
    .expect("parses");
    let mut sim = scenario.build();
    let mut facts = Facts::begin(&sim);
    let failed = raft(RaftCondition::ElectionFailed);
    while sim.step_until(ms(100)) == StepOutcome::Stepped {
        facts.absorb(sim.last_records());
    }
    assert!(!failed.holds(&sim, &facts), "term 1 is still being decided");
    while sim.step_until(ms(1_000)) == StepOutcome::Stepped {
        facts.absorb(sim.last_records());
    }
    assert!(failed.holds(&sim, &facts));
    assert!(!Condition::LeaderExists.holds(&sim, &facts));
}

#[test]
fn a_question_waits_then_reveals_the_answer() {
    let (mut run, mut sim) = LessonRun::start(lesson());
    assert!(play(&mut run, &mut sim, 1_000));
    assert_eq!(run.advance(&mut sim), Advance::Moved(1));
    assert_eq!(run.phase(), Phase::Asking);
    assert_eq!(run.answer_given(), None);
    assert!(!run.observe(&sim), "nothing is met while asking");
    assert_eq!(run.advance(&mut sim), Advance::NotMet);
    assert_eq!(run.answer(3, &mut sim), None, "there is no option 3");
    let answer = run.answer(1, &mut sim).expect("option 1 exists");
    assert_eq!((answer.chosen, answer.correct), (1, 2));
    assert!(!answer.is_correct());
    assert_eq!(run.answer_given(), Some(answer));
    assert_eq!(run.phase(), Phase::Running);
    assert_eq!(run.answer(2, &mut sim), None, "answered once");
}

#[test]
fn a_task_is_met_only_by_the_right_action() {
    let (mut run, mut sim) = LessonRun::start(lesson());
    assert!(play(&mut run, &mut sim, 1_000));
    run.advance(&mut sim);
    run.answer(2, &mut sim);
    let wrong: LessonAction = Action::Crash(Target::Node(NodeId(2)));
    assert_eq!(
        run.missed_target(&sim, &wrong, Lang::En).as_deref(),
        Some("crash the leader"),
        "a crash on the wrong node is said at once"
    );
    assert!(!apply(&mut run, &mut sim, wrong));
    let write: LessonAction = Action::Request(Target::Leader, Command::Write("x".into()));
    assert_eq!(
        run.missed_target(&sim, &write, Lang::En),
        None,
        "not a crash"
    );
    assert!(!apply(&mut run, &mut sim, write));
    assert_eq!(run.phase(), Phase::Running);
    assert_eq!(
        run.goals(&sim, Lang::En)[0],
        ("crash the leader".into(), false)
    );
    // Pressing x on the leader toggles it: that is crashing the leader.
    let right: LessonAction = Action::ToggleCrash(Target::Node(NodeId(0)));
    assert!(apply(&mut run, &mut sim, right));
    assert_eq!(run.phase(), Phase::Met);
    assert_eq!(run.statuses()[1], StepStatus::Met);
    let goals = run.goals(&sim, Lang::Zh);
    assert_eq!(goals[0], ("使领导者崩溃".into(), true));
    assert_eq!(goals[1], ("S1 已崩溃".into(), true));
}

/// The test lesson at its crash task, given a 500 ms limit, its question
/// answered.
fn at_a_task_with_a_limit() -> (LessonRun, LessonSim) {
    let text = LESSON.replace(
        "autoplay: [Crash(Leader)],",
        "autoplay: [Crash(Leader)],\n            within_ms: 500,",
    );
    let (mut run, mut sim) =
        LessonRun::start(Lesson::parse(&text, Path::new("t.ron")).expect("parses"));
    assert!(play(&mut run, &mut sim, 1_000));
    run.advance(&mut sim);
    run.answer(2, &mut sim);
    (run, sim)
}

#[test]
fn a_task_step_waits_for_the_learner_however_long_they_read() {
    let (mut run, mut sim) = at_a_task_with_a_limit();
    assert!(run.waits_for_learner(), "nothing has been done yet");
    assert_eq!(
        run.countdown(&sim),
        None,
        "no limit runs before the learner acts"
    );
    // Even a clock that ran on (a minute of heartbeats) fails nothing.
    let idle_until = sim.now() + ms(60_000);
    while sim.now() < idle_until && sim.step_until(idle_until) == StepOutcome::Stepped {
        run.observe(&sim);
    }
    run.recheck(&sim);
    assert_eq!(run.phase(), Phase::Running);
    // The limit counts from the learner's action.
    let crash: LessonAction = Action::Crash(Target::Leader);
    assert!(apply(&mut run, &mut sim, crash));
    assert!(!run.waits_for_learner());
    assert_eq!(run.phase(), Phase::Met);
    assert!(!run.was_late());
}

#[test]
fn a_late_task_still_counts_and_says_it_was_late() {
    let (mut run, mut sim) = at_a_task_with_a_limit();
    // The learner starts the clock by hand, then acts after the limit.
    assert!(run.arm(&sim));
    assert!(!run.arm(&sim), "armed once");
    assert_eq!(run.countdown(&sim), Some(Countdown::Left(ms(500))));
    let later = sim.now() + ms(2_000);
    while sim.step_until(later) == StepOutcome::Stepped {
        run.observe(&sim);
    }
    sim.run_until(later, 0);
    run.recheck(&sim);
    assert_eq!(run.phase(), Phase::Running, "a late task has not failed");
    assert_eq!(run.countdown(&sim), Some(Countdown::Late(ms(1_500))));
    let crash: LessonAction = Action::Crash(Target::Leader);
    assert!(apply(&mut run, &mut sim, crash));
    assert_eq!(run.phase(), Phase::Met);
    assert!(run.was_late());
    assert_eq!(run.advance(&mut sim), Advance::Moved(2));
    assert!(!run.was_late(), "the next step starts on time");
}

#[test]
fn going_back_restores_the_simulation() {
    let (mut run, mut sim) = LessonRun::start(lesson());
    assert!(play(&mut run, &mut sim, 1_000));
    run.advance(&mut sim);
    let at_step_2 = (sim.now(), sim.events_processed(), sim.leader());
    run.answer(2, &mut sim);
    for action in run.autoplay_actions().to_vec() {
        apply(&mut run, &mut sim, action);
    }
    assert_eq!(run.advance(&mut sim), Advance::Moved(2));
    assert!(play(&mut run, &mut sim, 1_000));
    assert_eq!(sim.leader(), Some(NodeId(1)));
    assert!(run.back(&mut sim));
    assert_eq!(run.index(), 1);
    assert_eq!((sim.now(), sim.events_processed(), sim.leader()), at_step_2);
    assert_eq!(run.phase(), Phase::Asking, "the question is asked again");
    assert_eq!(run.statuses()[1..], [StepStatus::Pending; 3]);
    assert_eq!(run.statuses()[0], StepStatus::Met);
    assert!(run.back(&mut sim));
    assert!(!run.back(&mut sim), "no step before the first");
    assert_eq!(sim.now(), 1, "the first step's action ran at once again");
}

#[test]
fn a_time_limit_fails_the_step_and_retry_restores_it() {
    let text = LESSON.replace("finish: When(LeaderIs(1))", "finish: When(LeaderIs(3))");
    let (mut run, mut sim) =
        LessonRun::start(Lesson::parse(&text, Path::new("t.ron")).expect("parses"));
    let start = sim.now();
    assert!(!play(&mut run, &mut sim, 1_500));
    assert_eq!(run.phase(), Phase::Failed);
    assert_eq!(run.advance(&mut sim), Advance::NotMet);
    assert!(run.retry(&mut sim));
    assert_eq!(run.phase(), Phase::Running);
    assert_eq!(sim.now(), start);
}

#[test]
fn continue_steps_finish_the_lesson() {
    let (mut run, mut sim) = LessonRun::start(lesson());
    assert!(play(&mut run, &mut sim, 1_000));
    run.advance(&mut sim);
    run.answer(2, &mut sim);
    for action in run.autoplay_actions().to_vec() {
        apply(&mut run, &mut sim, action);
    }
    run.advance(&mut sim);
    assert!(play(&mut run, &mut sim, 1_000));
    assert_eq!(run.advance(&mut sim), Advance::Moved(3));
    assert_eq!(run.phase(), Phase::Running);
    assert!(run.goals(&sim, Lang::En).is_empty());
    assert_eq!(run.advance(&mut sim), Advance::Finished);
    assert!(run.is_finished());
    assert_eq!(run.statuses(), &[StepStatus::Met; 4]);
    assert!(run.back(&mut sim));
    assert_eq!((run.index(), run.phase()), (3, Phase::Running));
}

/// The test lesson whose third step starts a fresh three-node run in which
/// S3 stands at 100 ms, played at once up to `start_at_ms`.
fn with_a_fresh_run_from(start_at: &str) -> String {
    LESSON.replace(
        "            title: {\"en\": \"Again\"},\n            say: {\"en\": \"S2 stands.\"},\n            actions: [Timeout(Node(2))],\n            finish: When(All([LeaderIs(2), Raft(TermAtLeast(2))])),",
        &format!(
            "            title: {{\"en\": \"Again\"}},\n            say: {{\"en\": \"S3 led term 1.\"}},\n            restart_with: Scenario(\n                seed: 1,\n                cluster: Raft((nodes: 3, election_timeout_ms: (5000, 10000), heartbeat_ms: 50)),\n                actions: [(at_ms: 100, do: Timeout(Node(3)))],\n            ),\n            {start_at}\n            finish: When(LeaderIs(3)),"
        ),
    )
}

#[test]
fn a_fresh_run_is_played_at_once_up_to_its_start() {
    let text = with_a_fresh_run_from("start_at_ms: 400,");
    let (mut run, mut sim) =
        LessonRun::start(Lesson::parse(&text, Path::new("t.ron")).expect("parses"));
    assert!(play(&mut run, &mut sim, 1_000));
    run.advance(&mut sim);
    run.answer(2, &mut sim);
    assert!(apply(&mut run, &mut sim, Action::Crash(Target::Leader)));
    assert!(play(&mut run, &mut sim, 1_000), "S1 is down");
    assert_eq!(run.advance(&mut sim), Advance::Moved(2));
    assert_eq!(
        sim.now(),
        ms(400),
        "the fresh run starts where the step says"
    );
    assert_eq!(
        sim.leader(),
        Some(NodeId(2)),
        "S3 won term 1 before the step showed"
    );
    assert_eq!(run.phase(), Phase::Met, "its goal holds at once");
}

#[test]
fn start_at_ms_without_a_fresh_run_is_refused() {
    let text = LESSON.replace(
        "            finish: When(LeaderIs(1)),",
        "            start_at_ms: 400,\n            finish: When(LeaderIs(1)),",
    );
    let err = Lesson::parse(&text, Path::new("t.ron")).expect_err("refused");
    assert!(
        err.to_string()
            .contains("`start_at_ms` but no `restart_with`"),
        "{err}"
    );
}

#[test]
fn a_lab_step_only_narrates() {
    let lab = r#"lab: Some((mode: "naive", work_ms: 300, run_ms: 5000)),"#;
    let watching = LESSON.replace(
        "            finish: When(LeaderIs(1)),",
        &format!("            {lab}\n            finish: When(LeaderIs(1)),"),
    );
    let err = Lesson::parse(&watching, Path::new("t.ron")).expect_err("refused");
    assert!(err.to_string().contains("has a `lab` run"), "{err}");
    let lesson = Lesson::parse(
        &LESSON.replace(
            r#"say: {"en": "Done."}, finish: Continue"#,
            &format!(r#"say: {{"en": "Done."}}, {lab} finish: Continue"#),
        ),
        Path::new("t.ron"),
    )
    .expect("a narrating step may offer a lab run");
    let step = lesson
        .steps
        .iter()
        .find(|s| s.lab.is_some())
        .expect("the lab step");
    assert_eq!(step.lab.as_ref().map(|l| l.run_ms), Some(5000));
}

#[test]
fn a_question_has_two_to_nine_options() {
    let one = LESSON.replace(
        r#"options: [{"en": "S1"}, {"en": "S2"}],
                answer: 2,"#,
        r#"options: [{"en": "S1"}],
                answer: 1,"#,
    );
    let ten = LESSON.replace(
        r#"options: [{"en": "S1"}, {"en": "S2"}],"#,
        &format!("options: [{}],", [r#"{"en": "S"}"#; 10].join(", ")),
    );
    for (text, count) in [(one, 1), (ten, 10)] {
        let err = Lesson::parse(&text, Path::new("t.ron")).expect_err("refused");
        let err = err.to_string();
        assert!(err.contains("2 to 9 options"), "{err}");
        assert!(err.contains(&format!("this one has {count}")), "{err}");
    }
}

/// raft-3's first step ends only once every follower has heard from the new
/// leader: a write sent to any follower in the next step is passed on, not
/// turned away because the follower knows no leader yet.
#[test]
fn raft_3_hands_over_once_every_follower_knows_the_leader() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons/raft/raft-3-replication.ron");
    let text = std::fs::read_to_string(&path).expect("the lesson file reads");
    let lesson = Lesson::parse(&text, &path).expect("raft-3 parses");
    let (mut run, mut sim) = LessonRun::start(lesson);
    assert!(play(&mut run, &mut sim, 1_000), "step 1 is met");
    let leader = sim.leader().expect("a leader");
    assert_eq!(leader.number(), 1);
    for node in sim
        .nodes()
        .iter()
        .filter_map(distlab::protocols::raft::RaftMember::server)
        .filter(|n| n.id != leader)
    {
        assert_eq!(
            node.leader_hint,
            Some(leader),
            "{:?} knows the leader",
            node.id
        );
    }
}

/// A write is a write only if a server takes it: a follower that knows no
/// leader turns it away, and the task stays unticked until one is passed on.
#[test]
fn a_write_turned_away_does_not_count() {
    let text = LESSON.replace(
        r#"actions: [Timeout(Node(1))],
            finish: When(LeaderIs(1)),"#,
        r#"finish: Task((do: ClientWrite)),
            autoplay: [ClientWrite("x")],"#,
    );
    let lesson = Lesson::parse(&text, Path::new("t.ron")).expect("the lesson parses");
    let (mut run, mut sim) = LessonRun::start(lesson);
    let to_s2 =
        || -> LessonAction { Action::Request(Target::Node(NodeId(1)), Command::Write("x".into())) };
    assert!(apply(&mut run, &mut sim, to_s2()), "the action is a write");
    assert!(!run.goals(&sim, Lang::En)[0].1, "S2 knows no leader");
    assert_eq!(run.phase(), Phase::Running);
    let skip = sim.last_records().iter().find_map(|r| match &r.kind {
        distlab::sim::RecordKind::Skip { reason, .. } => Some(*reason),
        _ => None,
    });
    assert_eq!(skip, Some(distlab::sim::SkipReason::TurnedAway(NodeId(1))));
    sim.act(Action::Timeout(Target::Node(NodeId(0))));
    while sim.step_until(ms(200)) == StepOutcome::Stepped {}
    assert_eq!(sim.leader(), Some(NodeId(0)));
    assert!(apply(&mut run, &mut sim, to_s2()));
    assert_eq!(run.phase(), Phase::Met, "S2 passes the write on to S1");
}
