//! The time-line strip: lines for the lock service (each server's key,
//! time to live and clock; for Redlock each asking client's arithmetic
//! too; ZooKeeper's wake-ups and queue), a line for storage, then one row
//! per client whose bars are its critical sections over the last seconds;
//! a column past a Redlock client's validity is ░, and one where two
//! clients were in their critical sections at once is ▓. The lines above
//! the clients say as much as fits without taking a client's row or
//! cutting an item in two, so a narrow lesson screen still shows every
//! master and every sum; under ZooKeeper each client's row names its own
//! node and what it watches.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::widgets::{Block, Borders, Widget};
use unicode_width::UnicodeWidthStr;

mod head;

use super::text;
use super::words::{self, words, LockWords};
use crate::app::App;
use crate::protocols::lock::{Client, Lock, LockNode, Service};
use crate::protocols::{Meaning, RoleTone};
use crate::sim::{NodeId, NodeStatus, Sim, SimTime};
use head::head;

/// Columns before the bars at least: `C1 ■ #3  │`.
const PREFIX: u16 = 10;
/// Simulated time one column covers.
const COLUMN_US: SimTime = 100_000;

/// How many clients the cluster has: one row each.
fn clients(sim: &Sim<LockNode>) -> usize {
    sim.nodes().iter().filter(|n| n.client().is_some()).count()
}

/// What client `id`'s row says before its bars: its token (`#3`), and
/// under ZooKeeper its node with what it watches (`lock-3 ◎2`), so that
/// the queue reads whole where ZooKeeper's line has no room for it.
fn tag(sim: &Sim<LockNode>, id: NodeId, w: &LockWords) -> String {
    let node = sim.node(id);
    let Some(c) = node.client() else {
        return String::new();
    };
    let token = c.token.map_or(String::new(), |t| format!("#{t}"));
    match (&node.spec.service, c.node) {
        (Service::ZooKeeper(_), Some(seq)) if c.holds() => format!("{token} lock-{seq}"),
        (Service::ZooKeeper(z), Some(seq)) => text::zk_node(c, seq, z.watch, w),
        _ => token,
    }
}

/// The rows under the strip's title.
fn rows(area: Rect) -> usize {
    usize::from(area.height.saturating_sub(1))
}

/// The member whose line or row covers screen row `row`, if any.
pub fn node_at(app: &App<Lock>, area: Rect, row: u16) -> Option<NodeId> {
    let offset = usize::from(row.checked_sub(area.y + 1)?);
    if row >= area.bottom() {
        return None;
    }
    let head = head(app, area.width as usize, rows(area));
    match head.get(offset) {
        Some((_, member)) => *member,
        None => {
            let index = offset - head.len();
            (index < clients(app.sim())).then_some(NodeId(index as u8))
        }
    }
}

/// How a client stood in its critical sections at the end of what a
/// column saw of them.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Held {
    /// Believing it holds the lock.
    Trusting,
    /// In its section past its validity.
    Lapsed,
}

/// Whether `[from, to)` meets the column `[t, t + COLUMN_US)`, so that a
/// moment shorter than a column still shows.
fn meets(from: SimTime, to: SimTime, t: SimTime) -> bool {
    from < t + COLUMN_US && t < to
}

/// The latest way client `c` held the lock during the column from `t`: a
/// client that stops trusting the lock a moment before its write (woken
/// late from a pause) shows it in that column, not only over whole ones.
fn held_at(c: &Client, t: SimTime, now: SimTime) -> Option<Held> {
    let mut held = None;
    for s in &c.sections {
        let end = s.end.unwrap_or(now + 1);
        let trusted = s.trusted_until.unwrap_or(end);
        if trusted < end && meets(trusted, end, t) {
            held = Some(Held::Lapsed);
        } else if meets(s.start, trusted, t) {
            held = Some(Held::Trusting);
        }
    }
    held
}

/// Whether clients `a` and `b` were in critical sections at the same
/// moment of the column from `t`: a hand-over inside one column is no
/// overlap.
fn together(a: &Client, b: &Client, t: SimTime, now: SimTime) -> bool {
    let spans = |c: &Client| {
        c.sections
            .iter()
            .map(|s| (s.start.max(t), s.end.unwrap_or(now + 1).min(t + COLUMN_US)))
            .filter(|(from, to)| from < to)
            .collect::<Vec<_>>()
    };
    let theirs = spans(b);
    spans(a)
        .iter()
        .any(|(from, to)| theirs.iter().any(|(f, e)| from.max(f) < to.min(e)))
}

