//! Messages in flight, oldest sent first; in pick mode, the picked
//! one is marked and the keys to drop or delay it are shown.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::widgets::{Block, Borders, Widget};

use super::family::FamilyView;
use crate::app::words::words;
use crate::app::{Action, App};
use crate::sim::Message;

pub fn render<F: FamilyView>(app: &App<F>, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let list = app.in_flight();
    let key = |action| app.key_label(action);
    let (title, title_style) = match app.picked() {
        Some(_) => (
            format!(
                " {} ",
                words(app.lang()).pick_title(
                    key(Action::NextMessage),
                    key(Action::DropPicked),
                    key(Action::DelayPicked),
                    key(Action::Back)
                )
            ),
            theme.fg(theme.accent).add_modifier(Modifier::BOLD),
        ),
        None => (
            format!(
                " {} ",
                words(app.lang()).flight_title(list.len().to_string(), key(Action::PickMessage))
            ),
            theme.base(),
        ),
    };
    let block = Block::new()
        .borders(Borders::TOP | Borders::LEFT)
        .border_style(theme.fg(theme.border))
        .title(title)
        .title_style(title_style);
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.is_empty() {
        return;
    }
    let picked = app
        .picked()
        .and_then(|id| list.iter().position(|m| m.id == id));
    let rows = inner.height as usize;
    let skip = picked.map_or(0, |p| p.saturating_sub(rows.saturating_sub(1)));
    let now = app.sim().now();
    for (i, (y, m)) in (inner.y..inner.bottom())
        .zip(list.iter().skip(skip))
        .enumerate()
    {
        let look = F::message_look(&m.payload);
        let mut style = theme.base();
        if picked == Some(i + skip) {
            style = style.add_modifier(Modifier::REVERSED);
        }
        buf.set_string(
            inner.x,
            y,
            look.glyph,
            theme
                .fg(theme.message(look.class))
                .add_modifier(Modifier::BOLD),
        );
        let text = format!(
            " #{} {}→{} {:>3}% {}",
            m.id.0,
            app.sim().label(m.from),
            app.sim().label(m.to),
            (m.progress(now) * 100.0).round(),
            m.payload.summary()
        );
        buf.set_stringn(
            inner.x + 1,
            y,
            text,
            inner.width.saturating_sub(1) as usize,
            style,
        );
    }
}
