//! Lessons on the cluster screen and the menu: key sequences drive a lesson
//! to its end, back and retry restore a step's start, progress reaches the
//! menu; and text snapshots of the menu and a lesson, in English and
//! Chinese.

use crate::support::screen;

use std::path::PathBuf;
use std::time::Duration;

use crate::support::screen::{play_until_met, squeezed};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use distlab::app::{Action, Menu, Settings, Shell, View};
use distlab::lesson::{self, Phase, ProgressStore};
use distlab::protocols::raft::{Raft, Role};
use distlab::sim::{NodeId, NodeStatus};
use distlab::ui::FamilyView;
use distlab::units::Lang;
use insta::assert_snapshot;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

type App = distlab::app::App<Raft>;

/// A fresh, empty folder for progress (and session) files, with the store
/// in it; removed when the test ends, however it ends.
struct Scratch {
    dir: PathBuf,
    store: ProgressStore,
    _folder: tempfile::TempDir,
}

impl Scratch {
    fn new(name: &str) -> Scratch {
        let folder = tempfile::Builder::new()
            .prefix(&format!("distlab-tui-lessons-{name}-"))
            .tempdir()
            .expect("a scratch folder");
        let dir = folder.path().to_path_buf();
        let store = ProgressStore::at(&dir);
        Scratch {
            dir,
            store,
            _folder: folder,
        }
    }
}

fn open(id: &str, lang: Lang, store: &ProgressStore) -> App {
    crate::support::screen::resume_lesson::<Raft>(id, lang, store)
}

/// A lesson screen of any family.
type AppOf<F> = distlab::app::App<F>;

fn press<F: FamilyView>(app: &mut AppOf<F>, code: KeyCode) {
    app.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn keys<F: FamilyView>(app: &mut AppOf<F>, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// Lets real time pass in 50 ms frames until the step's goal is met (or
/// two simulated minutes pass, which no step needs).
fn phase<F: FamilyView>(app: &AppOf<F>) -> Phase {
    app.tutor().expect("a lesson is open").phase()
}

fn step(app: &App) -> usize {
    app.tutor().expect("a lesson is open").run().index()
}

fn draw<W>(widget: W, width: u16, height: u16) -> TestBackend
where
    W: ratatui::widgets::Widget,
{
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal
        .draw(|f| f.render_widget(widget, f.area()))
        .expect("draws");
    terminal.backend().clone()
}

/// The election lesson at step 3, "Crash the leader": its question
/// answered and S2 elected.
fn at_the_crash_step(store: &ProgressStore) -> App {
    let mut app = open("raft-1-election", Lang::En, store);
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "2");
    play_until_met(&mut app);
    press(&mut app, KeyCode::Enter);
    assert_eq!(step(&app), 2);
    app
}

#[test]
fn the_election_lesson_is_completed_with_the_keys_it_names() {
    let scratch = Scratch::new("election");
    let store = &scratch.store;
    let mut app = open("raft-1-election", Lang::En, store);
    assert_eq!(step(&app), 0);
    assert!(!app.is_playing(), "the clock waits while the learner reads");

    press(&mut app, KeyCode::Enter);
    assert_eq!(step(&app), 1);
    assert_eq!(phase(&app), Phase::Asking);
    // Predict before observing: the cluster may not be touched yet.
    keys(&mut app, "x ");
    assert_eq!(app.sim().status(NodeId(0)), NodeStatus::Up);
    assert!(!app.is_playing());
    assert!(app
        .status()
        .is_some_and(|s| s.text.contains("answer the question")));

    keys(&mut app, "2");
    assert_eq!(phase(&app), Phase::Running);
    assert!(
        !app.is_playing(),
        "the explanation is read before the clock runs"
    );
    keys(&mut app, " ");
    assert!(app.is_playing(), "space starts the clock");
    play_until_met(&mut app);
    assert_eq!(app.sim().leader(), Some(NodeId(1)));
    assert!(!app.is_playing(), "a met goal stops the clock");

    press(&mut app, KeyCode::Enter);
    assert_eq!(step(&app), 2);
    keys(&mut app, "Lx");
    assert_eq!(app.sim().status(NodeId(1)), NodeStatus::Crashed);
    assert_eq!(phase(&app), Phase::Met);

    press(&mut app, KeyCode::Enter);
    play_until_met(&mut app);
    assert_eq!(app.sim().leader(), Some(NodeId(3)));

    press(&mut app, KeyCode::Enter);
    keys(&mut app, "2x");
    play_until_met(&mut app);
    press(&mut app, KeyCode::Enter);
    assert_eq!(phase(&app), Phase::Finished);

    let progress = store.load().progress;
    assert!(progress.is_complete("raft-1-election"));
    assert_eq!(progress.lessons["raft-1-election"].steps.len(), 5);
    assert!(!app.should_quit());
    press(&mut app, KeyCode::Enter);
    assert!(app.should_quit(), "Enter leaves a finished lesson");
}

#[test]
fn the_split_vote_lesson_splits_the_votes_without_a_partition() {
    let scratch = Scratch::new("split-vote");
    let mut app = open("raft-2-split-votes", Lang::En, &scratch.store);
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "3");
    play_until_met(&mut app);
    let sim = app.sim();
    let node = |n: u8| sim.node(NodeId(n)).server().expect("a server");
    assert!((0..4).all(|n| !sim.is_isolated(NodeId(n))));
    // S1 has started term 2; the voters each gave term 1's vote to a
    // different candidate.
    assert_eq!((node(0).role, node(0).current_term), (Role::Candidate, 2));
    let mut votes = [node(2).voted_for, node(3).voted_for];
    votes.sort();
    assert_eq!(votes, [Some(NodeId(0)), Some(NodeId(1))]);
    assert!((1..4).all(|n| node(n).current_term == 1));
    press(&mut app, KeyCode::Enter);
    play_until_met(&mut app);
    assert_eq!(app.sim().leader(), Some(NodeId(0)));
    assert_eq!(
        app.sim()
            .node(NodeId(0))
            .server()
            .expect("a server")
            .current_term,
        2
    );
}

