//! The logs panel: one row per node, one cell per entry, coloured by term,
//! committed entries filled; an index ruler on top. It follows the newest
//! entries unless scrolled back.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

use super::words::words;
use crate::app::App;
use crate::protocols::raft::{Raft, NOOP};
use crate::protocols::Family;
use crate::sim::{NodeId, NodeStatus};
use crate::ui::strip::{self, NodeRows};
use crate::ui::wrap::shorten;
use unicode_width::UnicodeWidthStr;

/// Columns before the first cell: `S1 L c12 │`.
const PREFIX: u16 = 10;
/// Columns per entry.
const CELL: u16 = 3;

/// The node whose row covers the cell, if any.
pub fn node_at(app: &App<Raft>, area: Rect, row: u16) -> Option<NodeId> {
    NodeRows::of(app, area).node_at(app.sim().cluster_size(), row)
}

pub fn render(app: &App<Raft>, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let sim = app.sim();
    let scrolled = app.logs_scroll();
    let w = words(app.lang());
    strip::title(app, w.logs, w.logs_legend, area, buf);
    if area.height < 2 || area.width <= PREFIX {
        return;
    }
    let longest = Raft::strip_len(sim);
    let cells = u64::from((area.width - PREFIX) / CELL);
    let end = longest.saturating_sub(scrolled).max(cells.min(longest));
    let start = end.saturating_sub(cells) + 1;

    // The index ruler: the first shown index, then every multiple of 5.
    let ruler_y = area.y + 1;
    let index = shorten(w.index, PREFIX as usize - 2);
    let pad = " ".repeat((PREFIX as usize - 2).saturating_sub(index.width()));
    buf.set_string(area.x, ruler_y, format!("{pad}{index} │"), theme.dimmed());
    for (slot, index) in (start..start + cells).enumerate() {
        if index == start || index % 5 == 0 {
            let x = area.x + PREFIX + slot as u16 * CELL;
            let label = format!("{index:<2}");
            let room = (area.right() - x) as usize;
            buf.set_stringn(x, ruler_y, label, room, theme.dimmed());
        }
    }

    let rows = NodeRows::of(app, area);
    for (offset, y) in (rows.area.y..rows.area.bottom()).enumerate() {
        let i = rows.first + offset;
        if i >= sim.cluster_size() {
            break;
        }
        let id = NodeId(i as u8);
        let node = sim.node(id);
        let letter = match sim.status(id) {
            NodeStatus::Crashed => '✕',
            _ => node.role.letter(),
        };
        let mut style = theme.fg(theme.role(Raft::mark(node).tone));
        if app.selected() == id {
            style = style.add_modifier(Modifier::REVERSED);
        }
        buf.set_string(
            area.x,
            y,
            format!("{id:<2} {letter} c{:<3}", node.commit_index),
            style,
        );
        buf.set_string(area.x + PREFIX - 1, y, "│", theme.dimmed());
        for (slot, index) in (start..=end).enumerate() {
            let x = area.x + PREFIX + slot as u16 * CELL;
            if x + CELL > area.right() {
                break;
            }
            match node.log.get(index) {
                Some(entry) => {
                    let color = theme.term(entry.term);
                    let style = if index <= node.commit_index {
                        theme.on(color).add_modifier(Modifier::BOLD)
                    } else {
                        theme.fg(color)
                    };
                    buf.set_string(x, y, cell(entry.term, &entry.value), style);
                }
                None if index <= node.log.last_index() + 1 => {
                    buf.set_string(x, y, " ·", theme.dimmed());
                }
                None => {}
            }
        }
    }
}

/// An entry's cell: its term and the first letter of its value (`1a`,
/// `2x` for x=2, `3∅` for a no-op), so that a lesson's a, b and c can be
/// told apart; a term of two digits leaves no room for the letter.
fn cell(term: u64, value: &str) -> String {
    let mark = if value == NOOP {
        Some('∅')
    } else {
        value.chars().next()
    };
    match mark {
        Some(mark) if term < 10 => format!("{term}{mark}"),
        _ => format!("{term:>2}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_shows_the_term_and_the_value_when_they_fit() {
        assert_eq!(cell(1, "a"), "1a");
        assert_eq!(cell(2, "x=1"), "2x");
        assert_eq!(cell(3, NOOP), "3∅");
        assert_eq!(cell(12, "b"), "12");
        assert_eq!(cell(4, ""), " 4");
    }
}
