//! The dispatch view: the servers' queues as bars under the picture, the
//! selected member in the inspector (the balancer's "why this pick" panel,
//! a server's queue and cache), and the latency chart.

mod chart;
mod inspector;
mod queues;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::family::FamilyView;
use crate::app::App;
use crate::lesson::Lang;
use crate::protocols::balance::Balancer;
use crate::sim::NodeId;

impl FamilyView for Balancer {
    const MAX_DRAWN: usize = 14;
    const LEGEND: &'static [(&'static str, &'static str)] = &[
        ("G B S", "generator balancer server"),
        ("W F", "slowed (⏬) / failing fast"),
        ("✕ ⊘", "crashed / ejected"),
        ("▸ ■", "request / work"),
        ("● ○", "answer / refusal"),
        ("♥ ♡", "health check / answer"),
        ("█ ░", "in service / queued"),
    ];
    const LEGEND_LINE: &'static str =
        "▸ request  ■ work  ● answer  ○ refused  ♥ probe  █ in service  ░ queued  ╳ drop";

    fn inspector(app: &App<Balancer>, area: Rect, buf: &mut Buffer) {
        inspector::render(app, area, buf);
    }

    fn strip(app: &App<Balancer>, area: Rect, buf: &mut Buffer) {
        queues::render(app, area, buf);
    }

    fn strip_node_at(app: &App<Balancer>, area: Rect, row: u16) -> Option<NodeId> {
        queues::node_at(app, area, row)
    }
}

/// The screen's language: the lesson's, else English.
fn lang(app: &App<Balancer>) -> Lang {
    app.lang()
}

/// `en` or `zh` as the screen's language asks.
fn tr(app: &App<Balancer>, en: &'static str, zh: &'static str) -> &'static str {
    match lang(app) {
        Lang::En => en,
        Lang::Zh => zh,
    }
}
