//! The inspector's frame, the same for every family: a title naming the
//! selected member and how to choose another; the family fills it in.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Widget};

use super::family::FamilyView;
use crate::app::words::{fill, words};
use crate::app::App;

pub fn render<F: FamilyView>(app: &App<F>, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let label = app.sim().label(app.selected());
    let block = Block::new()
        .borders(Borders::TOP | Borders::LEFT)
        .border_style(theme.fg(theme.border))
        .title(format!(" {} ", fill(words(app.lang()).inspector, &[label])))
        .title_style(theme.base());
    let inner = block.inner(area);
    block.render(area, buf);
    F::inspector(app, inner, buf);
}
