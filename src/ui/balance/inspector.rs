//! The selected member in detail. The generator: its rate and the load it
//! makes. The balancer: its algorithm, its counts, latency percentiles,
//! recent picks, and "why this pick". A server: what sets it apart now,
//! its load, speed and cache, and how the balancer sees it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::words::{words, BalanceWords};
use super::{stats, why};
use crate::app::words::words as app_words;
use crate::app::App;
use crate::protocols::balance::{
    algorithm_name, reason_text, server_index, Arrivals, BalanceNode, Balancer, Generator,
    LoadBalancer, Reason, Server, BALANCER,
};
use crate::protocols::Meaning;
use crate::sim::{format_time, NodeId, NodeStatus};
use crate::ui::FamilyView;

pub fn render(app: &App<Balancer>, inner: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let lang = app.lang();
    let w = words(lang);
    let sim = app.sim();
    let id = app.selected();
    let node = sim.node(id);
    let mark = Balancer::mark(node);
    let head = theme.fg(theme.role(mark.tone)).add_modifier(Modifier::BOLD);
    let mut lines = vec![Line::from(Span::styled(
        format!(
            "{} · {} {}",
            sim.label(id),
            mark.letter,
            Balancer::role_name(mark.name, lang)
        ),
        head,
    ))];
    match sim.status(id) {
        NodeStatus::Crashed => lines.push(Line::styled(w.crashed, theme.fg(theme.down))),
        NodeStatus::Paused { until } => lines.push(Line::styled(
            app_words(lang).paused_until(format_time(until)),
            theme.fg(theme.paused),
        )),
        NodeStatus::Up => {}
    }
    let text: Vec<String> = match node {
        BalanceNode::Generator(g) => generator(g, w),
        BalanceNode::Balancer(b) => balancer(app, b, w, inner.width as usize),
        BalanceNode::Server(s) => server(app, id, s, w),
    };
    lines.extend(text.into_iter().map(Line::from));
    Paragraph::new(lines)
        .style(theme.base())
        .wrap(Wrap { trim: false })
        .render(inner, buf);
}

fn generator(g: &Generator, w: &BalanceWords) -> Vec<String> {
    let load = g.config().load;
    let mut lines = vec![
        format!("{} {}/s · {} {}", w.rate, g.rate_per_s, w.sent, g.sent),
        format!(
            "{} · {}",
            w.arrivals[usize::from(load.arrivals == Arrivals::Fixed)],
            w.work(load.cost_ms.0, load.cost_ms.1)
        ),
    ];
    if load.keys > 0 {
        lines.push(w.keys(load.keys));
    }
    lines
}

fn balancer(app: &App<Balancer>, b: &LoadBalancer, w: &BalanceWords, width: usize) -> Vec<String> {
    let lang = app.lang();
    let sim = app.sim();
    let t = &b.tally;
    let p = b.latencies.percentiles();
    let ms = |us: u64| stats::latency_ms(b, us, 1);
    let mut lines = vec![
        algorithm_name(b.algorithm, lang).to_owned(),
        format!(
            "{} {} · {} {} · {} {}",
            w.open,
            b.open_requests(),
            w.done,
            t.completed,
            w.errors,
            t.errors
        ),
        format!(
            "{} {} · {} {}",
            w.retries,
            t.retries,
            w.rejected,
            t.rejected_total()
        ),
    ];
    for (reason, n) in Reason::ALL.iter().zip(t.rejected) {
        if n > 0 {
            lines.push(format!(
                "  {} {n}: {}",
                reason.code(),
                reason_text(*reason, lang)
            ));
        }
    }
    lines.push(format!(
        "{} {}",
        w.latency,
        w.latency_line(ms(p.p50), ms(p.p95), ms(p.p99), ms(p.max))
    ));
    if stats::keyed(sim) {
        lines.push(stats::keys_line(sim, w));
    } else if let Some(d) = stats::deviation(b) {
        lines.push(w.off_weights(d));
    }
    lines.push(String::new());
    match why::lines(sim, w, width) {
        Some(why) => lines.extend(why.into_iter().map(|l| l.text)),
        None => lines.push(w.no_pick.to_owned()),
    }
    lines
}

fn server(app: &App<Balancer>, id: NodeId, s: &Server, w: &BalanceWords) -> Vec<String> {
    let sim = app.sim();
    let now = sim.now();
    let st = &w.states;
    if !s.started {
        return vec![st.spare.to_owned()];
    }
    let lb = sim.node(BALANCER).balancer();
    let peer = lb.zip(server_index(id)).and_then(|(b, i)| b.peers.get(i));
    let mut lines = Vec::new();
    if !s.welcomed {
        lines.push(st.joining.to_owned());
    }
    if let Some(p) = peer {
        if let Some(until) = p.ejected_until.filter(|&t| now < t) {
            lines.push(w.ejected_until(format_time(until)));
        }
        if !p.in_pool && s.welcomed {
            lines.push(st.out.to_owned());
        }
        if !p.healthy {
            lines.push(st.unhealthy.to_owned());
        }
    }
    if s.fail_fast {
        lines.push(st.failing.to_owned());
    }
    if s.slow > 1.0 {
        lines.push(w.slowed_by(s.slow));
    }
    let cap = s.spec.concurrency + s.spec.queue;
    lines.push(format!(
        "{} {}+{}/{cap} · {}",
        w.load,
        s.in_service,
        s.queue.len(),
        w.per_second(s.throughput.per_second(now))
    ));
    lines.push(format!(
        "{} {:.2} · ×{} · {} {}",
        w.speed, s.spec.speed, s.spec.concurrency, w.max_queue, s.max_queue
    ));
    lines.push(format!(
        "{} {} · {} {}",
        w.served, s.served, w.refused, s.refused
    ));
    if let Some(h) = s.hit_rate() {
        lines.push(w.cache_hits(h));
    }
    if let (Some(p), Some(b)) = (peer, lb) {
        let slow_start = b.config().slow_start_ms * 1000;
        lines.push(format!(
            "{}: {} {:.1}/{} · {} · {} {:.1} ms · {} {}",
            w.lb_view,
            w.weight_now,
            p.weight_now(now, slow_start),
            p.weight,
            w.active(p.active),
            w.ewma,
            p.ewma_us / 1000.0,
            w.ejections,
            p.ejections
        ));
    }
    lines
}
