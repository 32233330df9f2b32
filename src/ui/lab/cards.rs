//! The cards: each lane's short one on the left (what a client is doing,
//! whose token Redis's key holds, what storage holds), and storage's own
//! card with its last operations, newest first, so that a refused stale
//! write reads at the top the moment it happens.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use super::{put, row, words, Scene};
use crate::lab::{LabClient, LabPhase, StorageOp};
use crate::ui::wrap::shorten;

/// A lane's card, fullest form first; the lanes show the fullest that
/// fits.
pub struct Card {
    pub forms: Vec<String>,
    pub style: Style,
}

/// `C1 ■ #3 working · read 4`, `C2 ◌ asking`, `C3 · idle`,
/// `C1 ⏸ #1 paused · read 0`, `C4 ✝ killed`: the glyph says it without
/// colour; the selected client is drawn reversed.
pub fn client(scene: &Scene, n: u8) -> Card {
    let (lang, theme) = (scene.lang, scene.theme);
    let idle = LabClient::default();
    let c = usize::from(n)
        .checked_sub(1)
        .and_then(|i| scene.state.clients.get(i))
        .unwrap_or(&idle);
    let holding = matches!(c.phase, LabPhase::Reading | LabPhase::Working);
    let (glyph, color) = match c.phase {
        LabPhase::Killed => ("✝", theme.down),
        _ if c.paused => ("⏸", theme.paused),
        _ if holding => ("■", theme.leader),
        LabPhase::Asking => ("◌", theme.candidate),
        _ => ("·", theme.follower),
    };
    let word = match c.phase {
        LabPhase::Killed => words::phase(lang, c.phase),
        _ if c.paused => words::paused(lang),
        phase => words::phase(lang, phase),
    };
    let token = match c.token.filter(|_| holding) {
        Some(t) => format!(" #{t}"),
        None => String::new(),
    };
    let head = format!("C{n} {glyph}{token}");
    let mut forms = vec![format!("{head} {word}"), head, format!("C{n} {glyph}")];
    if let Some(read) = c.read.filter(|_| c.phase == LabPhase::Working) {
        forms.insert(0, format!("{} · {}", forms[0], words::read(lang, read)));
    }
    let mut style = theme.fg(color);
    if n == scene.screen.selected {
        style = style.add_modifier(Modifier::REVERSED);
    }
    Card { forms, style }
}

/// `R1 lock = #3`, or `R1 free`: the token in Redis's key, as far as the
/// records tell.
pub fn redis(scene: &Scene) -> Card {
    let lang = scene.lang;
    let key = match scene.state.key {
        Some(token) => words::lock_is(lang, token),
        None => words::free(lang).to_owned(),
    };
    Card {
        forms: vec![format!("R1 {key}"), "R1".to_owned()],
        style: scene.theme.base(),
    }
}

/// The highest token storage accepted, or `–` before any.
fn highest(scene: &Scene) -> String {
    scene
        .state
        .highest
        .map_or("–".to_owned(), |h| h.to_string())
}

/// `ST value 1 · #2`: storage's value and highest token.
pub fn storage_brief(scene: &Scene) -> Card {
    let brief = words::storage_brief(scene.lang, scene.state.value, highest(scene));
    Card {
        forms: vec![format!("ST {brief}"), "ST".to_owned()],
        style: scene.theme.base(),
    }
}

/// The rows storage's card wants: its head and each operation it keeps.
pub fn storage_rows(scene: &Scene) -> u16 {
    u16::try_from(scene.state.storage_log.len() + 1).unwrap_or(u16::MAX)
}

/// `storage · value 1 · highest #2`, then its operations newest first,
/// as many as the rows hold.
pub fn storage(scene: &Scene, area: Rect, buf: &mut Buffer) {
    let (lang, theme) = (scene.lang, scene.theme);
    let width = usize::from(area.width);
    let head = words::storage_head(lang, scene.state.value, highest(scene));
    let bold = theme.base().add_modifier(Modifier::BOLD);
    put(buf, row(area, 0), 0, &shorten(&head, width), bold);
    let newest_first = scene.state.storage_log.iter().rev();
    for (y, op) in (1..area.height).zip(newest_first) {
        let style = match (op.accepted, op.read) {
            (false, _) => theme.fg(theme.bad),
            (true, None) => theme.dimmed(),
            (true, Some(_)) => theme.base(),
        };
        let line = format!("  {}", operation(scene, op));
        put(buf, row(area, y), 0, &shorten(&line, width), style);
    }
}

/// `C1 #1 write 1 (read 0) ✓`, `C2 #2 read 0 ✓`, `C1 #1 write 1 (read 0)
/// ✗ stale`.
fn operation(scene: &Scene, op: &StorageOp) -> String {
    let lang = scene.lang;
    let what = match op.read {
        Some(read) => words::storage_write(lang, op.client, op.token, op.value, read),
        None => words::storage_read(lang, op.client, op.token, op.value),
    };
    match op.accepted {
        true => format!("{what} ✓"),
        false => format!("{what} ✗ {}", words::stale(lang)),
    }
}
