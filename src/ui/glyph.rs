//! One glyph per kind of message, so the picture reads without colour.

use ratatui::style::Color;

use crate::app::{MsgKind, Theme};

/// Where a dropped message died.
pub const DROP: &str = "╳";

pub fn glyph(kind: MsgKind) -> &'static str {
    match kind {
        MsgKind::PreVote => "◇",
        MsgKind::VoteRequest => "◆",
        MsgKind::VoteGranted => "✓",
        MsgKind::VoteDenied => "✗",
        MsgKind::Append => "■",
        MsgKind::Heartbeat => "♥",
        MsgKind::AppendOk => "●",
        MsgKind::AppendFailed => "○",
        MsgKind::Forward => "▸",
    }
}

pub fn color(theme: &Theme, kind: MsgKind) -> Color {
    match kind {
        MsgKind::PreVote | MsgKind::VoteRequest => theme.vote,
        MsgKind::VoteGranted | MsgKind::AppendOk => theme.ok,
        MsgKind::VoteDenied | MsgKind::AppendFailed => theme.bad,
        MsgKind::Append | MsgKind::Forward => theme.append,
        MsgKind::Heartbeat => theme.heartbeat,
    }
}

/// The glyphs explained, for the help overlay.
pub const LEGEND: [(&str, &str); 5] = [
    ("◆ ◇", "vote request / pre-vote"),
    ("✓ ✗", "vote granted / denied"),
    ("■ ♥", "append / heartbeat"),
    ("● ○", "append ok / failed"),
    ("╳", "message dropped"),
];

/// The legend on one line, under the ring.
pub const LEGEND_LINE: &str =
    "◆ vote  ✓✗ granted/denied  ■ append  ♥ heartbeat  ●○ ok/failed  ╳ drop";
