//! The lesson menu: tracks and their lessons with completion marks, the
//! sandbox, the selected lesson's summary, and the keys.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};
use unicode_width::UnicodeWidthStr;

use super::wrap::{shorten, wrap};
use crate::app::words::words;
use crate::app::{Action, Entry, KeyMode, Menu};
use crate::say;
use crate::units::Lang;

/// Rows kept for the selected lesson's summary.
const SUMMARY_ROWS: u16 = 4;

impl Widget for &Menu {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.is_empty() {
            return;
        }
        let theme = &self.settings().theme;
        let lang = self.lang();
        let w = words(lang);
        buf.set_style(area, theme.base());

        let title_style = theme.base().add_modifier(Modifier::REVERSED);
        let title_row = Rect::new(area.x, area.y, area.width, 1);
        buf.set_style(title_row, title_style);
        Line::styled(format!(" distlab · {}", w.menu_title), title_style).render(title_row, buf);

        let keys_row = Rect::new(area.x, area.bottom() - 1, area.width, 1);
        let key = |action| {
            self.settings()
                .keymap
                .key_for(&[KeyMode::Menu], action)
                .map_or_else(|| "?".to_owned(), |k| k.to_string())
        };
        let choose = format!("{}{}", key(Action::MenuUp), key(Action::MenuDown));
        let keys = w.menu_keys(
            &choose,
            key(Action::Open),
            key(Action::SwitchLanguage),
            key(Action::Quit),
        );
        if area.height > 1 {
            Line::styled(format!(" {keys}"), theme.dimmed()).render(keys_row, buf);
        }

        let body_height = area.height.saturating_sub(2);
        let summary_height = SUMMARY_ROWS.min(body_height / 3);
        let notes = self.notes(area.width.saturating_sub(2) as usize);
        let notes_height = (notes.len() as u16).min(body_height.saturating_sub(summary_height) / 2);
        let list_height = body_height - summary_height - notes_height;
        let list = Rect::new(area.x, area.y + 1, area.width, list_height);
        self.render_list(list, buf);
        let summary = Rect::new(area.x, list.bottom(), area.width, summary_height);
        self.render_summary(summary, buf);
        for (row, line) in notes.into_iter().take(notes_height as usize).enumerate() {
            let y = summary.bottom() + row as u16;
            line.render(
                Rect::new(area.x + 1, y, area.width.saturating_sub(2), 1),
                buf,
            );
        }
    }
}

impl Menu {
    /// The rows of the list, with a window that keeps the selection in
    /// view.
    fn render_list(&self, area: Rect, buf: &mut Buffer) {
        if area.is_empty() {
            return;
        }
        let theme = &self.settings().theme;
        let lang = self.lang();
        let w = words(lang);
        let rows: Vec<Line> = self
            .entries()
            .iter()
            .enumerate()
            .map(|(i, entry)| self.row(entry, i == self.selected(), area.width as usize))
            .collect();
        let rows = if rows.is_empty() || self.lessons().is_empty() {
            let mut r = vec![Line::styled(
                format!("  {}", w.no_lessons),
                theme.fg(theme.bad),
            )];
            r.extend(rows);
            r
        } else {
            rows
        };
        // Top margin of one row when there is room for it.
        let margin = usize::from(area.height as usize > rows.len());
        let height = area.height as usize - margin;
        let first = self.selected().saturating_sub(height.saturating_sub(2));
        for (k, line) in rows.into_iter().skip(first).take(height).enumerate() {
            let y = area.y + (margin + k) as u16;
            line.render(Rect::new(area.x, y, area.width, 1), buf);
        }
    }

