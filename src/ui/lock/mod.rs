//! The lock view: the selected member in detail (a client's token and
//! lease, a server's key or queue, storage's last operations), and a
//! time-line strip whose bars are each client's critical sections, so
//! overlaps show at a glance, above one line each for the lock service
//! and storage.

mod inspector;
mod strip;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::family::FamilyView;
use crate::app::App;
use crate::protocols::lock::Lock;
use crate::sim::NodeId;

impl FamilyView for Lock {
    const LEGEND: &'static [(&'static str, &'static str)] = &[
        ("H W A I", "holding, waiting (watch), acquiring, idle"),
        ("R Z S", "Redis server, ZooKeeper, storage"),
        ("◆ ✓ ✗ ◇", "lock request / granted / refused / unlock"),
        ("+ ● ? ≡", "create node / created / list / children"),
        ("◎ ! ¡", "watch / node deleted / children changed"),
        ("▷ ◁ ■ □ ⊘", "read / value / write / stored / refused"),
        ("♥ ♡ ⧗", "heartbeat / reply / session expired"),
        (
            "█ ░",
            "time-line: holding / holding after the lease ran out",
        ),
    ];
    const LEGEND_LINE: &'static str =
        "◆ lock ✓✗ granted/refused ◇ unlock  + create  ! wake  ▷◁ read  ■ write  ♥ heartbeat  ╳ drop";

    fn inspector(app: &App<Lock>, area: Rect, buf: &mut Buffer) {
        inspector::render(app, area, buf);
    }

    fn strip(app: &App<Lock>, area: Rect, buf: &mut Buffer) {
        strip::render(app, area, buf);
    }

    fn strip_node_at(app: &App<Lock>, area: Rect, row: u16) -> Option<NodeId> {
        strip::node_at(app, area, row)
    }
}
