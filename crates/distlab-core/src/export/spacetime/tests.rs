use std::path::Path;

use super::*;
use crate::export::escape;
use crate::headless::{self, RunOptions};
use crate::protocols::raft::Raft;
use crate::scenario::Scenario;
use crate::sim::ms;

/// Three servers: a leader elected, a follower crashed and restarted, one
/// paused, the leader cut off long enough for rounds of its heartbeats
/// that are drawn to die, then healed.
const TROUBLE: &str = r#"Scenario(
    seed: 3,
    cluster: Raft((nodes: 3, heartbeat_ms: 50)),
    network: (latency_ms: (5, 10)),
    actions: [
        (at_ms: 100, do: Timeout(Node(1))),
        (at_ms: 400, do: Crash(Node(3))),
        (at_ms: 600, do: Restart(Node(3))),
        (at_ms: 700, do: Pause(Node(2), 200)),
        (at_ms: 1000, do: Isolate(Node(1))),
        (at_ms: 1500, do: Heal),
    ],
    until_ms: 2000,
)"#;

fn tape() -> (Tape<Raft>, SimTime) {
    let scenario = Scenario::<Raft>::parse(TROUBLE, Path::new("trouble.ron")).expect("parses");
    let until = headless::until_of(&scenario, None);
    let mut tape = Tape::default();
    headless::run_watching(&scenario, until, RunOptions::default(), &mut |sim| {
        tape.keep(sim)
    })
    .expect("runs");
    (tape, until)
}

fn count(svg: &str, needle: &str) -> usize {
    svg.matches(needle).count()
}

/// Arrows drawn: every message line, delivered or dropped.
fn arrows(svg: &str) -> usize {
    count(svg, r#"<line class="msg "#)
}

#[test]
fn a_dropped_message_ends_in_a_cross_and_a_crash_is_marked() {
    let (tape, until) = tape();
    let svg = spacetime_svg(&tape, Window::whole(until), Lang::En);
    let dropped = count(&svg, " dropped\"");
    assert!(dropped > 0, "the isolated leader's messages die:\n{svg}");
    assert_eq!(count(&svg, r#"<path class="cross""#), dropped);
    assert_eq!(count(&svg, r#"class="crash""#), 1);
    assert_eq!(count(&svg, r#"<line class="down""#), 1);
    assert_eq!(count(&svg, r#"<rect class="paused""#), 1);
    assert!(svg.contains(">restart</text>") && svg.contains(">leader t1</text>"));
    assert_eq!(count(&svg, r#"<g class="lane""#), 3);
}

#[test]
fn the_window_clips_messages_to_those_sent_and_ended_within_it() {
    let (tape, until) = tape();
    let whole = spacetime_svg(&tape, Window::whole(until), Lang::En);
    let part = spacetime_svg(
        &tape,
        Window::new(ms(90), ms(200)).expect("a window"),
        Lang::En,
    );
    assert!(part.contains("0 ms to 200 ms"), "{part}");
    let in_part = tape
        .records
        .iter()
        .filter_map(|r| match &r.kind {
            RecordKind::Deliver { id, .. } | RecordKind::Drop { id, .. } => Some((id, r.t_us)),
            _ => None,
        })
        .filter(|&(id, end)| {
            let sent = tape.records.iter().find_map(|s| match &s.kind {
                RecordKind::Send { id: i, .. } if i == id => Some(s.t_us),
                _ => None,
            });
            sent.is_some_and(|t| t >= ms(90)) && end <= ms(200)
        })
        .count();
    assert!(in_part > 0 && arrows(&part) < arrows(&whole));
    let drawn_or_not = format!("data-messages=\"{in_part}\"");
    assert!(part.contains(&drawn_or_not), "{part}");
    let quiet = spacetime_svg(&tape, Window::new(0, ms(1)).expect("a window"), Lang::En);
    assert_eq!(arrows(&quiet), 0);
    assert!(
        !quiet.contains("class=\"note\""),
        "nothing thinned, no note"
    );
}

#[test]
fn heartbeats_are_thinned_and_the_note_says_so_in_either_language() {
    let (tape, until) = tape();
    let story = gather(&tape, Window::whole(until));
    let heartbeats = story
        .arrows
        .iter()
        .filter(|a| a.class == MsgClass::Heartbeat)
        .count() as u64;
    assert!(story.left_out > 3 * heartbeats, "{heartbeats} drawn");
    assert_eq!(story.arrows.len() as u64 + story.left_out, story.messages);
    let en = spacetime_svg(&tape, Window::whole(until), Lang::En);
    let note = format!(
        "heartbeats: 1 round in 5 drawn ({} heartbeats",
        story.left_out
    );
    assert!(en.contains(&note), "{en}");
    let zh = spacetime_svg(&tape, Window::whole(until), Lang::Zh);
    assert!(zh.contains("心跳：每 5 轮画 1 轮") && zh.contains(">崩溃</text>"));
    assert_eq!(arrows(&en), arrows(&zh));
}

#[test]
fn text_is_escaped_for_xml() {
    assert_eq!(
        escape(r#"<a href="x">Tom & 'Jerry'</a>"#),
        "&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;"
    );
    let (tape, until) = tape();
    let svg = spacetime_svg(&tape, Window::whole(until), Lang::En);
    let bare = svg
        .replace("&amp;", "")
        .replace("&lt;", "")
        .replace("&gt;", "");
    assert!(!bare.contains('&'), "every ampersand starts an entity");
}

#[test]
fn the_same_run_gives_the_same_bytes() {
    let (a, until) = tape();
    let (b, _) = tape();
    let window = Window::whole(until);
    assert_eq!(
        spacetime_svg(&a, window, Lang::Zh),
        spacetime_svg(&b, window, Lang::Zh)
    );
}

#[test]
fn an_empty_window_is_refused() {
    assert!(Window::new(ms(5), ms(5)).is_err());
    let err = Window::new(ms(9), ms(5)).expect_err("backwards");
    assert_eq!(
        err.to_string(),
        "the window must start before it ends (from 9 ms, to 5 ms)"
    );
}
