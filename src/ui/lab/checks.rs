//! The checks that fired, oldest first and newest last, each a sentence:
//! a violation marked ✗ in the violation colour, a warning (two holders:
//! the hazard, not yet the harm) marked ⚠ in the warning colour, so that
//! either reads without colour. When rows are short the newest stay.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use super::{put, row, words, Scene};
use crate::ui::wrap::{shorten, wrap};

/// Each finding as the lines it takes at `width`, with its style, oldest
/// first.
fn findings(scene: &Scene, width: u16) -> Vec<(Vec<String>, Style)> {
    let theme = scene.theme;
    let room = usize::from(width.saturating_sub(2));
    scene
        .state
        .findings
        .iter()
        .map(|f| {
            let (glyph, style) = match f.violation {
                true => ("✗", theme.fg(theme.bad).add_modifier(Modifier::BOLD)),
                false => ("⚠", theme.fg(theme.paused)),
            };
            let sentence = f.line(scene.lang);
            let lines = wrap(&sentence, room)
                .into_iter()
                .enumerate()
                .map(|(i, line)| match i {
                    0 => format!("{glyph} {line}"),
                    _ => format!("  {line}"),
                })
                .collect();
            (lines, style)
        })
        .collect()
}

/// The rows the checks want at `width`: a head, and every finding whole.
pub fn rows(scene: &Scene, width: u16) -> u16 {
    let lines: usize = findings(scene, width).iter().map(|(l, _)| l.len()).sum();
    u16::try_from(lines + 1).unwrap_or(u16::MAX)
}

pub fn draw(scene: &Scene, area: Rect, buf: &mut Buffer) {
    let theme = scene.theme;
    let width = usize::from(area.width);
    let all = &scene.state.findings;
    if all.is_empty() {
        let none = words::no_findings(scene.lang);
        put(
            buf,
            row(area, 0),
            0,
            &shorten(none, width),
            theme.fg(theme.ok),
        );
        return;
    }
    let violations = all.iter().filter(|f| f.violation).count();
    let head = words::checks_head(scene.lang, violations, all.len() - violations);
    let bold = theme.base().add_modifier(Modifier::BOLD);
    put(buf, row(area, 0), 0, &shorten(&head, width), bold);
    // The newest findings that fit whole, or the newest one's first lines.
    let mut room = usize::from(area.height.saturating_sub(1));
    let mut shown = Vec::new();
    for (lines, style) in findings(scene, area.width).into_iter().rev() {
        if lines.len() > room && !shown.is_empty() {
            break;
        }
        let lines: Vec<String> = lines.into_iter().take(room).collect();
        room -= lines.len();
        shown.push((lines, style));
    }
    let lines = shown
        .into_iter()
        .rev()
        .flat_map(|(lines, style)| lines.into_iter().map(move |l| (l, style)));
    for (y, (line, style)) in (1..area.height).zip(lines) {
        put(buf, row(area, y), 0, &line, style);
    }
}