#[test]
fn a_task_steps_clock_waits_while_the_learner_reads() {
    let scratch = Scratch::new("task-clock");
    let mut app = open("raft-3-replication", Lang::En, &scratch.store);
    play_until_met(&mut app);
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "2");
    assert_eq!(step(&app), 1, "at the write task");
    assert_eq!(phase(&app), Phase::Running);
    assert!(!app.is_playing(), "a task's clock waits for the learner");
    let before = app.sim().now();
    // Ten minutes of reading in real time.
    for _ in 0..12_000 {
        app.update(Action::Tick(Duration::from_millis(50)));
    }
    assert_eq!(app.sim().now(), before, "the clock stood still");
    assert_eq!(phase(&app), Phase::Running, "reading fails nothing");
    let screen = format!("{}", draw(&app, 160, 48));
    assert!(screen.contains("the clock waits for you"), "{screen}");
    keys(&mut app, "w");
    assert!(app.is_playing(), "the learner's action starts the clock");
    play_until_met(&mut app);
    assert_eq!(phase(&app), Phase::Met);
    assert_eq!(
        app.sim()
            .node(NodeId(0))
            .server()
            .expect("a server")
            .commit_index,
        1
    );
}

#[test]
fn a_wrong_answer_reveals_the_right_one_and_the_step_runs() {
    let scratch = Scratch::new("wrong");
    let store = &scratch.store;
    let mut app = open("raft-1-election", Lang::En, store);
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "9");
    assert_eq!(phase(&app), Phase::Asking, "there is no option 9");
    keys(&mut app, "1");
    let answer = app
        .tutor()
        .and_then(|t| t.run().answer_given())
        .expect("answered");
    assert_eq!((answer.chosen, answer.correct), (1, 2));
    assert!(app
        .status()
        .is_some_and(|s| s.text.contains("the answer is 2")));
    play_until_met(&mut app);
}

#[test]
fn going_back_a_step_restores_how_it_began() {
    let scratch = Scratch::new("back");
    let store = &scratch.store;
    let mut app = at_the_crash_step(store);
    keys(&mut app, "Lx");
    press(&mut app, KeyCode::Enter);
    assert_eq!(step(&app), 3);
    let crashed = app.sim().status(NodeId(1));
    assert_eq!(crashed, NodeStatus::Crashed);

    press(&mut app, KeyCode::PageUp);
    assert_eq!(step(&app), 2);
    assert_eq!(
        app.sim().status(NodeId(1)),
        NodeStatus::Up,
        "back before the crash"
    );
    assert_eq!(app.sim().leader(), Some(NodeId(1)));
    keys(&mut app, "3x");
    assert_eq!(
        phase(&app),
        Phase::Running,
        "crashing a follower is not the task"
    );
    assert_eq!(app.sim().status(NodeId(2)), NodeStatus::Crashed);
    press(&mut app, KeyCode::Char('r'));
    assert_eq!(
        app.sim().status(NodeId(2)),
        NodeStatus::Up,
        "retry undoes it"
    );
    keys(&mut app, "Lx");
    assert_eq!(phase(&app), Phase::Met);

    // Stepping back through events stops where the step began.
    for _ in 0..50 {
        press(&mut app, KeyCode::Left);
    }
    assert_eq!(step(&app), 2);
    assert!(app
        .status()
        .is_some_and(|s| s.text.contains("where the step began")));
}

