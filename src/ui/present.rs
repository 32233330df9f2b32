//! Presenter mode's cluster view: what a room reads from the back. Nodes
//! are large boxes (name, role word, epoch, a wide timer gauge), messages
//! carry their type name beside their glyph, every link is drawn, and a cut
//! link is a broken red line marked ✂. The boxes grow with the screen, so a
//! large terminal shows a larger picture rather than a thinner one.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Modifier;
use ratatui::widgets::{Block, BorderType, Borders, Widget};

use super::cluster::{canvas_area, links, paint_links};
use super::family::FamilyView;
use super::glyph;
use super::placement::Placement;
use crate::app::words::words;
use crate::app::App;
use crate::protocols::Meaning;
use crate::sim::{Message, NodeId, NodeStatus};

/// A node's box: border, name and role, epoch, gauge, border.
const BOX_ROWS: u16 = 5;
const MIN_BOX_COLS: u16 = 12;
const MAX_BOX_COLS: u16 = 28;

/// The size of the nodes' boxes in the cluster panel `area`: the widest
/// (up to a sixth of the panel) at which every box lies whole inside the
/// panel and clear of every other; none when no size does, and the
/// picture says so instead of drawing boxes over each other.
pub fn box_size<F: FamilyView>(app: &App<F>, area: Rect) -> Option<(u16, u16)> {
    let inner = canvas_area(area);
    let n = app.sim().cluster_size();
    let widest = (inner.width / 6).clamp(MIN_BOX_COLS, MAX_BOX_COLS);
    (MIN_BOX_COLS..=widest)
        .rev()
        .map(|cols| (cols, BOX_ROWS))
        .find(|&size| {
            let ring = placement(app, area, size);
            let boxes: Vec<Rect> = (0..n).map(|i| node_box(&ring, i, inner, size)).collect();
            boxes.iter().enumerate().all(|(i, b)| {
                (b.width, b.height) == size && boxes[i + 1..].iter().all(|o| !o.intersects(*b))
            })
        })
}

/// Where the node centres lie for boxes of `size`: the family's
/// placement, inset by half a box so that every box stays inside the
/// panel.
fn placement<F: FamilyView>(app: &App<F>, area: Rect, (cols, rows): (u16, u16)) -> Placement {
    let inner = canvas_area(area);
    let inset = Rect::new(
        inner.x + cols / 2,
        inner.y + rows / 2,
        inner.width.saturating_sub(cols),
        inner.height.saturating_sub(rows),
    );
    F::present_placement(app.sim(), inset)
}

/// The box of node `i` on `ring`, clipped to `inner`.
fn node_box(ring: &Placement, i: usize, inner: Rect, (cols, rows): (u16, u16)) -> Rect {
    let (x, y) = ring.center(i);
    let left = (x - f64::from(cols) / 2.0).round().max(f64::from(inner.x)) as u16;
    let top = (y - f64::from(rows) / 2.0).round().max(f64::from(inner.y)) as u16;
    Rect::new(left, top, cols, rows).intersection(inner)
}

/// The node whose box covers the cell, if any.
pub fn node_at<F: FamilyView>(
    app: &App<F>,
    area: Rect,
    size: (u16, u16),
    col: u16,
    row: u16,
) -> Option<NodeId> {
    let inner = canvas_area(area);
    let nodes = app.sim().cluster_size();
    let ring = placement(app, area, size);
    (0..nodes)
        .find(|&i| node_box(&ring, i, inner, size).contains(Position::new(col, row)))
        .map(|i| NodeId(i as u8))
}

/// Draws the boxes of `size` (from [`box_size`]).
pub fn render<F: FamilyView>(app: &App<F>, area: Rect, size: (u16, u16), buf: &mut Buffer) {
    let theme = app.theme();
    Block::new()
        .borders(Borders::TOP)
        .border_style(theme.fg(theme.border))
        .title(format!(" {} ", words(app.lang()).presenter_title))
        .title_style(theme.base())
        .render(area, buf);
    let inner = canvas_area(area);
    if inner.is_empty() {
        return;
    }
    let n = app.sim().cluster_size();
    let ring = placement(app, area, size);
    let boxes: Vec<Rect> = (0..n).map(|i| node_box(&ring, i, inner, size)).collect();
    draw_links(app, &ring, buf);
    draw_messages(app, &ring, inner, &boxes, buf);
    for (id, area) in NodeId::all(n).zip(boxes) {
        draw_box(app, area, id, buf);
    }
}

/// Every link, faint; a cut one dashed in red with ✂ halfway.
fn draw_links<F: FamilyView>(app: &App<F>, ring: &Placement, buf: &mut Buffer) {
    let theme = app.theme();
    let links = links(app, ring, |_, _| true, (2, 2));
    let colors = (theme.paint(theme.border), theme.paint(theme.bad));
    paint_links(&links, ring, colors, ring.area(), buf);
    let style = theme.fg(theme.bad).add_modifier(Modifier::BOLD);
    for &(a, b) in &links.cut_pairs {
        if let Some((col, row)) = ring.cell(ring.between(a, b, 0.5)) {
            buf.set_string(col, row, "✂", style);
        }
    }
}

