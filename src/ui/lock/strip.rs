//! The time-line strip: one line for the lock service, one for storage,
//! then one row per client whose bars are its critical sections over the
//! last seconds; a bar where two clients held at once is drawn ▓.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::widgets::{Block, Borders, Widget};

use super::inspector::{service_line, storage_line};
use crate::app::App;
use crate::protocols::lock::{Lock, LockNode};
use crate::protocols::Family;
use crate::sim::{NodeId, NodeStatus, SimTime};

/// Columns before the bars: `C1 H #3  │`.
const PREFIX: u16 = 10;
/// Simulated time one column covers.
const COLUMN_US: SimTime = 100_000;
/// Rows above the clients: the service and storage.
const HEAD: u16 = 2;

fn clients(app: &App<Lock>) -> usize {
    app.sim()
        .nodes()
        .iter()
        .filter(|n| n.client().is_some())
        .count()
}

/// The client whose row covers screen row `row`, if any.
pub fn node_at(app: &App<Lock>, area: Rect, row: u16) -> Option<NodeId> {
    let first = area.y + 1 + HEAD;
    let index = usize::from(row.checked_sub(first)?);
    (row < area.bottom() && index < clients(app)).then_some(NodeId(index as u8))
}

/// Whether the client held the lock at some moment of the column that
/// starts at `t`, so that a section shorter than a column still shows.
fn held_at(node: &LockNode, t: SimTime, now: SimTime) -> bool {
    let column_end = t + COLUMN_US;
    node.client().is_some_and(|c| {
        c.sections
            .iter()
            .any(|(start, end)| *start < column_end && t < end.unwrap_or(now + 1))
    })
}

pub fn render(app: &App<Lock>, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let sim = app.sim();
    let title = format!(
        " time-line · █ holding · ▓ two at once · one column {}ms ",
        COLUMN_US / 1000
    );
    Block::new()
        .borders(Borders::TOP)
        .border_style(theme.fg(theme.border))
        .title(title)
        .title_style(theme.base())
        .render(area, buf);
    if area.height < 2 {
        return;
    }
    let width = area.width as usize;
    let lines = [service_line(sim), storage_line(sim)];
    for (i, line) in lines.iter().enumerate() {
        let y = area.y + 1 + i as u16;
        if y < area.bottom() {
            buf.set_stringn(area.x, y, line, width, theme.base());
        }
    }
    if area.width <= PREFIX {
        return;
    }
    let now = sim.now();
    let cols = u64::from(area.width - PREFIX);
    let start = now.saturating_sub(cols.saturating_sub(1) * COLUMN_US);
    let n = clients(app);
    for i in 0..n {
        let y = area.y + 1 + HEAD + i as u16;
        if y >= area.bottom() {
            break;
        }
        let id = NodeId(i as u8);
        let node = sim.node(id);
        let mark = Lock::mark(node);
        let letter = match sim.status(id) {
            NodeStatus::Crashed => '✕',
            NodeStatus::Paused { .. } => '⏸',
            NodeStatus::Up => mark.letter,
        };
        let token = node
            .client()
            .and_then(|c| c.token)
            .map_or(String::new(), |t| format!("#{t}"));
        let mut style = theme.fg(theme.role(mark.tone));
        if app.selected() == id {
            style = style.add_modifier(Modifier::REVERSED);
        }
        buf.set_string(
            area.x,
            y,
            format!("{:<3}{letter} {token:<4}", sim.label(id)),
            style,
        );
        buf.set_string(area.x + PREFIX - 1, y, "│", theme.dimmed());
        for col in 0..cols {
            let t = start + col * COLUMN_US;
            if t > now || !held_at(node, t, now) {
                continue;
            }
            let others = (0..n).any(|j| j != i && held_at(sim.node(NodeId(j as u8)), t, now));
            let (glyph, color) = match others {
                true => ("▓", theme.bad),
                false => ("█", theme.role(mark.tone)),
            };
            buf.set_string(area.x + PREFIX + col as u16, y, glyph, theme.fg(color));
        }
    }
}
