//! The drawing contract: what a family draws itself. Everything else on
//! the screen (the ring, moving messages, the feed, the lesson panel) is
//! drawn the same way for every family from what the family contract says
//! a node and a message mean.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::placement::Placement;
use crate::app::{Action, App};
use crate::protocols::{Family, SimOf};
use crate::sim::NodeId;
use crate::units::Lang;

/// What the screen's shared parts say about a family, in one language:
/// the help overlay, the line under the picture, presenter mode.
pub struct Glossary {
    /// The picture's letters and glyphs explained.
    pub legend: &'static [(&'static str, &'static str)],
    /// The message glyphs on one line, under the picture.
    pub legend_line: &'static str,
    /// The roles' names (as [`crate::protocols::Mark`] gives them, in
    /// English) beside their names in this language, in the same order in
    /// every language; none for a family whose roles keep their English
    /// names.
    pub roles: &'static [(&'static str, &'static str)],
    /// The epoch's name (term, ballot).
    pub epoch: &'static str,
    /// What the request key does in this family.
    pub request: &'static str,
}

pub trait FamilyView: Family {
    /// Most members the picture draws readably; a larger cluster (files
    /// allow up to [`crate::units::MAX_NODES`]) is said to be too large
    /// instead of drawn as a tangle.
    const MAX_DRAWN: usize = 9;
    /// The family's words on the shared parts of the screen, in `lang`.
    fn glossary(lang: Lang) -> Glossary;
    /// What `action`'s key does in this family, in `lang`, for the help
    /// overlay; `None` for a key that does nothing here, which the help
    /// leaves out.
    fn key_help(action: Action, lang: Lang) -> Option<&'static str> {
        generic_key_help::<Self>(action, lang)
    }
    /// A role's name (from [`crate::protocols::Mark`]) in `lang`.
    fn role_name(name: &'static str, lang: Lang) -> &'static str {
        Self::glossary(lang)
            .roles
            .iter()
            .zip(Self::glossary(Lang::En).roles)
            .find(|(_, en)| en.0 == name)
            .map_or(name, |(here, _)| here.1)
    }

    /// The selected node in detail, inside the inspector's frame (which
    /// names the node).
    fn inspector(app: &App<Self>, area: Rect, buf: &mut Buffer);
    /// One row per node under the picture: Raft's logs grid. Nothing by
    /// default.
    fn strip(_app: &App<Self>, _area: Rect, _buf: &mut Buffer) {}
    /// The node whose strip row covers screen row `row`, if any.
    fn strip_node_at(_app: &App<Self>, _area: Rect, _row: u16) -> Option<NodeId> {
        None
    }
    /// Where the members sit in the picture: a ring unless the family
    /// places its kinds in lanes ([`Placement::lanes`]).
    fn placement(sim: &SimOf<Self>, area: Rect) -> Placement {
        Placement::ring(area, sim.cluster_size())
    }
    /// Where the members sit in presenter mode, whose large boxes carry no
    /// [`FamilyView::annotate`] beside them: the plain picture's placement
    /// unless the family keeps room there for what it annotates.
    fn present_placement(sim: &SimOf<Self>, area: Rect) -> Placement {
        Self::placement(sim, area)
    }
    /// How full the gauge under member `id` is, from 0 to 1, if it has
    /// one: the countdown of its main timer unless the family knows what
    /// matters more (a lock client's lease on its own clock).
    fn gauge(app: &App<Self>, id: NodeId) -> Option<f64> {
        super::cluster::timer_left(app, id)
    }
    /// Draws what the family shows beside its members in the picture
    /// `area` (a lock client's lease, ZooKeeper's queue), over the links
    /// and under the messages; nothing by default.
    fn annotate(_app: &App<Self>, _placement: &Placement, _area: Rect, _buf: &mut Buffer) {}
}

/// What a key does in any family: the keymap's words, the request key's
/// plain meaning, and no timeout key for a family without a main timer.
pub fn generic_key_help<F: FamilyView>(action: Action, lang: Lang) -> Option<&'static str> {
    match action {
        Action::ClientWrite => Some(F::glossary(lang).request),
        Action::ForceTimeout if F::main_timer().is_none() => None,
        Action::ToggleMember if !F::MEMBERSHIP => None,
        _ => Some(action.text(lang)),
    }
}
