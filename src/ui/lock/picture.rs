//! The picture in lanes: clients on the left, the lock service in the
//! middle, storage on the right, so that who asks whom reads across it.
//! Where the picture is wide enough each member carries a card: a client's
//! phase, its lease, validity or session on its own clock and Redlock's
//! arithmetic (left of the client, where no link passes); storage's value,
//! highest token and last operations (right of it); under each lock server
//! its key with the time to live and its clock, or ZooKeeper's queue.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use unicode_width::UnicodeWidthStr;

use super::text::{self, countdown, Countdown};
use super::words::{self, phase, words};
use crate::app::App;
use crate::protocols::lock::{Client, Lock, LockNode, Part, Service, Storage, Zk};
use crate::protocols::Meaning;
use crate::sim::{NodeId, NodeStatus, Sim};
use crate::ui::wrap::shorten;
use crate::ui::Placement;

/// Columns of a client's or storage's card.
const CARD: u16 = 24;
/// The narrowest picture with room for cards beside the lanes.
const CARDS_FROM: u16 = 90;
/// Half a member's label (` C1 ■ #3 `), and a column of air beside it.
const BESIDE: f64 = 6.0;

fn card_width(area: Rect) -> u16 {
    if area.width >= CARDS_FROM {
        CARD
    } else {
        0
    }
}

/// Clients, servers and storage in three lanes, inside the room the
/// cards leave; each member on one row where a lane is too crowded for a
/// gauge under each (four ZooKeeper clients, five Redlock masters at
/// 80×24), so that every client keeps its own session bar.
pub fn placement(sim: &Sim<LockNode>, area: Rect) -> Placement {
    let card = card_width(area);
    let inside = Rect::new(
        area.x + card,
        area.y,
        area.width.saturating_sub(2 * card),
        area.height,
    );
    Placement::lanes_or_rows(inside, &lane_sizes(sim))
}

/// Presenter mode: the lanes from the top of `area` to its bottom, so
/// that five Redlock masters' boxes stand apart at 160×48.
pub fn present_lanes(sim: &Sim<LockNode>, area: Rect) -> Placement {
    Placement::lanes_edge_to_edge(area, &lane_sizes(sim))
}

/// How many clients, lock servers and storage members there are.
fn lane_sizes(sim: &Sim<LockNode>) -> [usize; 3] {
    sim.nodes().first().map_or([0; 3], |first| {
        let spec = &first.spec;
        [spec.clients, spec.service.servers(), 1]
    })
}

/// How full the gauge under member `id` is: a client's lease, validity
/// or session on its own clock; a Redis key's time to live on its
/// server's clock.
pub fn gauge(app: &App<Lock>, id: NodeId) -> Option<f64> {
    let sim = app.sim();
    match &sim.node(id).part {
        Part::Client(c) => countdown(sim, id, c).map(Countdown::fraction),
        Part::Redis(r) => text::key_left(sim, id, r),
        Part::Zk(_) | Part::Storage(_) => None,
    }
}

/// Where a card may write: the rows from `top` to before `bottom`.
struct Room {
    area: Rect,
    top: f64,
    bottom: f64,
}

impl Room {
    fn row(&self, y: f64) -> Option<u16> {
        let y = y.round();
        (y >= self.top.max(f64::from(self.area.y))
            && y < self.bottom.min(f64::from(self.area.bottom())))
        .then_some(y as u16)
    }
}

/// Writes `text` on row `y`, ending just before column `right`.
fn put_right(buf: &mut Buffer, room: &Room, right: f64, y: f64, text: &str, style: Style) {
    let Some(row) = room.row(y) else { return };
    let right = (right.round() as u16).min(room.area.right());
    let space = right.saturating_sub(room.area.x) as usize;
    let text = shorten(text, space);
    let x = right - text.width() as u16;
    buf.set_string(x, row, text, style);
}

/// Writes `text` on row `y` from column `left`.
fn put_left(buf: &mut Buffer, room: &Room, left: f64, y: f64, text: &str, style: Style) {
    let Some(row) = room.row(y) else { return };
    let left = (left.round() as u16).max(room.area.x);
    let space = room.area.right().saturating_sub(left) as usize;
    buf.set_string(left, row, shorten(text, space), style);
}

/// Writes `text` on row `y`, centred on column `x` and kept inside.
fn put_centered(buf: &mut Buffer, room: &Room, x: f64, y: f64, text: &str, style: Style) {
    let text = shorten(text, room.area.width as usize);
    let width = text.width() as f64;
    let left = (x - width / 2.0 + 0.5)
        .round()
        .min(f64::from(room.area.right()) - width)
        .max(f64::from(room.area.x));
    put_left(buf, room, left, y, &text, style);
}

