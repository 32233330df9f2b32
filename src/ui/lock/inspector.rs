//! The selected member in detail: a client's phase, token, lease or
//! validity on its own clock and session; a Redis server's key and TTL on
//! its clock; ZooKeeper's queue of lock nodes and who watches whom;
//! storage's value, highest token and last operations.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use crate::app::App;
use crate::protocols::lock::{
    Client, Lock, LockNode, Op, Part, Phase, Redis, Service, Storage, Zk,
};
use crate::protocols::Family;
use crate::sim::{format_time, NodeId, NodeStatus, Sim};

/// A bar of `width` cells, `left` of `total` full.
fn bar(left: i64, total: i64, width: usize) -> String {
    let full = if total <= 0 {
        0
    } else {
        (left.clamp(0, total) * width as i64 / total) as usize
    };
    format!("{}{}", "▰".repeat(full), "▱".repeat(width - full))
}

fn ms(us: i64) -> String {
    format!("{:.2}s", us as f64 / 1e6)
}

/// What a client is doing, in a word a reader knows.
fn phase(phase: Phase) -> &'static str {
    match phase {
        Phase::Idle => "idle",
        Phase::Thinking => "between turns",
        Phase::Acquiring => "acquiring the lock",
        Phase::Waiting => "waiting for its turn",
        Phase::Reading => "reading the value",
        Phase::Working => "working on it",
        Phase::Writing => "writing it back",
    }
}

fn client_lines(sim: &Sim<LockNode>, id: NodeId, c: &Client) -> Vec<String> {
    let spec = &sim.node(id).spec;
    let local = sim.local_time(id);
    let token = c
        .token
        .map_or("no token".to_owned(), |t| format!("token #{t}"));
    let mut lines = vec![format!(
        "{} · {token} · read {}",
        phase(c.phase),
        c.read.map_or("–".into(), |r| r.to_string())
    )];
    lines.push(format!("own clock {}", format_time(local)));
    match &spec.service {
        Service::Redis(r) => {
            if let Some(until) = c.lease_until {
                let left = until as i64 - local as i64;
                let total = (r.ttl_ms * 1000) as i64;
                lines.push(format!(
                    "lease {} {} (not checked)",
                    bar(left, total, 10),
                    ms(left.max(0))
                ));
            }
        }
        Service::Redlock(r) => {
            if let Some(v) = c.validity {
                let drift = (r.ttl_ms as f64 * r.drift_factor) as i64 + 2;
                lines.push(format!(
                    "{} − elapsed − {drift}ms = {}ms",
                    r.ttl_ms,
                    v / 1000
                ));
            }
            lines.push(format!("masters asked {} · granted {}", c.asked, c.granted));
            if let Some(until) = c.valid_until {
                let left = until as i64 - local as i64;
                lines.push(format!(
                    "validity {} {}",
                    bar(left, (r.ttl_ms * 1000) as i64, 10),
                    ms(left.max(0))
                ));
            }
        }
        Service::ZooKeeper(_) => {
            let node = c.node.map_or("no node".into(), |n| format!("lock-{n}"));
            let watch = c
                .watching
                .map_or(String::new(), |w| format!(" · watches lock-{w}"));
            lines.push(format!(
                "session {} · {node}{watch} · woken {}",
                c.session, c.wakes
            ));
        }
    }
    lines
}

/// The lock service in one line, for the strip.
pub fn service_line(sim: &Sim<LockNode>) -> String {
    let mut redis = Vec::new();
    for (i, node) in sim.nodes().iter().enumerate() {
        let id = NodeId(i as u8);
        match &node.part {
            Part::Redis(r) => redis.push(redis_short(sim, id, r)),
            Part::Zk(z) => return zk_line(sim, z),
            _ => {}
        }
    }
    redis.join("  ")
}

fn redis_short(sim: &Sim<LockNode>, id: NodeId, r: &Redis) -> String {
    let label = sim.label(id);
    match r.key {
        Some(k) => {
            let token = k.token.map_or(String::new(), |t| format!("#{t}"));
            let ttl = k
                .expires_at
                .map_or("∞".into(), |t| ms(t as i64 - sim.local_time(id) as i64));
            format!("{label}:{}{token} {ttl}", sim.label(k.client))
        }
        None => format!("{label}: free"),
    }
}

