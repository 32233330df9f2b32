//! The strip under the picture, in up to three columns as the width
//! allows: one row per member (the servers as bars of requests in service
//! and queued against their capacity, with what they serve per second and
//! how many they refused; the balancer's latency percentiles; the
//! generator's rate) and a line or two on the balancer's recent picks or
//! its keys; then "why this pick"; then the latency chart.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Borders, Widget};

use super::words::{words, BalanceWords};
use super::{chart, stats, why};
use crate::app::App;
use crate::protocols::balance::{BalanceNode, Balancer, LoadBalancer, Server, BALANCER, GENERATOR};
use crate::sim::{NodeId, NodeStatus};
use crate::ui::wrap::first_fitting;

/// The members column is this wide at most.
const MEMBERS_WIDE: u16 = 62;
/// … and at least this wide, the room of a server's row with a short bar.
const MEMBERS_NARROW: u16 = 44;
/// A wide members column draws bars this long; a narrow one half.
const BAR: usize = 20;
/// The why panel is at least this wide, and at most…
const WHY_MIN: u16 = 24;
const WHY_MAX: u16 = 38;
/// … and the chart at least this wide.
const CHART_MIN: u16 = 26;

/// A row of the members column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Row {
    Member(NodeId),
    /// The recent picks and how far they stray from the weights.
    Picks,
    /// With keys: the share of keys that moved, and the cache hit rate.
    Keys,
    /// Why the latest pick, in one line, when there is no why column.
    Why,
}

/// Where the columns go in the strip's body.
struct Columns {
    members: Rect,
    why: Option<Rect>,
    chart: Option<Rect>,
}

fn columns(body: Rect) -> Columns {
    let members = if body.width >= MEMBERS_WIDE + WHY_MAX + CHART_MIN + 2 {
        MEMBERS_WIDE
    } else {
        body.width.min(MEMBERS_NARROW)
    };
    let rest = body.width - members;
    let at = |x: u16, width: u16| Rect::new(body.x + x, body.y, width, body.height);
    let (why, chart) = if rest > WHY_MIN + CHART_MIN + 1 {
        let why = (rest * 2 / 5).clamp(WHY_MIN, WHY_MAX);
        (
            Some(at(members + 1, why - 1)),
            Some(at(members + why + 1, rest - why - 1)),
        )
    } else if rest > WHY_MIN {
        (Some(at(members + 1, rest - 1)), None)
    } else {
        (None, None)
    };
    Columns {
        members: at(0, members),
        why,
        chart,
    }
}

fn body(area: Rect) -> Rect {
    Rect::new(
        area.x,
        area.y.saturating_add(1),
        area.width,
        area.height.saturating_sub(1),
    )
}

/// The members column's rows: every member, then the picks or keys line
/// and, without a why column, the pick in one line. When they do not all
/// fit, the generator's row gives way first, then the balancer's (the
/// lines under the servers tell more of it), then the extra lines; the
/// rest scrolls to keep the selected member in view.
fn rows(app: &App<Balancer>, height: usize, why_column: bool) -> Vec<Row> {
    let sim = app.sim();
    let mut members: Vec<Row> = NodeId::all(sim.cluster_size()).map(Row::Member).collect();
    let mut extra = vec![if stats::keyed(sim) {
        Row::Keys
    } else {
        Row::Picks
    }];
    if !why_column {
        extra.push(Row::Why);
    }
    for member in [GENERATOR, BALANCER] {
        if members.len() + extra.len() > height && members.len() > 2 {
            members.retain(|r| *r != Row::Member(member));
        }
    }
    extra.truncate(height.saturating_sub(members.len()));
    let selected = members
        .iter()
        .position(|r| *r == Row::Member(app.selected()))
        .unwrap_or(0);
    let first = if members.len() <= height {
        0
    } else {
        selected
            .saturating_sub(height.saturating_sub(1))
            .min(members.len() - height)
    };
    members
        .into_iter()
        .skip(first)
        .take(height)
        .chain(extra)
        .collect()
}

