//! Raft's panels: the node inspector (everything Figure 2 says a server
//! keeps) and the logs strip (one row per node, one cell per entry).

mod inspector;
mod logs;
mod words;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::family::{generic_key_help, FamilyView};
use crate::app::{Action, App};
use crate::protocols::raft::Raft;
use crate::sim::NodeId;
use crate::units::Lang;

impl FamilyView for Raft {
    fn legend(lang: Lang) -> &'static [(&'static str, &'static str)] {
        &words::words(lang).legend
    }

    fn legend_line(lang: Lang) -> &'static str {
        words::words(lang).legend_line
    }

    fn key_help(action: Action, lang: Lang) -> Option<&'static str> {
        match action {
            Action::ClientWrite => Some(words::words(lang).request),
            _ => generic_key_help::<Self>(action, lang),
        }
    }

    fn roles(lang: Lang) -> &'static [(&'static str, &'static str)] {
        &words::words(lang).roles
    }

    fn epoch_name(lang: Lang) -> &'static str {
        words::words(lang).term
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
}
