//! The cluster view: nodes on a ring or in lanes, links between them, messages moving
//! along the links, and drops flashing where the message died.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::Marker;
use ratatui::widgets::canvas::{Canvas, Line as CanvasLine, Points};
use ratatui::widgets::{Block, Borders, Widget};
use unicode_width::UnicodeWidthStr;

use super::family::FamilyView;
use super::glyph;
use super::placement::Placement;
use crate::app::words::words;
use crate::app::App;
use crate::sim::{NodeId, NodeStatus};
use crate::units::Lang;

/// Cells of the election-timer gauge, under a node's label or, on a
/// crowded ring, beside it.
const GAUGE: usize = 6;
const GAUGE_CROWDED: usize = 2;

/// The part of the panel below its title.
pub(super) fn canvas_area(area: Rect) -> Rect {
    Rect::new(
        area.x,
        area.y.saturating_add(1),
        area.width,
        area.height.saturating_sub(1),
    )
}

/// Whether the glyph legend fits on the panel's last row.
fn has_legend<F: FamilyView>(inner: Rect, lang: Lang) -> bool {
    inner.height >= 10 && inner.width as usize > F::glossary(lang).legend_line.width() + 1
}

/// Where the nodes sit in the cluster panel `area`: below the title, above
/// the legend if there is one.
pub fn placement<F: FamilyView>(app: &App<F>, area: Rect) -> Placement {
    let inner = canvas_area(area);
    let height = inner.height - u16::from(has_legend::<F>(inner, app.lang()));
    F::placement(app.sim(), Rect::new(inner.x, inner.y, inner.width, height))
}

pub fn render<F: FamilyView>(app: &App<F>, area: Rect, buf: &mut Buffer) {
    let w = words(app.lang());
    let title = if app.is_presenting() {
        match super::present::box_size(app, area) {
            Some(size) => return super::present::render(app, area, size, buf),
            None => w.presenter_no_room,
        }
    } else {
        w.cluster_title
    };
    let theme = app.theme();
    Block::new()
        .borders(Borders::TOP)
        .border_style(theme.fg(theme.border))
        .title(format!(" {title} "))
        .title_style(theme.base())
        .render(area, buf);
    let inner = canvas_area(area);
    if inner.is_empty() {
        return;
    }
    let sim = app.sim();
    let n = sim.cluster_size();
    let ring = placement(app, area);
    draw_links(app, &ring, buf);
    F::annotate(app, &ring, inner, buf);

    let now = sim.now();
    let picked = app.picked();
    for m in sim.in_flight() {
        let look = F::message_look(&m.payload);
        let at = ring.between(m.from.index(), m.to.index(), m.progress(now));
        if let Some((col, row)) = ring.cell(at) {
            let mut style = theme
                .fg(theme.message(look.class))
                .add_modifier(Modifier::BOLD);
            if picked == Some(m.id) {
                style = style.add_modifier(Modifier::REVERSED);
            }
            buf.set_string(col, row, look.glyph, style);
        }
    }
    for flash in app.trails().flashes() {
        let at = ring.between(flash.from.index(), flash.to.index(), flash.progress);
        if let Some((col, row)) = ring.cell(at) {
            let style = theme.fg(theme.bad).add_modifier(Modifier::BOLD);
            buf.set_string(col, row, glyph::DROP, style);
        }
    }
    for id in NodeId::all(n) {
        draw_node(app, &ring, id, inner, buf);
    }
    if has_legend::<F>(inner, app.lang()) {
        buf.set_stringn(
            inner.x + 1,
            inner.bottom() - 1,
            F::glossary(app.lang()).legend_line,
            inner.width.saturating_sub(1) as usize,
            theme.dimmed(),
        );
    }
}