/// Each message as its glyph and type name, the name cut where a box
/// begins (a box drawn over it would leave its tail beside the box);
/// drops flash where they died.
fn draw_messages<F: FamilyView>(
    app: &App<F>,
    ring: &Placement,
    inner: Rect,
    boxes: &[Rect],
    buf: &mut Buffer,
) {
    let theme = app.theme();
    let sim = app.sim();
    let now = sim.now();
    let picked = app.picked();
    for m in sim.in_flight() {
        let look = F::message_look(&m.payload);
        let at = ring.between(m.from.index(), m.to.index(), m.progress(now));
        let Some((col, row)) = ring.cell(at) else {
            continue;
        };
        let mut style = theme
            .fg(theme.message(look.class))
            .add_modifier(Modifier::BOLD);
        if picked == Some(m.id) {
            style = style.add_modifier(Modifier::REVERSED);
        }
        let text = format!("{} {}", look.glyph, m.payload.name());
        let end = boxes
            .iter()
            .filter(|b| (b.y..b.bottom()).contains(&row) && b.right() > col)
            .map(|b| b.x)
            .fold(inner.right(), u16::min);
        let room = end.saturating_sub(col) as usize;
        buf.set_stringn(col, row, text, room, style);
    }
    for flash in app.trails().flashes() {
        let at = ring.between(flash.from.index(), flash.to.index(), flash.progress);
        if let Some((col, row)) = ring.cell(at) {
            let style = theme.fg(theme.bad).add_modifier(Modifier::BOLD);
            buf.set_string(col, row, glyph::DROP, style);
        }
    }
}

/// One node's box: name and role word, epoch, and a gauge as wide as the
/// box (or why the node is not running).
fn draw_box<F: FamilyView>(app: &App<F>, area: Rect, id: NodeId, buf: &mut Buffer) {
    if area.width < 4 || area.height < 3 {
        return;
    }
    let theme = app.theme();
    let sim = app.sim();
    let node = sim.node(id);
    let mark = F::mark(node);
    let status = sim.status(id);
    let color = match status {
        NodeStatus::Crashed => theme.down,
        _ => theme.role(mark.tone),
    };
    let mut border = theme.fg(color).add_modifier(Modifier::BOLD);
    if app.highlighted().contains(&id) {
        border = border.fg(theme.paint(theme.highlight));
    }
    let selected = app.selected() == id;
    let block = Block::new()
        .borders(Borders::ALL)
        .border_type(if selected {
            BorderType::Double
        } else {
            BorderType::Rounded
        })
        .border_style(border);
    let inner = block.inner(area);
    super::clear_overlay(area, buf);
    block.render(area, buf);
    let width = inner.width as usize;
    let role = match status {
        NodeStatus::Crashed => words(app.lang()).crashed,
        _ => F::role_name(mark.name, app.lang()),
    };
    let mut name_style = theme.fg(color).add_modifier(Modifier::BOLD);
    if selected {
        name_style = name_style.add_modifier(Modifier::REVERSED);
    }
    let lines = [
        (format!("{} {role}", sim.label(id)), name_style),
        (
            format!(
                "{} {}",
                F::glossary(app.lang()).epoch,
                F::epoch(node).map_or_else(|| "–".to_owned(), |epoch| epoch.to_string())
            ),
            theme.base().add_modifier(Modifier::BOLD),
        ),
        below(app, id, width),
    ];
    for (row, (text, style)) in lines.into_iter().enumerate() {
        let y = inner.y + row as u16;
        if y >= inner.bottom() {
            break;
        }
        buf.set_stringn(inner.x, y, text, width, style);
    }
}

/// The box's last line: a gauge as wide as the box, or the node's state.
fn below<F: FamilyView>(app: &App<F>, id: NodeId, width: usize) -> (String, ratatui::style::Style) {
    let theme = app.theme();
    let sim = app.sim();
    let w = words(app.lang());
    match sim.status(id) {
        NodeStatus::Crashed => (w.down.to_owned(), theme.fg(theme.down)),
        NodeStatus::Paused { until } => (
            w.paused_for((until.saturating_sub(sim.now()) / 1_000).to_string()),
            theme.fg(theme.paused),
        ),
        NodeStatus::Up if sim.writing_until(id).is_some() => {
            (w.writing.to_owned(), theme.fg(theme.paused))
        }
        NodeStatus::Up => match F::gauge(app, id) {
            Some(left) => {
                let full = ((left * width as f64).ceil() as usize).min(width);
                let gauge = format!("{}{}", "▰".repeat(full), "▱".repeat(width - full));
                let tone = <F as Meaning>::mark(sim.node(id)).tone;
                (gauge, theme.fg(theme.role(tone)))
            }
            None => (String::new(), theme.base()),
        },
    }
}
