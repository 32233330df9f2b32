//! The dispatch view: the generator, the balancer and the servers in three
//! lanes; under them the strip of queues, "why this pick" and the latency
//! chart; the selected member in the inspector.

mod chart;
mod inspector;
mod stats;
mod strip;
mod why;
mod words;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::family::{generic_key_help, FamilyView, Glossary};
use super::placement::Placement;
use crate::app::{Action, App};
use crate::protocols::balance::Balancer;
use crate::protocols::SimOf;
use crate::sim::NodeId;
use crate::units::Lang;

impl FamilyView for Balancer {
    const MAX_DRAWN: usize = 14;
    fn glossary(lang: Lang) -> Glossary {
        let w = words::words(lang);
        Glossary {
            legend: &w.legend,
            legend_line: w.legend_line,
            roles: &w.roles,
            epoch: w.epoch,
            request: w.request,
        }
    }

    fn key_help(action: Action, lang: Lang) -> Option<&'static str> {
        match action {
            // No node leads: the key would only say so.
            Action::SelectLeader => None,
            _ => generic_key_help::<Self>(action, lang),
        }
    }

    fn inspector(app: &App<Balancer>, area: Rect, buf: &mut Buffer) {
        inspector::render(app, area, buf);
    }

    fn strip(app: &App<Balancer>, area: Rect, buf: &mut Buffer) {
        strip::render(app, area, buf);
    }

    fn strip_node_at(app: &App<Balancer>, area: Rect, row: u16) -> Option<NodeId> {
        strip::node_at(app, area, row)
    }

    /// The generator, the balancer and the servers (spare slots last) in
    /// three lanes, left to right, as requests flow; a row each where the
    /// servers' lane is too short for a gauge under every label.
    fn placement(sim: &SimOf<Balancer>, area: Rect) -> Placement {
        Placement::lanes_or_rows(area, &[1, 1, sim.cluster_size().saturating_sub(2)])
    }
}
