//! The lesson panel: where the step stands, its narration, the question
//! and its answer, the goals ticking off, the hint, and the keys that move
//! on. The keys line is pinned to the bottom and the goals above it, so
//! that however small the window, the learner always sees what to do next;
//! narration that does not fit scrolls, with a marker naming the key.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};
use unicode_width::UnicodeWidthStr;

use super::family::FamilyView;
use super::wrap::{shorten, wrap};
use crate::app::words::{words, Words};
use crate::app::{Action, App, Theme, Tutor};
use crate::lesson::{Countdown, Phase, StepStatus};
use crate::protocols::SimOf;
use crate::sim::format_time;
use crate::units::Lang;

/// The panel's text laid out for its area.
struct Panel {
    /// Where text goes, inside the border with a column of air each side.
    inner: Rect,
    /// Text from the top: header, narration, question. Scrolls.
    top: Vec<Line<'static>>,
    /// Lines kept above the footer: goals and hint.
    pinned: Vec<Line<'static>>,
    /// What to press now.
    footer: Vec<Line<'static>>,
}

impl Panel {
    fn compose<F: FamilyView>(app: &App<F>, tutor: &Tutor<F>, area: Rect) -> Panel {
        let inner = block(app, tutor, area.width).inner(area);
        let inner = Rect::new(
            inner.x + 1,
            inner.y,
            inner.width.saturating_sub(2),
            inner.height,
        );
        let text = Texts {
            theme: app.theme(),
            width: inner.width as usize,
            words: words(tutor.lang()),
        };
        let key = |action| app.key_label(action);
        let (top, pinned, footer) = if tutor.run().is_finished() {
            finished(&text, tutor, &key)
        } else {
            current_step(&text, app, tutor, &key)
        };
        Panel {
            inner,
            top,
            pinned,
            footer,
        }
    }

    /// Rows for (top, pinned, footer): the footer first, then the pinned
    /// lines, and the top text gets what is left.
    fn rows(&self) -> (usize, usize, usize) {
        let height = self.inner.height as usize;
        let footer = self.footer.len().min(height);
        let pinned = self.pinned.len().min(height - footer);
        (height - footer - pinned, pinned, footer)
    }

    /// How far the top text can scroll.
    fn overflow(&self) -> usize {
        let (rows, _, _) = self.rows();
        self.top.len().saturating_sub(rows)
    }
}

/// The lesson column's frame, titled by the lesson (cut with an ellipsis
/// where the column is narrow).
fn block<'a, F: FamilyView>(app: &'a App<F>, tutor: &Tutor<F>, width: u16) -> Block<'a> {
    let theme = app.theme();
    Block::new()
        .borders(Borders::TOP | Borders::LEFT)
        .border_style(theme.fg(theme.accent))
        .title(format!(
            " {} ",
            shorten(
                tutor.lesson().title.get(tutor.lang()),
                usize::from(width).saturating_sub(3)
            )
        ))
        .title_style(theme.base().add_modifier(Modifier::BOLD))
}

/// How many rows the lesson text in a panel of `area` can scroll by.
pub fn overflow<F: FamilyView>(app: &App<F>, area: Rect) -> u16 {
    app.tutor().map_or(0, |tutor| {
        Panel::compose(app, tutor, area).overflow() as u16
    })
}

