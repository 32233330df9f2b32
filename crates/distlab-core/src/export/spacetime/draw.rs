//! Lays a [`Story`] out on a page 720 pixels wide and writes it as SVG;
//! [`TimeMap`] decides where each moment falls.

use std::collections::BTreeSet;
use std::fmt::Write;

use super::time_map::{TimeMap, MIN_STEP, TOP};
use super::{happening, Absence, Arrow, Fate, Happening, Story};
use crate::export::escape;
use crate::protocols::MsgClass;
use crate::sim::{DropReason, NodeId, SimTime};
use crate::units::Lang;

const WIDTH: f64 = 720.0;
/// Where the lanes' area starts; the time axis sits to its left.
const LEFT: f64 = 76.0;
const RIGHT: f64 = 16.0;
/// Labels on arrows and lanes; the smallest text on the page.
const FONT: f64 = 10.0;
/// Monospace fonts that draw Latin, arrows and Chinese alike; written
/// into a double-quoted attribute as it is.
const FONTS: &str = "'DejaVu Sans Mono', 'Noto Sans Mono CJK SC', 'Sarasa Mono SC', monospace";
const INK: &str = "#222";
const RED: &str = "#c62828";

/// Boxes already taken by text and arrowheads, so that labels do not
/// cover them.
#[derive(Default)]
struct Taken(Vec<[f64; 4]>);

impl Taken {
    fn free(&self, b: [f64; 4]) -> bool {
        b[0] >= LEFT - 4.0
            && b[2] <= WIDTH
            && self
                .0
                .iter()
                .all(|o| b[2] <= o[0] || o[2] <= b[0] || b[3] <= o[1] || o[3] <= b[1])
    }
}

/// How wide `text` is at `size`: a wide (CJK) character takes two columns.
fn width(text: &str, size: f64) -> f64 {
    let columns: usize = text
        .chars()
        .map(|c| match u32::from(c) {
            0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF => 2,
            0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 => 2,
            _ => 1,
        })
        .sum();
    columns as f64 * size * 0.6
}

fn colour(class: MsgClass) -> (&'static str, &'static str) {
    match class {
        MsgClass::Ask => ("ask", "#1565c0"),
        MsgClass::Grant => ("grant", "#2e7d32"),
        MsgClass::Refuse => ("refuse", "#e65100"),
        MsgClass::Data => ("data", "#6a1b9a"),
        MsgClass::Heartbeat => ("heartbeat", "#888"),
        MsgClass::Forward => ("forward", "#8d6e00"),
    }
}

const CLASSES: [MsgClass; 6] = [
    MsgClass::Ask,
    MsgClass::Grant,
    MsgClass::Refuse,
    MsgClass::Data,
    MsgClass::Heartbeat,
    MsgClass::Forward,
];

fn lane_x(story: &Story, node: NodeId) -> f64 {
    LEFT + (WIDTH - LEFT - RIGHT) * (node.index() as f64 + 0.5) / story.nodes.max(1) as f64
}

/// Writes one text element; `extra` holds further attributes.
fn text(svg: &mut String, x: f64, y: f64, extra: &str, words: &str) {
    let _ = writeln!(
        svg,
        r#"<text x="{x:.1}" y="{y:.1}"{extra}>{}</text>"#,
        escape(words)
    );
}

/// Where an arrow's line starts and ends: at the receiver when delivered;
/// when dropped, short of the receiver it never reached (halfway for a
/// message a person dropped in flight), at the time it died, or, for one
/// lost as it left, a little below its send so that a round's lost
/// messages fan out towards their receivers.
fn end_point(story: &Story, map: &TimeMap, a: &Arrow) -> ((f64, f64), (f64, f64)) {
    let (x1, y1) = (lane_x(story, a.from), map.y(a.sent));
    let x2 = lane_x(story, a.to);
    let end = match a.fate {
        Fate::Delivered => (x2, map.y(a.end)),
        Fate::Dropped(reason) => {
            let x = match reason {
                DropReason::User => (x1 + x2) / 2.0,
                _ => x2 - (x2 - x1).signum() * 14.0,
            };
            let y = if a.end > a.sent {
                map.y(a.end)
            } else {
                y1 + 0.06 * (x2 - x1).abs()
            };
            (x, y.max(y1 + 2.0 * MIN_STEP))
        }
    };
    ((x1, y1), end)
}

