//! The glyphs every family shares. A family's own message glyphs come from
//! its contract ([`crate::protocols::MsgLook`]), so the picture reads
//! without colour.

use crate::units::Lang;

/// Where a dropped message died.
pub const DROP: &str = "╳";

/// The shared glyphs explained, for the help overlay.
const LEGEND: [(&str, &str); 3] = [
    ("╳", "message dropped"),
    ("t=", "the simulated clock"),
    ("▶ ⏸", "playing / paused"),
];
const LEGEND_ZH: [(&str, &str); 3] = [
    ("╳", "消息被丢弃"),
    ("t=", "模拟时钟"),
    ("▶ ⏸", "播放中 / 已暂停"),
];

/// What every family's picture shares, explained in `lang`.
pub fn legend(lang: Lang) -> &'static [(&'static str, &'static str)] {
    match lang {
        Lang::En => &LEGEND,
        Lang::Zh => &LEGEND_ZH,
    }
}
