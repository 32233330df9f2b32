//! The lab screen (`distlab lab replay FILE`) drawn from hand-made traces
//! of the pause story: C1 takes the lock and reads 0, is paused past its
//! lease, Redis lets the key expire, C2 and then C3 take it and write;
//! C1 wakes and writes what it computed from its stale read. With nx-px
//! storage takes that write (a Lost Update); with fencing it refuses it.
//! Snapshots at 80×24 in both languages, at 160×48, with fencing and in
//! the middle of the pause; four clients fitting at 80×24; a live run's
//! title and keys; a status in place of the keys; the naive lock's
//! release that frees another's key; every small size without a panic.

use distlab::app::{ClusterScreen, LabAction, LabControl, LabScreen, Settings};
use distlab::lab::{LabEvent, LabKind, LabMode, LabSetup, LabTrace, Who};
use distlab::units::Lang;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::Terminal;

fn ev(at_us: u64, who: Who, kind: LabKind) -> LabEvent {
    LabEvent { at_us, who, kind }
}

fn client(at_us: u64, n: u8, kind: LabKind) -> LabEvent {
    ev(at_us, Who::Client(n), kind)
}

fn acquired(at_us: u64, n: u8, token: u64) -> LabEvent {
    let latency_us = 300 + 50 * token;
    client(at_us, n, LabKind::Acquired { token, latency_us })
}

/// Storage's answer to client `n`: a read (`read` absent) or a write. A
/// refusal names #3 as the highest token: only C1's late write is refused,
/// after C3's turn.
fn storage(at_us: u64, n: u8, token: u64, read: Option<u64>, value: u64, ok: bool) -> LabEvent {
    let highest = Some(if ok { token } else { 3 });
    let kind = LabKind::Storage {
        client: n,
        token,
        read,
        value,
        accepted: ok,
        highest,
    };
    ev(at_us, Who::Storage, kind)
}

/// One whole turn of client `n` with `token`, reading `read` at `at_us`.
fn turn(at_us: u64, n: u8, token: u64, read: u64) -> Vec<LabEvent> {
    let write = at_us + 300_000;
    vec![
        client(at_us - 2_000, n, LabKind::Asked),
        acquired(at_us, n, token),
        storage(at_us + 1_000, n, token, None, read, true),
        client(at_us + 1_500, n, LabKind::Read { value: read }),
        storage(write, n, token, Some(read), read + 1, true),
        client(
            write + 500,
            n,
            LabKind::Wrote {
                value: read + 1,
                accepted: true,
            },
        ),
        client(
            write + 2_000,
            n,
            LabKind::Released {
                deleted: Some(token),
                latency_us: 280,
            },
        ),
    ]
}

/// The pause story told with `clients` clients: a fourth only asks, at
/// the end.
fn pause_story_of(mode: LabMode, clients: u8) -> LabTrace {
    let mut trace = LabTrace::new(LabSetup {
        lab: "redis-lock".into(),
        mode,
        clients,
        ttl_ms: 1000,
        work_ms: 300,
        redis: "Redis server v=7.0.15 sha=00000000:0 malloc=jemalloc-5.3.0 bits=64".into(),
    });
    let late = mode != LabMode::Fencing;
    let mut events = vec![
        client(10_000, 1, LabKind::Asked),
        acquired(12_000, 1, 1),
        storage(13_000, 1, 1, None, 0, true),
        client(13_500, 1, LabKind::Read { value: 0 }),
        ev(100_000, Who::Lab, LabKind::Paused { client: 1 }),
        ev(1_012_000, Who::Redis, LabKind::Expired),
        ev(3_500_000, Who::Lab, LabKind::Resumed { client: 1 }),
        storage(3_501_000, 1, 1, Some(0), 1, late),
        client(
            3_501_500,
            1,
            LabKind::Wrote {
                value: 1,
                accepted: late,
            },
        ),
        client(
            3_503_000,
            1,
            LabKind::Released {
                deleted: None,
                latency_us: 250,
            },
        ),
        client(3_600_000, 2, LabKind::Asked),
    ];
    events.extend(turn(1_052_000, 2, 2, 0));
    events.extend(turn(2_002_000, 3, 3, 1));
    events.extend((4..=clients).map(|n| client(3_550_000, n, LabKind::Asked)));
    for e in events {
        trace.insert(e);
    }
    trace
}

fn pause_story(mode: LabMode) -> LabTrace {
    pause_story_of(mode, 3)
}

fn screen(trace: LabTrace, lang: Lang) -> LabScreen {
    let settings = Settings {
        lang,
        ..Settings::defaults()
    };
    LabScreen::replay(trace, "lab.jsonl".into(), settings)
}

/// The screen at the end of the story, after C1's late write.
fn after_the_late_write(mode: LabMode, lang: Lang) -> LabScreen {
    let mut s = screen(pause_story(mode), lang);
    s.update(LabAction::End);
    s
}

fn draw(screen: &LabScreen, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal
        .draw(|f| ClusterScreen::render(screen, f.area(), f.buffer_mut()))
        .expect("draws");
    format!("{}", terminal.backend())
}

