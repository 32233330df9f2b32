//! The status bar: the safety monitor first, then a message or key hints.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::family::FamilyView;
use crate::app::words::{fill, words};
use crate::app::{Action, App, Mode, Status};
use crate::sim::Describe;

/// The actions the hint line names, in order.
const NORMAL_HINTS: [Action; 10] = [
    Action::TogglePlay,
    Action::StepForward,
    Action::StepBack,
    Action::ToggleCrash,
    Action::DropNext,
    Action::ToggleIsolate,
    Action::PickMessage,
    Action::ToggleView,
    Action::ToggleHelp,
    Action::Quit,
];
const PICK_HINTS: [Action; 5] = [
    Action::NextMessage,
    Action::DropPicked,
    Action::DelayPicked,
    Action::Back,
    Action::ToggleHelp,
];

/// The hint line, generated from the keymap.
fn hints<F: FamilyView>(app: &App<F>) -> String {
    let actions: &[Action] = match app.picked() {
        None => &NORMAL_HINTS,
        Some(_) => &PICK_HINTS,
    };
    actions
        .iter()
        .filter_map(|&a| {
            app.keymap()
                .key_for(app.key_modes(), a)
                .map(|k| format!("{k} {}", a.hint(app.lang())))
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

pub fn render<F: FamilyView>(app: &App<F>, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let w = words(app.lang());
    let safety = match app.violation() {
        None => Span::styled(
            format!(" {} ", w.monitor_ok),
            theme.fg(theme.ok).add_modifier(Modifier::BOLD),
        ),
        Some((event, v)) => Span::styled(
            format!(
                " {} ",
                fill(
                    w.monitor_broken,
                    &[
                        v.invariant,
                        &event.to_string(),
                        &v.note.describe(app.lang(), app.sim().labels())
                    ]
                )
            ),
            theme.on(theme.bad).add_modifier(Modifier::BOLD),
        ),
    };
    let rest = match (app.mode(), app.status()) {
        (Mode::GoTo(text), _) => Span::styled(
            format!(" {}", fill(words(app.lang()).goto_prompt, &[text])),
            theme.fg(theme.accent).add_modifier(Modifier::BOLD),
        ),
        (_, status) => rest(app, status),
    };
    // A message that would be cut keeps its room: "all invariants hold"
    // shrinks to its tick (a broken invariant never does; key hints may be
    // cut, they are only hints).
    let message = app.status().is_some() || matches!(app.mode(), Mode::GoTo(_));
    let needed = safety.width() + 1 + rest.width();
    let safety = if message && needed > area.width as usize && app.violation().is_none() {
        Span::styled(" ✓ ", safety.style)
    } else {
        safety
    };
    Line::from(vec![safety, Span::styled("│", theme.dimmed()), rest]).render(area, buf);
}

/// The status message, else the key hints.
fn rest<F: FamilyView>(app: &App<F>, status: Option<&Status>) -> Span<'static> {
    let theme = app.theme();
    match status {
        Some(status) if status.warning => Span::styled(
            format!(" {}", status.text),
            theme.fg(theme.bad).add_modifier(Modifier::BOLD),
        ),
        Some(status) => Span::styled(format!(" {}", status.text), theme.fg(theme.accent)),
        None => Span::styled(format!(" {}", hints(app)), theme.dimmed()),
    }
}
