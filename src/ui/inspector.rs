//! The inspector's frame, the same for every family: a title naming the
//! selected member and how to choose another; the family fills it in.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Widget};

use super::family::FamilyView;
use crate::app::words::words;
use crate::app::App;
use crate::sim::{format_time, NodeId, NodeStatus};

pub fn render<F: FamilyView>(app: &App<F>, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let label = app.sim().label(app.selected());
    let block = Block::new()
        .borders(Borders::TOP | Borders::LEFT)
        .border_style(theme.fg(theme.border))
        .title(format!(" {} ", words(app.lang()).inspector(label)))
        .title_style(theme.base());
    let inner = block.inner(area);
    block.render(area, buf);
    F::inspector(app, inner, buf);
}

/// Where member `id` stands in its lifecycle: `up`, `✕ crashed` or
/// `⏸ paused until 1.200s`, then ` · ⌀ isolated` when the network has cut
/// it off.
pub fn lifecycle<F: FamilyView>(app: &App<F>, id: NodeId) -> Vec<Span<'static>> {
    let theme = app.theme();
    let w = words(app.lang());
    let sim = app.sim();
    let mut spans = vec![match sim.status(id) {
        NodeStatus::Up => Span::styled(w.up, theme.fg(theme.ok)),
        NodeStatus::Crashed => Span::styled(
            format!("✕ {}", w.crashed),
            theme.fg(theme.down).add_modifier(Modifier::BOLD),
        ),
        NodeStatus::Paused { until } => {
            Span::styled(w.paused_until(format_time(until)), theme.fg(theme.paused))
        }
    }];
    if sim.is_isolated(id) {
        spans.push(Span::styled(
            format!(" · {}", w.isolated),
            theme.fg(theme.cut),
        ));
    }
    spans
}
