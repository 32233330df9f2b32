//! The slot table: one row per node, one cell per slot, each the value its
//! acceptor accepted (and in which ballot, written whole: `y@1.S2`, since
//! 1.S1 and 1.S2 are different ballots) or, once its learner knows, the
//! value chosen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::Span;

use super::short;
use super::words::words;
use crate::app::App;
use crate::protocols::paxos::{Paxos, PaxosMember};
use crate::protocols::Meaning;
use crate::sim::{NodeId, NodeStatus};
use crate::ui::clients;
use crate::ui::strip::{self, NodeRows};

/// Columns before the first cell: `S1 L 12.S2 │`, the ballot the node
/// promised (or, for a proposer, its own if higher).
const PREFIX: u16 = 12;
/// Columns per slot: `abc@12.S2` and a space.
const CELL: u16 = 10;
/// The most characters a cell's value may take beside its one-letter mark.
const WHOLE: usize = CELL as usize - 2;

pub fn node_at(app: &App<Paxos>, area: Rect, row: u16) -> Option<NodeId> {
    NodeRows::of(app, area, clients::servers(app.sim().nodes())).node_at(row)
}

pub fn render(app: &App<Paxos>, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let w = words(app.lang());
    let sim = app.sim();
    let scrolled = app.logs_scroll();
    strip::title(app, w.slots, w.slots_legend, area, buf);
    if area.height < 2 || area.width <= PREFIX + CELL {
        return;
    }
    let len = Paxos::strip_len(sim).max(1);
    let cells = u64::from((area.width - PREFIX) / CELL);
    let end = len.saturating_sub(scrolled).max(cells.min(len));
    let start = end.saturating_sub(cells);
    let pad = usize::from(PREFIX - 2).saturating_sub(Span::raw(w.slot).width());
    let ruler = format!("{}{} │", " ".repeat(pad), w.slot);
    buf.set_stringn(
        area.x,
        area.y + 1,
        ruler,
        usize::from(PREFIX),
        theme.dimmed(),
    );
    for (k, slot) in (start..end).enumerate() {
        let x = area.x + PREFIX + k as u16 * CELL;
        buf.set_string(x, area.y + 1, format!("{slot:>3}"), theme.dimmed());
    }
    let rows = NodeRows::of(app, area, clients::servers(app.sim().nodes()));
    let (first, body) = (rows.first, rows.area);
    for (offset, y) in (body.y..body.bottom()).enumerate() {
        let i = first + offset;
        let id = NodeId(i as u8);
        let Some(node) = sim.nodes().get(i).and_then(PaxosMember::server) else {
            break;
        };
        let mark = Paxos::mark(sim.node(id));
        let letter = match sim.status(id) {
            NodeStatus::Crashed => '✕',
            _ => mark.letter,
        };
        let mut style = theme.fg(theme.role(mark.tone));
        if app.selected() == id {
            style = style.add_modifier(Modifier::REVERSED);
        }
        let prefix = format!("{id:<2} {letter} {}", node.promised.max(node.ballot));
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
                    format!("✓{} {}@{b}", short(v, 3), short(a, 3)),
                    theme.fg(theme.down).add_modifier(Modifier::BOLD),
                ),
                (Some((_, v)), _) if node.skipped.contains(&slot) => {
                    (format!("≡{}", short(v, WHOLE)), theme.fg(theme.ok))
                }
                (Some((_, v)), _) => (
                    format!("✓{}", short(v, WHOLE)),
                    theme.fg(theme.ok).add_modifier(Modifier::BOLD),
                ),
                (None, Some((b, v))) => {
                    let ballot = b.to_string();
                    let width = usize::from(CELL - 1);
                    let room = width.saturating_sub(ballot.chars().count() + 1).max(3);
                    let cell = format!("{}@{ballot}", short(v, room));
                    (cell, theme.fg(theme.term(b.round)))
                }
                (None, None) => (" ·".to_owned(), theme.dimmed()),
            };
            buf.set_stringn(x, y, cell, usize::from(CELL - 1), style);
        }
    }
}
