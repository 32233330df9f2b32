//! The title bar: what is running, simulated time, play state, speed, seed.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::family::FamilyView;
use super::wrap::shorten;
use crate::app::words::words;
use crate::app::{speed_text, App, Gear};
use crate::sim::format_time;
use unicode_width::UnicodeWidthStr;

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
            " {}",
            words(app.lang()).title_sandbox(
                F::display_name(&app.scenario().cluster.0, app.lang()),
                sim.cluster_size().to_string()
            )
        ),
    };
    let right = format!(
        "t={} {}  {} {} ",
        format_time(sim.now()),
        play_state(app),
        words(app.lang()).seed,
        sim.seed()
    );
    let width = right.width() as u16;
    if width < area.width {
        // The title gives way to the clock, never the other way round.
        let room = (area.width - width - 1) as usize;
        buf.set_stringn(area.x, area.y, shorten(&left, room), room, style);
        let x = area.right() - width;
        buf.set_string(x, area.y, right, style.add_modifier(Modifier::BOLD));
    } else {
        Line::from(Span::styled(left, style)).render(area, buf);
    }
}

/// `▶ slow-motion ×0.0075`, `▶ fast-forward ×0.25`, `▶ ×2` or `⏸ ×2`.
fn play_state<F: FamilyView>(app: &App<F>) -> String {
    let gear = app.gear();
    let speed = speed_text(gear.speed());
    let w = words(app.lang());
    match (app.is_playing(), gear) {
        (false, _) => format!("⏸ {speed}"),
        (true, Gear::SlowMotion(_)) => format!("▶ {} {speed}", w.gear_slow),
        (true, Gear::FastForward(_)) => format!("▶ {} {speed}", w.gear_fast),
        (true, Gear::Fixed(_)) => format!("▶ {speed}"),
    }
}
