//! The event feed: newest first, each event with the reasons the protocol
//! gave. The selected entry is marked and its nodes light up elsewhere.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Borders, Widget};

use super::family::FamilyView;
use super::wrap::{shorten, wrap};
use crate::app::words::words;
use crate::app::{Action, App, FeedItem, Tone};
use crate::sim::format_time;

/// Reason lines shown under an entry at most.
const MAX_REASONS: usize = 2;

fn headline_style<F: FamilyView>(app: &App<F>, item: &FeedItem) -> Style {
    let theme = app.theme();
    match item.tone {
        Tone::Quiet => theme.dimmed(),
        Tone::Normal => theme.base(),
        Tone::Fault => theme.fg(theme.accent),
        Tone::Violation => theme.fg(theme.bad).add_modifier(Modifier::BOLD),
    }
}

/// The rows an entry takes: the selected entry whole, wrapped, with every
/// reason; the others one line each, cut with an ellipsis.
fn entry_lines<F: FamilyView>(
    app: &App<F>,
    item: &FeedItem,
    is_selected: bool,
    room: usize,
) -> Vec<(String, Style)> {
    let theme = app.theme();
    let mut style = headline_style(app, item);
    if is_selected {
        style = style.add_modifier(Modifier::REVERSED);
    }
    let lines = |text: &str, lead: &str| -> Vec<String> {
        let indent = " ".repeat(lead.chars().count());
        if is_selected {
            wrap(text, room.saturating_sub(indent.len()))
                .into_iter()
                .enumerate()
                .map(|(i, l)| format!("{}{l}", if i == 0 { lead } else { &indent }))
                .collect()
        } else {
            vec![shorten(&format!("{lead}{text}"), room)]
        }
    };
    let reasons = if is_selected {
        item.reasons.len()
    } else {
        MAX_REASONS
    };
    let reason_style = if item.tone == Tone::Violation {
        theme.fg(theme.bad)
    } else if item.tone == Tone::Quiet {
        theme.dimmed()
    } else {
        theme.base().add_modifier(Modifier::ITALIC)
    };
    lines(&item.headline, "")
        .into_iter()
        .map(|l| (l, style))
        .chain(item.reasons.iter().take(reasons).flat_map(|reason| {
            lines(reason, "↳ ")
                .into_iter()
                .map(move |l| (l, reason_style))
        }))
        .collect()
}

/// How many of the newest entries to pass over so that the selected one is
/// on screen whole, with as many newer entries above it as fit in half of
/// the rows it leaves free. Entries take several rows each, so counting
/// entries alone would push a long selected entry off the bottom.
fn first_shown<F: FamilyView>(
    app: &App<F>,
    selected: Option<u64>,
    room: usize,
    height: usize,
) -> usize {
    let Some(at) = selected.and_then(|e| app.feed().newest_first().position(|i| i.event == e))
    else {
        return 0;
    };
    let rows = |item: &FeedItem, is_selected| entry_lines(app, item, is_selected, room).len();
    let shown: Vec<&FeedItem> = app.feed().newest_first().take(at + 1).collect();
    let mut above = height.saturating_sub(rows(shown[at], true)) / 2;
    let mut first = at;
    for item in shown[..at].iter().rev() {
        let need = rows(item, false);
        if need > above {
            break;
        }
        above -= need;
        first -= 1;
    }
    first
}

pub fn render<F: FamilyView>(app: &App<F>, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    Block::new()
        .borders(Borders::TOP)
        .border_style(theme.fg(theme.border))
        .title(format!(
            " {} ",
            words(app.lang()).feed_title(
                app.key_label(Action::FeedNewer),
                app.key_label(Action::FeedOlder)
            )
        ))
        .title_style(theme.base())
        .render(area, buf);
    let inner = Rect::new(
        area.x,
        area.y + 1,
        area.width,
        area.height.saturating_sub(1),
    );
    if inner.is_empty() {
        return;
    }
    let selected = app.feed_selected().map(|i| i.event);
    // Every stamp as wide as the newest (the latest time, so the longest),
    // at least eight columns, and a space.
    let stamp_width = app
        .feed()
        .newest_first()
        .next()
        .map_or(8, |i| format_time(i.t_us).len().max(8));
    let room = (inner.width as usize).saturating_sub(stamp_width + 1);
    let skip = first_shown(app, selected, room, inner.height as usize);
    let mut y = inner.y;
    for item in app.feed().newest_first().skip(skip) {
        if y >= inner.bottom() {
            break;
        }
        let stamp = format!("{:>stamp_width$} ", format_time(item.t_us));
        buf.set_stringn(inner.x, y, &stamp, inner.width as usize, theme.dimmed());
        let x = inner.x + stamp_width as u16 + 1;
        for (line, line_style) in entry_lines(app, item, selected == Some(item.event), room) {
            if y >= inner.bottom() {
                break;
            }
            buf.set_stringn(x, y, &line, room, line_style);
            y += 1;
        }
    }
    if app.feed().is_empty() {
        // While the clock runs, the keys to start it would be advice the
        // learner cannot follow: the run simply has not done anything yet.
        let empty = if app.is_playing() {
            words(app.lang()).feed_empty_playing.to_owned()
        } else {
            words(app.lang()).feed_empty(
                app.key_label(Action::TogglePlay),
                app.key_label(Action::StepForward),
            )
        };
        let room = (inner.width as usize).saturating_sub(1);
        buf.set_string(inner.x + 1, inner.y, shorten(&empty, room), theme.dimmed());
    }
}
