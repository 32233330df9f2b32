//! The glyphs every family shares. A family's own message glyphs come from
//! its contract ([`crate::protocols::MsgLook`]), so the picture reads
//! without colour.

use crate::text;
use crate::units::Lang;

/// Where a dropped message died.
pub const DROP: &str = "╳";

/// The shared glyphs explained, for the help overlay, each with its
/// languages side by side.
const fn legend_in(lang: Lang) -> [(&'static str, &'static str); 3] {
    [
        ("╳", text!(lang, en: "message dropped", zh: "消息被丢弃")),
        ("t=", text!(lang, en: "the simulated clock", zh: "模拟时钟")),
        (
            "▶ ⏸",
            text!(lang, en: "playing / paused", zh: "播放中 / 已暂停"),
        ),
    ]
}

static LEGEND: [(&str, &str); 3] = legend_in(Lang::En);
static LEGEND_ZH: [(&str, &str); 3] = legend_in(Lang::Zh);

/// What every family's picture shares, explained in `lang`.
pub fn legend(lang: Lang) -> &'static [(&'static str, &'static str)] {
    match lang {
        Lang::En => &LEGEND,
        Lang::Zh => &LEGEND_ZH,
    }
}