#[test]
fn a_lesson_resumes_where_it_was_left() {
    let scratch = Scratch::new("resume");
    let store = &scratch.store;
    let mut app = at_the_crash_step(store);
    keys(&mut app, "q");
    assert!(app.should_quit());

    let again = open("raft-1-election", Lang::En, store);
    assert_eq!(step(&again), 2, "steps 1 and 2 are done");
    assert_eq!(again.sim().leader(), Some(NodeId(1)), "as step 2 left it");
}

#[test]
fn the_split_vote_lesson_charts_its_experiment() {
    let scratch = Scratch::new("chart");
    let store = &scratch.store;
    let last = lesson::find("raft-2-split-votes")
        .expect("shipped")
        .of::<Raft>()
        .expect("a Raft lesson")
        .steps
        .len()
        - 1;
    // Reach the experiment step through the progress file, as a learner
    // who left there would.
    let mut progress = store.load().progress;
    for i in 0..last {
        progress.mark_step("raft-2-split-votes", i);
    }
    store.save(&progress).expect("saves");
    let mut app = open("raft-2-split-votes", Lang::En, store);
    assert_eq!(step(&app), last);
    assert_eq!(phase(&app), Phase::Asking);
    assert!(
        app.tutor().is_some_and(|t| t.experiment().is_none()),
        "hidden until answered"
    );
    keys(&mut app, "2");
    assert_eq!(app.view(), View::Experiment);
    let screen = format!("{}", draw(&app, 120, 36));
    assert!(screen.contains("narrow 150–155 ms"), "{screen}");
    assert!(screen.contains("wide 150–300 ms"), "{screen}");
    assert!(screen.contains("p50 169 ms"), "{screen}");
    assert!(screen.contains("past the right edge"), "{screen}");
    keys(&mut app, "v");
    assert_eq!(app.view(), View::Cluster);
    keys(&mut app, "vv");
    assert_eq!(app.view(), View::Experiment);
    assert_snapshot!("experiment_chart_120x36", draw(&app, 120, 36));
}

fn menu(store: &ProgressStore, lang: Lang) -> Shell {
    let (lessons, errors) = lesson::load_all(&lesson::lesson_dirs());
    assert!(errors.is_empty(), "{errors:?}");
    let menu = Menu::new(
        lessons,
        Vec::new(),
        Some(store.clone()),
        lang,
        Settings::defaults(),
    );
    let mut shell = Shell::with_menu(menu, store.path().with_file_name("sessions"));
    shell.update(Action::Resize(100, 30));
    shell
}

fn shell_keys(shell: &mut Shell, codes: &[KeyCode]) {
    for &code in codes {
        shell.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }
}

#[test]
fn the_menu_opens_a_lesson_and_shows_its_completion() {
    let scratch = Scratch::new("menu");
    let store = &scratch.store;
    let mut shell = menu(store, Lang::En);
    let selected = shell
        .menu()
        .and_then(Menu::selected_lesson)
        .map(|l| l.id().to_owned());
    assert_eq!(selected.as_deref(), Some("raft-0-using-distlab"));
    shell_keys(&mut shell, &[KeyCode::Down, KeyCode::Enter]);
    let app = shell.app::<Raft>().expect("a lesson opened");
    assert_eq!(
        app.tutor().map(|t| t.lesson().id.as_str()),
        Some("raft-1-election")
    );

    // Mark every step done, as finishing the lesson would, then leave.
    let mut progress = store.load().progress;
    progress.mark_complete("raft-1-election");
    store.save(&progress).expect("saves");
    shell_keys(&mut shell, &[KeyCode::Char('q')]);
    assert!(shell.app::<Raft>().is_none(), "q returns to the menu");
    assert!(!shell.should_quit());
    let menu = shell.menu().expect("the menu again");
    assert!(menu.progress().is_complete("raft-1-election"));
    let screen = format!("{}", draw(&shell, 100, 30));
    let row = screen
        .lines()
        .find(|l| l.contains("Leader election"))
        .expect("the lesson's row");
    assert!(row.contains('✓'), "{row}");

    // Up from the first lesson wraps to the last entry: a sandbox.
    shell_keys(&mut shell, &[KeyCode::Up, KeyCode::Up, KeyCode::Enter]);
    let screen = format!("{}", draw(&shell, 100, 30));
    let title = screen.lines().next().unwrap_or_default();
    assert!(title.contains("sandbox"), "{title}");
    shell_keys(&mut shell, &[KeyCode::Char('q'), KeyCode::Char('q')]);
    assert!(shell.should_quit());
}

