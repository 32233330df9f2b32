//! The logs panel: one row per node, one cell per entry, coloured by term,
//! committed entries filled; an index ruler on top. On the row of each
//! server the leader replicates to, marks between the cells show where the
//! leader stands with it, as
//! RaftScope draws them: its nextIndex (the entry it sends next) and its
//! matchIndex (how far it knows the logs agree). Entries a snapshot
//! replaced show as `░░`, so the snapshot's end is where they stop. It
//! follows the newest entries unless scrolled back.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

use super::words::words;
use crate::app::App;
use crate::protocols::raft::{Raft, RaftMember, RaftNode, NOOP};
use crate::protocols::Meaning;
use crate::sim::{NodeId, NodeStatus};
use crate::ui::clients;
use crate::ui::strip::{self, NodeRows};
use crate::ui::wrap::shorten;
use unicode_width::UnicodeWidthStr;

/// Columns before the first cell: `S1 L c12 │`.
const PREFIX: u16 = 10;
/// Columns per entry.
const CELL: u16 = 3;

/// The node whose row covers the cell, if any.
pub fn node_at(app: &App<Raft>, area: Rect, row: u16) -> Option<NodeId> {
    NodeRows::of(app, area, clients::servers(app.sim().nodes())).node_at(row)
}

pub fn render(app: &App<Raft>, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let sim = app.sim();
    let scrolled = app.logs_scroll();
    let w = words(app.lang());
    strip::title_fitting(app, w.logs, &w.logs_legend, area, buf);
    if area.height < 2 || area.width <= PREFIX {
        return;
    }
    let longest = Raft::strip_len(sim);
    let cells = u64::from((area.width - PREFIX) / CELL);
    let end = longest.saturating_sub(scrolled).max(cells.min(longest));
    let start = end.saturating_sub(cells) + 1;

    // The index ruler: the first shown index, then every multiple of 5.
    let ruler_y = area.y + 1;
    let index = shorten(w.index, PREFIX as usize - 2);
    let pad = " ".repeat((PREFIX as usize - 2).saturating_sub(index.width()));
    buf.set_string(area.x, ruler_y, format!("{pad}{index} │"), theme.dimmed());
    for (slot, index) in (start..start + cells).enumerate() {
        if index == start || index % 5 == 0 {
            let x = area.x + PREFIX + slot as u16 * CELL;
            let label = format!("{index:<2}");
            let room = (area.right() - x) as usize;
            buf.set_stringn(x, ruler_y, label, room, theme.dimmed());
        }
    }

    let leader = sim
        .leader()
        .and_then(|id| sim.node(id).server().map(|node| (id, node)));
    let rows = NodeRows::of(app, area, clients::servers(app.sim().nodes()));
    for (offset, y) in (rows.area.y..rows.area.bottom()).enumerate() {
        let id = NodeId((rows.first + offset) as u8);
        let Some(node) = sim.nodes().get(id.index()).and_then(RaftMember::server) else {
            break;
        };
        let mark = Raft::mark(sim.node(id));
        let letter = match sim.status(id) {
            NodeStatus::Crashed => '✕',
            _ => mark.letter,
        };
        let mut style = theme.fg(theme.role(mark.tone));
        if app.selected() == id {
            style = style.add_modifier(Modifier::REVERSED);
        }
        buf.set_string(
            area.x,
            y,
            format!("{id:<2} {letter} c{:<3}", node.commit_index),
            style,
        );
        buf.set_string(area.x + PREFIX - 1, y, "│", theme.dimmed());
        for (slot, index) in (start..=end).enumerate() {
            let x = area.x + PREFIX + slot as u16 * CELL;
            if x + CELL > area.right() {
                break;
            }
            match node.log.get(index) {
                Some(entry) => {
                    let color = theme.term(entry.term);
                    let style = if index <= node.commit_index {
                        theme.on(color).add_modifier(Modifier::BOLD)
                    } else {
                        theme.fg(color)
                    };
                    buf.set_string(x, y, cell(entry.term, &entry.value), style);
                }
                None if index <= node.log.base().index => {
                    buf.set_string(x, y, "░░", theme.dimmed());
                }
                None if index <= node.log.last_index() + 1 => {
                    buf.set_string(x, y, " ·", theme.dimmed());
                }
                None => {}
            }
        }
        let replicated = |leader: &RaftNode| {
            leader.members.contains(&id) || leader.catch_up.is_some_and(|c| c.server == id)
        };
        if let Some((_, leader)) = leader.filter(|(l, s)| *l != id && replicated(s)) {
            for (boundary, mark) in leader_marks(leader, id) {
                // The column between entry `boundary` and the next one: the
                // gap after a cell, or the bar before the first shown cell.
                let Some(slot) = (boundary + 1).checked_sub(start) else {
                    continue;
                };
                let x = u64::from(area.x + PREFIX) + slot * u64::from(CELL) - 1;
                if x < u64::from(area.right()) {
                    buf.set_string(x as u16, y, mark, theme.base().add_modifier(Modifier::BOLD));
                }
            }
        }
    }
}

