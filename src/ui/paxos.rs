//! Paxos's panels: the node inspector (its promise, what it accepted and
//! learned, and as a proposer its ballot and quorum progress) and the slot
//! table (one row per acceptor, one cell per slot).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use super::family::FamilyView;
use super::strip::{self, NodeRows};
use crate::app::App;
use crate::protocols::paxos::{Paxos, PaxosNode, PaxosTimer, Phase, NOOP};
use crate::protocols::Family;
use crate::sim::{format_time, NodeId, NodeStatus};

/// Columns before the first cell: `S1 L b12 │`.
const PREFIX: u16 = 10;
/// Columns per slot: `✓abc@12`.
const CELL: u16 = 8;

impl FamilyView for Paxos {
    const LEGEND: &'static [(&'static str, &'static str)] = &[
        ("A P L", "acceptor, proposer, leader"),
        ("1 2 ✕", "proposer in phase 1 / phase 2, crashed"),
        ("◆ ✓ ✗", "prepare / promise / nack"),
        ("■ ●", "accept / accepted"),
        ("♥ ▸", "leader heartbeat / forwarded command"),
        ("x@2 ✓ ∅", "accepted in round 2, chosen, no-op"),
    ];
    const LEGEND_LINE: &'static str =
        "◆ prepare  ✓ promise  ✗ nack  ■ accept  ● accepted  ♥ heartbeat  ╳ drop";

    fn inspector(app: &App<Paxos>, area: Rect, buf: &mut Buffer) {
        inspector(app, area, buf);
    }

    fn strip(app: &App<Paxos>, area: Rect, buf: &mut Buffer) {
        slots(app, area, buf);
    }

    fn strip_node_at(app: &App<Paxos>, area: Rect, row: u16) -> Option<NodeId> {
        NodeRows::of(app, area).node_at(app.sim().cluster_size(), row)
    }
}

/// A value as a cell shows it: no-ops as `∅`, others cut to three letters.
fn short(value: &str) -> String {
    if value == NOOP {
        "∅".into()
    } else {
        value.chars().take(3).collect()
    }
}

fn inspector(app: &App<Paxos>, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let sim = app.sim();
    let id = app.selected();
    let node = sim.node(id);
    let block = Block::new()
        .borders(Borders::TOP | Borders::LEFT)
        .border_style(theme.fg(theme.border))
        .title(format!(" {id} · Tab/1–9 to choose "))
        .title_style(theme.base());
    let inner = block.inner(area);
    block.render(area, buf);
    let (text, dim) = (theme.base(), theme.dimmed());
    let mark = Paxos::mark(node);
    let role = theme.fg(theme.role(mark.tone)).add_modifier(Modifier::BOLD);
    let mut lines = vec![Line::from(vec![
        Span::styled(format!("{id} · {} {}", mark.letter, mark.name), role),
        Span::styled(format!(" · promised {}", node.promised), text),
    ])];
    let mut status = vec![match sim.status(id) {
        NodeStatus::Up => Span::styled("up", theme.fg(theme.ok)),
        NodeStatus::Crashed => Span::styled("✕ crashed", theme.fg(theme.down)),
        NodeStatus::Paused { until } => Span::styled(
            format!("⏸ paused until {}", format_time(until)),
            theme.fg(theme.paused),
        ),
    }];
    if sim.is_isolated(id) {
        status.push(Span::styled(" · ⌀ isolated", theme.fg(theme.cut)));
    }
    if let Some(t) = sim.timers(id).get(&PaxosTimer::Retry) {
        let left = t.deadline.saturating_sub(sim.now()) / 1_000;
        status.push(Span::styled(format!(" · retry in {left}ms"), dim));
    }
    lines.push(Line::from(status));
    if node.proposer {
        lines.push(Line::styled(proposer_line(node), text));
    }
    let accepted: Vec<String> = node
        .accepted
        .iter()
        .rev()
        .take(4)
        .map(|(slot, (b, v))| format!("#{slot} ({b}, \"{}\")", short(v)))
        .collect();
    let accepted = if accepted.is_empty() {
        "nothing".to_owned()
    } else {
        accepted.join(" ")
    };
    lines.push(Line::from(vec![
        Span::styled("accepted ", dim),
        Span::styled(accepted, text),
    ]));
    let chosen: Vec<String> = node
        .chosen
        .iter()
        .rev()
        .take(6)
        .map(|(slot, (_, v))| format!("#{slot} \"{}\"", short(v)))
        .collect();
    let chosen = if chosen.is_empty() {
        "nothing yet".to_owned()
    } else {
        chosen.join(" ")
    };
    lines.push(Line::from(vec![
        Span::styled("learned ", dim),
        Span::styled(chosen, text),
    ]));
    Paragraph::new(lines).render(inner, buf);
}

