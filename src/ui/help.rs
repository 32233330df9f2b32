//! The help overlay, generated from the keymap so that it always tells the
//! truth about the keys.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::family::FamilyView;
use super::glyph;
use crate::app::words::words;
use crate::app::{Action, App, KeyMode};

/// Width of the key column.
const KEYS: usize = 9;

/// Every line of the overlay, generated from the keymap, each marked
/// whether it is a heading.
fn entries<F: FamilyView>(app: &App<F>) -> Vec<(Line<'static>, bool)> {
    let theme = app.theme();
    let keymap = app.keymap();
    let key_style = theme.fg(theme.accent).add_modifier(Modifier::BOLD);
    let heading = theme
        .base()
        .add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    let lang = app.lang();
    let w = words(lang);
    let entry = |keys: &str, what: &'static str| {
        Line::from(vec![
            Span::styled(format!("{keys:>KEYS$}  "), key_style),
            Span::styled(what, theme.base()),
        ])
    };
    let keys_of = |mode| {
        keymap
            .help(mode, lang)
            .iter()
            .filter_map(|l| F::key_help(l.action, lang).map(|what| (entry(&l.keys, what), false)))
            .collect::<Vec<_>>()
    };
    let title = |text: &'static str| (Line::styled(text, heading), true);
    let mut lines = keys_of(KeyMode::Normal);
    if app.tutor().is_some() {
        lines.push(title(w.help_lesson));
        for mode in [KeyMode::Lesson, KeyMode::Question] {
            lines.extend(keys_of(mode));
        }
    }
    lines.push(title(w.help_pick));
    lines.extend(keys_of(KeyMode::Pick));
    lines.push(title(w.help_screen));
    lines.push((entry(w.help_mouse_key, w.help_mouse), false));
    for (kinds, what) in F::glossary(lang).legend.iter().chain(glyph::legend(lang)) {
        lines.push((entry(kinds, what), false));
    }
    lines
}

/// The lines laid out in columns of `rows`: a heading that would end a
/// column moves to the top of the next, with its items.
fn lines<F: FamilyView>(app: &App<F>, rows: usize) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for (line, is_heading) in entries(app) {
        if is_heading && rows > 1 && out.len() % rows == rows - 1 {
            out.push(Line::default());
        }
        out.push(line);
    }
    out
}

/// The overlay's box in `area`, and the box inside its border.
fn frame(area: Rect) -> (Rect, Rect) {
    let width = area.width.saturating_sub(2).min(100);
    let popup = Rect::new(
        area.x + (area.width - width) / 2,
        area.y,
        width,
        area.height,
    );
    let inner = Rect::new(
        popup.x + 1,
        popup.y + 1,
        popup.width.saturating_sub(2),
        popup.height.saturating_sub(2),
    );
    (popup, inner)
}

/// Lines per column and columns: two when one would not hold every line.
fn grid(count: usize, inner: Rect) -> (usize, usize) {
    let rows = inner.height as usize;
    (rows, if count > rows { 2 } else { 1 })
}

/// How many lines the overlay can scroll by on a screen of size `area`.
pub fn overflow<F: FamilyView>(app: &App<F>, area: Rect) -> u16 {
    let (_, inner) = frame(area);
    let count = lines(app, inner.height as usize).len();
    let (rows, columns) = grid(count, inner);
    count.saturating_sub(rows * columns) as u16
}

pub fn render<F: FamilyView>(app: &App<F>, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let (popup, inner) = frame(area);
    let lines = lines(app, inner.height as usize);
    let (rows, columns) = grid(lines.len(), inner);
    let hidden = lines.len().saturating_sub(rows * columns);
    let scroll = (app.help_scroll() as usize).min(hidden);
    let keys = |action| app.key_label(action);
    let w = words(app.lang());
    let (help, back) = (keys(Action::ToggleHelp), keys(Action::Back));
    let title = if hidden > 0 {
        w.help_title_more(
            keys(Action::FeedNewer),
            keys(Action::FeedOlder),
            &help,
            &back,
        )
    } else {
        w.help_title(&help, &back)
    };
    let title = format!(" {title} ");
    super::clear_overlay(popup, buf);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.fg(theme.accent))
        .title(title)
        .title_style(theme.base().add_modifier(Modifier::BOLD))
        .style(Style::new());
    block.render(popup, buf);
    if inner.is_empty() {
        return;
    }
    let column_width = inner.width / columns as u16;
    for (i, line) in lines.into_iter().skip(scroll).enumerate() {
        let (column, row) = (i / rows, i % rows);
        if column >= columns {
            break;
        }
        let x = inner.x + column as u16 * column_width;
        let area = Rect::new(x, inner.y + row as u16, column_width.saturating_sub(1), 1);
        line.render(area, buf);
    }
}