pub fn node_at(app: &App<Balancer>, area: Rect, row: u16) -> Option<NodeId> {
    let b = body(area);
    if row < b.y || row >= b.bottom() {
        return None;
    }
    let why_column = columns(b).why.is_some();
    match rows(app, b.height as usize, why_column).get(usize::from(row - b.y)) {
        Some(Row::Member(id)) => Some(*id),
        _ => None,
    }
}

pub fn render(app: &App<Balancer>, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let w = words(app.lang());
    let title = if area.width as usize > text_width(w.strip) + 4 {
        w.strip
    } else {
        w.strip_short
    };
    Block::new()
        .borders(Borders::TOP)
        .border_style(theme.fg(theme.border))
        .title(title)
        .title_style(theme.base())
        .render(area, buf);
    let body = body(area);
    if body.is_empty() {
        return;
    }
    let cols = columns(body);
    let why_lines = why::lines(app.sim(), w, cols.why.map_or(0, |r| r.width as usize));
    for (i, row) in rows(app, body.height as usize, cols.why.is_some())
        .into_iter()
        .enumerate()
    {
        let y = body.y + i as u16;
        let (text, style) = match row {
            Row::Member(id) => member(app, id, cols.members.width),
            Row::Picks => (picks(app, w, cols.members.width as usize), theme.base()),
            Row::Keys => (keys(app, w), theme.base()),
            Row::Why => (
                why_lines.as_deref().map_or_else(
                    || format!(" {}", w.no_pick),
                    |l| why::compact(l, cols.members.width as usize),
                ),
                theme.base(),
            ),
        };
        buf.set_stringn(cols.members.x, y, text, cols.members.width as usize, style);
    }
    if let Some(area) = cols.why {
        separator(app, area, buf);
        let lines = why_lines.unwrap_or_default();
        if lines.is_empty() {
            buf.set_stringn(
                area.x,
                area.y,
                w.no_pick,
                area.width as usize,
                theme.dimmed(),
            );
        }
        for (i, l) in why::fit(&lines, area.height as usize)
            .into_iter()
            .enumerate()
        {
            let mut style = theme.base();
            if i == 0 {
                style = style.add_modifier(Modifier::BOLD);
            }
            if l.chosen {
                style = theme.fg(theme.accent).add_modifier(Modifier::BOLD);
            }
            buf.set_stringn(
                area.x,
                area.y + i as u16,
                &l.text,
                area.width as usize,
                style,
            );
        }
    }
    if let Some(area) = cols.chart {
        separator(app, area, buf);
        chart::render(app, area, buf);
    }
}

/// A thin rule left of a column.
fn separator(app: &App<Balancer>, area: Rect, buf: &mut Buffer) {
    let style = app.theme().fg(app.theme().border);
    for y in area.y..area.bottom() {
        buf.set_string(area.x - 1, y, "│", style);
    }
}

/// A member's row and its style.
fn member(app: &App<Balancer>, id: NodeId, width: u16) -> (String, Style) {
    let theme = app.theme();
    let w = words(app.lang());
    let sim = app.sim();
    let mut style = match sim.status(id) {
        NodeStatus::Crashed => theme.fg(theme.down),
        NodeStatus::Paused { .. } => theme.fg(theme.paused),
        NodeStatus::Up => theme.base(),
    };
    if id == app.selected() {
        style = style.add_modifier(Modifier::REVERSED);
    }
    let mark = match sim.status(id) {
        NodeStatus::Crashed => '✕',
        NodeStatus::Paused { .. } => '⏸',
        NodeStatus::Up => ' ',
    };
    let label = sim.label(id);
    let text = match sim.node(id) {
        BalanceNode::Generator(g) => format!(
            "{mark}{label:<3}  {}",
            w.generator_row(g.rate_per_s, g.sent)
        ),
        BalanceNode::Balancer(b) => {
            let room = usize::from(width).saturating_sub(6);
            format!("{mark}{label:<3}  {}", balancer(b, w, room))
        }
        BalanceNode::Server(s) if !s.started => {
            style = style.patch(theme.dimmed());
            format!("{mark}{label:<3}+ {}", w.spare_row)
        }
        BalanceNode::Server(s) => {
            let bar = if width >= MEMBERS_WIDE { BAR } else { BAR / 2 };
            let flag = stats::flag(sim, id, s);
            let room = usize::from(width).saturating_sub(5);
            format!("{mark}{label:<3}{flag}{}", server(app, s, bar, w, room))
        }
    };
    (text, style)
}

