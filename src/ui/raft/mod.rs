//! Raft's panels: the node inspector (everything Figure 2 says a server
//! keeps) and the logs strip (one row per node, one cell per entry).

mod inspector;
mod logs;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::family::FamilyView;
use crate::app::App;
use crate::protocols::raft::Raft;
use crate::sim::NodeId;

impl FamilyView for Raft {
    const LEGEND: &'static [(&'static str, &'static str)] = &[
        ("F C L", "follower candidate leader"),
        ("P ✕", "pre-candidate, crashed"),
        ("◆ ◇", "vote request / pre-vote"),
        ("✓ ✗", "vote granted / denied"),
        ("■ ♥", "append / heartbeat"),
        ("● ○", "append ok / failed"),
        ("t1 c2", "term 1 · commitIndex 2"),
        ("▰▰▱", "election timer running out"),
        ("1a", "log cell: term 1, value a…"),
    ];
    const REQUEST_HELP: &'static str = "client write (to leader)";
    const LEGEND_LINE: &'static str =
        "◆ vote  ✓✗ granted/denied  ■ append  ♥ heartbeat  ●○ ok/failed  ╳ drop";

    fn inspector(app: &App<Raft>, area: Rect, buf: &mut Buffer) {
        inspector::render(app, area, buf);
    }

    fn strip(app: &App<Raft>, area: Rect, buf: &mut Buffer) {
        logs::render(app, area, buf);
    }

    fn strip_node_at(app: &App<Raft>, area: Rect, row: u16) -> Option<NodeId> {
        logs::node_at(app, area, row)
    }
}