pub fn render(app: &App<Lock>, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let sim = app.sim();
    let w = words(app.lang());
    let title = words::timeline(app.lang(), COLUMN_US / 1000);
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
    let head = head(app, width, rows(area));
    for (i, (line, _)) in head.iter().enumerate() {
        let y = area.y + 1 + i as u16;
        if y < area.bottom() {
            buf.set_stringn(area.x, y, line, width, theme.base());
        }
    }
    let n = clients(sim);
    let tags: Vec<String> = (0..n).map(|i| tag(sim, NodeId(i as u8), w)).collect();
    let prefix = tags
        .iter()
        .map(|t| t.width() as u16 + 7)
        .fold(PREFIX, u16::max);
    if area.width <= prefix {
        return;
    }
    let now = sim.now();
    let cols = u64::from(area.width - prefix);
    let start = now.saturating_sub(cols.saturating_sub(1) * COLUMN_US);
    let first_row = area.y + 1 + head.len() as u16;
    for (i, tag) in tags.iter().enumerate() {
        let y = first_row + i as u16;
        if y >= area.bottom() {
            break;
        }
        let id = NodeId(i as u8);
        let node = sim.node(id);
        let Some(c) = node.client() else { continue };
        let mark = Lock::mark(node);
        let letter = match sim.status(id) {
            NodeStatus::Crashed => '✕',
            NodeStatus::Paused { .. } => '⏸',
            NodeStatus::Up => mark.letter,
        };
        let mut style = theme.fg(theme.role(mark.tone));
        if app.selected() == id {
            style = style.add_modifier(Modifier::REVERSED);
        }
        buf.set_string(
            area.x,
            y,
            format!("{:<3}{letter} {tag}", sim.label(id)),
            style,
        );
        buf.set_string(area.x + prefix - 1, y, "│", theme.dimmed());
        for col in 0..cols {
            let t = start + col * COLUMN_US;
            let Some(held) = held_at(c, t, now).filter(|_| t <= now) else {
                continue;
            };
            let others = (0..n).any(|j| {
                j != i
                    && sim
                        .node(NodeId(j as u8))
                        .client()
                        .is_some_and(|other| together(c, other, t, now))
            });
            let (glyph, color) = match (others, held) {
                (true, _) => ("▓", theme.bad),
                (false, Held::Trusting) => ("█", theme.role(RoleTone::Leading)),
                (false, Held::Lapsed) => ("░", theme.role(RoleTone::Active)),
            };
            buf.set_string(area.x + prefix + col as u16, y, glyph, theme.fg(color));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocols::lock::Section;

    fn client(sections: &[(SimTime, Option<SimTime>, Option<SimTime>)]) -> Client {
        let mut c = Client::new();
        c.sections = sections
            .iter()
            .map(|&(start, trusted_until, end)| Section {
                start,
                trusted_until,
                end,
            })
            .collect();
        c
    }

    #[test]
    fn a_hand_over_inside_one_column_is_no_overlap() {
        let now = 1_000_000;
        let first = client(&[(0, None, Some(50_000))]);
        let next = client(&[(60_000, None, None)]);
        assert!(!together(&first, &next, 0, now));
        let early = client(&[(40_000, None, None)]);
        assert!(together(&first, &early, 0, now));
    }

    #[test]
    fn a_section_past_its_validity_reads_apart_from_holding() {
        let now = 1_000_000;
        let c = client(&[(0, Some(300_000), Some(600_000))]);
        assert!(held_at(&c, 200_000, now) == Some(Held::Trusting));
        assert!(held_at(&c, 400_000, now) == Some(Held::Lapsed));
        assert!(held_at(&c, 700_000, now).is_none());
        // Trust lost inside a column: the column shows where it ended.
        let late = client(&[(0, Some(2_570_000), Some(2_586_000))]);
        assert!(held_at(&late, 2_500_000, now * 3) == Some(Held::Lapsed));
        assert!(held_at(&late, 2_400_000, now * 3) == Some(Held::Trusting));
        // A section trusted to its end holds to its last column.
        let whole = client(&[(0, None, Some(250_000))]);
        assert!(held_at(&whole, 200_000, now) == Some(Held::Trusting));
    }
}
