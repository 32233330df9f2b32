//! A Chinese screen carries no English: every family's sandbox (each of
//! its protocols, every member inspected, the help, presenter mode) and
//! every step of every shipped lesson, drawn in Chinese at two sizes, shows
//! no word of Latin letters but the names that stay as they are: labels,
//! message and invariant names, algorithm names, keys and units.

use std::collections::BTreeSet;
use std::time::Duration;

use crossterm::event::KeyCode;
use distlab::app::{Action, App, SandboxOptions, Settings};
use distlab::lesson::{self, Finish, Phase};
use distlab::protocols::{Family, Setup};
use distlab::scenario::Scenario;
use distlab::ui::FamilyView;
use distlab::units::Lang;

use crate::support::screen as screens;

/// Words that stay as they are on a Chinese screen.
const NAMES: &[&str] = &[
    // The program, protocols, systems and people the lessons cite.
    "distlab",
    "Raft",
    "Paxos",
    "Multi",
    "Redis",
    "Redlock",
    "ZooKeeper",
    "etcd",
    "nginx",
    "Envoy",
    "Kleppmann",
    "Herlihy",
    "Jepsen",
    "Ongaro",
    "README",
    "Wing",
    "NTP",
    "Lua",
    "revision",
    // Member labels.
    "LB",
    "LG",
    "SV",
    "ST",
    "ZK",
    // File formats.
    "SVG",
    // Units.
    "ms",
    "us",
    "ppm",
    // Keys.
    "Enter",
    "Esc",
    "Tab",
    "space",
    "PgUp",
    "PgDn",
    "Home",
    "End",
    "ctrl-c",
    // Message names, as the trace and the papers name them.
    "Prepare",
    "Promise",
    "Nack",
    "Accept",
    "Accepted",
    "Heartbeat",
    "Decided",
    "Lock",
    "Unlock",
    "Ping",
    "Pong",
    "Create",
    "Created",
    "Delete",
    "Children",
    "Read",
    "Write",
    "Request",
    "Reply",
    "Work",
    // Redis commands and settings as files and commands write them.
    "SET",
    "DEL",
    "NX",
    "PX",
    "INCR",
    "TTL",
    // The lab's program and the signals that pause a real process.
    "redis-server",
    "SIGSTOP",
    "SIGCONT",
    "lock",
    "persist",
    "false",
    "watch",
    "Parent",
    // Algorithm names and reason codes, as files write them.
    "Peak",
    "EWMA",
    "hash",
    "key",
    "mod",
    "error",
    "queue-full",
    "budget",
    "no-op",
    // Values the lessons' clients write, and the value of a key never
    // written, as histories write it.
    "nil",
    // How histories name an operation's completion (Jepsen's words).
    "ok",
    "fail",
    "info",
    "lost",
    "stale",
    "fresh",
];

/// The words on `screen`: runs of Latin letters, digits, `_` and `-`
/// holding two letters or more. A word cut at the screen's edge (`Raf…`)
/// or under an overlay's border (`│ed`) is a piece, not a word.
fn ascii_words(screen: &str) -> BTreeSet<String> {
    let mut words = BTreeSet::new();
    for line in screen.lines() {
        let line = line
            .split(" Hidden by multi-width symbols")
            .next()
            .unwrap_or(line);
        let chars: Vec<char> = line.chars().collect();
        let mut at = 0;
        while at < chars.len() {
            let word = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
            if !word(chars[at]) {
                at += 1;
                continue;
            }
            let start = at;
            while at < chars.len() && word(chars[at]) {
                at += 1;
            }
            let token: String = chars[start..at].iter().collect();
            let digit = |c: char| c.is_ascii_digit();
            let token = token.trim_matches('-').trim_start_matches(digit);
            let token = token.trim_end_matches(digit).trim_end_matches('-');
            let piece =
                chars.get(at) == Some(&'…') || start.checked_sub(1).map(|i| chars[i]) == Some('│');
            if !piece && token.chars().filter(char::is_ascii_alphabetic).count() >= 2 {
                words.insert(token.to_owned());
            }
        }
    }
    words
}

