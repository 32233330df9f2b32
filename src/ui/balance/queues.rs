//! The queues strip: one row per member. Servers show a bar of requests
//! in service (█) and queued (░) against their capacity, with what they
//! served and refused; the balancer its latency percentiles and
//! rejections; the generator its rate. The chart sits on the right when
//! there is room.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::widgets::{Block, Borders, Widget};

use super::{chart, inspector, tr};
use crate::app::App;
use crate::protocols::balance::{BalanceNode, Balancer, LoadBalancer, BALANCER};
use crate::sim::{NodeId, NodeStatus};

/// Widest a server's bar is drawn; half that in a narrow strip.
const BAR: usize = 20;
/// Below this width the bars are halved, so hit rates still fit.
const NARROW: u16 = 60;
/// Width below which the chart gives up its place.
const CHART_MIN: u16 = 110;

fn body(area: Rect) -> Rect {
    Rect::new(
        area.x,
        area.y.saturating_add(1),
        area.width,
        area.height.saturating_sub(1),
    )
}

/// The strip's rows: every member, then a line on the balancer's recent
/// picks (or, when hashing, the keys that moved). When they do not all
/// fit, the generator's row gives way first.
fn lines(app: &App<Balancer>, height: usize) -> Vec<Option<NodeId>> {
    let n = app.sim().cluster_size();
    let mut rows: Vec<Option<NodeId>> = (0..n).map(|i| Some(NodeId(i as u8))).collect();
    rows.push(None);
    if rows.len() > height {
        rows.remove(0);
    }
    let selected = rows
        .iter()
        .position(|r| *r == Some(app.selected()))
        .unwrap_or(0);
    let first = if height == 0 || rows.len() <= height {
        0
    } else {
        selected.saturating_sub(height - 1).min(rows.len() - height)
    };
    rows.into_iter().skip(first).take(height).collect()
}

pub fn node_at(app: &App<Balancer>, area: Rect, row: u16) -> Option<NodeId> {
    let b = body(area);
    if row < b.y || row >= b.bottom() {
        return None;
    }
    lines(app, b.height as usize)
        .get(usize::from(row - b.y))
        .copied()
        .flatten()
}

/// The recent picks and how far they stray from the weights, or the
/// share of keys that moved.
fn picks_line(app: &App<Balancer>, b: &LoadBalancer) -> String {
    if let Some(m) = inspector::keys_moved(b, app.sim().now()) {
        return format!("    {} {:.0}%", tr(app, "keys moved", "键迁移"), m * 100.0);
    }
    let picks: String = b
        .recent
        .iter()
        .map(|&s| char::from_digit(u32::from(s) + 1, 36).unwrap_or('?'))
        .collect();
    let off = inspector::deviation(b)
        .map(|d| {
            format!(
                " · {} {:.0}%",
                tr(app, "off the weights", "偏离权重"),
                d * 100.0
            )
        })
        .unwrap_or_default();
    format!("    {} {picks}{off}", tr(app, "picks", "最近"))
}

pub fn render(app: &App<Balancer>, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let block = Block::new()
        .borders(Borders::TOP)
        .border_style(theme.fg(theme.border))
        .title(tr(
            app,
            " queues · █ in service ░ queued · served/refused ",
            " 队列 · █ 处理中 ░ 排队 · 完成/拒绝 ",
        ))
        .title_style(theme.base());
    block.render(area, buf);
    let mut rows = body(area);
    if area.width >= CHART_MIN && rows.height >= 4 {
        let w = area.width / 3;
        let chart_area = Rect::new(rows.right() - w, rows.y, w, rows.height);
        chart::render(app, chart_area, buf);
        rows.width -= w + 1;
    }
    let sim = app.sim();
    let lb = sim.node(BALANCER).balancer();
    for (line, row) in lines(app, rows.height as usize).into_iter().enumerate() {
        let y = rows.y + line as u16;
        let Some(id) = row else {
            if let Some(b) = lb {
                buf.set_stringn(
                    rows.x,
                    y,
                    picks_line(app, b),
                    rows.width as usize,
                    theme.base(),
                );
            }
            continue;
        };
        let i = id.index();
        let mut style = theme.base();
        if id == app.selected() {
            style = style.add_modifier(Modifier::REVERSED);
        }
        let mark = match sim.status(id) {
            NodeStatus::Crashed => "✕",
            NodeStatus::Paused { .. } => "⏸",
            NodeStatus::Up => " ",
        };
        let text = match sim.node(id) {
            BalanceNode::Generator(g) => {
                format!("{mark}LG  {} req/s · sent {}", g.rate_per_s, g.sent)
            }
            BalanceNode::Balancer(b) => {
                let p = b.latencies.percentiles();
                let rejected: u64 = b.tally.rejected.values().sum();
                format!(
                    "{mark}LB  {} · open {} · p50 {:.1} p95 {:.1} p99 {:.1} ms · rejected {rejected}",
                    b.algorithm.name(),
                    b.open_requests(),
                    p.p50 as f64 / 1000.0,
                    p.p95 as f64 / 1000.0,
                    p.p99 as f64 / 1000.0,
                )
            }
            BalanceNode::Server(s) => {
                let index = i - 2;
                let peer = lb.and_then(|b| b.peers.get(index));
                let ejected = peer.is_some_and(|p| p.is_ejected(sim.now()));
                let out = peer.is_some_and(|p| !p.in_pool);
                let flag = match (ejected, out, s.fail_fast, s.slow > 1.0) {
                    (true, ..) => "⊘",
                    (_, true, ..) => "−",
                    (_, _, true, _) => "!",
                    (_, _, _, true) => "⏬",
                    _ => " ",
                };
                let cap = (s.spec.concurrency + s.spec.queue) as usize;
                let busy = s.in_service as usize;
                let queued = s.queue.len();
                let width = if rows.width < NARROW { BAR / 2 } else { BAR };
                let scale = |n: usize| (n * width).div_ceil(cap.max(1)).min(width);
                let (b1, b2) = (scale(busy), scale(busy + queued) - scale(busy));
                let bar = format!(
                    "{}{}{}",
                    "█".repeat(b1),
                    "░".repeat(b2),
                    "·".repeat(width - b1 - b2)
                );
                let hit = s
                    .hit_rate()
                    .map(|h| format!(" · hit {:.0}%", h * 100.0))
                    .unwrap_or_default();
                format!(
                    "{mark}S{:<2}{flag}│{bar}│ {busy}+{queued}/{cap} · {}/{}{hit}",
                    index + 1,
                    s.served,
                    s.refused
                )
            }
        };
        buf.set_stringn(rows.x, y, text, rows.width as usize, style);
    }
}
