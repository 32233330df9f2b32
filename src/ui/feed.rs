//! The event feed: newest first, each event with the reasons the protocol
//! gave. The selected entry is marked and its nodes light up elsewhere.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Borders, Widget};

use super::family::FamilyView;
use super::wrap::{shorten, wrap};
use crate::app::words::{fill, words};
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

pub fn render<F: FamilyView>(app: &App<F>, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    Block::new()
        .borders(Borders::TOP)
        .border_style(theme.fg(theme.border))
        .title(format!(
            " {} ",
            fill(
                words(app.lang()).feed_title,
                &[
                    &app.key_label(Action::FeedNewer),
                    &app.key_label(Action::FeedOlder)
                ]
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
    // Start far enough down the list that the selected entry is visible:
    // each entry takes at least one row.
    let skip = selected
        .and_then(|e| app.feed().newest_first().position(|i| i.event == e))
        .map_or(0, |p| p.saturating_sub(inner.height as usize / 2));
    let mut y = inner.y;
    let width = inner.width as usize;
    for item in app.feed().newest_first().skip(skip) {
        if y >= inner.bottom() {
            break;
        }
        let mut style = headline_style(app, item);
        let is_selected = selected == Some(item.event);
        if is_selected {
            style = style.add_modifier(Modifier::REVERSED);
        }
        let stamp = format!("{:>8} ", format_time(item.t_us));
        buf.set_stringn(inner.x, y, &stamp, width, theme.dimmed());
        let x = inner.x + stamp.len() as u16;
        let room = width.saturating_sub(stamp.len());
        // The selected entry is shown whole, wrapped; the others one line
        // each, cut with an ellipsis.
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
        let body = lines(&item.headline, "")
            .into_iter()
            .map(|l| (l, style))
            .chain(item.reasons.iter().take(reasons).flat_map(|reason| {
                lines(reason, "↳ ")
                    .into_iter()
                    .map(move |l| (l, reason_style))
            }));
        for (line, line_style) in body {
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
            fill(
                words(app.lang()).feed_empty,
                &[
                    &app.key_label(Action::TogglePlay),
                    &app.key_label(Action::StepForward),
                ],
            )
        };
        buf.set_stringn(
            inner.x + 1,
            inner.y,
            empty,
            width.saturating_sub(1),
            theme.dimmed(),
        );
    }
}
