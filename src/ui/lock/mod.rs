//! The lock view: members in lanes (clients, the lock service, storage)
//! with a card beside each where there is room, the selected member in
//! detail, and a time-line strip whose bars are each client's critical
//! sections, so overlaps show at a glance, under a line each for the lock
//! service and storage.

mod inspector;
mod picture;
mod strip;
mod text;
mod words;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::family::{generic_key_help, FamilyView, Glossary};
use super::placement::Placement;
use crate::app::{Action, App};
use crate::protocols::lock::Lock;
use crate::protocols::SimOf;
use crate::sim::NodeId;
use crate::units::Lang;

impl FamilyView for Lock {
    fn glossary(lang: Lang) -> Glossary {
        let w = words::words(lang);
        Glossary {
            legend: &w.legend,
            legend_line: w.legend_line,
            roles: &w.roles,
            epoch: w.token_word,
            request: w.request,
        }
    }

    fn key_help(action: Action, lang: Lang) -> Option<&'static str> {
        match action {
            Action::ForceTimeout => Some(words::words(lang).work_now),
            // No node leads: the key would only say so.
            Action::SelectLeader => None,
            _ => generic_key_help::<Self>(action, lang),
        }
    }

    fn inspector(app: &App<Lock>, area: Rect, buf: &mut Buffer) {
        inspector::render(app, area, buf);
    }

    fn strip(app: &App<Lock>, area: Rect, buf: &mut Buffer) {
        strip::render(app, area, buf);
    }

    fn strip_node_at(app: &App<Lock>, area: Rect, row: u16) -> Option<NodeId> {
        strip::node_at(app, area, row)
    }

    fn placement(sim: &SimOf<Lock>, area: Rect) -> Placement {
        picture::placement(sim, area)
    }

    fn present_placement(sim: &SimOf<Lock>, area: Rect) -> Placement {
        picture::present_lanes(sim, area)
    }

    fn gauge(app: &App<Lock>, id: NodeId) -> Option<f64> {
        picture::gauge(app, id)
    }

    fn annotate(app: &App<Lock>, placement: &Placement, area: Rect, buf: &mut Buffer) {
        picture::annotate(app, placement, area, buf);
    }
}