/// The cards, drawn over the links and under the messages.
pub fn annotate(app: &App<Lock>, placement: &Placement, area: Rect, buf: &mut Buffer) {
    if card_width(area) == 0 {
        return;
    }
    let sim = app.sim();
    let n = sim.cluster_size();
    for i in 0..n {
        let id = NodeId(i as u8);
        let (x, y) = placement.center(i);
        // A card keeps off the next member of its lane (and the mark
        // above it), and off the one before.
        let next = (i + 1..n)
            .find(|&j| !placement.may_link(i, j))
            .map_or(f64::INFINITY, |j| placement.center(j).1 - 0.5);
        let before = (0..i)
            .rev()
            .find(|&j| !placement.may_link(i, j))
            .map_or(f64::NEG_INFINITY, |j| placement.center(j).1 + 2.0);
        let room = Room {
            area,
            top: before,
            bottom: next,
        };
        if sim.status(id) == NodeStatus::Crashed {
            continue;
        }
        match &sim.node(id).part {
            Part::Client(c) => client_card(app, id, c, &room, (x, y), buf),
            Part::Redis(r) => {
                let w = words(app.lang());
                let key = text::key(sim, id, r, w);
                let line = match sim.node(id).spec.service {
                    Service::Redlock(_) => format!("{key} · {}", text::clock(sim, id, w)),
                    _ => words::key(w.lang, &key),
                };
                put_centered(buf, &room, x, y + 2.0, &line, app.theme().base());
                if !matches!(sim.node(id).spec.service, Service::Redlock(_)) {
                    let clock = text::clock(sim, id, w);
                    put_centered(buf, &room, x, y + 3.0, &clock, app.theme().dimmed());
                }
            }
            Part::Zk(z) => zk_card(app, z, &room, (x, y), buf),
            Part::Storage(s) => storage_card(app, s, &room, (x, y), buf),
        }
    }
}

/// Left of a client: Redlock's sum or its ZooKeeper node above, what it
/// does beside, its countdown below.
fn client_card(
    app: &App<Lock>,
    id: NodeId,
    c: &Client,
    room: &Room,
    (x, y): (f64, f64),
    buf: &mut Buffer,
) {
    let sim = app.sim();
    let theme = app.theme();
    let lang = app.lang();
    let w = words(lang);
    let right = x - BESIDE;
    let mut doing = phase(c.phase, lang).to_owned();
    if let (true, Some(read)) = (c.holds(), c.read) {
        doing = format!("{doing} · {}", words::read(lang, read));
    }
    let tone = theme.fg(theme.role(Lock::mark(sim.node(id)).tone));
    put_right(buf, room, right, y, &doing, tone);
    let above = match &sim.node(id).spec.service {
        Service::Redlock(r) => text::redlock_attempt(sim, id, c, r).map(|a| a.sum(r, w)),
        Service::ZooKeeper(z) => c.node.map(|seq| text::zk_node(c, seq, z.watch, w)),
        Service::Redis(_) => None,
    };
    if let Some(above) = above {
        put_right(buf, room, right, y - 1.0, &above, theme.base());
    }
    if let Some(left) = countdown(sim, id, c) {
        let line = format!("{} {}", left.name(w), text::secs(left.left));
        let style = if left.left <= 0 {
            theme.fg(theme.bad).add_modifier(Modifier::BOLD)
        } else {
            theme.dimmed()
        };
        put_right(buf, room, right, y + 1.0, &line, style);
    }
}

/// Under ZooKeeper: the queue of lock nodes, then the wake-ups so far.
fn zk_card(app: &App<Lock>, z: &Zk, room: &Room, (x, y): (f64, f64), buf: &mut Buffer) {
    let sim = app.sim();
    let theme = app.theme();
    let w = words(app.lang());
    let mut lines = text::zk_queue(sim, z, w);
    if lines.is_empty() {
        lines.push(w.no_nodes.to_owned());
    }
    lines.push(words::wake_ups(w.lang, text::wakes(sim)));
    let last = lines.len() - 1;
    for (row, line) in lines.iter().enumerate() {
        let style = if row == last {
            theme.dimmed()
        } else {
            theme.base()
        };
        put_centered(buf, room, x, y + 1.0 + row as f64, line, style);
    }
}

/// Right of storage: its value and highest token, then its last
/// operations, newest first, ✓ accepted or ✗ refused with the token that
/// beat it.
fn storage_card(app: &App<Lock>, s: &Storage, room: &Room, (x, y): (f64, f64), buf: &mut Buffer) {
    let sim = app.sim();
    let theme = app.theme();
    let w = words(app.lang());
    let left = x + BESIDE;
    let head = text::storage_head(s.value, s.highest, w);
    put_left(
        buf,
        room,
        left,
        y,
        &head,
        theme.base().add_modifier(Modifier::BOLD),
    );
    for (row, e) in s.log.iter().rev().enumerate() {
        let style = match e.accepted {
            true => theme.fg(theme.ok),
            false => theme.fg(theme.bad),
        };
        put_left(
            buf,
            room,
            left,
            y + 1.0 + row as f64,
            &text::op(sim, e),
            style,
        );
    }
}