#[test]
fn menu_snapshots_in_english_and_chinese() {
    let scratch = Scratch::new("menu-snap");
    let store = &scratch.store;
    let mut progress = store.load().progress;
    progress.mark_complete("raft-0-using-distlab");
    progress.mark_step("raft-1-election", 0);
    progress.mark_step("raft-1-election", 1);
    store.save(&progress).expect("saves");
    let mut shell = menu(store, Lang::En);
    assert_snapshot!("menu_en_80x24", draw(&shell, 80, 24));
    shell_keys(&mut shell, &[KeyCode::Char('l')]);
    assert_snapshot!("menu_zh_80x24", draw(&shell, 80, 24));
}

/// The election lesson at its question, then answered and running.
fn lesson_scenes(lang: Lang, name: &str) {
    let scratch = Scratch::new(name);
    let store = &scratch.store;
    let mut app = open("raft-1-election", lang, store);
    press(&mut app, KeyCode::Enter);
    assert_snapshot!(format!("{name}_question_100x30"), draw(&app, 100, 30));
    keys(&mut app, "2");
    play_until_met(&mut app);
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "H");
    assert_snapshot!(format!("{name}_task_80x24"), draw(&app, 80, 24));
}

#[test]
fn lesson_screen_in_english() {
    lesson_scenes(Lang::En, "lesson_en");
}

#[test]
fn lesson_screen_in_chinese() {
    lesson_scenes(Lang::Zh, "lesson_zh");
}

#[test]
fn the_lesson_screen_never_panics_at_any_size() {
    let scratch = Scratch::new("sizes");
    let store = &scratch.store;
    let mut app = open("raft-1-election", Lang::Zh, store);
    press(&mut app, KeyCode::Enter);
    for (w, h) in [
        (0, 0),
        (1, 1),
        (79, 23),
        (80, 24),
        (81, 25),
        (200, 60),
        (300, 24),
    ] {
        let drawn = draw(&app, w, h);
        if w == 0 || h == 0 {
            continue;
        }
        let screen = format!("{drawn}");
        let small = w < 80 || h < 24;
        if small && w >= 40 && h >= 3 {
            assert!(screen.contains("至少需要 80×24"), "{w}×{h}:\n{screen}");
        } else if !small {
            assert!(!screen.contains("至少需要"), "{w}×{h}:\n{screen}");
        }
    }
    let mut shell = menu(store, Lang::Zh);
    for (w, h) in [(0, 0), (1, 1), (20, 5), (80, 24), (200, 60)] {
        draw(&shell, w, h);
        shell.update(Action::Resize(w, h));
    }
}

/// Plays the open lesson to its end by keys alone: the right answer to
/// each question (once its options are seen on screen at 80×24), Enter for
/// a step that only narrates, `A` for a task, and real time for the rest.
/// `at_met` runs at each goal met (with the step's index), before Enter
/// moves on.
fn play_through<F: FamilyView>(app: &mut AppOf<F>, mut at_met: impl FnMut(&mut AppOf<F>, usize)) {
    let id = app
        .tutor()
        .map(|t| t.lesson().id.clone())
        .unwrap_or_default();
    for _ in 0..1_000 {
        let run = app.tutor().expect("open").run();
        let (index, at) = (run.index(), format!("{id} step {}", run.index() + 1));
        match phase(app) {
            Phase::Asking => {
                let answer = run.step().question.as_ref().expect("a question").answer;
                assert_question_on_screen(app, &at);
                keys(app, &answer.to_string());
            }
            Phase::Running if run.step().finish == lesson::Finish::Continue => {
                press(app, KeyCode::Enter);
            }
            Phase::Running => {
                if !run.step().autoplay.is_empty() || run.waits_for_learner() {
                    keys(app, "A");
                }
                for _ in 0..20_000 {
                    if phase(app) != Phase::Running {
                        break;
                    }
                    app.update(Action::Tick(Duration::from_millis(50)));
                }
                assert_eq!(phase(app), Phase::Met, "{at}: {:?}", app.status());
            }
            Phase::Met => {
                at_met(app, index);
                press(app, KeyCode::Enter);
            }
            Phase::Failed => panic!("{at}: time ran out"),
            Phase::Finished => return,
        }
    }
    panic!("{id} is stuck");
}