/// The links in use, drawn over the placement's own area (a family may
/// place its members in part of the panel, and the legend takes the last
/// row) so that they meet the members it places.
fn draw_links<F: FamilyView>(app: &App<F>, ring: &Placement, buf: &mut Buffer) {
    let theme = app.theme();
    let sim = app.sim();
    let n = sim.cluster_size();
    // Only links in use are drawn, so that a big cluster stays calm: a
    // link carrying a message, or a cut link (dotted).
    let mut busy = vec![false; n * n];
    for m in sim.in_flight() {
        let (a, b) = (
            m.from.index().min(m.to.index()),
            m.from.index().max(m.to.index()),
        );
        if let Some(slot) = busy.get_mut(a * n + b) {
            *slot = true;
        }
    }
    // On a ring, where every peer talks to every other, a cut network
    // shows its sides: every working link is drawn and a cut one is left
    // out, so each side reads as a group and a cut-off node stands alone.
    let cut = ring.is_ring()
        && NodeId::all(n).any(|a| NodeId::all(n).any(|b| a != b && sim.is_link_blocked(a, b)));
    let mut links = links(app, ring, |a, b| cut || busy[a * n + b], (1, 1));
    if ring.is_ring() {
        links.cut.clear();
    }
    let colors = (theme.paint(theme.border), theme.paint(theme.cut));
    paint_links(&links, ring, colors, ring.area(), buf);
}

/// The links a picture draws: whole ones, and the dots of cut ones.
pub(super) struct Links {
    solid: Vec<((f64, f64), (f64, f64))>,
    cut: Vec<(f64, f64)>,
    /// The node pairs whose link is cut.
    pub cut_pairs: Vec<(usize, usize)>,
}

/// Every link `wanted` keeps, whole, and every cut link as dashes of `on`
/// cells with `off` cells left out, in the ring's canvas coordinates.
pub(super) fn links<F: FamilyView>(
    app: &App<F>,
    ring: &Placement,
    wanted: impl Fn(usize, usize) -> bool,
    (on, off): (usize, usize),
) -> Links {
    let sim = app.sim();
    let n = sim.cluster_size();
    let mut links = Links {
        solid: Vec::new(),
        cut: Vec::new(),
        cut_pairs: Vec::new(),
    };
    for a in 0..n {
        for b in a + 1..n {
            let (ia, ib) = (NodeId(a as u8), NodeId(b as u8));
            let pa = ring.to_canvas(ring.center(a));
            let pb = ring.to_canvas(ring.center(b));
            if !ring.may_link(a, b) {
                continue;
            }
            if sim.is_link_blocked(ia, ib) || sim.is_link_blocked(ib, ia) {
                let steps = (pb.0 - pa.0).abs().max((pb.1 - pa.1).abs() * 2.0).max(1.0) as usize;
                links
                    .cut
                    .extend((0..=steps).filter(|s| s % (on + off) < on).map(|s| {
                        let t = s as f64 / steps as f64;
                        (pa.0 + (pb.0 - pa.0) * t, pa.1 + (pb.1 - pa.1) * t)
                    }));
                links.cut_pairs.push((a, b));
            } else if wanted(a, b) {
                links.solid.push((pa, pb));
            }
        }
    }
    links
}

/// Draws `links` in braille over `area`, whole ones in the first colour
/// and cut ones in the second.
pub(super) fn paint_links(
    links: &Links,
    ring: &Placement,
    (link_color, cut_color): (Color, Color),
    area: Rect,
    buf: &mut Buffer,
) {
    let (x_bounds, y_bounds) = ring.canvas_bounds();
    Canvas::default()
        .marker(Marker::Braille)
        .x_bounds(x_bounds)
        .y_bounds(y_bounds)
        .paint(|ctx| {
            for &((x1, y1), (x2, y2)) in &links.solid {
                ctx.draw(&CanvasLine {
                    x1,
                    y1,
                    x2,
                    y2,
                    color: link_color,
                });
            }
            ctx.draw(&Points {
                coords: &links.cut,
                color: cut_color,
            });
        })
        .render(area, buf);
}

