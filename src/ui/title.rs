//! The title bar: what is running, simulated time, play state, speed, seed.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::family::FamilyView;
use crate::app::App;
use crate::sim::format_time;

pub fn render<F: FamilyView>(app: &App<F>, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let style = theme.base().add_modifier(Modifier::REVERSED);
    buf.set_style(area, style);
    let sim = app.sim();
    let left = match app.tutor() {
        Some(tutor) => {
            let run = tutor.run();
            let lang = tutor.lang();
            let step = if run.is_finished() {
                String::new()
            } else {
                format!(
                    " · {}/{} {}",
                    run.index() + 1,
                    run.len(),
                    run.step().title.get(lang)
                )
            };
            format!(" distlab · {}{step}", tutor.lesson().title.get(lang))
        }
        None => format!(
            " distlab · {} sandbox · {} nodes",
            F::TAG,
            sim.cluster_size()
        ),
    };
    let state = if app.is_playing() { "▶" } else { "⏸" };
    let right = format!(
        "t={} {state} ×{}  seed {} ",
        format_time(sim.now()),
        app.speed(),
        sim.seed()
    );
    Line::from(Span::styled(left, style)).render(area, buf);
    let width = right.chars().count() as u16;
    if width < area.width {
        let x = area.right() - width;
        buf.set_string(x, area.y, right, style.add_modifier(Modifier::BOLD));
    }
}