/// Asserts that the open question and every one of its options are on the
/// screen at 80×24 without scrolling, read down the lesson column.
fn assert_question_on_screen<F: FamilyView>(app: &mut AppOf<F>, at: &str) {
    app.update(Action::Resize(80, 24));
    let lang = app.lang();
    let question = app
        .tutor()
        .and_then(|t| t.run().step().question.clone())
        .expect("a question");
    let terminal = screen::render(app, 80, 24);
    let buffer = terminal.backend().buffer();
    let cell = |x: u16, y: u16| buffer[(x, y)].symbol().to_owned();
    let first = question
        .ask
        .get(lang)
        .chars()
        .next()
        .expect("a question")
        .to_string();
    // The lesson column starts where the question's `? ` does.
    let column = (0..24u16)
        .flat_map(|y| (0..78u16).map(move |x| (x, y)))
        .find(|&(x, y)| cell(x, y) == "?" && cell(x + 1, y) == " " && cell(x + 2, y) == first)
        .map(|(x, _)| x);
    let Some(column) = column else {
        panic!(
            "{at}: the question is not on screen:\n{}",
            terminal.backend()
        );
    };
    let read: String = (0..24u16)
        .flat_map(|y| (column..80).map(move |x| (x, y)))
        .map(|(x, y)| cell(x, y))
        .collect();
    let read = squeezed(&read);
    assert!(
        read.contains(&squeezed(question.ask.get(lang))),
        "{at}: the question is cut:\n{}",
        terminal.backend()
    );
    for (i, option) in question.options.iter().enumerate() {
        let shown = format!("{}{}", i + 1, squeezed(option.get(lang)));
        assert!(
            read.contains(&shown),
            "{at}: option {} is not on screen whole:\n{}",
            i + 1,
            terminal.backend()
        );
    }
}

#[test]
fn every_shipped_lesson_completes_on_the_lesson_screen_in_both_languages() {
    let (lessons, errors) = lesson::load_all(&lesson::lesson_dirs());
    assert!(errors.is_empty(), "{errors:?}");
    assert!(lessons.len() >= 8);
    for lang in [Lang::En, Lang::Zh] {
        let scratch = Scratch::new("all");
        let store = &scratch.store;
        for shipped in lessons.clone() {
            let id = shipped.id().to_owned();
            play_any(shipped, lang, store);
            assert!(store.load().progress.is_complete(&id), "{id} in {lang:?}");
        }
    }
}

/// Plays a lesson of any family through by keys in `lang`, expanding the family list
/// as the program does to open it.
fn play_any(lesson: distlab::lesson::AnyLesson, lang: Lang, store: &ProgressStore) {
    macro_rules! play {
        ($($tag:ident => $family:ty,)*) => {
            match lesson {
                $(distlab::lesson::AnyLesson::$tag(lesson) => {
                    let mut app = AppOf::<$family>::lesson(
                        lesson,
                        lang,
                        Settings::defaults(),
                        Some(store.clone()),
                        store.load().progress,
                        true,
                        store.path().with_file_name("sessions"),
                    );
                    play_through(&mut app, |_, _| {});
                })*
            }
        };
    }
    distlab::for_each_family!(play);
}

#[test]
fn lesson_text_that_does_not_fit_scrolls() {
    let scratch = Scratch::new("scroll");
    let store = &scratch.store;
    let mut app = open("raft-1-election", Lang::En, store);
    app.update(Action::Resize(80, 24));
    press(&mut app, KeyCode::Enter);
    let screen = format!("{}", draw(&app, 80, 24));
    assert!(screen.contains("↓ J more"), "{screen}");
    assert!(screen.contains("Press 1–3 to answer."), "{screen}");
    assert!(
        screen.contains("a majority of the five"),
        "the options are on screen without scrolling: {screen}"
    );
    assert!(
        !screen.contains("Goals"),
        "the goals would give the answer away"
    );

    keys(&mut app, "J");
    let screen = format!("{}", draw(&app, 80, 24));
    assert!(screen.contains("↑ K more"), "{screen}");
    assert!(
        screen.contains("a majority of the five"),
        "still pinned: {screen}"
    );
    keys(&mut app, "K");
    assert!(!format!("{}", draw(&app, 80, 24)).contains("↑ K more"));

    // The wheel scrolls only over the panel.
    app.update(Action::Wheel(5, 5, true));
    assert_eq!(app.tutor().map(|t| t.scroll()), Some(0));
    app.update(Action::Wheel(70, 10, true));
    assert_eq!(app.tutor().map(|t| t.scroll()), Some(1));
    for _ in 0..100 {
        keys(&mut app, "J");
    }
    let most = app.tutor().map(|t| t.scroll()).unwrap_or(0);
    keys(&mut app, "K");
    assert_eq!(
        app.tutor().map(|t| t.scroll()),
        Some(most - 3),
        "no dead zone"
    );

    keys(&mut app, "2");
    let screen = format!("{}", draw(&app, 80, 24));
    assert!(
        screen.contains("✓ Right."),
        "after answering, the verdict comes first: {screen}"
    );
    assert!(
        screen.contains("✓ right: read why above, then space runs the clock"),
        "{screen}"
    );
}