/// Whether `word` is spelt as code spells a name (`AppendEntries`,
/// `nextIndex`, `min_retry_concurrency`): a capital after its first letter
/// or an underscore. Message names and Figure 2's fields are written so and
/// stay as the paper writes them.
fn is_identifier(word: &str) -> bool {
    word.contains('_')
        || (word.chars().skip(1).any(|c| c.is_ascii_uppercase())
            && word.chars().any(|c| c.is_ascii_lowercase()))
}

/// The words of `screen` no allow-list names, each with where it was seen.
fn english(screen: &str, allowed: &BTreeSet<String>, at: &str, found: &mut Vec<String>) {
    for word in ascii_words(screen) {
        if !allowed.contains(&word) && !is_identifier(&word) {
            let line = screen
                .lines()
                .find(|l| ascii_words(l).contains(&word))
                .unwrap_or_default()
                .split(" Hidden by")
                .next()
                .unwrap_or_default()
                .trim();
            found.push(format!("{word:>14}  at {at}: {line}"));
        }
    }
}

/// The names a family's screens may show untranslated: the shared ones
/// and its invariants' English names, which lesson files use.
fn allowed_for<F: Family>() -> BTreeSet<String> {
    let mut allowed: BTreeSet<String> = NAMES.iter().map(|s| s.to_string()).collect();
    for invariant in F::INVARIANTS {
        allowed.extend(ascii_words(invariant.en));
    }
    allowed
}

fn draw<F: FamilyView>(app: &mut App<F>, width: u16, height: u16) -> String {
    app.update(Action::Resize(width, height));
    screens::draw(app, width, height)
}

fn walk_sandbox<F: FamilyView>(name: &str, found: &mut Vec<String>) {
    let allowed = allowed_for::<F>();
    let options = SandboxOptions::<F> {
        nodes: 5,
        seed: 7,
        scenario: Some(Scenario::sandbox(name, 5, 7)),
        save_dir: std::env::temp_dir().join("distlab-never-saved"),
    };
    let settings = Settings {
        lang: Lang::Zh,
        ..Settings::defaults()
    };
    let mut app = App::new(&options, settings);
    app.update(Action::Resize(160, 48));
    app.update(Action::TogglePlay);
    for _ in 0..60 {
        app.update(Action::Tick(Duration::from_millis(50)));
    }
    let nodes = F::nodes(&Scenario::<F>::sandbox(name, 5, 7).cluster.0);
    for member in 0..nodes {
        for (w, h) in [(160, 48), (80, 24)] {
            let at = format!("{name} sandbox, member {}, {w}×{h}", member + 1);
            english(&draw(&mut app, w, h), &allowed, &at, found);
        }
        app.update(Action::NextNode);
    }
    for (action, what) in [
        (Action::ToggleHelp, "help"),
        (Action::TogglePresent, "presenter"),
    ] {
        app.update(action);
        for (w, h) in [(160, 48), (80, 24)] {
            let at = format!("{name} {what}, {w}×{h}");
            english(&draw(&mut app, w, h), &allowed, &at, found);
        }
        app.update(action);
    }
}

