//! The node inspector: everything Figure 2 says a server keeps, for the
//! selected node.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::words::{self, words};
use crate::app::words::words as app_words;
use crate::app::App;
use crate::protocols::raft::{Raft, RaftMember, RaftTimer, Role};
use crate::protocols::Meaning;
use crate::sim::{NodeId, NodeStatus};
use crate::ui::clients;
use crate::ui::inspector::lifecycle;
use crate::ui::FamilyView;

pub fn render(app: &App<Raft>, inner: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let lang = app.lang();
    let w = words(lang);
    let sim = app.sim();
    let id = app.selected();
    let node = match sim.node(id) {
        RaftMember::Server(node) => node,
        RaftMember::Client(client) => return clients::render_inspector(app, client, inner, buf),
    };
    let width = inner.width as usize;
    let dim = theme.dimmed();
    let text = theme.base();

    let role_style = theme
        .fg(theme.role(Raft::mark(sim.node(id)).tone))
        .add_modifier(Modifier::BOLD);
    // A crashed node has no role: it reads "crashed", and what it kept on
    // disk (term, vote, log) follows.
    let (letter, role) = match sim.status(id) {
        NodeStatus::Crashed => ('✕', app_words(lang).crashed),
        _ => (node.role.letter(), Raft::role_name(node.role.name(), lang)),
    };
    let mut lines = vec![Line::from(vec![
        Span::styled(format!("{id} · {letter} "), role_style),
        Span::styled(role, role_style),
        Span::styled(format!(" · {} {}", w.term, node.current_term), text),
    ])];

    let mut status_line = lifecycle(app, id);
    if let Some(t) = sim
        .timers(id)
        .iter()
        .find(|t| t.timer == RaftTimer::Election)
    {
        let left = t.deadline.saturating_sub(sim.now());
        status_line.push(Span::styled(
            format!(" · {}", words::election_in(lang, left / 1_000)),
            dim,
        ));
    }
    lines.push(Line::from(status_line));

    lines.push(Line::styled(
        format!(
            "commitIndex {} · lastApplied {}",
            node.commit_index, node.last_applied
        ),
        text,
    ));
    let voted = node
        .voted_for
        .map_or(w.nobody.to_owned(), |v| v.to_string());
    let mut who = format!("votedFor {voted}");
    if node.role == Role::Follower {
        let leader = node
            .leader_hint
            .map_or(w.unknown.to_owned(), |l| l.to_string());
        who.push_str(&format!(" · {} {leader}", w.leader));
    }
    lines.push(Line::styled(who, text));

    // The log, newest entries last, as many as fit; a bar separates the
    // committed entries from the rest.
    let len = node.log.last_index();
    let committed = node.commit_index.min(len);
    let mut log_line = words::log(lang, len, committed);
    let base = node.log.base().index;
    if base > 0 {
        log_line.push_str(&words::snapshot(lang, base));
    }
    lines.push(Line::styled(log_line, dim));
    let mut shown: Vec<String> = Vec::new();
    let mut used = 1;
    for (index, e) in (1..=len).rev().zip(node.log.iter().rev()) {
        let mut cell = format!("{}:{}", e.term, e.value);
        if index == committed && committed < len {
            cell.push_str(" │");
        }
        let cost = cell.chars().count() + 1;
        if used + cost > width {
            break;
        }
        used += cost;
        shown.push(cell);
    }
    shown.reverse();
    let elided = if (shown.len() as u64) < len {
        "…"
    } else {
        ""
    };
    lines.push(Line::styled(format!("{elided}{}", shown.join(" ")), text));

    match node.role {
        Role::Leader => {
            lines.push(Line::styled("peer  nextIndex  matchIndex", dim));
            for peer in NodeId::all(node.config.nodes).filter(|&p| p != id) {
                lines.push(Line::styled(
                    format!(
                        "{:<5} {:>9}  {:>10}",
                        peer.to_string(),
                        node.next_index.get(peer.index()).copied().unwrap_or(0),
                        node.match_index.get(peer.index()).copied().unwrap_or(0)
                    ),
                    text,
                ));
            }
        }
        Role::Candidate | Role::PreCandidate => {
            let votes: Vec<String> = node.votes.iter().map(|v| v.to_string()).collect();
            lines.push(Line::styled(
                words::votes(lang, &votes.join(" "), votes.len(), node.majority()),
                text,
            ));
        }
        Role::Follower => {}
    }
    let state: Vec<String> = node.state.iter().map(|(k, v)| format!("{k}={v}")).collect();
    if !state.is_empty() {
        lines.push(Line::from(vec![
            Span::styled(format!("{} ", w.state), dim),
            Span::styled(state.join(" "), text),
        ]));
    }
    Paragraph::new(lines).render(inner, buf);
}
