//! Drawing only. The whole screen is a pure function of an [`App`]: `&App`
//! is a widget, each panel is one file with one `render` function, and
//! nothing here changes state.

mod cluster;
mod feed;
mod flight;
mod glyph;
mod help;
mod inspector;
mod layout;
mod logs;
mod ring;
mod scrubber;
mod spacetime;
mod status;
mod title;

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Modifier;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

pub use layout::{Screen, MIN_HEIGHT, MIN_WIDTH};

use crate::app::{App, View};
use crate::sim::NodeId;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if !layout::fits(area) {
            too_small(self, area, buf);
            return;
        }
        let screen = Screen::new(area, self.sim().cluster_size());
        title::render(self, screen.title, buf);
        match self.view() {
            View::Cluster => cluster::render(self, screen.main, buf),
            View::SpaceTime => spacetime::render(self, screen.main, buf),
        }
        inspector::render(self, screen.inspector, buf);
        logs::render(self, screen.logs, buf);
        feed::render(self, screen.feed, buf);
        flight::render(self, screen.flight, buf);
        scrubber::render(self, screen.scrubber, buf);
        status::render(self, screen.status, buf);
        if self.help_open() {
            help::render(self, area, buf);
        }
    }
}

/// What a window too small for the screen shows instead.
fn too_small(app: &App, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let theme = app.theme();
    let text = vec![
        Line::styled(
            format!("distlab needs at least {MIN_WIDTH}×{MIN_HEIGHT}"),
            theme.base().add_modifier(Modifier::BOLD),
        ),
        Line::styled(
            format!(
                "this window is {}×{}: please enlarge it",
                area.width, area.height
            ),
            theme.base(),
        ),
        Line::styled("q quits", theme.dimmed()),
    ];
    let height = (text.len() as u16).min(area.height);
    let y = area.y + (area.height - height) / 2;
    Paragraph::new(text)
        .centered()
        .wrap(Wrap { trim: true })
        .render(
            Rect::new(area.x, y, area.width, area.height - (y - area.y)),
            buf,
        );
}

/// The node drawn at a cell of a screen of size `area`, if any: a node on
/// the ring, or a node's row in the logs panel.
pub fn node_at(app: &App, area: Rect, col: u16, row: u16) -> Option<NodeId> {
    if !layout::fits(area) {
        return None;
    }
    let n = app.sim().cluster_size();
    let screen = Screen::new(area, n);
    let at = Position::new(col, row);
    if app.view() == View::Cluster && screen.main.contains(at) {
        let ring = cluster::ring(screen.main, n);
        return ring.node_at(col, row).map(|i| NodeId(i as u8));
    }
    if screen.logs.contains(at) {
        return logs::node_at(app, screen.logs, row);
    }
    None
}
