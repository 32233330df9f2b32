//! The lanes: a row of ticks, one row per client, then Redis (`R1`) and
//! storage (`ST`), each a card on the left and a time line on the right.
//! A client's line has a bar where it held the lock, ⏸ where its process
//! was stopped, ▓ where another client held the lock at the same moment;
//! Redis's has ━ while its key was set and ⧗ where Redis let it expire;
//! storage's has ✓ and ✗ where it accepted or refused a write. Side by
//! side, they show the pause story at a glance: a bar that runs on through
//! ⏸ past the ⧗, beside another client's bar.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

use super::cards::{self, Card};
use super::window::{meet, Window};
use super::{put, row, words, Scene};

use crate::ui::wrap::{first_fitting, shorten};

/// The cards' column at most, with the space before the time line.
const CARD: u16 = 26;
/// Whole seconds a tick may stand apart, fewest first.
const TICK_S: [u64; 9] = [1, 2, 5, 10, 30, 60, 120, 300, 600];

/// The rows the lanes want: ticks, each client, Redis and storage.
pub fn rows(scene: &Scene) -> u16 {
    u16::from(scene.screen.trace.setup.clients) + 3
}

/// What a row of the lanes is about.
#[derive(Clone, Copy)]
enum Lane {
    Client(u8),
    Redis,
    Storage,
}

/// How long one column is when the lanes are `width` cells wide.
pub fn column_us(width: u16) -> u64 {
    Window::new(0, line_width(width)).column
}

fn card_width(width: u16) -> u16 {
    CARD.min(width * 2 / 5)
}

/// The time line's columns: what the card and the `│` after it leave.
fn line_width(width: u16) -> u16 {
    width.saturating_sub(card_width(width) + 1)
}

pub fn draw(scene: &Scene, area: Rect, buf: &mut Buffer) {
    let card = card_width(area.width);
    let cols = line_width(area.width);
    let window = Window::new(scene.state.now_us, cols);
    let line = |n: u16| {
        let r = row(area, n);
        Rect {
            x: r.x + card + 1,
            width: cols,
            ..r
        }
    };
    put(
        buf,
        row(area, 0),
        0,
        words::time_line(scene.lang),
        scene.theme.dimmed(),
    );
    ticks(scene, &window, line(0), buf);
    let clients = (1..=scene.screen.trace.setup.clients).map(Lane::Client);
    let lanes = clients.chain([Lane::Redis, Lane::Storage]);
    for (y, lane) in (1..area.height).zip(lanes) {
        let r = row(area, y);
        let card_text = match lane {
            Lane::Client(c) => cards::client(scene, c),
            Lane::Redis => cards::redis(scene),
            Lane::Storage => cards::storage_brief(scene),
        };
        put_card(&card_text, Rect { width: card, ..r }, buf);
        if cols > 0 {
            put(buf, r, card, "│", scene.theme.dimmed());
        }
        match lane {
            Lane::Client(c) => client_line(scene, &window, c, line(y), buf),
            Lane::Redis => redis_line(scene, &window, line(y), buf),
            Lane::Storage => storage_line(scene, &window, line(y), buf),
        }
    }
}

/// A card in its fullest form that fits before the line.
fn put_card(card: &Card, area: Rect, buf: &mut Buffer) {
    let room = usize::from(area.width.saturating_sub(1));
    let shortest = card.forms.last().map_or("", String::as_str);
    let text =
        first_fitting(&card.forms, room).map_or_else(|| shorten(shortest, room), str::to_owned);
    put(buf, area, 0, &text, card.style);
}

/// `┬2 s` at each whole number of seconds far enough apart to be read.
fn ticks(scene: &Scene, window: &Window, area: Rect, buf: &mut Buffer) {
    let step = TICK_S
        .into_iter()
        .find(|s| s * 1_000_000 >= 8 * window.column)
        .unwrap_or(TICK_S[TICK_S.len() - 1]);
    let step_us = step * 1_000_000;
    let Some(mut at) = window.start.div_ceil(step_us).checked_mul(step_us) else {
        return;
    };
    let mut free = 0;
    loop {
        let col = (at - window.start) / window.column;
        let Some(col) = u16::try_from(col).ok().filter(|&c| c < area.width) else {
            return;
        };
        let label = format!("┬{}", words::tick(scene.lang, at / 1_000_000));
        if col >= free && usize::from(col) + label.width() <= usize::from(area.width) {
            put(buf, area, col, &label, scene.theme.dimmed());
            free = col.saturating_add(label.width() as u16 + 1);
        }
        let Some(later) = at.checked_add(step_us) else {
            return;
        };
        at = later;
    }
}

fn client_line(scene: &Scene, window: &Window, n: u8, area: Rect, buf: &mut Buffer) {
    let (state, theme) = (&scene.state, scene.theme);
    let others: Vec<u8> = (1..=scene.screen.trace.setup.clients)
        .filter(|&c| c != n)
        .collect();
    // Only what the window shows is looked at column by column: a long
    // run's bars would otherwise be scanned once per cell.
    let (turns, pauses) = (window.visible(&state.turns), window.visible(&state.pauses));
    for (col, t) in window.columns() {
        let held = window.within(&turns, n, t);
        let paused = !window.within(&pauses, n, t).is_empty();
        let together = others
            .iter()
            .any(|&o| meet(&held, &window.within(&turns, o, t)));
        // A client stopped while it holds the lock keeps its bar, ⏸ in
        // it: that the lock is still believed held is the story.
        let (glyph, style) = match (together, paused, !held.is_empty()) {
            (true, _, _) => ("▓", theme.fg(theme.bad)),
            (false, true, true) => ("⏸", theme.on(theme.leader)),
            (false, true, false) => ("⏸", theme.fg(theme.paused)),
            (false, false, true) => ("█", theme.fg(theme.leader)),
            (false, false, false) => continue,
        };
        put(buf, area, col, glyph, style);
    }
}

/// ━ while Redis held the key, ⧗ where it let the key expire.
fn redis_line(scene: &Scene, window: &Window, area: Rect, buf: &mut Buffer) {
    let theme = scene.theme;
    let keys = window.visible(&scene.state.key_set);
    for (col, t) in window.columns() {
        if keys.iter().any(|k| window.clip(k, t).is_some()) {
            put(buf, area, col, "━", theme.fg(theme.accent));
        }
    }
    for &at in &scene.state.expiries {
        if let Some(col) = window.column_of(at) {
            put(buf, area, col, "⧗", theme.fg(theme.paused));
        }
    }
}

/// ✓ and ✗ where storage accepted or refused a write; refusals are drawn
/// last, so that one wins its column.
fn storage_line(scene: &Scene, window: &Window, area: Rect, buf: &mut Buffer) {
    let theme = scene.theme;
    let (accepted, refused): (Vec<(u64, bool)>, Vec<_>) = scene
        .state
        .writes
        .iter()
        .filter(|&&(at, _)| at >= window.start)
        .partition(|&&(_, accepted)| accepted);
    let marks = [(accepted, "✓", theme.ok), (refused, "✗", theme.bad)];
    for (writes, glyph, color) in marks {
        for col in writes.iter().filter_map(|&(at, _)| window.column_of(at)) {
            put(buf, area, col, glyph, theme.fg(color));
        }
    }
}
