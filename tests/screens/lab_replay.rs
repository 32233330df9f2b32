//! A real lab run against `redis-server`, recorded, then replayed: the
//! replay draws every moment as the live screen drew it. The live screen
//! is fed the recorded events as a clock passes their times, exactly as
//! the run's channel fed it, and both are drawn at the same moments.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use distlab::app::{Action, ClusterScreen, LabControl, LabScreen, Settings};
use distlab::lab::{LabEvent, LabTrace};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

use crate::support::lab::{headless, trace};

/// How often both screens are drawn: the live screen's frame.
const FRAME: Duration = Duration::from_millis(25);

/// A recorded run played back as a live one: events are handed over once
/// the shared clock passes their time.
struct Playback {
    events: Vec<LabEvent>,
    next: usize,
    now_us: Rc<Cell<u64>>,
    end_us: u64,
}

impl LabControl for Playback {
    fn take_events(&mut self) -> Vec<LabEvent> {
        let now = self.now_us.get();
        let due = self.events[self.next..]
            .iter()
            .take_while(|e| e.at_us <= now)
            .count();
        let taken = self.events[self.next..self.next + due].to_vec();
        self.next += due;
        taken
    }
    fn now_us(&self) -> u64 {
        self.now_us.get()
    }
    fn pause(&mut self, _: u8, _: bool) {}
    fn kill(&mut self, _: u8) {}
    fn running(&self) -> bool {
        self.now_us.get() < self.end_us
    }
}

/// The picture without its first row (LIVE or REPLAY, by design) and its
/// last (the keys each offers).
fn picture(screen: &LabScreen, terminal: &mut Terminal<TestBackend>) -> Vec<String> {
    terminal
        .draw(|f| ClusterScreen::render(screen, f.area(), f.buffer_mut()))
        .expect("draws");
    let text = format!("{}", terminal.backend());
    let rows: Vec<String> = text.lines().map(str::to_owned).collect();
    rows[1..rows.len() - 1].to_vec()
}

#[test]
fn a_recorded_lab_run_replays_to_the_same_view_frame_for_frame() {
    let dir = tempfile::tempdir().expect("a scratch folder");
    let file = dir.path().join("run.jsonl");
    let args = [
        "--ttl-ms",
        "500",
        "--work-ms",
        "200",
        "--pause",
        "C1@100:1500",
        "--seconds",
        "2.5",
    ];
    let out = headless(&args, &file);
    assert_eq!(out.status.code(), Some(1), "the run found its lost update");
    let recorded: LabTrace = trace(&file);
    let clock = Rc::new(Cell::new(0));
    let playback = Playback {
        events: recorded.events.clone(),
        next: 0,
        now_us: Rc::clone(&clock),
        end_us: recorded.end_us(),
    };
    let settings = Settings::defaults();
    let empty = LabTrace::new(recorded.setup.clone());
    let mut live = LabScreen::live(
        empty,
        "run.jsonl".into(),
        Box::new(playback),
        settings.clone(),
    );
    let mut replay = LabScreen::replay(recorded.clone(), "run.jsonl".into(), settings);
    replay.update(distlab::app::LabAction::Play);
    let (mut a, mut b) = (
        Terminal::new(TestBackend::new(80, 24)).unwrap(),
        Terminal::new(TestBackend::new(80, 24)).unwrap(),
    );
    let mut frames = 0;
    while clock.get() < recorded.end_us() {
        clock.set(clock.get() + FRAME.as_micros() as u64);
        ClusterScreen::update(&mut live, Action::Tick(FRAME));
        ClusterScreen::update(&mut replay, Action::Tick(FRAME));
        assert_eq!(live.shown_us(), replay.shown_us());
        assert_eq!(
            picture(&live, &mut a),
            picture(&replay, &mut b),
            "at {} µs",
            live.shown_us()
        );
        frames += 1;
    }
    assert!(
        frames >= 90,
        "2.5 s is at least 90 frames of 25 ms: {frames}"
    );
    assert_eq!(live.trace, recorded, "the live screen holds the whole run");
}
