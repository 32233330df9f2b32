//! The history view on its own (`distlab history view FILE`): a client
//! history as lanes of operations, its verdict, and where each operation
//! took effect, or which ones no order fits. The state a person moves with
//! keys lives here; `ui::history` draws it.

use std::any::Any;

use crossterm::event::{Event, KeyCode, KeyEventKind};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::action::Action;
use super::screen::ClusterScreen;
use super::settings::Settings;
use std::collections::BTreeMap;

use crate::history::{Client, History, Limits, Outcome, Verdict};

/// What the drawing of a history view offers the app: the app never
/// imports the ui.
pub trait HistoryPicture {
    fn render(&self, area: Rect, buf: &mut Buffer);
}

/// A history, its verdict and the window onto it.
pub struct HistoryView {
    pub name: String,
    pub history: History,
    pub verdict: Verdict,
    /// One lane per client, in order.
    pub clients: Vec<Client>,
    /// Where each operation took effect, on the event axis, when the
    /// history is linearizable (`None` for an `info` that never did).
    pub points: Vec<Option<f64>>,
    /// The first event shown and how many events the width holds.
    pub from: f64,
    pub span: f64,
    /// The first lane shown.
    pub top: usize,
    /// A running cluster's clients, shown beside its other views: the
    /// run's keys move it, not the view's own.
    pub live: bool,
    pub settings: Settings,
    quit: bool,
}

/// How far the view of a running cluster's clients searches before it
/// says "unknown": it is redrawn as the run goes, and must not stall it.
const LIVE_STEPS: u64 = 200_000;

impl HistoryView {
    pub fn new(name: String, history: History, settings: Settings) -> HistoryView {
        HistoryView::checked(name, history, settings, Limits::default())
    }

    /// The view of a running cluster's clients, searched within a bound.
    pub fn live(name: String, history: History, settings: Settings) -> HistoryView {
        let limits = Limits {
            steps: LIVE_STEPS,
            deadline: None,
        };
        HistoryView {
            live: true,
            ..HistoryView::checked(name, history, settings, limits)
        }
    }

    fn checked(name: String, history: History, settings: Settings, limits: Limits) -> HistoryView {
        let verdict = crate::history::check(&history, history.model(), limits);
        let mut clients: Vec<Client> = history.ops.iter().map(|op| op.client.clone()).collect();
        clients.sort();
        clients.dedup();
        let points = match &verdict {
            Verdict::Linearizable { order } => points(&history, order),
            _ => vec![None; history.ops.len()],
        };
        let span = events(&history).max(1) as f64;
        HistoryView {
            name,
            history,
            verdict,
            clients,
            points,
            from: 0.0,
            span,
            top: 0,
            live: false,
            settings,
            quit: false,
        }
    }

    /// How many events the history holds: the axis's length.
    pub fn events(&self) -> usize {
        events(&self.history)
    }

    pub fn update(&mut self, action: HistoryAction) {
        let whole = self.events().max(1) as f64;
        match action {
            HistoryAction::Pan(steps) => {
                self.from = (self.from + steps as f64 * self.span / 8.0)
                    .clamp(0.0, (whole - self.span).max(0.0));
            }
            HistoryAction::Zoom(closer) => {
                let centre = self.from + self.span / 2.0;
                self.span = if closer {
                    self.span / 2.0
                } else {
                    self.span * 2.0
                }
                .clamp(4.0_f64.min(whole), whole);
                self.from = (centre - self.span / 2.0).clamp(0.0, (whole - self.span).max(0.0));
            }
            HistoryAction::Whole => {
                self.from = 0.0;
                self.span = whole;
            }
            HistoryAction::Lanes(steps) => {
                let last = self.clients.len().saturating_sub(1) as i64;
                self.top = (self.top as i64 + steps as i64).clamp(0, last) as usize;
            }
            HistoryAction::Quit => self.quit = true,
        }
    }

    fn action(event: &Event) -> Option<HistoryAction> {
        let Event::Key(key) = event else {
            return None;
        };
        if key.kind != KeyEventKind::Press {
            return None;
        }
        Some(match key.code {
            KeyCode::Left => HistoryAction::Pan(-1),
            KeyCode::Right => HistoryAction::Pan(1),
            KeyCode::Char('+') | KeyCode::Char('=') => HistoryAction::Zoom(true),
            KeyCode::Char('-') => HistoryAction::Zoom(false),
            KeyCode::Char('0') | KeyCode::Home => HistoryAction::Whole,
            KeyCode::Up => HistoryAction::Lanes(-1),
            KeyCode::Down => HistoryAction::Lanes(1),
            KeyCode::PageUp => HistoryAction::Lanes(-10),
            KeyCode::PageDown => HistoryAction::Lanes(10),
            KeyCode::Char('q') | KeyCode::Esc => HistoryAction::Quit,
            _ => return None,
        })
    }
}

/// What a key does to the history view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HistoryAction {
    /// Along the time axis, by an eighth of the width.
    Pan(i32),
    /// Twice as close, or twice as far.
    Zoom(bool),
    /// The whole history in the width.
    Whole,
    /// The lanes, up or down.
    Lanes(i32),
    Quit,
}

fn events(history: &History) -> usize {
    history
        .ops
        .iter()
        .flat_map(|op| [Some(op.invoked), op.completed])
        .flatten()
        .map(|at| at.index + 1)
        .max()
        .unwrap_or(0)
}

/// An instant for each operation of `order` inside its own interval, in
/// that order, key by key: midway between the earliest it may be (after
/// its invocation and the point before it) and the latest (before its
/// completion and the point after it).
fn points(history: &History, order: &[usize]) -> Vec<Option<f64>> {
    let end = events(history) as f64;
    let mut points = vec![None; history.ops.len()];
    let mut keys: BTreeMap<Option<&str>, Vec<usize>> = BTreeMap::new();
    for &i in order {
        keys.entry(history.ops[i].key.as_deref())
            .or_default()
            .push(i);
    }
    for ops in keys.values() {
        let mut earliest = Vec::with_capacity(ops.len());
        let mut floor = 0.0_f64;
        for &i in ops {
            floor = floor.max(history.ops[i].invoked.index as f64 + 0.5);
            earliest.push(floor);
        }
        let mut ceiling = end;
        for (n, &i) in ops.iter().enumerate().rev() {
            let op = &history.ops[i];
            if let Some(done) = op.completed.filter(|_| op.outcome != Outcome::Info) {
                ceiling = ceiling.min(done.index as f64 + 0.5);
            }
            points[i] = Some((earliest[n] + ceiling) / 2.0);
        }
    }
    points
}

impl ClusterScreen for HistoryView
where
    HistoryView: HistoryPicture,
{
    fn handle_event(&mut self, event: &Event) {
        if let Some(action) = HistoryView::action(event) {
            self.update(action);
        }
    }

    fn update(&mut self, action: Action) {
        if matches!(action, Action::Quit) {
            self.quit = true;
        }
    }

    fn is_moving(&self) -> bool {
        false
    }

    fn should_quit(&self) -> bool {
        self.quit
    }

    fn should_exit(&self) -> bool {
        true
    }

    fn settings(&self) -> Settings {
        self.settings.clone()
    }

    fn render(&self, area: Rect, buf: &mut Buffer) {
        HistoryPicture::render(self, area, buf);
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}
