//! The time scrubber: where in the recorded history the picture is.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

use super::family::FamilyView;
use crate::app::App;
use crate::sim::format_time;

pub fn render<F: FamilyView>(app: &App<F>, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let now = app.sim().now();
    let (_, end) = app.frontier();
    let end = end.max(now);
    let label = " history ";
    let right = if app.is_rewound() {
        format!(
            " {} of {} · rewound: acting forks ",
            format_time(now),
            format_time(end)
        )
    } else {
        format!(" {} of {} ", format_time(now), format_time(end))
    };
    let bar_width = (area.width as usize).saturating_sub(label.len() + right.chars().count() + 2);
    buf.set_stringn(area.x, area.y, label, area.width as usize, theme.dimmed());
    if bar_width < 4 {
        return;
    }
    let position = if end == 0 {
        bar_width - 1
    } else {
        ((now as f64 / end as f64) * (bar_width - 1) as f64).round() as usize
    };
    let mut bar = String::with_capacity(bar_width * 3);
    for i in 0..bar_width {
        bar.push(match i.cmp(&position) {
            std::cmp::Ordering::Less => '━',
            std::cmp::Ordering::Equal => '●',
            std::cmp::Ordering::Greater => '─',
        });
    }
    let x = area.x + label.len() as u16;
    buf.set_string(x, area.y, "├", theme.dimmed());
    buf.set_string(x + 1, area.y, &bar, theme.fg(theme.accent));
    buf.set_string(x + 1 + bar_width as u16, area.y, "┤", theme.dimmed());
    let style = if app.is_rewound() {
        theme.fg(theme.accent).add_modifier(Modifier::BOLD)
    } else {
        theme.dimmed()
    };
    buf.set_string(x + 2 + bar_width as u16, area.y, right, style);
}