pub(super) fn svg(story: &Story, lang: Lang) -> String {
    let w = story.window;
    let mut moments: BTreeSet<SimTime> = [w.from, w.to].into();
    for a in &story.arrows {
        moments.extend([a.sent, a.end]);
    }
    moments.extend(story.marks.iter().map(|m| m.1));
    let map = TimeMap::new(&moments);
    let bottom = map.y(w.to) + 2.0 * MIN_STEP;
    let height = (bottom + 36.0).ceil();
    let mut svg = String::new();
    let title = crate::say!(lang,
        en: "Space-time diagram, {from} ms to {to} ms",
        zh: "时空图：{from} 毫秒至 {to} 毫秒",
        from = w.from / 1_000, to = w.to / 1_000);
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" font-family="{FONTS}" font-size="{FONT}" fill="{INK}">"#
    );
    let _ = writeln!(svg, "<title>{}</title>", escape(&title));
    svg.push_str("<defs>\n");
    for class in CLASSES {
        let (name, c) = colour(class);
        let _ = writeln!(
            svg,
            r#"<marker id="head-{name}" viewBox="0 0 8 6" refX="8" refY="3" markerWidth="8" markerHeight="6" markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0 L8,3 L0,6 z" fill="{c}"/></marker>"#
        );
    }
    svg.push_str("</defs>\n");
    let _ = writeln!(
        svg,
        r##"<rect width="{WIDTH}" height="{height}" fill="#fff"/>"##
    );
    text(
        &mut svg,
        8.0,
        20.0,
        r#" font-size="13" font-weight="bold""#,
        &title,
    );
    let legend = crate::text!(lang,
        en: "arrow: delivered · dashed ending in ×: dropped · ✕: crash, lane dashed until restart · hollow lane: paused",
        zh: "箭头：送达 · 虚线末端 ×：丢弃 · ✕：崩溃，重启前泳道为虚线 · 空心泳道：暂停");
    text(&mut svg, 8.0, 38.0, "", legend);
    if story.left_out > 0 {
        let note = crate::say!(lang,
            en: "heartbeats: 1 round in {every} drawn ({left} heartbeats and replies not drawn)",
            zh: "心跳：每 {every} 轮画 1 轮（另有 {left} 条心跳及其回复未画出）",
            every = super::HEARTBEAT_EVERY, left = story.left_out);
        text(&mut svg, 8.0, 54.0, r#" class="note""#, &note);
    }
    axis(&mut svg, &map, bottom, lang);
    lanes(&mut svg, story, &map, bottom);
    let mut taken = Taken::default();
    marks(&mut svg, story, &map, lang, &mut taken);
    arrows(&mut svg, story, &map, &mut taken);
    svg.push_str("</svg>\n");
    svg
}

fn axis(svg: &mut String, map: &TimeMap, bottom: f64, lang: Lang) {
    let x = LEFT - 8.0;
    let _ = writeln!(
        svg,
        r##"<g class="axis" stroke="#999"><line x1="{x}" y1="{TOP}" x2="{x}" y2="{bottom:.1}"/></g>"##
    );
    for &i in &map.after_breaks {
        let y = (map.knots[i - 1].1 + map.knots[i].1) / 2.0;
        let _ = writeln!(
            svg,
            r##"<line class="squeeze" x1="{LEFT}" y1="{y:.1}" x2="{}" y2="{y:.1}" stroke="#ddd" stroke-dasharray="2 4"/>"##,
            WIDTH - RIGHT
        );
        text(
            svg,
            x - 4.0,
            y + 4.0,
            r##" font-size="12" fill="#999""##,
            "≈",
        );
    }
    for (t, y) in map.ticks() {
        let label = crate::say!(lang, en: "{t} ms", zh: "{t} 毫秒", t = t / 1_000);
        let _ = writeln!(
            svg,
            r##"<line x1="{}" y1="{y:.1}" x2="{x}" y2="{y:.1}" stroke="#999"/>"##,
            x - 3.0
        );
        text(
            svg,
            x - 6.0,
            y + 3.5,
            r##" text-anchor="end" fill="#555""##,
            &label,
        );
    }
}

