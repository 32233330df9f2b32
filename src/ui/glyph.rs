//! The glyphs every family shares. A family's own message glyphs come from
//! its contract ([`crate::protocols::MsgLook`]), so the picture reads
//! without colour.

/// Where a dropped message died.
pub const DROP: &str = "╳";

/// The shared glyphs explained, for the help overlay.
pub const LEGEND: [(&str, &str); 3] = [
    ("╳", "message dropped"),
    ("t=", "the simulated clock"),
    ("▶ ⏸", "playing / paused"),
];
