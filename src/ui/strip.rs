//! What family strips share: a title that says how far the strip is
//! scrolled, and one row per node below the title and a ruler, scrolled
//! just enough to keep the selected node in view.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Widget};

use super::family::FamilyView;
use super::wrap::item_cuts;
use crate::app::words::words;
use crate::app::{Action, App};
use crate::sim::NodeId;
use unicode_width::UnicodeWidthStr;

/// The rows of a strip below its title and ruler, one per node from
/// `first`, for the first `rows` members (the servers: client processes
/// have no row).
pub struct NodeRows {
    pub first: usize,
    pub area: Rect,
    rows: usize,
}

impl NodeRows {
    /// Scrolled so that the selected node's row shows; a selected member
    /// without a row (a client) leaves the rows where the last row shows.
    pub fn of<F: FamilyView>(app: &App<F>, area: Rect, rows: usize) -> NodeRows {
        let body = Rect::new(
            area.x,
            area.y.saturating_add(2),
            area.width,
            area.height.saturating_sub(2),
        );
        let visible = body.height as usize;
        let selected = app.selected().index().min(rows.saturating_sub(1));
        let first = if visible == 0 || rows <= visible {
            0
        } else {
            selected.saturating_sub(visible - 1).min(rows - visible)
        };
        NodeRows {
            first,
            area: body,
            rows,
        }
    }

    /// The node whose row covers screen row `row`, if any.
    pub fn node_at(&self, row: u16) -> Option<NodeId> {
        if row < self.area.y || row >= self.area.bottom() {
            return None;
        }
        let index = self.first + usize::from(row - self.area.y);
        (index < self.rows).then_some(NodeId(index as u8))
    }
}

/// Draws the strip's title line: its `name`, and either its `legend` or,
/// when scrolled back, how far. A legend too long for the width loses
/// whole items (`a · b · c` becomes `a · b …`), never half a word.
pub fn title<F: FamilyView>(app: &App<F>, name: &str, legend: &str, area: Rect, buf: &mut Buffer) {
    let legends = item_cuts(legend);
    let legends: Vec<&str> = legends.iter().map(String::as_str).collect();
    title_fitting(app, name, &legends, area, buf);
}

/// Like [`title`], with the first of `legends` (longest first) whose whole
/// title fits the width; where none fits with the scroll keys, the first
/// that fits alone, so that a narrow strip shows a shorter legend whole
/// instead of a long one cut off mid-word.
pub fn title_fitting<F: FamilyView>(
    app: &App<F>,
    name: &str,
    legends: &[&str],
    area: Rect,
    buf: &mut Buffer,
) {
    let fits = |text: &str| text.width() + 2 <= usize::from(area.width);
    let with_keys = legends
        .iter()
        .map(|legend| title_text(app, name, legend))
        .find(|text| app.logs_scroll() > 0 || fits(text));
    let text = with_keys.unwrap_or_else(|| {
        legends
            .iter()
            .map(|legend| format!("{name} · {legend}"))
            .find(|text| fits(text))
            .unwrap_or_else(|| name.to_owned())
    });
    titled(app, text, area, buf);
}

fn title_text<F: FamilyView>(app: &App<F>, name: &str, legend: &str) -> String {
    let scrolled = app.logs_scroll();
    let key = |action| app.key_label(action);
    let w = words(app.lang());
    if scrolled > 0 {
        w.strip_scrolled(
            name,
            scrolled.to_string(),
            key(Action::LogsEarlier),
            key(Action::LogsLater),
            key(Action::LogsFollow),
        )
    } else {
        w.strip_title(
            name,
            legend,
            key(Action::LogsEarlier),
            key(Action::LogsLater),
        )
    }
}

fn titled<F: FamilyView>(app: &App<F>, title: String, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let title = format!(" {title} ");
    Block::new()
        .borders(Borders::TOP)
        .border_style(theme.fg(theme.border))
        .title(title)
        .title_style(theme.base())
        .render(area, buf);
}