pub fn render<F: FamilyView>(app: &App<F>, area: Rect, buf: &mut Buffer) {
    let Some(tutor) = app.tutor() else {
        return;
    };
    let theme = app.theme();
    block(app, tutor, area.width).render(area, buf);
    let panel = Panel::compose(app, tutor, area);
    if panel.inner.is_empty() {
        return;
    }
    let (top_rows, pinned_rows, footer_rows) = panel.rows();
    let total = panel.top.len();
    let scroll = (tutor.scroll() as usize).min(panel.overflow());
    let key = |action| app.key_label(action);
    let mut lines: Vec<Line> = panel.top.into_iter().skip(scroll).take(top_rows).collect();
    // Text cut off above or below is announced with the key that shows it.
    if total > top_rows && top_rows >= 3 {
        let marker = |arrow: &str, action| {
            Line::styled(
                format!("{arrow} {} {}", key(action), words(tutor.lang()).more),
                theme.fg(theme.accent).add_modifier(Modifier::BOLD),
            )
        };
        if scroll > 0 {
            lines[0] = marker("↑", Action::LessonUp);
        }
        if scroll + top_rows < total {
            lines[top_rows - 1] = marker("↓", Action::LessonDown);
        }
    }
    while lines.len() < top_rows {
        lines.push(Line::default());
    }
    lines.extend(panel.pinned.into_iter().take(pinned_rows));
    lines.extend(panel.footer.into_iter().take(footer_rows));
    for (row, line) in lines.into_iter().enumerate() {
        line.render(
            Rect::new(
                panel.inner.x,
                panel.inner.y + row as u16,
                panel.inner.width,
                1,
            ),
            buf,
        );
    }
}

/// The panel's parts: text from the top, lines pinned above the footer,
/// and the footer.
type Sections = (Vec<Line<'static>>, Vec<Line<'static>>, Vec<Line<'static>>);

fn finished<F: FamilyView>(
    text: &Texts,
    tutor: &Tutor<F>,
    key: &dyn Fn(Action) -> String,
) -> Sections {
    let theme = text.theme;
    let mut top = header(text, tutor);
    top.push(Line::styled(
        text.words.complete,
        theme.fg(theme.ok).add_modifier(Modifier::BOLD),
    ));
    top.push(Line::default());
    top.extend(text.para("", tutor.lesson().summary.get(tutor.lang()), theme.base()));
    let footer = text.keys(&[
        text.words.back_to_menu(key(Action::Continue)),
        text.words.previous(key(Action::PrevStep)),
    ]);
    (top, Vec::new(), footer)
}

fn current_step<F: FamilyView>(
    text: &Texts,
    app: &App<F>,
    tutor: &Tutor<F>,
    key: &dyn Fn(Action) -> String,
) -> Sections {
    let theme = text.theme;
    let step = tutor.run().step();
    let lang = tutor.lang();
    let mut top = header(text, tutor);
    let mut say = text.para("", step.say.get(lang), theme.base());
    if step.lab.is_some() {
        let offer = match tutor.redis_installed() {
            true => text.words.lab_offer(key(Action::RunLab)),
            false => text.words.lab_skipped(key(Action::Continue)),
        };
        say.push(Line::default());
        say.extend(text.para("", &offer, theme.fg(theme.accent)));
    }
    // While a question waits, it is pinned above the keys so that its
    // options are on screen however small the window (the goals would give
    // its answer away, so they wait). Once answered, the verdict, the why
    // and what it reveals come first: the narration above was read already.
    let mut pinned = Vec::new();
    match &step.question {
        Some(q) if tutor.is_asking() => {
            top.extend(say);
            pinned.push(Line::default());
            pinned.extend(question(text, tutor, q, lang));
        }
        Some(q) => {
            top.extend(question(text, tutor, q, lang));
            top.push(Line::default());
            top.extend(say);
            pinned.extend(goals(text, app, tutor));
        }
        None => {
            top.extend(say);
            pinned.extend(goals(text, app, tutor));
        }
    }
    if let (true, Some(hint)) = (tutor.hint_open(), &step.hint) {
        pinned.push(Line::default());
        pinned.extend(text.para(text.words.hint, hint.get(lang), theme.fg(theme.accent)));
    }
    (top, pinned, footer_keys(text, tutor, app.sim(), key))
}

/// Wrapping helpers bound to the panel's width and language.
struct Texts<'a> {
    theme: &'a Theme,
    width: usize,
    words: &'static Words,
}