fn zk_line(sim: &Sim<LockNode>, z: &Zk) -> String {
    let queue: Vec<String> = z
        .nodes
        .iter()
        .map(|(seq, n)| {
            let watchers: Vec<&str> = z
                .exists_watches
                .get(seq)
                .into_iter()
                .flatten()
                .map(|w| sim.label(*w))
                .collect();
            let eye = if watchers.is_empty() {
                String::new()
            } else {
                format!("(◎{})", watchers.join(","))
            };
            format!("lock-{seq}:{}{eye}", sim.label(n.owner))
        })
        .collect();
    let queue = if queue.is_empty() {
        "no lock nodes".into()
    } else {
        queue.join(" ← ")
    };
    format!("ZK {queue} · wakes {}", z.wakes)
}

/// Storage in one line, for the strip.
pub fn storage_line(sim: &Sim<LockNode>) -> String {
    let Some(s) = sim.nodes().iter().find_map(LockNode::storage) else {
        return String::new();
    };
    let ops: Vec<String> = s.log.iter().rev().take(4).map(|e| entry(sim, e)).collect();
    format!(
        "ST value {} · highest #{} · {}",
        s.value,
        s.highest.map_or("–".into(), |h| h.to_string()),
        ops.join(" ")
    )
}

fn entry(sim: &Sim<LockNode>, e: &crate::protocols::lock::Entry) -> String {
    let mark = if e.accepted { "✓" } else { "✗" };
    let op = if e.op == Op::Read { "r" } else { "w" };
    let token = e.token.map_or(String::new(), |t| format!("#{t}"));
    format!("{mark}{}{op}{}{token}", sim.label(e.client), e.value)
}

fn storage_lines(sim: &Sim<LockNode>, s: &Storage) -> Vec<String> {
    let mut lines = vec![format!(
        "value {} · highest token {}",
        s.value,
        s.highest.map_or("–".into(), |h| format!("#{h}"))
    )];
    for e in s.log.iter().rev() {
        let why = if e.accepted {
            String::new()
        } else {
            " stale token".into()
        };
        lines.push(format!("{}{why}", entry(sim, e)));
    }
    lines
}

pub fn render(app: &App<Lock>, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let sim = app.sim();
    let id = app.selected();
    let node = sim.node(id);
    let mark = Lock::mark(node);
    let block = Block::new()
        .borders(Borders::TOP | Borders::LEFT)
        .border_style(theme.fg(theme.border))
        .title(format!(" {} · Tab/1–9 to choose ", sim.label(id)))
        .title_style(theme.base());
    let inner = block.inner(area);
    block.render(area, buf);
    let role = theme.fg(theme.role(mark.tone)).add_modifier(Modifier::BOLD);
    let status = match sim.status(id) {
        NodeStatus::Up => "up".to_owned(),
        NodeStatus::Crashed => "✕ crashed".to_owned(),
        NodeStatus::Paused { until } => format!("⏸ paused until {}", format_time(until)),
    };
    let mut lines = vec![Line::styled(
        format!(
            "{} · {} {} · {status}",
            sim.label(id),
            mark.letter,
            mark.name
        ),
        role,
    )];
    let body = match &node.part {
        Part::Client(c) => client_lines(sim, id, c),
        Part::Redis(r) => vec![
            redis_short(sim, id, r),
            format!(
                "clock {} · token counter {}",
                format_time(sim.local_time(id)),
                r.counter
            ),
        ],
        Part::Zk(z) => {
            let alive = z.sessions.values().filter(|s| s.1).count();
            vec![
                zk_line(sim, z),
                format!(
                    "live sessions {alive} · parent watchers {}",
                    z.child_watches.len()
                ),
            ]
        }
        Part::Storage(s) => storage_lines(sim, s),
    };
    lines.extend(body.into_iter().map(|l| Line::styled(l, theme.base())));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(inner, buf);
}
