//! The space-time (Lamport) diagram: one vertical line per node, time
//! flowing down, each message an arrow from its send to its delivery, drops
//! marked where the message died.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::symbols::Marker;
use ratatui::widgets::canvas::{Canvas, Line as CanvasLine};
use ratatui::widgets::{Block, Borders, Widget};

use super::family::FamilyView;
use super::glyph;
use crate::app::words::words;
use crate::app::{Action, App, Fate};
use crate::protocols::MsgClass;
use crate::sim::{ms, NodeId, NodeStatus, SimTime};

/// Simulated time per row on a tall screen: small enough that a
/// message's latency shows as a slant.
const PER_ROW: SimTime = ms(4);
/// The least time the diagram holds, whatever its height: a whole
/// election (a timeout of up to 300 ms, the votes, the first heartbeats)
/// and the silence before it.
const MIN_WINDOW: SimTime = ms(600);
/// Columns kept for the time labels on the left.
const MARGIN: u16 = 7;

/// Maps simulated time and nodes to cells of the diagram.
struct Frame {
    area: Rect,
    nodes: usize,
    now: SimTime,
    /// Simulated time from the top row to the bottom row.
    window: SimTime,
}

impl Frame {
    fn column(&self, node: f64) -> f64 {
        let width = f64::from(self.area.width.saturating_sub(MARGIN + 1));
        f64::from(self.area.x + MARGIN) + width * (node + 0.5) / self.nodes.max(1) as f64
    }

    /// The row of time `t`: `now` on the bottom row, `now - window` on top.
    fn row(&self, t: SimTime) -> f64 {
        let age = self.now.saturating_sub(t) as f64 / self.window.max(1) as f64;
        let h = f64::from(self.area.height.saturating_sub(1));
        f64::from(self.area.y) + h * (1.0 - age)
    }

    /// A cell-coordinate point as canvas coordinates (y grows upwards).
    fn to_canvas(&self, (x, y): (f64, f64)) -> (f64, f64) {
        let h = f64::from(self.area.height.saturating_sub(1));
        (x - f64::from(self.area.x), h - (y - f64::from(self.area.y)))
    }

    fn cell(&self, point: (f64, f64)) -> Option<(u16, u16)> {
        super::layout::cell_at(self.area, point)
    }
}

pub fn render<F: FamilyView>(app: &App<F>, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let body = Rect::new(
        area.x,
        area.y.saturating_add(2),
        area.width,
        area.height.saturating_sub(2),
    );
    let window = (PER_ROW * u64::from(body.height.saturating_sub(1))).max(MIN_WINDOW);
    Block::new()
        .borders(Borders::TOP)
        .border_style(theme.fg(theme.border))
        .title(format!(
            " {} ",
            words(app.lang()).spacetime_title(
                (window / 1_000).to_string(),
                app.key_label(Action::ToggleView)
            )
        ))
        .title_style(theme.base())
        .render(area, buf);
    if area.height < 4 || area.width <= MARGIN + 2 {
        return;
    }
    let sim = app.sim();
    let n = sim.cluster_size();
    let header_y = area.y + 1;
    let frame = Frame {
        area: body,
        nodes: n,
        now: sim.now(),
        window,
    };
    let oldest = frame.now.saturating_sub(window);
    // Heartbeats first, so that the arrows and marks they cross in a long
    // window (a vote, a write) are drawn over them.
    let mut trails: Vec<_> = app.trails().trails().rev().collect();
    trails.sort_by_key(|t| t.look.class != MsgClass::Heartbeat);

    // Arrows, as (from, to) in canvas coordinates, with their end marks.
    let mut lines = Vec::new();
    let mut marks = Vec::new();
    for trail in trails {
        if trail.sent_at > frame.now {
            continue;
        }
        let live = trail.fate == Fate::InFlight;
        let end_at = if live {
            frame.now.min(trail.end_at)
        } else {
            trail.end_at
        };
        if end_at < oldest && !live {
            continue;
        }
        let reach = if live {
            let span = trail.end_at.saturating_sub(trail.sent_at).max(1);
            (frame.now.saturating_sub(trail.sent_at) as f64 / span as f64).min(1.0)
        } else {
            trail.reach
        };
        let (a, b) = (trail.from.index() as f64, trail.to.index() as f64);
        let start = (frame.column(a), frame.row(trail.sent_at));
        let end = (frame.column(a + (b - a) * reach), frame.row(end_at));
        lines.push((
            frame.to_canvas(start),
            frame.to_canvas(end),
            theme.message(trail.look.class),
        ));
        let mark = match trail.fate {
            Fate::Dropped => glyph::DROP,
            Fate::InFlight | Fate::Delivered => trail.look.glyph,
        };
        let style = match trail.fate {
            Fate::Dropped => theme.fg(theme.bad).add_modifier(Modifier::BOLD),
            _ => theme.fg(theme.message(trail.look.class)),
        };
        marks.push((end, mark, style));
    }

    let (w, h) = (
        f64::from(body.width.saturating_sub(1)).max(1.0),
        f64::from(body.height.saturating_sub(1)).max(1.0),
    );
    let axis = theme.paint(theme.border);
    Canvas::default()
        .marker(Marker::Braille)
        .x_bounds([0.0, w])
        .y_bounds([0.0, h])
        .paint(|ctx| {
            for i in 0..n {
                let x = frame.column(i as f64) - f64::from(body.x);
                ctx.draw(&CanvasLine {
                    x1: x,
                    y1: 0.0,
                    x2: x,
                    y2: h,
                    color: axis,
                });
            }
            for &((x1, y1), (x2, y2), color) in &lines {
                ctx.draw(&CanvasLine {
                    x1,
                    y1,
                    x2,
                    y2,
                    color: theme.paint(color),
                });
            }
        })
        .render(body, buf);
    for (at, mark, style) in marks {
        if let Some((col, row)) = frame.cell(at) {
            buf.set_string(col, row, mark, style);
        }
    }

    for id in NodeId::all(n) {
        let mark = F::mark(sim.node(id));
        let letter = match sim.status(id) {
            NodeStatus::Crashed => '✕',
            _ => mark.letter,
        };
        let label = format!("{} {letter}", sim.label(id));
        let x = (frame.column(id.index() as f64) - 1.0)
            .round()
            .max(f64::from(area.x)) as u16;
        let mut style = theme.fg(theme.role(mark.tone)).add_modifier(Modifier::BOLD);
        if app.selected() == id {
            style = style.add_modifier(Modifier::REVERSED);
        }
        let room = area.right().saturating_sub(x) as usize;
        buf.set_stringn(x, header_y, label, room, style);
    }
    buf.set_string(
        area.x,
        body.y,
        format!("-{}ms", window / 1_000),
        theme.dimmed(),
    );
    buf.set_string(
        area.x,
        body.bottom() - 1,
        words(app.lang()).now,
        theme.dimmed(),
    );
}