#[test]
fn a_corrupt_progress_file_is_reported_in_the_menu_and_set_aside() {
    let scratch = Scratch::new("corrupt");
    let (dir, store) = (&scratch.dir, &scratch.store);
    std::fs::create_dir_all(dir).expect("creates");
    std::fs::write(store.path(), "(lessons: {\"raft-1").expect("writes");
    let shell = menu(store, Lang::En);
    let notice = shell
        .menu()
        .and_then(Menu::notice)
        .unwrap_or_default()
        .to_owned();
    assert!(notice.contains("could not be read"), "{notice}");
    let screen = format!("{}", draw(&shell, 100, 30));
    assert!(screen.contains("could not be read"), "{screen}");
    assert!(dir.join("progress.corrupt.ron").exists());
}

#[test]
fn the_help_scrolls_when_the_lesson_keys_make_it_too_long() {
    let scratch = Scratch::new("help");
    let store = &scratch.store;
    let mut app = open("raft-1-election", Lang::En, store);
    app.update(Action::Resize(80, 24));
    keys(&mut app, "?");
    let screen = format!("{}", draw(&app, 80, 24));
    assert!(screen.contains("↑↓ more"), "{screen}");
    assert!(!screen.contains("message dropped"), "{screen}");
    let mut lesson_keys_seen = false;
    for _ in 0..40 {
        press(&mut app, KeyCode::Down);
        lesson_keys_seen |= format!("{}", draw(&app, 80, 24)).contains("in this lesson");
    }
    assert!(lesson_keys_seen, "the lesson's keys are in the help");
    let screen = format!("{}", draw(&app, 80, 24));
    assert!(screen.contains("message dropped"), "{screen}");
    assert_eq!(step(&app), 0, "keys stay with the help while it is open");
    press(&mut app, KeyCode::Up);
    assert!(app.help_scroll() > 0);
    keys(&mut app, "?");
    assert!(!app.help_open());
}