    fn row(&self, entry: &Entry, selected: bool, width: usize) -> Line<'static> {
        let theme = &self.settings().theme;
        let lang = self.lang();
        let w = words(lang);
        let pointer = if selected { " ▸ " } else { "   " };
        let emphasis = if selected {
            theme
                .fg(theme.accent)
                .add_modifier(Modifier::BOLD | Modifier::REVERSED)
        } else {
            theme.base()
        };
        match entry {
            Entry::Track(track) => Line::styled(
                format!(" {}", track_name(track)),
                theme
                    .base()
                    .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            ),
            Entry::SandboxHeading => Line::styled(
                format!(" {}", w.sandbox),
                theme
                    .base()
                    .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            ),
            Entry::Sandbox(family) => Line::from(vec![
                Span::styled(pointer, theme.fg(theme.accent)),
                Span::styled("  ◇ ", theme.dimmed()),
                Span::styled(format!(" {} ", family.sandbox_blurb(lang)), emphasis),
            ]),
            Entry::Lesson { index, number } => {
                let lesson = self.lessons()[*index].about();
                let done = self.progress().lessons.get(lesson.id);
                let (mark, mark_style) = match done {
                    Some(p) if p.completed => ("✓".to_owned(), theme.fg(theme.ok)),
                    Some(p) if !p.steps.is_empty() => (
                        format!("{}/{}", p.steps.len().min(lesson.steps), lesson.steps),
                        theme.fg(theme.accent),
                    ),
                    _ => ("·".to_owned(), theme.dimmed()),
                };
                let title = format!(" {number} {} ", lesson.title.get(lang));
                let used = 3 + 5 + title.width() + 2;
                let summary = shorten(lesson.summary.first_line(lang), width.saturating_sub(used));
                Line::from(vec![
                    Span::styled(pointer, theme.fg(theme.accent)),
                    Span::styled(
                        format!("{mark:>4} "),
                        mark_style.add_modifier(Modifier::BOLD),
                    ),
                    Span::styled(title, emphasis),
                    Span::styled(format!("  {summary}"), theme.dimmed()),
                ])
            }
        }
    }

    /// The selected lesson's summary, wrapped, under a rule.
    fn render_summary(&self, area: Rect, buf: &mut Buffer) {
        if area.height < 2 {
            return;
        }
        let theme = &self.settings().theme;
        let lang = self.lang();
        let block = Block::new()
            .borders(Borders::TOP)
            .border_style(theme.fg(theme.border));
        let inner = block.inner(area);
        block.render(area, buf);
        let text = match self.selected_lesson() {
            Some(lesson) => {
                let lesson = lesson.about();
                format!(
                    "{} · {} · {}",
                    lesson.title.get(lang),
                    step_count(lesson.steps, lang),
                    lesson.summary.get(lang)
                )
            }
            None => match self.entries().get(self.selected()) {
                Some(Entry::Sandbox(family)) => family.sandbox_blurb(lang).to_owned(),
                _ => String::new(),
            },
        };
        let width = inner.width.saturating_sub(2) as usize;
        for (row, line) in wrap(&text, width)
            .into_iter()
            .take(inner.height as usize)
            .enumerate()
        {
            Line::styled(line, theme.base()).render(
                Rect::new(inner.x + 1, inner.y + row as u16, width as u16, 1),
                buf,
            );
        }
    }

    /// Problems to mention under the list: a notice, unreadable lessons.
    fn notes(&self, width: usize) -> Vec<Line<'static>> {
        let theme = &self.settings().theme;
        let mut lines = Vec::new();
        if let Some(notice) = self.notice() {
            for piece in wrap(notice, width) {
                lines.push(Line::styled(piece, theme.fg(theme.bad)));
            }
        }
        if !self.problems().is_empty() {
            lines.push(Line::styled(
                words(self.lang()).broken_lessons.to_owned(),
                theme.fg(theme.bad).add_modifier(Modifier::BOLD),
            ));
            for problem in self.problems() {
                lines.push(Line::styled(shorten(problem, width), theme.fg(theme.bad)));
            }
        }
        lines
    }
}

/// A track's name as a heading: `raft` reads `Raft`.
fn track_name(track: &str) -> String {
    let mut chars = track.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn step_count(n: usize, lang: Lang) -> String {
    match n {
        1 => say!(lang, en: "{n} step", zh: "{n} 步"),
        _ => say!(lang, en: "{n} steps", zh: "{n} 步"),
    }
}
