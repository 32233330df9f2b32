//! The status bar: the safety monitor first, then a message or key hints.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::family::FamilyView;
use super::wrap::{shorten, whole_items};
use crate::app::words::words;
use crate::app::{Action, App, ExploreForm, Mode, Status};
use crate::sim::Describe;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

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
    let width = area.width as usize;
    let (forms, monitor_style) = monitor(app);
    let (rest, rest_style) = match (app.mode(), app.status()) {
        _ if app.exploring().is_some() => (
            exploring_line(app),
            theme.fg(theme.accent).add_modifier(Modifier::BOLD),
        ),
        (Mode::Explore(form), _) => (
            explore_form_line(app, form),
            theme.fg(theme.accent).add_modifier(Modifier::BOLD),
        ),
        (Mode::GoTo(text) | Mode::Find(text), _) => {
            let w = words(app.lang());
            let prompt = match app.mode() {
                Mode::Find(_) => w.find_prompt(text),
                _ => w.goto_prompt(text),
            };
            (prompt, theme.fg(theme.accent).add_modifier(Modifier::BOLD))
        }
        (_, status) => rest(app, status),
    };
    // A message keeps its room: the monitor takes its longest form that
    // leaves the message whole, and a message still too long gives up the
    // middles of its paths before its end. Key hints are only hints: the
    // monitor takes its longest form that fits, and the hints what is left.
    let message = app.status().is_some() || app.mode().is_typing() || app.exploring().is_some();
    let framed = |form: &str| form.width() + 2;
    let room_for = |form: &str| width.saturating_sub(framed(form) + 2);
    let shortest = forms.last().map_or("", String::as_str);
    let monitor = forms
        .iter()
        .find(|form| {
            if message {
                rest.width() <= room_for(form)
            } else {
                framed(form) <= width
            }
        })
        .map_or(shortest, String::as_str);
    let rest = if message {
        fit_message(&rest, room_for(monitor))
    } else {
        // Hints lose whole hints, never half a key's name.
        whole_items(&rest, width.saturating_sub(framed(monitor) + 2))
    };
    Line::from(vec![
        Span::styled(format!(" {monitor} "), monitor_style),
        Span::styled("│", theme.dimmed()),
        Span::styled(format!(" {rest}"), rest_style),
    ])
    .render(area, buf);
}

/// The explorer's form: each field and its value, the chosen one between
/// angle quotes.
fn explore_form_line<F: FamilyView>(app: &App<F>, form: &ExploreForm) -> String {
    let w = words(app.lang());
    let fields: Vec<String> = form
        .fields()
        .iter()
        .map(|&(field, value)| {
            let name = w.explore_field(field);
            match field == form.field {
                true => format!("{name} ‹{value}›"),
                false => format!("{name} {value}"),
            }
        })
        .collect();
    w.explore_form(fields.join(" "), "Enter")
}

/// The search's progress: states, distinct states, depth, rate, time.
fn exploring_line<F: FamilyView>(app: &App<F>) -> String {
    let Some(progress) = app.exploring() else {
        return String::new();
    };
    let o = progress.outcome;
    let seconds = progress.elapsed.as_secs_f64();
    let rate = match seconds > 0.0 {
        true => format!("{:.0}", o.states as f64 / seconds),
        false => "–".to_owned(),
    };
    words(app.lang()).exploring(o.states, o.distinct, o.depth, rate, format!("{seconds:.1}"))
}

/// The safety monitor, longest form first (each shorter one keeps the
/// invariant's name whole), and its style: a violation in red; else the
/// latest warning in amber, marked ⚠ so that it reads without colour;
/// else all is well in green.
fn monitor<F: FamilyView>(app: &App<F>) -> (Vec<String>, Style) {
    let theme = app.theme();
    let w = words(app.lang());
    let labels = app.sim().labels();
    let (broken, glyph, finding, style) = match (app.violation(), app.sim().warnings().last()) {
        (Some(violation), _) => (true, "✗", violation, theme.on(theme.bad)),
        (None, Some(warning)) => (false, "⚠", warning, theme.on(theme.paused)),
        (None, None) => {
            let forms = vec![w.monitor_ok.to_owned(), "✓".to_owned()];
            return (forms, theme.fg(theme.ok).add_modifier(Modifier::BOLD));
        }
    };
    let (event, finding) = finding;
    let (event, note) = (event.to_string(), finding.note.describe(app.lang(), labels));
    let name = finding.invariant.name(app.lang());
    let forms = match broken {
        true => vec![
            w.monitor_broken(name, &event, &note),
            w.monitor_broken_short(name, &event),
            format!("{glyph} {name}"),
        ],
        false => vec![
            w.monitor_warned(name, &event, &note),
            w.monitor_warned_short(name, &event),
            format!("{glyph} {name}"),
        ],
    };
    (forms, style.add_modifier(Modifier::BOLD))
}

/// The status message, else the key hints.
fn rest<F: FamilyView>(app: &App<F>, status: Option<&Status>) -> (String, Style) {
    let theme = app.theme();
    match status {
        Some(status) if status.warning => (
            status.text.clone(),
            theme.fg(theme.bad).add_modifier(Modifier::BOLD),
        ),
        Some(status) => (status.text.clone(), theme.fg(theme.accent)),
        None => (hints(app), theme.dimmed()),
    }
}

/// `text` in at most `width` cells: its paths (words with two or more
/// separators, such as a saved session's) give up their middles first,
/// the last path first and each keeping its file name, then the text its
/// end.
fn fit_message(text: &str, width: usize) -> String {
    let mut parts: Vec<String> = text.split(' ').map(str::to_owned).collect();
    for i in (0..parts.len()).rev() {
        let excess = (parts.join(" ").width()).saturating_sub(width);
        if excess == 0 {
            break;
        }
        if parts[i].matches(['/', '\\']).count() >= 2 {
            let target = parts[i].width().saturating_sub(excess);
            parts[i] = shorten_path(&parts[i], target);
        }
    }
    shorten(&parts.join(" "), width)
}

/// `path` in at most `width` cells if it can be, its middle given up for
/// `…`: the start of the path stays, and its file name stays whole.
fn shorten_path(path: &str, width: usize) -> String {
    if path.width() <= width {
        return path.to_owned();
    }
    let (head, name) = path.split_at(path.rfind(['/', '\\']).unwrap_or(0));
    let room = width.saturating_sub(name.width() + 1);
    let mut kept = String::new();
    for c in head.chars() {
        if kept.width() + c.width().unwrap_or(0) > room {
            break;
        }
        kept.push(c);
    }
    format!("{kept}…{name}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_gives_up_its_middle_and_keeps_its_file_name() {
        let path = "/home/ada/.local/share/distlab/sessions/raft-1.ron";
        assert_eq!(shorten_path(path, 24), "/home/ada/.l…/raft-1.ron");
        assert_eq!(shorten_path(path, 100), path);
        assert_eq!(
            shorten_path(path, 3),
            "…/raft-1.ron",
            "the name stays whole"
        );
    }

    #[test]
    fn the_last_path_of_a_message_gives_way_first() {
        let text =
            "saved to /tmp/dd/sessions/raft-1.ron · replay: --scenario /tmp/dd/sessions/raft-1.ron";
        let fitted = fit_message(text, 70);
        assert_eq!(
            fitted,
            "saved to /tmp/dd/sessions/raft-1.ron · replay: --scenario …/raft-1.ron"
        );
        assert!(fitted.width() <= 70);
        assert_eq!(fit_message("a short message", 70), "a short message");
        assert!(fit_message(text, 20).width() <= 20);
    }
}
