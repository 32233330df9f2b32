//! Raft's panels: the node inspector (everything Figure 2 says a server
//! keeps) and the logs strip (one row per node, one cell per entry).

mod inspector;
mod logs;
mod words;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::clients;
use super::family::{FamilyView, Glossary};
use super::placement::Placement;
use crate::app::App;
use crate::protocols::raft::Raft;
use crate::protocols::SimOf;
use crate::sim::NodeId;
use crate::units::Lang;

impl FamilyView for Raft {
    fn glossary(lang: Lang) -> Glossary {
        let w = words::words(lang);
        Glossary {
            legend: &w.legend,
            legend_line: w.legend_line,
            roles: &w.roles,
            epoch: w.term,
            request: w.request,
        }
    }

    fn inspector(app: &App<Raft>, area: Rect, buf: &mut Buffer) {
        inspector::render(app, area, buf);
    }

    fn strip(app: &App<Raft>, area: Rect, buf: &mut Buffer) {
        logs::render(app, area, buf);
    }

    fn strip_node_at(app: &App<Raft>, area: Rect, row: u16) -> Option<NodeId> {
        logs::node_at(app, area, row)
    }

    /// Servers on a ring; with client processes, servers in one lane and
    /// clients in another, so that requests visibly cross between them.
    fn placement(sim: &SimOf<Raft>, area: Rect) -> Placement {
        clients::placement(sim.nodes(), area)
    }
}
