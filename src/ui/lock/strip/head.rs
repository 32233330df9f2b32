//! The lines above the clients' rows in the lock strip: each server's key,
//! time to live and clock (for Redlock each asking client's arithmetic
//! too; ZooKeeper's wake-ups and queue), then storage. They say as much as
//! fits without taking a client's row or cutting an item in two.

use unicode_width::UnicodeWidthStr;

use super::super::text;
use super::super::words::{self, words, LockWords};
use super::clients;
use crate::app::App;
use crate::protocols::lock::{Client, Lock, LockNode, Part, Redis, RedlockSpec, Service};
use crate::sim::{format_time, NodeId, Sim};

/// A line above the clients' rows, and the member a click on it selects.
pub(super) type HeadLine = (String, Option<NodeId>);

/// The lines above the clients' rows, told the richest way that leaves
/// each client its row among the `rows` under the title and cuts no item
/// in two (the shortest way where none does).
pub(super) fn head(app: &App<Lock>, width: usize, rows: usize) -> Vec<HeadLine> {
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
            let key = words::key(w.lang, text::key(sim, id, r, w));
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
    let woken = words::wake_ups(w.lang, text::wakes(sim));
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
