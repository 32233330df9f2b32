//! The screen's one-line parts: the title with the moment shown, the
//! legend of the time line's glyphs, the counts, and the keys (or what
//! the last key did). Each says as much as its width holds, cut at a
//! whole item.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use unicode_width::UnicodeWidthStr;

use super::{put, row, words, Scene};
use crate::lab::LabMode;
use crate::ui::wrap::{first_fitting, item_cuts, shorten, whole_items};

/// `lab · redis-lock · nx-px · ttl 500 ms · Redis 7.0.15 · lab.jsonl`, and
/// on the right whether it is live and the moment shown. The moment
/// stays whole; the left gives up items from its end, and shows only
/// while its first item fits whole.
pub fn title(scene: &Scene, area: Rect, buf: &mut Buffer) {
    let (lang, theme) = (scene.lang, scene.theme);
    let setup = &scene.screen.trace.setup;
    let mode = words::mode(lang, scene.screen.is_live(), scene.screen.is_playing());
    let moment = format!("{mode}  {}", words::seconds(lang, scene.state.now_us));
    let right = u16::try_from(moment.width()).unwrap_or(u16::MAX);
    // A naive lock sets no expiry: its time to live would mislead.
    let ttl = (setup.mode != LabMode::Naive).then(|| words::ttl(lang, setup.ttl_ms));
    let left = [
        Some(words::lab(lang).to_owned()),
        Some(setup.lab.clone()),
        Some(setup.mode.name().to_owned()),
        ttl,
        Some(redis_version(&setup.redis)),
        Some(scene.screen.file.clone()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    let bold = theme.base().add_modifier(Modifier::BOLD);
    let room = usize::from(area.width.saturating_sub(right)).saturating_sub(2);
    match first_fitting(&item_cuts(&left), room) {
        Some(left) => {
            put(buf, area, 0, left, bold);
            put(
                buf,
                area,
                area.width - right,
                &moment,
                theme.fg(theme.accent),
            );
        }
        None => put(buf, area, 0, &moment, theme.fg(theme.accent)),
    }
}

/// `Redis 7.0.15` from what `redis-server --version` answered
/// (`Redis server v=7.0.15 sha=…`), or that answer as it was.
fn redis_version(answer: &str) -> String {
    answer
        .split_whitespace()
        .find_map(|word| word.strip_prefix("v="))
        .map_or_else(|| answer.to_owned(), |v| format!("Redis {v}"))
}

/// The keys, or what the last key did in their place.
pub fn foot(scene: &Scene, area: Rect, buf: &mut Buffer) {
    let theme = scene.theme;
    let width = usize::from(area.width);
    match &scene.screen.status {
        Some(status) => put(
            buf,
            area,
            0,
            &shorten(status, width),
            theme.fg(theme.accent),
        ),
        None => {
            let keys = words::keys(scene.lang, scene.screen.is_live());
            put(buf, area, 0, &whole_items(keys, width), theme.dimmed());
        }
    }
}

/// Acquisitions, expiries, writes and the median time a SET took.
pub fn counts(scene: &Scene, area: Rect, buf: &mut Buffer) {
    let state = &scene.state;
    let mut latencies = state.acquire_latencies.clone();
    latencies.sort_unstable();
    let median_ms = match latencies.len() {
        0 => None,
        n if n % 2 == 1 => Some(latencies[n / 2] as f64 / 1e3),
        n => Some((latencies[n / 2 - 1] as f64 + latencies[n / 2] as f64) / 2e3),
    };
    let counts = words::counts(
        scene.lang,
        state.acquisitions,
        state.expiries.len(),
        (state.writes_accepted, state.writes_refused),
        median_ms,
    );
    let width = usize::from(area.width);
    put(
        buf,
        area,
        0,
        &whole_items(&counts, width),
        scene.theme.base(),
    );
}

/// What the glyphs mean and how long a column is (`column` µs), its
/// items flowed onto as many lines of `width` as they take.
pub fn legend_lines(scene: &Scene, column: u64, width: u16) -> Vec<String> {
    let text = words::legend(scene.lang, column as f64 / 1e6);
    let width = usize::from(width);
    let mut lines: Vec<String> = Vec::new();
    for item in text.split(" · ") {
        match lines.last_mut() {
            Some(line) if line.width() + 3 + item.width() <= width => {
                line.push_str(" · ");
                line.push_str(item);
            }
            _ => lines.push(shorten(item, width)),
        }
    }
    lines
}

/// The legend's `lines` in `area`, as many as its rows hold; the last
/// shown takes what it can of the rest, cut at a whole item with `…`.
pub fn legend(scene: &Scene, lines: &[String], area: Rect, buf: &mut Buffer) {
    let shown = usize::from(area.height).min(lines.len());
    for (y, line) in (0..area.height).zip(&lines[..shown]) {
        let line = match usize::from(y) + 1 == shown {
            true => whole_items(&lines[shown - 1..].join(" · "), usize::from(area.width)),
            false => line.clone(),
        };
        put(buf, row(area, y), 0, &line, scene.theme.dimmed());
    }
}
