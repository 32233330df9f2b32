//! The selected member in detail. For the balancer: its algorithm and the
//! state at its latest decision ("why this pick"), the recent picks and
//! how far they stray from the weights; for hashing, the share of keys
//! that moved; for a server: its queue, speed, cache; for the generator:
//! its rate.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use super::tr;
use crate::app::App;
use crate::protocols::balance::{
    modulo, Algorithm, BalanceNode, Balancer, LoadBalancer, Ring, Why,
};
use crate::sim::NodeStatus;

/// Keys sampled to measure how many moved.
const KEYS: u64 = 1000;

pub fn render(app: &App<Balancer>, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let sim = app.sim();
    let id = app.selected();
    let block = Block::new()
        .borders(Borders::TOP | Borders::LEFT)
        .border_style(theme.fg(theme.border))
        .title(format!(" {} · Tab/1–9 ", sim.label(id)))
        .title_style(theme.base());
    let inner = block.inner(area);
    block.render(area, buf);
    let mut lines: Vec<String> = Vec::new();
    if sim.status(id) == NodeStatus::Crashed {
        lines.push(tr(app, "✕ crashed", "✕ 已崩溃").into());
    }
    match sim.node(id) {
        BalanceNode::Generator(g) => {
            lines.push(format!(
                "{} {} · {} {}",
                tr(app, "rate", "速率"),
                g.rate_per_s,
                tr(app, "sent", "已发"),
                g.sent
            ));
        }
        BalanceNode::Server(s) => {
            lines.push(format!(
                "{} {}+{}/{} · {} {:.2} · ×{}",
                tr(app, "load", "负载"),
                s.in_service,
                s.queue.len(),
                s.spec.concurrency + s.spec.queue,
                tr(app, "speed", "速度"),
                s.spec.speed,
                s.slow
            ));
            lines.push(format!(
                "{} {} · {} {} · {} {}",
                tr(app, "served", "完成"),
                s.served,
                tr(app, "refused", "拒绝"),
                s.refused,
                tr(app, "max queue", "最长队列"),
                s.max_queue
            ));
            if s.fail_fast {
                lines.push(tr(app, "! failing fast", "! 快速失败中").into());
            }
            if let Some(h) = s.hit_rate() {
                lines.push(format!(
                    "{} {:.0}%",
                    tr(app, "cache hits", "缓存命中"),
                    h * 100.0
                ));
            }
        }
        BalanceNode::Balancer(b) => balancer(app, b, &mut lines),
    }
    Paragraph::new(lines.join("\n"))
        .style(theme.base())
        .wrap(Wrap { trim: false })
        .render(inner, buf);
}

fn balancer(app: &App<Balancer>, b: &LoadBalancer, lines: &mut Vec<String>) {
    let now = app.sim().now();
    lines.push(format!(
        "{} · {} {}",
        b.algorithm.name(),
        tr(app, "open", "处理中"),
        b.open_requests()
    ));
    let rejected: Vec<String> = b
        .tally
        .rejected
        .iter()
        .map(|(r, n)| format!("{r} {n}"))
        .collect();
    lines.push(format!(
        "{} {} · {} {} · {}",
        tr(app, "done", "完成"),
        b.tally.completed,
        tr(app, "retries", "重试"),
        b.tally.retries,
        rejected.join(" ")
    ));
    let picks: String = b
        .recent
        .iter()
        .map(|&s| char::from_digit(u32::from(s) + 1, 36).unwrap_or('?'))
        .collect();
    lines.push(format!("{} {picks}", tr(app, "picks", "最近")));
    if let Some(d) = deviation(b) {
        lines.push(format!(
            "{} {:.0}%",
            tr(app, "off the weights", "偏离权重"),
            d * 100.0
        ));
    }
    if let Some(last) = &b.last {
        lines.push(format!(
            "{} #{} → S{}",
            tr(app, "why this pick:", "为何选它："),
            last.req,
            last.pick.server + 1
        ));
        why(b, &last.pick.why, last.pick.server, lines);
    }
    if let Some(m) = keys_moved(b, now) {
        lines.push(format!(
            "{} {:.0}%",
            tr(app, "keys moved", "键迁移"),
            m * 100.0
        ));
    }
}

/// The state at the decision, one server a line.
fn why(b: &LoadBalancer, why: &Why, chosen: usize, lines: &mut Vec<String>) {
    let n = b.peers.len();
    let arrow = |i: usize| if i == chosen { " ◀" } else { "" };
    match why {
        Why::Plain => {}
        Why::Swrr { before, after } => {
            for i in 0..n {
                lines.push(format!(
                    " S{} w{} {:+.1} → {:+.1}{}",
                    i + 1,
                    b.peers[i].weight,
                    before[i],
                    after[i],
                    arrow(i)
                ));
            }
        }
        Why::Edf { deadlines } => {
            for (i, d) in deadlines.iter().enumerate().take(n) {
                lines.push(format!(" S{} deadline {d:.3}{}", i + 1, arrow(i)));
            }
        }
        Why::TwoChoices {
            a,
            b: c,
            load_a,
            load_b,
        } => lines.push(format!(" S{} ({load_a}) vs S{} ({load_b})", a + 1, c + 1)),
        Why::Scores { scores } => {
            for (i, s) in scores.iter().enumerate().take(n) {
                lines.push(format!(" S{} score {s:.1}{}", i + 1, arrow(i)));
            }
        }
        Why::Hash { key_point, owner } => {
            lines.push(format!(" key {key_point:016x}"));
            lines.push(format!(" → {owner:016x} S{}", chosen + 1));
        }
    }
}

/// How far the recent picks stray from the weights: the largest gap
/// between a server's share of picks and its share of weight.
pub(super) fn deviation(b: &LoadBalancer) -> Option<f64> {
    if b.recent.len() < 8 {
        return None;
    }
    let total: u32 = b.peers.iter().filter(|p| p.in_pool).map(|p| p.weight).sum();
    let picks = b.recent.len() as f64;
    b.peers
        .iter()
        .enumerate()
        .filter(|(_, p)| p.in_pool)
        .map(|(i, p)| {
            let got = b.recent.iter().filter(|&&s| usize::from(s) == i).count() as f64;
            (got / picks - f64::from(p.weight) / f64::from(total.max(1))).abs()
        })
        .reduce(f64::max)
}

/// For hashing algorithms, the share of keys that moved from the full
/// pool to the servers live now.
pub(super) fn keys_moved(b: &LoadBalancer, now: crate::sim::SimTime) -> Option<f64> {
    if !matches!(b.algorithm, Algorithm::RingHash(_) | Algorithm::ModuloHash) {
        return None;
    }
    let all = (1u32 << b.peers.len()) - 1;
    let live = b
        .peers
        .iter()
        .enumerate()
        .filter(|(_, p)| p.eligible(now))
        .fold(0u32, |m, (i, _)| m | (1 << i));
    Some(moved(b.algorithm, all, live))
}

/// The share of sampled keys whose server differs between the full pool
/// and the servers live now.
fn moved(algorithm: Algorithm, all: u32, live: u32) -> f64 {
    let owner = |members: u32| -> Vec<Option<usize>> {
        match algorithm {
            Algorithm::RingHash(r) => {
                let ring = Ring::build(members, r.vnodes);
                (0..KEYS).map(|k| ring.lookup(k).map(|o| o.0)).collect()
            }
            _ => (0..KEYS).map(|k| modulo(members, k)).collect(),
        }
    };
    let (a, b) = (owner(all), owner(live));
    a.iter().zip(&b).filter(|(x, y)| x != y).count() as f64 / KEYS as f64
}
