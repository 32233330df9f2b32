//! Drawing only. The whole screen is a pure function of an [`App`]: each
//! panel is one file with one `render` function, and nothing here changes
//! state. A family's own panels come from its drawing contract
//! ([`FamilyView`]), in a file or folder named after the family.

mod balance;
mod clients;
mod cluster;
mod experiment;
mod family;
mod feed;
mod flight;
mod glyph;
mod help;
mod history;
mod inspector;
mod lab;
mod layout;
mod lesson;
mod lock;
mod menu;
mod paxos;
mod placement;
mod present;
mod raft;
mod scrubber;
mod spacetime;
mod status;
mod strip;
mod title;
pub mod wrap;

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Position, Rect};
use ratatui::style::Modifier;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

pub use family::{FamilyView, Glossary};
pub use layout::{Screen, MIN_HEIGHT, MIN_WIDTH};
pub use placement::Placement;

use crate::app::words::words;
use crate::app::{Action, App, HistoryPicture, Picture, Shell, View};
use crate::sim::NodeId;

impl<F: FamilyView> Widget for &App<F> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if !layout::fits(area) {
            too_small(self, area, buf);
            return;
        }
        let screen = screen_of(self, area);
        title::render(self, screen.title, buf);
        // A chart needs height: it takes the logs' rows too.
        let (main, logs) = match self.view() {
            View::Experiment => (screen.main.union(screen.logs), Rect::default()),
            // The lanes take the logs' rows, beside the inspector.
            View::Clients => (
                Rect {
                    height: screen.logs.bottom().saturating_sub(screen.main.y),
                    ..screen.main
                }
                .intersection(screen.main.union(screen.logs)),
                Rect::default(),
            ),
            View::Cluster | View::SpaceTime => (screen.main, screen.logs),
        };
        let drawable = self.sim().cluster_size() <= F::MAX_DRAWN;
        match self.view() {
            View::Cluster | View::SpaceTime if !drawable => too_many(self, main, buf),
            View::Cluster => cluster::render(self, main, buf),
            View::SpaceTime => spacetime::render(self, main, buf),
            View::Experiment => experiment::render(self, main, buf),
            View::Clients => {
                if let Some(view) = self.clients_view() {
                    HistoryPicture::render(view, main, buf);
                }
            }
        }
        let panels: [(Rect, Panel<F>); 5] = [
            (screen.inspector, inspector::render),
            (logs, F::strip),
            (screen.feed, feed::render),
            (screen.flight, flight::render),
            (screen.lesson, lesson::render),
        ];
        for (rect, render) in panels {
            if !rect.is_empty() {
                render(self, rect, buf);
            }
        }
        scrubber::render(self, screen.scrubber, buf);
        status::render(self, screen.status, buf);
        if self.help_open() {
            help::render(self, area, buf);
        }
    }
}

impl Widget for &Shell {
    fn render(self, area: Rect, buf: &mut Buffer) {
        match (self.screen(), self.menu()) {
            (Some(screen), _) => screen.render(area, buf),
            (None, Some(menu)) => menu.render(area, buf),
            (None, None) => {}
        }
    }
}

/// A panel's drawing function.
type Panel<F> = fn(&App<F>, Rect, &mut Buffer);

/// Rows the feed grows to while an event is selected: enough for its
/// headline and reasons, wrapped.
const SELECTED_FEED_ROWS: u16 = 8;

/// The layout of the screen `app` shows in `area`.
fn screen_of<F: FamilyView>(app: &App<F>, area: Rect) -> Screen {
    let nodes = app.sim().cluster_size();
    let picking = app.picked().is_some();
    let screen = match (app.tutor().is_some(), app.is_presenting()) {
        (true, false) => Screen::lesson(area, nodes, picking),
        (true, true) => Screen::present_lesson(area, nodes, picking),
        (false, false) => Screen::new(area, nodes),
        (false, true) => Screen::present(area, nodes),
    };
    if app.feed_selected().is_some() {
        screen.with_feed_of(SELECTED_FEED_ROWS)
    } else {
        screen
    }
}

/// What the picture shows for a cluster larger than it can draw.
fn too_many<F: FamilyView>(app: &App<F>, area: Rect, buf: &mut Buffer) {
    let lang = app.lang();
    let size = app.sim().cluster_size().to_string();
    let text = words(lang).too_many_nodes(&size, F::MAX_DRAWN.to_string());
    let inner = area.inner(Margin::new(2, 1));
    Paragraph::new(text)
        .style(app.theme().base())
        .wrap(Wrap { trim: true })
        .render(inner, buf);
}

/// Clears `area` for an overlay (the help, a presenter box). A wide
/// character (Chinese text) just left of it would spill into its first
/// column, over the overlay's border, so it gives way to a space.
fn clear_overlay(area: Rect, buf: &mut Buffer) {
    Clear.render(area, buf);
    let Some(left) = area.x.checked_sub(1) else {
        return;
    };
    for y in area.top()..area.bottom() {
        if let Some(cell) = buf.cell_mut((left, y)) {
            if cell.symbol().width() > 1 {
                cell.set_symbol(" ");
            }
        }
    }
}

/// What a window too small for the screen shows instead.
fn too_small<F: FamilyView>(app: &App<F>, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let theme = app.theme();
    let w = words(app.lang());
    let text = vec![
        Line::styled(
            w.too_small(MIN_WIDTH.to_string(), MIN_HEIGHT.to_string()),
            theme.base().add_modifier(Modifier::BOLD),
        ),
        Line::styled(
            w.too_small_now(area.width.to_string(), area.height.to_string()),
            theme.base(),
        ),
        Line::styled(
            w.too_small_quit(app.key_label(Action::Quit)),
            theme.dimmed(),
        ),
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

impl<F: FamilyView> Picture for App<F> {
    fn render(&self, area: Rect, buf: &mut Buffer) {
        Widget::render(self, area, buf);
    }

    fn lesson_overflow(&self, area: Rect) -> u16 {
        if !layout::fits(area) {
            return 0;
        }
        lesson::overflow(self, screen_of(self, area).lesson)
    }

    fn help_overflow(&self, area: Rect) -> u16 {
        if layout::fits(area) {
            help::overflow(self, area)
        } else {
            0
        }
    }

    fn in_lesson_panel(&self, area: Rect, col: u16, row: u16) -> bool {
        layout::fits(area)
            && screen_of(self, area)
                .lesson
                .contains(Position::new(col, row))
    }

    fn scrubber_at(&self, area: Rect, col: u16, row: u16) -> Option<f64> {
        if !layout::fits(area) {
            return None;
        }
        scrubber::share_at(self, screen_of(self, area).scrubber, col, row)
    }

    /// A node on the ring, or a node's row in the family's strip.
    fn node_at(&self, area: Rect, col: u16, row: u16) -> Option<NodeId> {
        if !layout::fits(area) {
            return None;
        }
        let n = self.sim().cluster_size();
        let screen = screen_of(self, area);
        let at = Position::new(col, row);
        let drawn = n <= F::MAX_DRAWN;
        if self.view() == View::Cluster && drawn && screen.main.contains(at) {
            if let Some(size) = self
                .is_presenting()
                .then(|| present::box_size(self, screen.main))
                .flatten()
            {
                return present::node_at(self, screen.main, size, col, row);
            }
            let ring = cluster::placement(self, screen.main);
            return ring.node_at(col, row).map(|i| NodeId(i as u8));
        }
        if screen.logs.contains(at) {
            return F::strip_node_at(self, screen.logs, row);
        }
        None
    }
}
