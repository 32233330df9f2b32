//! Paxos's panels: the node inspector (its promise, what it accepted and
//! learned, and as a proposer its ballot and quorum progress) and the slot
//! table (one row per acceptor, one cell per slot).

mod inspector;
mod slots;
mod words;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::clients;
use super::family::{FamilyView, Glossary};
use super::placement::Placement;
use crate::app::App;
use crate::protocols::paxos::{Command, Paxos};
use crate::protocols::SimOf;
use crate::sim::NodeId;
use crate::units::Lang;

impl FamilyView for Paxos {
    fn glossary(lang: Lang) -> Glossary {
        let w = words::words(lang);
        Glossary {
            legend: &w.legend,
            legend_line: w.legend_line,
            roles: &w.roles,
            epoch: w.ballot,
            request: w.request,
        }
    }

    fn inspector(app: &App<Paxos>, area: Rect, buf: &mut Buffer) {
        inspector::render(app, area, buf);
    }

    fn strip(app: &App<Paxos>, area: Rect, buf: &mut Buffer) {
        slots::render(app, area, buf);
    }

    fn strip_node_at(app: &App<Paxos>, area: Rect, row: u16) -> Option<NodeId> {
        slots::node_at(app, area, row)
    }

    fn placement(sim: &SimOf<Paxos>, area: Rect) -> Placement {
        clients::placement(sim.nodes(), area)
    }
}

/// A command as a cell shows it: no-ops as `∅`, others by their value,
/// cut to `max` characters with `…` when longer, so that a cut value never
/// reads as another (`x=12` is never shown as `x=1`).
fn short(command: &Command, max: usize) -> String {
    if command.is_noop() {
        return "∅".into();
    }
    let value = &command.value;
    if value.chars().count() <= max {
        return value.to_string();
    }
    let mut cut: String = value.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// A command as the inspector lists it: its value quoted, cut to twelve
/// characters, or `∅` for a no-op.
fn quoted(command: &Command) -> String {
    if command.is_noop() {
        "∅".into()
    } else {
        format!("\"{}\"", short(command, 12))
    }
}