/// The timer that drives the node: the family's main timer (Raft's
/// election timer), else any (a Raft leader's heartbeat); as the fraction
/// of its time still to run.
pub(super) fn timer_left<F: FamilyView>(app: &App<F>, id: NodeId) -> Option<f64> {
    let sim = app.sim();
    let now = sim.now();
    let timers = sim.timers(id);
    let timer = timers
        .iter()
        .find(|t| Some(t.timer) == F::main_timer())
        .or_else(|| timers.first())?;
    let total = timer.deadline.saturating_sub(timer.set_at).max(1);
    Some(timer.deadline.saturating_sub(now) as f64 / total as f64)
}

fn gauge(left: f64, cells: usize) -> String {
    let full = ((left * cells as f64).ceil() as usize).min(cells);
    let mut s = "▰".repeat(full);
    s.push_str(&"▱".repeat(cells - full));
    s
}

fn centered(buf: &mut Buffer, inner: Rect, x: f64, row: f64, text: &str, style: Style) {
    let row = row.round();
    if row < f64::from(inner.y) || row >= f64::from(inner.bottom()) {
        return;
    }
    let width = text.chars().count() as f64;
    let start = (x - width / 2.0 + 0.5).round().max(f64::from(inner.x));
    let start = start
        .min(f64::from(inner.right()) - width)
        .max(f64::from(inner.x));
    let max = inner.right().saturating_sub(start as u16);
    buf.set_stringn(start as u16, row as u16, text, max as usize, style);
}

fn draw_node<F: FamilyView>(
    app: &App<F>,
    ring: &Placement,
    id: NodeId,
    inner: Rect,
    buf: &mut Buffer,
) {
    let theme = app.theme();
    let sim = app.sim();
    let node = sim.node(id);
    let status = sim.status(id);
    let (x, y) = ring.center(id.index());
    let mark = F::mark(node);
    let letter = match status {
        NodeStatus::Crashed => '✕',
        _ => mark.letter,
    };
    let label = sim.label(id);
    let mut name = match F::epoch(node) {
        Some(epoch) => format!("{label} {letter} {}{epoch}", F::EPOCH_SHORT),
        None => format!("{label} {letter}"),
    };
    let mut style = match status {
        NodeStatus::Crashed => theme.fg(theme.down),
        _ => theme.fg(theme.role(mark.tone)),
    }
    .add_modifier(Modifier::BOLD);
    if app.highlighted().contains(&id) {
        name = format!("›{name}‹");
        style = style
            .fg(theme.paint(theme.highlight))
            .add_modifier(Modifier::UNDERLINED);
    }
    if app.selected() == id {
        style = style.add_modifier(Modifier::REVERSED);
    }
    centered(buf, inner, x, y, &format!(" {name} "), style);
    let below = match status {
        NodeStatus::Crashed => (words(app.lang()).down.to_owned(), theme.fg(theme.down)),
        NodeStatus::Paused { until } => {
            let left = until.saturating_sub(sim.now());
            (format!("⏸ {}ms", left / 1_000), theme.fg(theme.paused))
        }
        NodeStatus::Up if sim.writing_until(id).is_some() => {
            let left = sim.writing_until(id).unwrap_or(0).saturating_sub(sim.now());
            (
                words(app.lang()).writing_disk(left.div_ceil(1_000).to_string()),
                theme.fg(theme.paused),
            )
        }
        NodeStatus::Up => match F::gauge(app, id) {
            Some(left) => {
                let cells = if ring.is_crowded() {
                    GAUGE_CROWDED
                } else {
                    GAUGE
                };
                (gauge(left, cells), theme.fg(theme.role(mark.tone)))
            }
            None => (String::new(), theme.base()),
        },
    };
    if ring.is_crowded() {
        // One row: ⌀ for a cut-off node, its name, what would stand below.
        let cut = if sim.is_isolated(id) { "⌀" } else { "" };
        let text = format!(" {cut}{name} {} ", below.0);
        centered(buf, inner, x, y, text.trim_end(), style);
        return;
    }
    centered(buf, inner, x, y + 1.0, &below.0, below.1);
    if sim.is_isolated(id) {
        centered(
            buf,
            inner,
            x,
            y - 1.0,
            words(app.lang()).cut_off,
            theme.fg(theme.cut).add_modifier(Modifier::BOLD),
        );
    }
}