/// The proposer's ballot and how far its quorums have got.
fn proposer_line(node: &PaxosNode) -> String {
    let need = node.majority();
    match node.phase {
        Phase::Preparing => format!(
            "ballot {} · promises {}/{need}",
            node.ballot,
            node.promises.len()
        ),
        Phase::Accepting => format!(
            "ballot {} · promises {need}/{need} · accepts {}/{need}",
            node.ballot,
            node.accepts(0)
        ),
        Phase::Leading => format!(
            "leads {} · next slot {} · open {}",
            node.ballot,
            node.next_slot,
            node.open.len()
        ),
        Phase::Idle => match (node.value.as_ref(), node.leader) {
            (_, Some((leader, b))) if leader != node.id => format!("follows {leader} ({b})"),
            (Some(v), _) if node.chosen.is_empty() => format!("waits to retry \"{v}\""),
            _ => format!("idle · highest round {}", node.max_round),
        },
    }
}

fn slots(app: &App<Paxos>, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let sim = app.sim();
    let scrolled = app.logs_scroll();
    strip::title(
        app,
        "slots",
        "value@round accepted · ✓ learned chosen · ∅ no-op",
        area,
        buf,
    );
    if area.height < 2 || area.width <= PREFIX + CELL {
        return;
    }
    let len = Paxos::strip_len(sim).max(1);
    let cells = u64::from((area.width - PREFIX) / CELL);
    let end = len.saturating_sub(scrolled).max(cells.min(len));
    let start = end.saturating_sub(cells);
    buf.set_string(area.x, area.y + 1, "    slot │", theme.dimmed());
    for (k, slot) in (start..end).enumerate() {
        let x = area.x + PREFIX + k as u16 * CELL;
        buf.set_string(x, area.y + 1, format!("{slot:>3}"), theme.dimmed());
    }
    let NodeRows { first, area: body } = NodeRows::of(app, area);
    for (offset, y) in (body.y..body.bottom()).enumerate() {
        let i = first + offset;
        if i >= sim.cluster_size() {
            break;
        }
        let id = NodeId(i as u8);
        let node = sim.node(id);
        let letter = match sim.status(id) {
            NodeStatus::Crashed => '✕',
            _ => Paxos::mark(node).letter,
        };
        let mut style = theme.fg(theme.role(Paxos::mark(node).tone));
        if app.selected() == id {
            style = style.add_modifier(Modifier::REVERSED);
        }
        let prefix = format!("{id:<2} {letter} b{:<3}", Paxos::epoch(node));
        buf.set_stringn(area.x, y, prefix, usize::from(PREFIX - 1), style);
        buf.set_string(area.x + PREFIX - 1, y, "│", theme.dimmed());
        for (k, slot) in (start..end).enumerate() {
            let x = area.x + PREFIX + k as u16 * CELL;
            if x + CELL > area.right() {
                break;
            }
            let (cell, style) = match (node.chosen.get(&slot), node.accepted.get(&slot)) {
                // A learner that learned one value while its acceptor holds
                // another (only a bug allows it) shows both.
                (Some((_, v)), Some((b, a))) if a != v => (
                    format!("✓{} {}@{}", short(v), short(a), b.round),
                    theme.fg(theme.down).add_modifier(Modifier::BOLD),
                ),
                (Some((_, v)), _) => (
                    format!("✓{}", short(v)),
                    theme.fg(theme.ok).add_modifier(Modifier::BOLD),
                ),
                (None, Some((b, v))) => (
                    format!("{}@{}", short(v), b.round),
                    theme.fg(theme.term(b.round)),
                ),
                (None, None) => (" ·".to_owned(), theme.dimmed()),
            };
            buf.set_stringn(x, y, cell, usize::from(CELL - 1), style);
        }
    }
}
