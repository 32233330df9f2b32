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

use super::text;
use super::words::{words, LockWords};
use crate::app::words::fill;
use crate::app::App;
use crate::protocols::lock::{Client, Lock, LockNode, Part, Redis, RedlockSpec, Service};
use crate::protocols::{Family, RoleTone};
use crate::sim::{format_time, NodeId, NodeStatus, Sim, SimTime};

/// Columns before the bars at least: `C1 ■ #3  │`.
const PREFIX: u16 = 10;
/// Simulated time one column covers.
const COLUMN_US: SimTime = 100_000;

/// A line above the clients' rows, and the member a click on it selects.
type HeadLine = (String, Option<NodeId>);

/// The lines above the clients' rows, told the richest way that leaves
/// each client its row among the `rows` under the title and cuts no item
/// in two (the shortest way where none does).
fn head(app: &App<Lock>, width: usize, rows: usize) -> Vec<HeadLine> {
    let sim = app.sim();
    let w = words(app.lang());
    let room = rows.saturating_sub(clients(sim));
    let storage = storage_line(sim, w);
    let service = match sim.nodes().first().map(|n| &n.spec.service) {
        Some(Service::Redlock(r)) => redlock_lines(sim, r, w, width, room.saturating_sub(1)),
        Some(Service::ZooKeeper(_)) => zk_lines(sim, w, width, room.saturating_sub(1)),
        _ => vec![redis_line(sim, w)],
    };
    let mut lines = service;
    lines.push(storage);
    lines
}

fn clients(sim: &Sim<LockNode>) -> usize {
    sim.nodes().iter().filter(|n| n.client().is_some()).count()
}

/// `items` side by side, `sep` apart, on as many lines of `width` as they
/// need, none cut in two unless it is wider than a line alone.
fn flow(items: &[HeadLine], width: usize, sep: &str) -> Vec<HeadLine> {
    let mut lines: Vec<HeadLine> = Vec::new();
    for (item, member) in items {
        match lines.last_mut() {
            Some((line, _)) if line.width() + sep.width() + item.width() <= width => {
                line.push_str(sep);
                line.push_str(item);
            }
            _ => lines.push((item.clone(), *member)),
        }
    }
    lines
}

/// The single Redis server: `R1 key C1 #3 0.42s · clock 1.234s`.
fn redis_line(sim: &Sim<LockNode>, w: &LockWords) -> HeadLine {
    sim.nodes()
        .iter()
        .enumerate()
        .find_map(|(i, node)| {
            let Part::Redis(r) = &node.part else {
                return None;
            };
            let id = NodeId(i as u8);
            let key = fill(w.key, &[&text::key(sim, id, r, w)]);
            let line = format!("{} {key} · {}", sim.label(id), text::clock(sim, id, w));
            Some((line, Some(id)))
        })
        .unwrap_or_default()
}

/// Redlock's masters, then each asking client's arithmetic, in at most
/// `room` lines where they fit: each master as `R1 C1 0.42s (1.234s)`,
/// without its clock, or with its holder alone; each sum whole,
/// `C1 1000 − 63 − 12 = 925ms ✓3/5`, or as its validity alone. A sum
/// keeps its arithmetic longer than a master its time to live: the
/// arithmetic is what a Redlock step asks a learner to read.
fn redlock_lines(
    sim: &Sim<LockNode>,
    r: &RedlockSpec,
    w: &LockWords,
    width: usize,
    room: usize,
) -> Vec<HeadLine> {
    let masters: Vec<(NodeId, &Redis)> = sim
        .nodes()
        .iter()
        .enumerate()
        .filter_map(|(i, n)| match &n.part {
            Part::Redis(r) => Some((NodeId(i as u8), r)),
            _ => None,
        })
        .collect();
    let master = |form: usize| -> Vec<HeadLine> {
        masters
            .iter()
            .map(|&(id, redis)| {
                let label = sim.label(id);
                let line = match form {
                    0 => format!(
                        "{label} {} ({})",
                        text::key(sim, id, redis, w),
                        format_time(sim.local_time(id))
                    ),
                    1 => format!("{label} {}", text::key(sim, id, redis, w)),
                    _ => format!("{label} {}", text::holder(sim, redis, w)),
                };
                (line, Some(id))
            })
            .collect()
    };
    let attempts: Vec<(NodeId, &Client, text::Attempt)> = sim
        .nodes()
        .iter()
        .enumerate()
        .filter_map(|(i, node)| {
            let id = NodeId(i as u8);
            let c = node.client()?;
            Some((id, c, text::redlock_attempt(sim, id, c, r)?))
        })
        .collect();
    let sums = |whole: bool| -> Vec<HeadLine> {
        if attempts.is_empty() {
            return vec![(w.sum.to_owned(), None)];
        }
        attempts
            .iter()
            .map(|&(id, c, attempt)| {
                let sum = match whole {
                    true => attempt.tallied(c, r, w),
                    false => attempt.brief(c, r, w),
                };
                (format!("{} {sum}", sim.label(id)), Some(id))
            })
            .collect()
    };
    let mut lines = Vec::new();
    for whole in [true, false] {
        for form in 0..3 {
            lines = flow(&master(form), width, "  ");
            lines.extend(flow(&sums(whole), width, "   "));
            if lines.len() <= room {
                return lines;
            }
        }
    }
    lines
}

/// ZooKeeper's line: the wake-ups, then its lock nodes in order, each
/// with its owner and what that owner watches (`lock-3 C3 ◎2`), in at
/// most `room` lines; the nodes that find no room whole are counted,
/// `+2` (each client's row shows its own node too).
fn zk_lines(sim: &Sim<LockNode>, w: &LockWords, width: usize, room: usize) -> Vec<HeadLine> {
    let Some((i, z)) = sim
        .nodes()
        .iter()
        .enumerate()
        .find_map(|(i, n)| match &n.part {
            Part::Zk(z) => Some((i, z)),
            _ => None,
        })
    else {
        return Vec::new();
    };
    let id = Some(NodeId(i as u8));
    let woken = fill(w.wake_ups, &[&text::wakes(sim).to_string()]);
    let mut queue: Vec<HeadLine> = text::zk_queue(sim, z, w)
        .into_iter()
        .map(|node| (node, id))
        .collect();
    if queue.is_empty() {
        queue.push((w.no_nodes.to_owned(), id));
    }
    let label = sim.label(NodeId(i as u8));
    let mut items = vec![(format!("{label} {woken} · {}", queue[0].0), id)];
    items.extend(queue.into_iter().skip(1));
    let room = room.max(1);
    let mut shown = items.len();
    loop {
        let mut some = items[..shown].to_vec();
        if shown < items.len() {
            some.push((format!("+{}", items.len() - shown), id));
        }
        let lines = flow(&some, width, "  ");
        if lines.len() <= room || shown == 1 {
            return lines;
        }
        shown -= 1;
    }
}

/// Storage: value, highest token, its latest operations newest first.
fn storage_line(sim: &Sim<LockNode>, w: &LockWords) -> HeadLine {
    let Some((i, s)) = sim
        .nodes()
        .iter()
        .enumerate()
        .find_map(|(i, n)| n.storage().map(|s| (i, s)))
    else {
        return HeadLine::default();
    };
    let ops: Vec<String> = s.log.iter().rev().map(|e| text::op(sim, e)).collect();
    let id = NodeId(i as u8);
    let line = format!(
        "{} {} · {}",
        sim.label(id),
        text::storage_head(s.value, s.highest, w),
        ops.join("  ")
    );
    (line, Some(id))
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
    let title = fill(w.timeline, &[&(COLUMN_US / 1000).to_string()]);
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
