//! The time scrubber: where in the recorded history the picture is. A
//! click or a drag along its bar seeks there.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use unicode_width::UnicodeWidthStr;

use super::family::FamilyView;
use crate::app::words::words;
use crate::app::App;
use crate::sim::format_time;

/// The text left of the bar.
fn label<F: FamilyView>(app: &App<F>) -> String {
    format!(" {} ", words(app.lang()).history)
}

/// The text right of the bar: the time shown, of how much recorded.
fn right_text<F: FamilyView>(app: &App<F>) -> String {
    let now = app.sim().now();
    let end = app.frontier().1.max(now);
    let w = words(app.lang());
    let key = w.scrubber_time(format_time(now), format_time(end));
    if app.is_rewound() {
        format!(" {key} · {} ", w.scrubber_rewound)
    } else {
        format!(" {key} ")
    }
}

/// The bar's first column and width within `area`; none when too narrow.
fn bar<F: FamilyView>(app: &App<F>, area: Rect) -> Option<(u16, usize)> {
    let label = label(app);
    let used = label.width() + right_text(app).width() + 2;
    let width = (area.width as usize).saturating_sub(used);
    (width >= 4).then_some((area.x + label.width() as u16 + 1, width))
}

/// How far along the bar column `col` lies, if `(col, row)` is on it.
pub fn share_at<F: FamilyView>(app: &App<F>, area: Rect, col: u16, row: u16) -> Option<f64> {
    let (x, width) = bar(app, area)?;
    let on = row == area.y && (x..x + width as u16).contains(&col);
    on.then(|| f64::from(col - x) / (width - 1) as f64)
}

pub fn render<F: FamilyView>(app: &App<F>, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let now = app.sim().now();
    let end = app.frontier().1.max(now);
    buf.set_stringn(
        area.x,
        area.y,
        label(app),
        area.width as usize,
        theme.dimmed(),
    );
    let Some((x, bar_width)) = bar(app, area) else {
        return;
    };
    let position = if end == 0 {
        bar_width - 1
    } else {
        ((now as f64 / end as f64) * (bar_width - 1) as f64).round() as usize
    };
    let mut line = String::with_capacity(bar_width * 3);
    for i in 0..bar_width {
        line.push(match i.cmp(&position) {
            std::cmp::Ordering::Less => '━',
            std::cmp::Ordering::Equal => '●',
            std::cmp::Ordering::Greater => '─',
        });
    }
    buf.set_string(x - 1, area.y, "├", theme.dimmed());
    buf.set_string(x, area.y, &line, theme.fg(theme.accent));
    buf.set_string(x + bar_width as u16, area.y, "┤", theme.dimmed());
    let style = if app.is_rewound() {
        theme.fg(theme.accent).add_modifier(Modifier::BOLD)
    } else {
        theme.dimmed()
    };
    buf.set_string(x + 1 + bar_width as u16, area.y, right_text(app), style);
}
