//! A lesson step's experiment. A time (leader downtime) as a chart: for
//! each variant, the share of trials (up) whose measured time was at most
//! so long (across), that is, the cumulative distribution, with its median
//! and 90th percentile below. Variants differ by colour and by marker, so
//! the chart reads without colour too. A count (messages per committed
//! command, often of different families) as bars side by side, each with
//! its number.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Borders, Chart, Dataset, GraphType, Paragraph, Widget};

use super::family::FamilyView;
use super::wrap::{shorten, whole_items};
use crate::app::words::words;
use crate::app::App;
use crate::lesson::compare::messages_per_command;
use crate::lesson::measure::VariantResult;
use crate::lesson::Measure;
use crate::units::Lang;
use crate::{say, text};
use std::fmt::Display;
use unicode_width::UnicodeWidthStr;

/// Points drawn per variant at most.
const POINTS: usize = 200;
/// Markers by variant, so that variants differ without colour.
const MARKERS: [Marker; 3] = [Marker::Braille, Marker::Dot, Marker::Block];

pub fn render<F: FamilyView>(app: &App<F>, area: Rect, buf: &mut Buffer) {
    let Some(tutor) = app.tutor() else {
        return;
    };
    let measure = tutor.run().step().experiment.as_ref().map(|e| e.measure);
    if measure == Some(Measure::MessagesPerCommand) {
        return render_counts(app, area, buf);
    }
    let theme = app.theme();
    let w = words(tutor.lang());
    let block = Block::new()
        .borders(Borders::TOP)
        .border_style(theme.fg(theme.border))
        .title(chart_title(w.chart_title, area.width))
        .title_style(theme.base().add_modifier(Modifier::BOLD));
    let inner = block.inner(area);
    block.render(area, buf);
    let Some(results) = tutor.experiment() else {
        return;
    };
    let lang = tutor.lang();
    let colours = [theme.leader, theme.candidate, theme.precandidate];
    let axis = axis_ms(results);
    // A line per variant below the chart: label, median, p90, failures.
    let summary: Vec<Line> = results
        .iter()
        .enumerate()
        .flat_map(|(i, r)| {
            let style = theme.fg(colours[i % colours.len()]);
            summary_lines(r, axis, i, lang, style, usize::from(inner.width))
        })
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
    let max_ms = axis;
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

/// A chart's title (`experiment · what it measures`) in `width` cells:
/// when it does not fit whole, what it measures stands alone, cut with an
/// ellipsis only if it must be.
fn chart_title(title: &str, width: u16) -> String {
    let room = usize::from(width).saturating_sub(2);
    let title = title.trim();
    let what = title.rsplit(" · ").next().unwrap_or(title);
    let fitted = if title.width() <= room {
        title.to_owned()
    } else {
        shorten(what, room)
    };
    format!(" {fitted} ")
}

/// The right edge of the chart, in ms: twice the largest median, so that
/// a fast variant's curve is not squeezed against the left edge by a slow
/// variant's long tail (which runs past the edge, and is counted below).
fn axis_ms(results: &[VariantResult]) -> f64 {
    let longest = results
        .iter()
        .flat_map(|r| r.measured.sorted_us().last().copied())
        .max()
        .unwrap_or(1_000);
    let twice_median = results
        .iter()
        .flat_map(|r| r.measured.percentiles())
        .map(|p| p.p50 * 2)
        .max()
        .unwrap_or(longest);
    (twice_median.min(longest).max(1_000) as f64 / 1_000.0).ceil()
}

/// The cumulative distribution in ms and percent, thinned to [`POINTS`].
/// Shares count every crash, so a variant whose crashes sometimes never
/// recover ends below 100%.
fn cdf_points(result: &VariantResult) -> Vec<(f64, f64)> {
    let sorted = result.measured.sorted_us();
    let n = sorted.len();
    if n == 0 {
        return Vec::new();
    }
    let all = (n as u64 + result.measured.unresolved) as f64;
    let stride = n.div_ceil(POINTS);
    let mut points: Vec<(f64, f64)> = vec![(sorted[0] as f64 / 1_000.0, 0.0)];
    points.extend(
        sorted
            .iter()
            .enumerate()
            .filter(|(i, _)| (i + 1) % stride == 0 || i + 1 == n)
            .map(|(i, &us)| (us as f64 / 1_000.0, (i + 1) as f64 * 100.0 / all)),
    );
    points
}

/// How many of a variant's crashes lie past the chart's right edge (slower,
/// or never recovered), as a clause for its summary; none when none do.
fn beyond(
    d: &crate::experiment::Measured,
    axis_ms: f64,
    w: &crate::app::words::Words,
) -> Option<String> {
    let past = d
        .sorted_us()
        .iter()
        .filter(|&&us| us as f64 / 1_000.0 > axis_ms)
        .count() as u64
        + d.unresolved;
    (past > 0).then(|| w.chart_beyond(past.to_string()))
}

/// Two lines for a variant, `width` cells wide: its marker, label, median
/// and 90th percentile; then its failed elections and how many trials
/// measured. A line too long loses whole items, never half a number.
fn summary_lines(
    result: &VariantResult,
    axis_ms: f64,
    index: usize,
    lang: crate::units::Lang,
    style: ratatui::style::Style,
    width: usize,
) -> [Line<'static>; 2] {
    let w = words(lang);
    let d = &result.measured;
    let marker = ["⣿", "•", "█"][index % MARKERS.len()];
    let label = format!("{marker} {}: ", result.label.get(lang));
    let ms = |us: u64| (us as f64 / 1_000.0).round();
    let (first, second) = match d.percentiles() {
        None => (w.chart_none.to_owned(), String::new()),
        Some(p) => (
            format!("p50 {} ms · p90 {} ms", ms(p.p50), ms(p.p90)),
            format!(
                "  {} {} · {}",
                d.counted(),
                if d.counted() == 1 {
                    w.chart_failed_one
                } else {
                    w.chart_failed
                },
                beyond(d, axis_ms, w)
                    .unwrap_or_else(|| w.chart_trials(format!("{}/{}", p.count, d.trials))),
            ),
        ),
    };
    let first = whole_items(&first, width.saturating_sub(label.width()));
    [
        Line::from(vec![
            Span::styled(label, style.add_modifier(Modifier::BOLD)),
            Span::styled(first, style),
        ]),
        Line::styled(whole_items(&second, width), style),
    ]
}

/// Words of the count view, each with its languages side by side.
struct CountWords {
    lang: Lang,
    title: &'static str,
    none: &'static str,
}

impl CountWords {
    fn detail(&self, commands: usize, trials: impl Display) -> String {
        say!(self.lang,
            en: "{commands} commands · {trials} trials",
            zh: "{commands} 条命令 · {trials} 次试验")
    }
}

fn count_words(lang: Lang) -> CountWords {
    CountWords {
        lang,
        title: text!(lang,
            en: " experiment · messages per committed command ",
            zh: " 实验 · 每条已提交命令的消息数 "),
        none: text!(lang, en: "no command was committed", zh: "没有命令被提交"),
    }
}

/// Each variant as a bar as long as its messages per command (the longest
/// filling the width), the number beside it, and below, how many commands
/// the mean is over.
fn render_counts<F: FamilyView>(app: &App<F>, area: Rect, buf: &mut Buffer) {
    let Some(tutor) = app.tutor() else {
        return;
    };
    let theme = app.theme();
    let lang = tutor.lang();
    let w = count_words(lang);
    let block = Block::new()
        .borders(Borders::TOP)
        .border_style(theme.fg(theme.border))
        .title(chart_title(w.title, area.width))
        .title_style(theme.base().add_modifier(Modifier::BOLD));
    let inner = block.inner(area);
    block.render(area, buf);
    let Some(results) = tutor.experiment() else {
        return;
    };
    let colours = [theme.leader, theme.candidate, theme.precandidate];
    let means: Vec<Option<f64>> = results
        .iter()
        .map(|r| messages_per_command(&r.measured))
        .collect();
    let most = means.iter().flatten().copied().fold(0.0, f64::max);
    let label_width = results
        .iter()
        .map(|r| Span::raw(r.label.get(lang)).width())
        .max()
        .unwrap_or(0);
    let mut lines = Vec::new();
    for (i, (result, mean)) in results.iter().zip(&means).enumerate() {
        let style = theme.fg(colours[i % colours.len()]);
        let label = result.label.get(lang);
        let pad = " ".repeat(label_width - Span::raw(label).width());
        let mut row = vec![Span::styled(
            format!(" {label}{pad} "),
            style.add_modifier(Modifier::BOLD),
        )];
        let d = &result.measured;
        match mean {
            Some(mean) => {
                let number = format!(" {mean:.1}");
                // One column spare: the panel beside may draw its border
                // over the last.
                let room = usize::from(inner.width)
                    .saturating_sub(label_width + 3 + number.chars().count());
                let bar = if most > 0.0 {
                    ((mean / most) * room as f64).round() as usize
                } else {
                    0
                };
                row.push(Span::styled("█".repeat(bar.max(1)), style));
                row.push(Span::styled(number, style.add_modifier(Modifier::BOLD)));
                lines.push(Line::from(row));
                let detail = w.detail(d.samples.len(), d.trials);
                lines.push(Line::styled(
                    format!(" {}{detail}", " ".repeat(label_width + 1)),
                    theme.dimmed(),
                ));
            }
            None => {
                row.push(Span::styled(w.none, theme.dimmed()));
                lines.push(Line::from(row));
            }
        }
        lines.push(Line::raw(""));
    }
    Paragraph::new(lines).render(inner, buf);
}