/// `RoundRobin p50 12 p99 94 ms ✗3 ↻5`, in `room` columns: the counts
/// are never cut; the unit, then p50, then the latencies give way first.
fn balancer(b: &LoadBalancer, w: &BalanceWords, room: usize) -> String {
    let p = b.latencies.percentiles();
    let ms = |us: u64| stats::latency_ms(b, us, 0);
    // Every request that ended without an answer: refused here or failed
    // at a server and passed back to its client.
    let failed = b.tally.rejected_total() + b.tally.errors;
    let mut counts = String::new();
    if failed > 0 {
        counts.push_str(&format!(" ✗{failed}"));
    }
    if b.tally.retries > 0 {
        counts.push_str(&format!(" ↻{}", b.tally.retries));
    }
    let name = b.algorithm.name();
    let (p50, p99) = (ms(p.p50), ms(p.p99));
    let with_unit = w.latency_row(&p50, &p99);
    fit(
        room,
        &[
            format!("{name} {with_unit}{counts}"),
            format!("{name} p50 {p50} p99 {p99}{counts}"),
            format!("{name} p99 {p99}{counts}"),
            format!("{name}{counts}"),
            counts.trim_start().to_owned(),
        ],
    )
}

/// The first of `texts`, from the fullest to the barest, that fits in
/// `room` columns; the barest when none does.
fn fit(room: usize, texts: &[String]) -> String {
    first_fitting(texts, room)
        .or(texts.last().map(String::as_str))
        .unwrap_or_default()
        .to_owned()
}

/// `│██░░░░····│1+5/11 60/s ✗12 hit 80%`, in `room` columns: the counts
/// are never cut; the unit of the rate gives way first, then the rate.
fn server(app: &App<Balancer>, s: &Server, width: usize, w: &BalanceWords, room: usize) -> String {
    let cap = (s.spec.concurrency + s.spec.queue) as usize;
    let busy = s.in_service as usize;
    let queued = s.queue.len();
    let scale = |n: usize| (n * width).div_ceil(cap.max(1)).min(width);
    let (b1, b2) = (scale(busy), scale(busy + queued) - scale(busy));
    let head = format!(
        "│{}{}{}│{busy}+{queued}/{cap}",
        "█".repeat(b1),
        "░".repeat(b2),
        "·".repeat(width - b1 - b2),
    );
    let rate = s.throughput.per_second(app.sim().now()).to_string();
    let mut tail = String::new();
    if s.refused > 0 {
        tail.push_str(&format!(" ✗{}", s.refused));
    }
    if let Some(h) = s.hit_rate() {
        tail.push(' ');
        tail.push_str(&w.hit(h));
    }
    fit(
        room,
        &[
            format!("{head} {}{tail}", w.per_second(&rate)),
            format!("{head} {rate}{tail}"),
            format!("{head}{tail}"),
        ],
    )
}

/// `picks 1121311… · off the weights 4%`, newest last: as many of the
/// recent picks as fit `width` beside the rest.
fn picks(app: &App<Balancer>, w: &BalanceWords, width: usize) -> String {
    let Some(b) = app.sim().node(BALANCER).balancer() else {
        return String::new();
    };
    let off = stats::deviation(b)
        .map(|d| format!(" · {}", w.off_weights(d)))
        .unwrap_or_default();
    let head = format!(" {} ", w.picks);
    let room = width.saturating_sub(text_width(&head) + text_width(&off));
    let picks: String = b
        .recent
        .iter()
        .skip(b.recent.len().saturating_sub(room))
        .map(|&s| why::server_digit(s.into()))
        .collect();
    format!("{head}{picks}{off}")
}

/// Columns a text takes on screen.
fn text_width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

/// ` keys moved 25% · cache hits 78%`
fn keys(app: &App<Balancer>, w: &BalanceWords) -> String {
    format!(" {}", stats::keys_line(app.sim(), w))
}