impl Texts<'_> {
    /// `body` wrapped after `prefix`; continuation lines are indented to
    /// line up under the body.
    fn para(&self, prefix: &str, body: &str, style: Style) -> Vec<Line<'static>> {
        let indent = prefix.width();
        let room = self.width.saturating_sub(indent).max(4);
        wrap(body, room)
            .into_iter()
            .enumerate()
            .map(|(i, piece)| {
                let lead = if i == 0 {
                    prefix.to_owned()
                } else {
                    " ".repeat(indent)
                };
                Line::from(vec![
                    Span::styled(lead, style.add_modifier(Modifier::BOLD)),
                    Span::styled(piece, style),
                ])
            })
            .collect()
    }

    /// Key labels on one line, separated by dots, or one per line when
    /// they do not fit on one.
    fn keys(&self, parts: &[String]) -> Vec<Line<'static>> {
        let style = self.theme.fg(self.theme.accent);
        let joined = parts.join(" · ");
        if joined.width() <= self.width {
            return vec![Line::styled(joined, style)];
        }
        parts.iter().flat_map(|p| self.para("", p, style)).collect()
    }
}

/// "Step 2/5 · title" and a row of dots, one per step.
fn header<F: FamilyView>(text: &Texts, tutor: &Tutor<F>) -> Vec<Line<'static>> {
    let theme = text.theme;
    let run = tutor.run();
    let lang = tutor.lang();
    let shown = if run.is_finished() {
        run.len()
    } else {
        run.index() + 1
    };
    let counter = text.words.step(format!("{shown}/{}", run.len()));
    let title = if run.is_finished() {
        String::new()
    } else {
        format!(" · {}", run.step().title.get(lang))
    };
    let mut lines = text.para(
        "",
        &format!("{counter}{title}"),
        theme.fg(theme.accent).add_modifier(Modifier::BOLD),
    );
    let dots: Vec<Span> = run
        .statuses()
        .iter()
        .enumerate()
        .map(|(i, status)| {
            let current = i == run.index() && !run.is_finished();
            let (glyph, style) = match status {
                StepStatus::Met => ("✓", theme.fg(theme.ok)),
                StepStatus::Failed => ("✗", theme.fg(theme.bad)),
                StepStatus::Pending if current => {
                    ("●", theme.fg(theme.accent).add_modifier(Modifier::BOLD))
                }
                StepStatus::Pending => ("·", theme.dimmed()),
            };
            Span::styled(format!("{glyph} "), style)
        })
        .collect();
    lines.push(Line::from(dots));
    lines.push(Line::default());
    lines
}

/// The question, its options, and once answered, the verdict and why.
fn question<F: FamilyView>(
    text: &Texts,
    tutor: &Tutor<F>,
    q: &crate::lesson::Question,
    lang: Lang,
) -> Vec<Line<'static>> {
    let theme = text.theme;
    let answer = tutor.run().answer_given();
    // Answered, the chosen option says what was asked: the rows the
    // question took go to the why and to what it reveals, which the
    // learner reads while the clock runs.
    let mut lines = match answer {
        None => text.para(
            "? ",
            q.ask.get(lang),
            theme.base().add_modifier(Modifier::BOLD),
        ),
        Some(_) => Vec::new(),
    };
    for (i, option) in q.options.iter().enumerate() {
        let n = i + 1;
        let (mark, style) = match answer {
            Some(a) if a.correct == n => ("✓", theme.fg(theme.ok).add_modifier(Modifier::BOLD)),
            Some(a) if a.chosen == n => ("✗", theme.fg(theme.bad)),
            // Answered: the other options go, so that the verdict fits
            // beside the step's text on a small screen.
            Some(_) => continue,
            None => (" ", theme.base()),
        };
        lines.extend(text.para(&format!("{mark}{n}  "), option.get(lang), style));
    }
    match answer {
        None => {}
        Some(a) => {
            let verdict = if a.is_correct() {
                text.words.right.to_owned()
            } else {
                text.words.wrong(a.correct.to_string())
            };
            let style = if a.is_correct() {
                theme.fg(theme.ok)
            } else {
                theme.fg(theme.bad)
            };
            lines.extend(text.para("", &verdict, style.add_modifier(Modifier::BOLD)));
            lines.extend(text.para("", q.explain.get(lang), theme.base()));
            if let Some(reveal) = &tutor.run().step().reveal {
                lines.push(Line::default());
                lines.extend(text.para("", reveal.get(lang), theme.base()));
            }
        }
    }
    lines
}

