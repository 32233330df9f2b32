//! Latency over time: p50 and p99 of the balancer's sliding window, one
//! point every tenth of a second over the last seconds. p50 is drawn as
//! dots and p99 as small bars, so the chart reads without colour.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::symbols::Marker;
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, Widget};

use super::words::words;
use crate::app::App;
use crate::protocols::balance::{Balancer, BALANCER};

/// The seconds of history the chart spans…
const SPAN_S: f64 = 24.0;
/// … and at least, early in a run.
const MIN_SPAN_S: f64 = 5.0;

pub fn render(app: &App<Balancer>, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let w = words(app.lang());
    let Some(b) = app.sim().node(BALANCER).balancer() else {
        return;
    };
    buf.set_stringn(
        area.x,
        area.y,
        w.chart(format!("{SPAN_S:.0}")),
        area.width as usize,
        theme.base().add_modifier(Modifier::BOLD),
    );
    let plot = Rect::new(
        area.x,
        area.y + 1,
        area.width,
        area.height.saturating_sub(1),
    );
    if plot.height < 3 {
        return;
    }
    let now = app.sim().now() as f64 / 1e6;
    let (t0, t1) = ((now - SPAN_S).max(0.0), now.max(MIN_SPAN_S));
    let points = |pick: fn(&(u64, u64, u64)) -> u64| -> Vec<(f64, f64)> {
        b.latencies
            .history
            .iter()
            .map(|p| (p.0 as f64 / 1e6, pick(p) as f64 / 1000.0))
            .filter(|p| p.0 >= t0)
            .collect()
    };
    let p50 = points(|p| p.1);
    let p99 = points(|p| p.2);
    let top = nice(p99.iter().map(|p| p.1).fold(1.0, f64::max));
    // p99 first, so that p50's dots stay visible where the two meet.
    let datasets = vec![
        Dataset::default()
            .marker(Marker::Bar)
            .graph_type(GraphType::Scatter)
            .style(theme.fg(theme.bad))
            .data(&p99),
        Dataset::default()
            .marker(Marker::Dot)
            .graph_type(GraphType::Scatter)
            .style(theme.fg(theme.ok))
            .data(&p50),
    ];
    let seconds = |t: f64| format!("{t:.0}{}", w.seconds);
    Chart::new(datasets)
        .x_axis(
            Axis::default()
                .bounds([t0, t1])
                .labels([seconds(t0), seconds(t1)])
                .style(theme.dimmed()),
        )
        .y_axis(
            Axis::default()
                .bounds([0.0, top])
                .labels([String::from("0"), format!("{top:.0}")])
                .style(theme.dimmed()),
        )
        .render(plot, buf);
}

/// The next round number at or above `x`: 1, 2, 3 or 5 times a power of
/// ten.
fn nice(x: f64) -> f64 {
    let power = 10f64.powf(x.log10().floor());
    [1.0, 2.0, 3.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|&v| v >= x)
        .unwrap_or(x)
}

#[cfg(test)]
mod tests {
    use super::nice;

    #[test]
    fn the_axis_ends_on_a_round_number() {
        assert_eq!(nice(1.0), 1.0);
        assert_eq!(nice(62.3), 100.0);
        assert_eq!(nice(180.0), 200.0);
        assert_eq!(nice(210.0), 300.0);
        assert_eq!(nice(0.4), 0.5);
    }
}