#[test]
fn a_lost_update_after_a_pause_reads_in_english() {
    let s = after_the_late_write(LabMode::NxPx, Lang::En);
    let text = draw(&s, 80, 24);
    for seen in [
        "REPLAY ⏸  3.600 s",
        "C2 ◌ asking",
        "R1 free",
        "⧗",
        "▓",
        "⏸",
        "C1 #1 write 1 (read 0) ✓",
        "Lost Update at 3.501 s: C1 wrote 1 from the 0 it read; storage held 2",
        "Two holders at 1.052 s",
        "space play",
    ] {
        assert!(text.contains(seen), "{seen}:\n{text}");
    }
    insta::assert_snapshot!("lab_lost_update_80x24", text);
}

#[test]
fn a_lost_update_after_a_pause_reads_in_chinese() {
    let s = after_the_late_write(LabMode::NxPx, Lang::Zh);
    let text = draw(&s, 80, 24);
    assert!(text.contains("更新丢失"), "{text}");
    assert!(text.contains("回放 ⏸"), "{text}");
    // No English but names: the lab, the mode, Redis, TTL, the file, labels
    // and keys.
    let names = [
        "redis-lock",
        "nx-px",
        "Redis",
        "TTL",
        "lab",
        "jsonl",
        "ST",
        "Home",
        "End",
    ];
    let english: Vec<&str> = text
        .lines()
        .filter_map(|line| line.split(" Hidden by multi-width symbols").next())
        .flat_map(|line| line.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-')))
        .filter(|w| w.chars().filter(char::is_ascii_alphabetic).count() >= 2)
        .filter(|w| !names.contains(w))
        .collect();
    assert!(english.is_empty(), "{english:?}\n{text}");
    insta::assert_snapshot!("lab_lost_update_zh_80x24", text);
}

#[test]
fn a_wide_screen_puts_storage_beside_the_lanes() {
    let s = after_the_late_write(LabMode::NxPx, Lang::En);
    let text = draw(&s, 160, 48);
    assert!(text.contains("one column 0.2 s"), "{text}");
    insta::assert_snapshot!("lab_lost_update_160x48", text);
}

#[test]
fn fencing_refuses_the_late_write() {
    let s = after_the_late_write(LabMode::Fencing, Lang::En);
    let text = draw(&s, 80, 24);
    assert!(text.contains("C1 #1 write 1 (read 0) ✗ stale"), "{text}");
    assert!(!text.contains("Lost Update"), "{text}");
    assert!(text.contains("writes ✓2 ✗1"), "{text}");
    insta::assert_snapshot!("lab_fencing_80x24", text);
}

#[test]
fn a_paused_client_shows_on_its_card_while_it_holds_the_lock() {
    let mut s = screen(pause_story(LabMode::NxPx), Lang::En);
    for _ in 0..5 {
        s.update(LabAction::Step(1));
    }
    let text = draw(&s, 80, 24);
    assert!(text.contains("C1 ⏸ #1 paused · read 0"), "{text}");
    assert!(text.contains("R1 lock = #1"), "{text}");
    assert!(text.contains("none has fired"), "{text}");
    insta::assert_snapshot!("lab_paused_80x24", text);
}

#[test]
fn four_clients_leave_room_for_everything_at_80x24() {
    let mut s = screen(pause_story_of(LabMode::NxPx, 4), Lang::En);
    s.update(LabAction::End);
    let text = draw(&s, 80, 24);
    for seen in [
        "REPLAY ⏸",
        "C4 ◌ asking",
        "R1 free",
        "ST value 1",
        "storage · value 1 · highest #3",
        "✗ Lost Update",
        "acquisitions 3",
        "q quit",
    ] {
        assert!(text.contains(seen), "{seen}:\n{text}");
    }
}

/// A run that stands still at 2.1 s and never records anything more.
struct StillRun;

impl LabControl for StillRun {
    fn take_events(&mut self) -> Vec<LabEvent> {
        Vec::new()
    }
    fn now_us(&self) -> u64 {
        2_100_000
    }
    fn pause(&mut self, _: u8, _: bool) {}
    fn kill(&mut self, _: u8) {}
    fn running(&self) -> bool {
        true
    }
}

#[test]
fn a_live_run_shows_its_present_and_the_keys_that_steer_it() {
    let settings = Settings::defaults();
    let trace = pause_story(LabMode::NxPx);
    let live = LabScreen::live(trace, "lab.jsonl".into(), Box::new(StillRun), settings);
    let text = draw(&live, 80, 24);
    assert!(text.contains("LIVE  2.100 s"), "{text}");
    assert!(
        text.contains("1-9 select · p pause/resume · k kill"),
        "{text}"
    );
    assert!(text.contains("C3 ■ #3 working · read 1"), "{text}");
}

#[test]
fn a_key_that_only_steers_a_live_run_says_so_in_place_of_the_keys() {
    let mut s = after_the_late_write(LabMode::NxPx, Lang::En);
    s.update(LabAction::Kill);
    let text = draw(&s, 80, 24);
    assert!(text.contains("p and k steer a live run"), "{text}");
    assert!(!text.contains("space play"), "{text}");
}

#[test]
fn a_naive_release_that_frees_anothers_lock_is_named() {
    let mut trace = LabTrace::new(LabSetup {
        lab: "redis-lock".into(),
        mode: LabMode::Naive,
        clients: 2,
        ttl_ms: 0,
        work_ms: 300,
        redis: "Redis server v=7.2.4".into(),
    });
    let released = LabKind::Released {
        deleted: Some(2),
        latency_us: 200,
    };
    for e in [
        acquired(1_000, 1, 1),
        acquired(2_000, 2, 2),
        client(400_000, 1, released),
    ] {
        trace.insert(e);
    }
    let sentences = [
        (
            Lang::En,
            "C1 deleted #2's key with its release (its own was #1)",
        ),
        (Lang::Zh, "C1 释放时删除了 #2 的键（它自己的是 #1）"),
    ];
    for (lang, sentence) in sentences {
        let mut s = screen(trace.clone(), lang);
        s.update(LabAction::End);
        let text = draw(&s, 100, 24);
        assert!(text.contains(sentence), "{text}");
    }
}

#[test]
fn any_small_size_draws_without_a_panic() {
    let stories = [
        after_the_late_write(LabMode::NxPx, Lang::En),
        after_the_late_write(LabMode::Fencing, Lang::Zh),
        screen(pause_story(LabMode::NxPx), Lang::Zh),
    ];
    for s in &stories {
        for width in 0..=30 {
            for height in 0..=10 {
                let mut buf = Buffer::empty(Rect::new(0, 0, width, height));
                ClusterScreen::render(s, buf.area, &mut buf);
                // Away from the corner of a larger screen too.
                let mut buf = Buffer::empty(Rect::new(0, 0, 40, 14));
                ClusterScreen::render(s, Rect::new(5, 2, width, height), &mut buf);
            }
        }
        draw(s, 20, 5);
        draw(s, 1, 1);
    }
}

/// A trace as hostile as the file format allows: times, tokens and values
/// anywhere up to their largest, in any order, from every member.
fn hostile_trace(seed: u64) -> LabTrace {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let clients = (next() % 9 + 1) as u8;
    let mut trace = LabTrace::new(LabSetup {
        lab: "redis-lock".into(),
        mode: [LabMode::Naive, LabMode::NxPx, LabMode::Fencing][(next() % 3) as usize],
        clients,
        ttl_ms: next(),
        work_ms: next(),
        redis: "Redis server v=7.0.15".into(),
    });
    for _ in 0..next() % 200 {
        let big = |v: u64| {
            if v.is_multiple_of(4) {
                u64::MAX - v % 3
            } else {
                v % 5_000_000
            }
        };
        let n = (next() % u64::from(clients) + 1) as u8;
        let (who, kind) = match next() % 11 {
            0 => (Who::Client(n), LabKind::Asked),
            1 => (
                Who::Client(n),
                LabKind::Acquired {
                    token: big(next()),
                    latency_us: big(next()),
                },
            ),
            2 => (Who::Client(n), LabKind::Read { value: big(next()) }),
            3 => (
                Who::Client(n),
                LabKind::Wrote {
                    value: big(next()),
                    accepted: next() % 2 == 0,
                },
            ),
            4 => (
                Who::Client(n),
                LabKind::Released {
                    deleted: Some(big(next())),
                    latency_us: big(next()),
                },
            ),
            5 => (
                Who::Storage,
                LabKind::Storage {
                    client: n,
                    token: big(next()),
                    read: (next() % 2 == 0).then(|| big(next())),
                    value: big(next()),
                    accepted: next() % 2 == 0,
                    highest: Some(big(next())),
                },
            ),
            6 => (Who::Redis, LabKind::Expired),
            7 => (Who::Lab, LabKind::Paused { client: n }),
            8 => (Who::Lab, LabKind::Resumed { client: n }),
            9 => (Who::Lab, LabKind::Killed { client: n }),
            _ => (Who::Lab, LabKind::Ended),
        };
        let at_us = big(next());
        trace.insert(LabEvent { at_us, who, kind });
    }
    trace
}

#[test]
fn hostile_traces_are_drawn_and_moved_through_without_a_panic() {
    for seed in 0..300 {
        let lang = if seed % 2 == 0 { Lang::En } else { Lang::Zh };
        let mut s = screen(hostile_trace(seed), lang);
        for action in [
            LabAction::End,
            LabAction::Event(-1),
            LabAction::Step(-1),
            LabAction::Start,
            LabAction::Event(1),
            LabAction::Step(1),
            LabAction::Play,
            LabAction::Tick(u64::MAX),
            LabAction::Tick(40_000),
            LabAction::Select(9),
        ] {
            s.update(action);
            draw(&s, 80, 24);
            draw(&s, 160, 48);
        }
    }
}