/// The step's goals, each ticked once it holds.
fn goals<F: FamilyView>(text: &Texts, app: &App<F>, tutor: &Tutor<F>) -> Vec<Line<'static>> {
    let theme = text.theme;
    let goals = tutor.run().goals(app.sim(), tutor.lang());
    if goals.is_empty() {
        return Vec::new();
    }
    let met = tutor.phase() == Phase::Met;
    let mut lines = vec![
        Line::default(),
        Line::styled(text.words.goals, theme.base().add_modifier(Modifier::BOLD)),
    ];
    for (goal, holds) in goals {
        let (mark, style) = if holds || met {
            ("✓ ", theme.fg(theme.ok))
        } else {
            ("○ ", theme.base())
        };
        lines.extend(text.para(mark, &goal, style));
    }
    lines
}

/// What to press now, for the step's phase.
fn footer_keys<F: FamilyView>(
    text: &Texts,
    tutor: &Tutor<F>,
    sim: &SimOf<F>,
    key: &dyn Fn(Action) -> String,
) -> Vec<Line<'static>> {
    let theme = text.theme;
    let w = text.words;
    let continues = matches!(tutor.run().step().finish, crate::lesson::Finish::Continue);
    let state = match tutor.phase() {
        Phase::Asking => tutor.run().step().question.as_ref().map(|q| {
            let keys = match q.options.len() {
                1 => key(Action::Answer(1)),
                n => format!("{}–{}", key(Action::Answer(1)), key(Action::Answer(n))),
            };
            (
                w.answer_with(&keys),
                theme.fg(theme.accent).add_modifier(Modifier::BOLD),
            )
        }),
        Phase::Running if continues => Some((
            w.continue_key(key(Action::Continue)),
            theme.fg(theme.accent).add_modifier(Modifier::BOLD),
        )),
        Phase::Running if tutor.run().waits_for_learner() => Some((
            w.task_waits(key(Action::TogglePlay)),
            theme.fg(theme.accent).add_modifier(Modifier::BOLD),
        )),
        Phase::Running => Some(match tutor.run().countdown(sim) {
            Some(Countdown::Left(left)) => (w.time_left(format_time(left)), theme.base()),
            Some(Countdown::Late(by)) => (w.late_by(format_time(by)), theme.fg(theme.paused)),
            None => (w.waiting.to_owned(), theme.dimmed()),
        }),
        Phase::Met => Some((
            match tutor.run().countdown(sim) {
                Some(Countdown::Late(by)) if tutor.run().was_late() => {
                    w.met_late(format_time(by), key(Action::Continue))
                }
                _ => w.met(key(Action::Continue)),
            },
            theme.fg(theme.ok).add_modifier(Modifier::BOLD),
        )),
        Phase::Failed => Some((
            w.failed(key(Action::RetryStep)),
            theme.fg(theme.bad).add_modifier(Modifier::BOLD),
        )),
        Phase::Finished => None,
    };
    let mut lines = Vec::new();
    if let Some((line, style)) = state {
        lines.extend(text.para("", &line, style));
    }
    let mut extra = Vec::new();
    let step = tutor.run().step();
    if step.hint.is_some() && !tutor.hint_open() {
        extra.push(w.hint_key(key(Action::ToggleHint)));
    }
    // Once the hint is out, offer the last resort: the lesson does it.
    let hinted = tutor.hint_open() || step.hint.is_none();
    if hinted && tutor.phase() == Phase::Running && !step.autoplay.is_empty() {
        extra.push(w.do_task(key(Action::DoTask)));
    }
    if tutor.run().index() > 0 {
        extra.push(w.previous(key(Action::PrevStep)));
    }
    if !extra.is_empty() {
        lines.extend(text.keys(&extra));
    }
    lines
}
