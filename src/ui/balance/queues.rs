//! The queues strip: one row per member. Servers show a bar of requests
//! in service (█) and queued (░) against their capacity, with what they
//! served and refused; the balancer its latency percentiles and
//! rejections; the generator its rate. The chart sits on the right when
//! there is room.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::widgets::{Block, Borders, Widget};

use super::{chart, tr};
use crate::app::App;
use crate::protocols::balance::{BalanceNode, Balancer, BALANCER};
use crate::sim::{NodeId, NodeStatus};

/// Widest a server's bar is drawn.
const BAR: usize = 20;
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

/// The first member shown, so that the selected one stays visible.
fn first(app: &App<Balancer>, rows: usize) -> usize {
    let n = app.sim().cluster_size();
    let selected = app.selected().index();
    if rows == 0 || n <= rows {
        0
    } else {
        selected.saturating_sub(rows - 1).min(n - rows)
    }
}

pub fn node_at(app: &App<Balancer>, area: Rect, row: u16) -> Option<NodeId> {
    let b = body(area);
    if row < b.y || row >= b.bottom() {
        return None;
    }
    let i = first(app, b.height as usize) + usize::from(row - b.y);
    (i < app.sim().cluster_size()).then_some(NodeId(i as u8))
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
    let start = first(app, rows.height as usize);
    let lb = sim.node(BALANCER).balancer();
    for (line, i) in (start..sim.cluster_size()).enumerate() {
        if line >= rows.height as usize {
            break;
        }
        let id = NodeId(i as u8);
        let y = rows.y + line as u16;
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
                let scale = |n: usize| (n * BAR).div_ceil(cap.max(1)).min(BAR);
                let (b1, b2) = (scale(busy), scale(busy + queued) - scale(busy));
                let bar = format!(
                    "{}{}{}",
                    "█".repeat(b1),
                    "░".repeat(b2),
                    "·".repeat(BAR - b1 - b2)
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
