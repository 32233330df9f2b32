//! Latency over time: p50 and p99 of the balancer's sliding window, drawn
//! with different markers so the chart reads without colour.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::symbols::Marker;
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, Widget};

use super::tr;
use crate::app::App;
use crate::protocols::balance::{Balancer, BALANCER};

pub fn render(app: &App<Balancer>, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let Some(b) = app.sim().node(BALANCER).balancer() else {
        return;
    };
    let points = |pick: fn(&(u64, u64, u64)) -> u64| -> Vec<(f64, f64)> {
        b.latencies
            .history
            .iter()
            .map(|p| (p.0 as f64 / 1e6, pick(p) as f64 / 1000.0))
            .collect()
    };
    let p50 = points(|p| p.1);
    let p99 = points(|p| p.2);
    let t0 = p50.first().map_or(0.0, |p| p.0);
    let t1 = p50.last().map_or(1.0, |p| p.0).max(t0 + 0.1);
    let top = p99.iter().map(|p| p.1).fold(1.0, f64::max);
    let datasets = vec![
        Dataset::default()
            .name("p50 •")
            .marker(Marker::Dot)
            .graph_type(GraphType::Scatter)
            .style(theme.fg(theme.ok))
            .data(&p50),
        Dataset::default()
            .name("p99 ▪")
            .marker(Marker::Block)
            .graph_type(GraphType::Scatter)
            .style(theme.fg(theme.bad))
            .data(&p99),
    ];
    Chart::new(datasets)
        .x_axis(Axis::default().bounds([t0, t1]).style(theme.dimmed()))
        .y_axis(
            Axis::default()
                .title(tr(app, "ms", "毫秒"))
                .bounds([0.0, top])
                .labels([String::from("0"), format!("{top:.0}")])
                .style(theme.dimmed()),
        )
        .render(area, buf);
}