fn lanes(svg: &mut String, story: &Story, map: &TimeMap, bottom: f64) {
    for node in NodeId::all(story.nodes) {
        let x = lane_x(story, node);
        let name = story.labels.get(node);
        let _ = writeln!(svg, r#"<g class="lane" data-node="{}">"#, escape(name));
        for y in [TOP - 10.0, bottom + 22.0] {
            text(
                svg,
                x,
                y,
                r#" font-size="12" font-weight="bold" text-anchor="middle""#,
                name,
            );
        }
        let mut absences: Vec<_> = story.absences.iter().filter(|a| a.0 == node).collect();
        absences.sort_by_key(|a| a.1);
        let mut y = TOP;
        for &&(_, from, to, how) in &absences {
            // Still away when the window ends: to the lane's end.
            let y2 = if to >= story.window.to {
                bottom
            } else {
                map.y(to)
            };
            let y1 = map.y(from);
            let _ = writeln!(
                svg,
                r#"<line x1="{x:.1}" y1="{y:.1}" x2="{x:.1}" y2="{y1:.1}" stroke="{INK}" stroke-width="1.5"/>"#
            );
            let _ = match how {
                Absence::Down => writeln!(
                    svg,
                    r#"<line class="down" x1="{x:.1}" y1="{y1:.1}" x2="{x:.1}" y2="{y2:.1}" stroke="{RED}" stroke-dasharray="3 4"/>"#
                ),
                Absence::Paused => writeln!(
                    svg,
                    r##"<rect class="paused" x="{:.1}" y="{y1:.1}" width="6" height="{:.1}" fill="#fff" stroke="{INK}" stroke-dasharray="1 2"/>"##,
                    x - 3.0,
                    y2 - y1
                ),
            };
            y = y2;
        }
        let _ = writeln!(
            svg,
            r#"<line x1="{x:.1}" y1="{y:.1}" x2="{x:.1}" y2="{bottom:.1}" stroke="{INK}" stroke-width="1.5"/>"#
        );
        svg.push_str("</g>\n");
    }
}

fn marks(svg: &mut String, story: &Story, map: &TimeMap, lang: Lang, taken: &mut Taken) {
    svg.push_str("<g class=\"marks\" font-weight=\"bold\">\n");
    for (node, t, what) in &story.marks {
        let (x, y) = (lane_x(story, *node), map.y(*t));
        let words = happening(lang, what);
        let colour = match what {
            Happening::Crash => RED,
            Happening::Leads(_) => "#1565c0",
            _ => "#555",
        };
        match what {
            Happening::Crash => text(
                svg,
                x,
                y + 5.0,
                &format!(r#" class="crash" font-size="15" text-anchor="middle" fill="{RED}""#),
                "✕",
            ),
            _ => {
                let _ = writeln!(
                    svg,
                    r#"<circle cx="{x:.1}" cy="{y:.1}" r="3" fill="{colour}"/>"#
                );
            }
        }
        let size = width(&words, FONT);
        let (lx, ly) = if x + 8.0 + size > WIDTH - 4.0 {
            (x - 8.0 - size, y - 4.0)
        } else {
            (x + 8.0, y - 4.0)
        };
        text(
            svg,
            lx,
            ly,
            &format!(r##" fill="{colour}" paint-order="stroke" stroke="#fff" stroke-width="3""##),
            &words,
        );
        taken.0.push([lx, ly - FONT, lx + size, ly + 2.0]);
    }
    svg.push_str("</g>\n");
}

fn arrows(svg: &mut String, story: &Story, map: &TimeMap, taken: &mut Taken) {
    let lines: Vec<_> = story
        .arrows
        .iter()
        .map(|a| (a, end_point(story, map, a)))
        .collect();
    for (_, (_, (x, y))) in &lines {
        taken.0.push([x - 5.0, y - 5.0, x + 5.0, y + 5.0]);
    }
    let _ = writeln!(
        svg,
        r#"<g class="messages" data-messages="{}" data-left-out="{}" stroke-width="1.2">"#,
        story.messages, story.left_out
    );
    let mut labels = String::new();
    // A broadcast (one sender, one moment, one message) is labelled once.
    let mut said: BTreeSet<(NodeId, SimTime, &str)> = BTreeSet::new();
    for (a, ((x1, y1), (x2, y2))) in &lines {
        let (name, c) = colour(a.class);
        match a.fate {
            Fate::Delivered => {
                let _ = writeln!(
                    svg,
                    r#"<line class="msg {name}" x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}" stroke="{c}" marker-end="url(#head-{name})"/>"#
                );
            }
            Fate::Dropped(_) => {
                let _ = writeln!(
                    svg,
                    r#"<line class="msg {name} dropped" x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}" stroke="{c}" stroke-dasharray="4 3"/>"#
                );
                let _ = writeln!(
                    svg,
                    r#"<path class="cross" d="M{:.1},{:.1} l8,8 m0,-8 l-8,8" stroke="{RED}" stroke-width="2"/>"#,
                    x2 - 4.0,
                    y2 - 4.0
                );
            }
        }
        if !said.insert((a.from, a.sent, &a.label)) {
            continue;
        }
        let size = width(&a.label, FONT);
        let spots = [0.5, 0.35, 0.65, 0.2, 0.8].into_iter().flat_map(|f| {
            let (x, y) = (x1 + (x2 - x1) * f, y1 + (y2 - y1) * f);
            [(x, y - 3.0), (x, y + FONT + 2.0)]
        });
        for (x, y) in spots {
            let spot = [x - size / 2.0, y - FONT, x + size / 2.0, y + 2.0];
            if taken.free(spot) {
                taken.0.push(spot);
                text(&mut labels, x, y, &format!(r#" fill="{c}""#), &a.label);
                break;
            }
        }
    }
    svg.push_str("</g>\n");
    let _ = writeln!(
        svg,
        r##"<g class="labels" text-anchor="middle" paint-order="stroke" stroke="#fff" stroke-width="3" stroke-linejoin="round">"##
    );
    svg.push_str(&labels);
    svg.push_str("</g>\n");
}