/// The leader's marks on `peer`'s row, each at a boundary between entries
/// (boundary `i` lies after entry `i`; 0 before the first): `▸` before
/// its nextIndex, `◂` after its matchIndex, `◊` where the two meet, as they
/// do once the leader knows the follower's log agrees up to where it sends.
fn leader_marks(leader: &RaftNode, peer: NodeId) -> Vec<(u64, &'static str)> {
    let (Some(&next), Some(&matched)) = (
        leader.next_index.get(peer.index()),
        leader.match_index.get(peer.index()),
    ) else {
        return Vec::new();
    };
    let before_next = next.saturating_sub(1);
    if before_next == matched {
        vec![(matched, "◊")]
    } else {
        vec![(matched, "◂"), (before_next, "▸")]
    }
}

/// An entry's cell: its term and the first letter of its value (`1a`,
/// `2x` for x=2, `3∅` for a no-op), so that a lesson's a, b and c can be
/// told apart; a term of two digits leaves no room for the letter.
fn cell(term: u64, value: &str) -> String {
    let mark = if value == NOOP {
        Some('∅')
    } else {
        value.chars().next()
    };
    match mark {
        Some(mark) if term < 10 => format!("{term}{mark}"),
        _ => format!("{term:>2}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::app::{Action, SandboxOptions, Settings};
    use crate::protocols::StepGoal;
    use crate::scenario::Scenario;
    use crate::units::Lang;
    use std::path::Path;
    use std::time::Duration;

    /// The logs panel's rows as text, `width` columns wide, in `lang`.
    fn rows(app: &App<Raft>, width: u16) -> Vec<String> {
        let area = Rect::new(0, 0, width, 8);
        let mut buf = Buffer::empty(area);
        render(app, area, &mut buf);
        (0..area.height)
            .map(|y| {
                let mut line = String::new();
                let mut x = 0;
                while x < width {
                    let symbol = buf[(x, y)].symbol();
                    line.push_str(symbol);
                    x += symbol.width().max(1) as u16;
                }
                line.trim_end().to_owned()
            })
            .collect()
    }

    /// A leader of term 2 whose followers are S2 to S5 and who has not yet
    /// heard from S1, crashed with its three entries of term 1.
    fn new_leader(lang: Lang) -> App<Raft> {
        let text = r#"Scenario(
            seed: 3,
            cluster: Raft((nodes: 5, election_timeout_ms: (5000, 10000), heartbeat_ms: 50)),
            network: (latency_ms: (5, 10)),
            actions: [
                (at_ms: 100, do: Timeout(Node(1))),
                (at_ms: 200, do: ClientWrite("x=1")),
                (at_ms: 200, do: ClientWrite("y=2")),
                (at_ms: 200, do: ClientWrite("z=3")),
                (at_ms: 400, do: Crash(Node(1))),
                (at_ms: 500, do: Timeout(Node(2))),
            ],
        )"#;
        let scenario = Scenario::parse(text, Path::new("test.ron")).expect("a scenario");
        let options = SandboxOptions::<Raft> {
            nodes: 5,
            seed: 3,
            scenario: Some(scenario),
            save_dir: std::env::temp_dir().join("distlab-unused"),
        };
        let mut settings = Settings::defaults();
        settings.lang = lang;
        let mut app: App<Raft> = App::new(&options, settings);
        for _ in 0..20_000 {
            let s2 = app.sim().node(NodeId(1)).server().expect("a server");
            if s2.role == crate::protocols::raft::Role::Leader
                && s2.match_index[2..].iter().all(|&m| m == 3)
            {
                return app;
            }
            app.update(Action::Tick(Duration::from_millis(20)));
        }
        panic!("S2 never led with every live follower in step");
    }

    #[test]
    fn the_leaders_next_and_match_index_stand_on_each_followers_row() {
        let app = new_leader(Lang::En);
        let rows = rows(&app, 60);
        // S1 is down: S2 will send it entry 4 next and knows nothing of it.
        assert_eq!(rows[2], "S1 ✕ c0  ◂1x 1y 1z▸");
        // S2 leads: no marks on its own row.
        assert!(rows[3].starts_with("S2 L c3  │1x 1y 1z"), "{}", rows[3]);
        assert!(!rows[3].contains(['▸', '◂', '◊']), "{}", rows[3]);
        // The others agree with S2 up to entry 3, and get entry 4 next.
        assert_eq!(rows[4], "S3 F c3  │1x 1y 1z◊");
        // A lesson's goal reads the same matchIndex.
        use crate::protocols::raft::{RaftCondition, RaftFacts};
        use crate::units::NodeNum;
        let facts = RaftFacts::default();
        assert!(RaftCondition::LeaderMatches(NodeNum(3), 3).holds(app.sim(), &facts));
        assert!(!RaftCondition::LeaderMatches(NodeNum(1), 1).holds(app.sim(), &facts));
    }

    #[test]
    fn the_logs_legend_fits_whole_at_every_width() {
        for lang in [Lang::En, Lang::Zh] {
            let app = new_leader(lang);
            for width in [44, 60, 80, 96, 160] {
                let title = &rows(&app, width)[0];
                let legends = &words(lang).logs_legend;
                assert!(
                    legends.iter().any(|l| title.contains(l)),
                    "{width}: {title}"
                );
            }
            assert!(rows(&app, 160)[0].contains(words(lang).logs_legend[0]));
        }
    }

    #[test]
    fn a_cell_shows_the_term_and_the_value_when_they_fit() {
        assert_eq!(cell(1, "a"), "1a");
        assert_eq!(cell(2, "x=1"), "2x");
        assert_eq!(cell(3, NOOP), "3∅");
        assert_eq!(cell(12, "b"), "12");
        assert_eq!(cell(4, ""), " 4");
    }
}