/// Plays a lesson through in Chinese, reading every step at both sizes.
fn walk_lesson<F: FamilyView>(id: &str, found: &mut Vec<String>) {
    let allowed = allowed_for::<F>();
    let mut app = screens::open_lesson::<F>(id, Lang::Zh);
    for _ in 0..1_000 {
        let index = app.tutor().expect("open").run().index();
        let at = format!("{id} step {}", index + 1);
        for (w, h) in [(160, 48), (80, 24)] {
            let screen = draw(&mut app, w, h);
            english(&screen, &allowed, &format!("{at}, {w}×{h}"), found);
        }
        let run = app.tutor().expect("open").run();
        match screens::phase(&app) {
            Phase::Asking => {
                let answer = run.step().question.as_ref().expect("a question").answer;
                screens::key(
                    &mut app,
                    char::from_digit(answer as u32, 10).expect("a digit"),
                );
            }
            Phase::Running if run.step().finish == Finish::Continue => {
                screens::key_code(&mut app, KeyCode::Enter);
            }
            Phase::Running => {
                if !run.step().autoplay.is_empty() || run.waits_for_learner() {
                    screens::key(&mut app, 'A');
                }
                screens::play_until_met(&mut app);
            }
            Phase::Met => screens::key_code(&mut app, KeyCode::Enter),
            Phase::Failed => panic!("{at}: time ran out"),
            Phase::Finished => return,
        }
    }
    panic!("{id} is stuck");
}

#[test]
fn chinese_screens_show_no_english_words() {
    let mut found = Vec::new();
    macro_rules! sandboxes {
        ($($tag:ident => $family:ty,)*) => {
            $(for name in <$family as Setup>::NAMES {
                walk_sandbox::<$family>(name, &mut found);
            })*
        };
    }
    distlab::for_each_family!(sandboxes);
    let (lessons, errors) = lesson::load_all(&lesson::lesson_dirs());
    assert!(errors.is_empty(), "{errors:?}");
    assert!(lessons.len() >= 24, "every shipped lesson is walked");
    for shipped in lessons {
        macro_rules! play {
            ($($tag:ident => $family:ty,)*) => {
                match shipped {
                    $(lesson::AnyLesson::$tag(l) => walk_lesson::<$family>(&l.id, &mut found),)*
                }
            };
        }
        distlab::for_each_family!(play);
    }
    found.sort();
    found.dedup_by(|a, b| a.split_whitespace().next() == b.split_whitespace().next());
    assert!(
        found.is_empty(),
        "English words on Chinese screens (first place each is seen):\n{}",
        found.join("\n")
    );
}

#[test]
fn chinese_history_views_show_no_english_words() {
    let allowed: BTreeSet<String> = NAMES.iter().map(|s| s.to_string()).collect();
    let mut found = Vec::new();
    let dir = format!("{}/assets/histories", env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("examples")
        .flatten()
        .collect();
    files.sort_by_key(|f| f.path());
    assert!(files.len() >= 5, "every example is walked");
    for file in files {
        let text = std::fs::read_to_string(file.path()).expect("reads");
        let settings = distlab::app::Settings {
            lang: Lang::Zh,
            ..distlab::app::Settings::defaults()
        };
        let name = file.file_name().to_string_lossy().into_owned();
        // The file's name is the person's own word.
        let mut allowed = allowed.clone();
        allowed.extend(ascii_words(&name));
        let view = distlab::app::HistoryView::new(
            name.clone(),
            distlab::history::read(&text).expect("a history"),
            settings,
        );
        for (w, h) in [(80, 24), (160, 48)] {
            let mut terminal =
                ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).expect("terminal");
            terminal
                .draw(|f| distlab::app::ClusterScreen::render(&view, f.area(), f.buffer_mut()))
                .expect("draws");
            let screen = format!("{}", terminal.backend());
            english(
                &screen,
                &allowed,
                &format!("history view {name} at {w}×{h}"),
                &mut found,
            );
        }
    }
    assert!(
        found.is_empty(),
        "English words on Chinese history views:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_walk_finds_an_english_word_and_passes_names() {
    let allowed = allowed_for::<distlab::protocols::raft::Raft>();
    let screen = "│ S1 领导者 · 任期 3 · election in 120ms · AppendEntries · Raf…\n";
    let mut found = Vec::new();
    english(screen, &allowed, "a sample", &mut found);
    let words: Vec<&str> = found
        .iter()
        .filter_map(|f| f.split_whitespace().next())
        .collect();
    assert_eq!(words, ["election", "in"]);
}