/// Saves the session with `s` and replays the file headless to the same
/// moment: the cluster must be the same.
fn assert_session_replays(app: &mut App, dir: &std::path::Path) {
    keys(app, "s");
    let mut saved: Vec<_> = std::fs::read_dir(dir)
        .expect("the session folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("session-"))
        })
        .collect();
    saved.sort();
    let file = saved.last().expect("a saved session");
    let scenario = distlab::scenario::Scenario::<Raft>::load(file).expect("the saved file loads");
    let mut replay = scenario.build();
    replay.run_until(app.sim().now(), u64::MAX);
    let state = |sim: &distlab::sim::Sim<distlab::protocols::raft::RaftMember>| {
        sim.nodes()
            .iter()
            .filter_map(distlab::protocols::raft::RaftMember::server)
            .map(|n| {
                (
                    n.role.letter(),
                    n.current_term,
                    n.log.last_index(),
                    n.commit_index,
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(state(&replay), state(app.sim()), "{}", file.display());
}

#[test]
fn a_session_saved_in_a_lesson_replays_exactly() {
    let scratch = Scratch::new("session");
    let (dir, store) = (&scratch.dir, &scratch.store);
    let lesson = lesson::find("raft-6-figure-8")
        .expect("shipped")
        .of::<Raft>()
        .expect("a Raft lesson");
    let mut app = App::lesson(
        lesson,
        Lang::En,
        Settings::defaults(),
        Some(store.clone()),
        store.load().progress,
        true,
        dir.clone(),
    );
    // Through the whole lesson, saving at a step of the buggy cluster and
    // at the last step, which runs a fresh cluster with the real rule.
    let mut saved_buggy = false;
    play_through(&mut app, |app, index| {
        let last = index + 1 == app.tutor().map_or(0, |t| t.run().len());
        if index == 4 || last {
            assert_session_replays(app, dir);
            saved_buggy |= index == 4;
        }
    });
    assert!(saved_buggy);
}

#[test]
fn a_chinese_lesson_speaks_chinese_on_the_status_bar_too() {
    let scratch = Scratch::new("zh-status");
    let store = &scratch.store;
    let mut app = open("raft-1-election", Lang::Zh, store);
    assert!(
        app.status().is_some_and(|s| s.text == "按 ? 查看帮助"),
        "the first word is Chinese too: {:?}",
        app.status()
    );
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "x");
    assert!(
        app.status()
            .is_some_and(|s| s.text.starts_with("请先回答问题")),
        "{:?}",
        app.status()
    );
    keys(&mut app, "1");
    assert!(
        app.status()
            .is_some_and(|s| s.text.contains("正确答案是 2")),
        "{:?}",
        app.status()
    );
    play_until_met(&mut app);
    assert!(
        app.status().is_some_and(|s| s.text.contains("目标达成")),
        "{:?}",
        app.status()
    );
}

#[test]
fn going_back_before_a_goal_was_met_unmeets_it() {
    let scratch = Scratch::new("unmeet");
    let mut app = open("raft-0-using-distlab", Lang::En, &scratch.store);
    press(&mut app, KeyCode::Enter);
    assert_eq!(step(&app), 1);
    play_until_met(&mut app);
    assert_eq!(app.sim().leader(), Some(NodeId(0)));
    let goals = |app: &App| {
        let tutor = app.tutor().expect("a lesson is open");
        tutor.run().goals(app.sim(), Lang::En)
    };
    assert!(goals(&app).iter().all(|(_, met)| *met));
    for _ in 0..6 {
        press(&mut app, KeyCode::Left);
    }
    assert_ne!(app.sim().leader(), Some(NodeId(0)), "S1 leads no more");
    assert_eq!(phase(&app), Phase::Running, "the goal is met no longer");
    assert!(goals(&app).iter().any(|(_, met)| !*met));
    assert!(app.status().is_none(), "no stale \"goal met\"");
    press(&mut app, KeyCode::End);
    assert_eq!(
        phase(&app),
        Phase::Met,
        "back at the present, it is met again"
    );
    press(&mut app, KeyCode::Home);
    assert_eq!(phase(&app), Phase::Running);
    press(&mut app, KeyCode::Char(' '));
    play_until_met(&mut app);
}

#[test]
fn a_step_that_waits_for_an_election_shows_it_over_many_frames() {
    let scratch = Scratch::new("frames");
    let mut app = open("raft-0-using-distlab", Lang::En, &scratch.store);
    press(&mut app, KeyCode::Enter);
    assert!(!app.is_playing(), "the clock waits while the step is read");
    press(&mut app, KeyCode::Char(' '));
    let mut frames = 0;
    while phase(&app) == Phase::Running {
        app.update(Action::Tick(Duration::from_millis(25)));
        frames += 1;
        assert!(frames < 20_000, "the election never came");
    }
    // An election is a timeout, a round of votes and a heartbeat: at the
    // default pace each hop takes about a second, forty frames.
    assert!(frames >= 80, "the election was over in {frames} frames");
}

/// Plays every step of a Raft lesson through the keys a learner presses:
/// the right answer, the task done for them, time until the goal, Enter.
/// After every key the feed lists no event twice.
fn walk_lesson(id: &str, store: &ProgressStore) -> App {
    let mut app = open(id, Lang::En, store);
    let feed_is_unique = |app: &App, when: &str| {
        let events: Vec<u64> = app.feed().newest_first().map(|i| i.event).collect();
        assert!(
            events.windows(2).all(|w| w[0] > w[1]),
            "{id}, {when}: an event is listed twice: {events:?}"
        );
    };
    for _ in 0..100 {
        let tutor = app.tutor().expect("a lesson is open");
        if tutor.run().is_finished() {
            return app;
        }
        let index = tutor.run().index();
        if let Some(q) = &tutor.run().step().question {
            if tutor.phase() == Phase::Asking {
                let answer = q.answer.to_string();
                keys(&mut app, &answer);
                feed_is_unique(&app, &format!("step {} answered", index + 1));
            }
        }
        if phase(&app) == Phase::Running {
            keys(&mut app, "A");
            for _ in 0..20_000 {
                if phase(&app) != Phase::Running {
                    break;
                }
                app.update(Action::Tick(Duration::from_millis(50)));
            }
        }
        press(&mut app, KeyCode::Enter);
        feed_is_unique(&app, &format!("after step {}", index + 1));
    }
    panic!("{id} did not finish");
}

#[test]
fn no_event_is_listed_twice_across_any_raft_lesson() {
    let scratch = Scratch::new("unique");
    let (lessons, errors) = lesson::shipped::shipped();
    assert!(errors.is_empty(), "{errors:?}");
    let raft: Vec<String> = lessons
        .iter()
        .filter(|l| l.family() == distlab::protocols::FamilyKind::Raft)
        .map(|l| l.id().to_owned())
        .collect();
    assert_eq!(raft.len(), 17, "the Raft and Consistency tracks");
    for id in raft {
        walk_lesson(&id, &scratch.store);
    }
}

#[test]
fn a_script_action_heads_its_own_entry_with_its_explanation_under_it() {
    let scratch = Scratch::new("own-line");
    let mut app = open("raft-2-split-votes", Lang::En, &scratch.store);
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "3");
    let forced: Vec<_> = app
        .feed()
        .newest_first()
        .filter(|i| {
            i.reasons
                .iter()
                .any(|r| r.contains("election timeout was forced"))
        })
        .collect();
    assert_eq!(forced.len(), 2, "S1 and S2 were forced: {forced:?}");
    for item in forced {
        assert!(
            item.headline.ends_with("is candidate in term 1"),
            "the forced timeout heads its entry: {item:?}"
        );
    }
    assert!(app
        .feed()
        .newest_first()
        .filter(|i| i.headline.contains("dropped"))
        .all(|i| i.reasons.iter().all(|r| !r.contains("forced"))));
}

#[test]
fn esc_on_the_menu_asks_before_leaving() {
    let scratch = Scratch::new("menu-esc");
    let mut shell = menu(&scratch.store, Lang::En);
    shell_keys(&mut shell, &[KeyCode::Esc]);
    assert!(!shell.should_quit(), "one Esc does not leave");
    assert_eq!(
        shell.menu().and_then(Menu::notice),
        Some("press Esc again (or q) to leave distlab")
    );
    shell_keys(&mut shell, &[KeyCode::Down]);
    assert_eq!(
        shell.menu().and_then(Menu::notice),
        None,
        "moving on forgets it"
    );
    shell_keys(&mut shell, &[KeyCode::Esc, KeyCode::Down, KeyCode::Esc]);
    assert!(!shell.should_quit(), "Esc, something else, Esc: still here");
    shell_keys(&mut shell, &[KeyCode::Esc]);
    assert!(shell.should_quit(), "Esc twice in a row leaves");
}

#[test]
fn a_help_heading_never_ends_a_column() {
    let scratch = Scratch::new("help-heading");
    let mut app = open("raft-1-election", Lang::En, &scratch.store);
    press(&mut app, KeyCode::Char('?'));
    for height in 24..=60 {
        app.update(Action::Resize(100, height));
        let drawn = draw(&app, 100, height);
        let rows: Vec<String> = (0..height)
            .map(|y| (0..100).map(|x| drawn.buffer()[(x, y)].symbol()).collect())
            .collect();
        for heading in ["in this lesson", "while picking a message", "on screen"] {
            for (y, row) in rows.iter().enumerate() {
                if let Some(col) = row.find(heading) {
                    let below = &rows[y + 1];
                    let under = below.get(col..col + 3).unwrap_or("");
                    assert!(
                        !under.starts_with('─') && y + 2 < rows.len(),
                        "at height {height}, \"{heading}\" ends its column:\n{}",
                        rows.join("\n")
                    );
                }
            }
        }
    }
}

#[test]
fn every_step_that_waits_for_something_shows_it_over_many_frames() {
    let short = screen::steps_too_soon_to_watch::<Raft>();
    assert!(short.is_empty(), "steps over too soon to watch: {short:#?}");
}

/// The longest a step may run on screen at the default pace: time for an
/// election, a lease or a retry storm to play out, not so long that a class
/// sits watching heartbeats.
const LONGEST_STEP_SECONDS: f64 = 25.0;

/// Steps whose point is a long stretch of traffic watched whole, with the
/// longest each may run: three ZooKeeper hand-overs whose wake-ups the
/// learner counts, hop by hop (locks-6, with predecessor watches and with
/// the herd), and flows watched for seconds at ×0.1 (dispatch-3's
/// slow-start ramp, dispatch-5's budgeted run past the moment the storm
/// broke out without a budget).
const WATCHED_WHOLE: [(&str, usize, f64); 4] = [
    ("locks-6-zookeeper", 3, 35.0),
    ("locks-6-zookeeper", 4, 40.0),
    ("dispatch-3-fail-fast", 4, 32.0),
    ("dispatch-5-retries", 4, 30.0),
];

#[test]
fn no_step_of_any_lesson_drags_at_the_default_pace() {
    use distlab::protocols::{balance::Balancer, lock::Lock, paxos::Paxos};
    let mut runs = screen::step_runs::<Raft>();
    runs.extend(screen::step_runs::<Paxos>());
    runs.extend(screen::step_runs::<Lock>());
    runs.extend(screen::step_runs::<Balancer>());
    // Each lesson's time on screen and its longest step, printed for
    // `cargo test -- --nocapture`.
    let mut lessons: Vec<&str> = runs.iter().map(|r| r.lesson.as_str()).collect();
    lessons.dedup();
    for id in lessons {
        let of: Vec<_> = runs.iter().filter(|r| r.lesson == id).collect();
        let total: f64 = of.iter().map(|r| r.seconds()).sum();
        let longest = of
            .iter()
            .max_by_key(|r| r.frames)
            .expect("a step that runs");
        println!(
            "{id:<28} {total:>6.1}s  longest: step {} {:.1}s",
            longest.step,
            longest.seconds()
        );
    }
    let allowed = |r: &screen::StepRun| {
        WATCHED_WHOLE
            .iter()
            .find(|(id, step, _)| r.lesson == *id && r.step == *step)
            .map_or(LONGEST_STEP_SECONDS, |(_, _, seconds)| *seconds)
    };
    let slow: Vec<String> = runs
        .iter()
        .filter(|r| r.seconds() > allowed(r))
        .map(|r| format!("{} step {}: {:.1}s", r.lesson, r.step, r.seconds()))
        .collect();
    assert!(slow.is_empty(), "steps that drag: {slow:#?}");
}
