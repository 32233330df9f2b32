//! A lesson step's experiment as a chart: for each variant, the share of
//! trials (up) whose measured time was at most so long (across), that is,
//! the cumulative distribution, with its median and 90th percentile below.
//! Variants differ by colour and by marker, so the chart reads without
//! colour too.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Borders, Chart, Dataset, GraphType, Widget};

use super::family::FamilyView;
use crate::app::words::{fill, words};
use crate::app::App;
use crate::lesson::measure::VariantResult;

/// Points drawn per variant at most.
const POINTS: usize = 200;
/// Markers by variant, so that variants differ without colour.
const MARKERS: [Marker; 3] = [Marker::Braille, Marker::Dot, Marker::Block];

pub fn render<F: FamilyView>(app: &App<F>, area: Rect, buf: &mut Buffer) {
    let Some(tutor) = app.tutor() else {
        return;
    };
    let theme = app.theme();
    let w = words(tutor.lang());
    let block = Block::new()
        .borders(Borders::TOP)
        .border_style(theme.fg(theme.border))
        .title(w.chart_title)
        .title_style(theme.base().add_modifier(Modifier::BOLD));
    let inner = block.inner(area);
    block.render(area, buf);
    let Some(results) = tutor.experiment() else {
        return;
    };
    let lang = tutor.lang();
    let colours = [theme.leader, theme.candidate, theme.precandidate];
    // A line per variant below the chart: label, median, p90, failures.
    let summary: Vec<Line> = results
        .iter()
        .enumerate()
        .flat_map(|(i, r)| summary_lines(r, i, lang, theme.fg(colours[i % colours.len()])))
        .collect();
    let chart_height = inner.height.saturating_sub(summary.len() as u16);
    for (row, line) in summary.into_iter().enumerate() {
        let y = inner.y + chart_height + row as u16;
        if y < inner.bottom() {
            line.render(Rect::new(inner.x, y, inner.width, 1), buf);
        }
    }
    if chart_height < 5 {
        return;
    }

    let curves: Vec<Vec<(f64, f64)>> = results.iter().map(cdf_points).collect();
    let max_ms = curves
        .iter()
        .flat_map(|c| c.last())
        .map(|&(x, _)| x)
        .fold(1.0_f64, f64::max)
        .ceil();
    let datasets: Vec<Dataset> = results
        .iter()
        .zip(&curves)
        .enumerate()
        .map(|(i, (r, points))| {
            Dataset::default()
                .name(r.label.get(lang).to_owned())
                .marker(MARKERS[i % MARKERS.len()])
                .graph_type(GraphType::Line)
                .style(theme.fg(colours[i % colours.len()]))
                .data(points)
        })
        .collect();
    let x_labels =
        [0.0, max_ms / 2.0, max_ms].map(|v| Span::styled(format!("{v:.0} ms"), theme.dimmed()));
    let y_labels = ["0%", "50%", "100%"].map(|l| Span::styled(l, theme.dimmed()));
    Chart::new(datasets)
        .x_axis(
            Axis::default()
                .bounds([0.0, max_ms])
                .labels(x_labels)
                .style(theme.fg(theme.border)),
        )
        .y_axis(
            Axis::default()
                .bounds([0.0, 100.0])
                .labels(y_labels)
                .style(theme.fg(theme.border)),
        )
        // The lines below the chart are its legend.
        .legend_position(None)
        .render(Rect::new(inner.x, inner.y, inner.width, chart_height), buf);
}

/// The cumulative distribution in ms and percent, thinned to [`POINTS`].
fn cdf_points(result: &VariantResult) -> Vec<(f64, f64)> {
    let sorted = result.downtimes.sorted_us();
    let n = sorted.len();
    if n == 0 {
        return Vec::new();
    }
    let stride = n.div_ceil(POINTS);
    let mut points: Vec<(f64, f64)> = vec![(sorted[0] as f64 / 1_000.0, 0.0)];
    points.extend(
        sorted
            .iter()
            .enumerate()
            .filter(|(i, _)| (i + 1) % stride == 0 || i + 1 == n)
            .map(|(i, &us)| (us as f64 / 1_000.0, (i + 1) as f64 * 100.0 / n as f64)),
    );
    points
}

/// Two lines for a variant: its marker, label, median and 90th
/// percentile; then its failed elections and how many trials measured.
fn summary_lines(
    result: &VariantResult,
    index: usize,
    lang: crate::lesson::Lang,
    style: ratatui::style::Style,
) -> [Line<'static>; 2] {
    let w = words(lang);
    let d = &result.downtimes;
    let marker = ["⣿", "•", "█"][index % MARKERS.len()];
    let label = format!("{marker} {}: ", result.label.get(lang));
    let ms = |us: u64| (us as f64 / 1_000.0).round();
    let (first, second) = match d.percentiles() {
        None => (w.chart_none.to_owned(), String::new()),
        Some(p) => (
            format!("p50 {} ms · p90 {} ms", ms(p.p50), ms(p.p90)),
            format!(
                "  {} {} · {}",
                d.failed_elections(),
                w.chart_failed,
                fill(w.chart_trials, &[&format!("{}/{}", p.count, d.trials)]),
            ),
        ),
    };
    [
        Line::from(vec![
            Span::styled(label, style.add_modifier(Modifier::BOLD)),
            Span::styled(first, style),
        ]),
        Line::styled(second, style),
    ]
}
