//! The node inspector: the selected node's promise, what it accepted and
//! learned, and, for a proposer, its ballot and how far its quorums got.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::quoted;
use super::words::{words, PaxosWords};
use crate::app::words::fill;
use crate::app::words::words as app_words;
use crate::app::App;
use crate::protocols::paxos::{Paxos, PaxosNode, PaxosTimer, Phase};
use crate::protocols::Meaning;
use crate::sim::NodeStatus;
use crate::ui::inspector::lifecycle;
use crate::ui::FamilyView;

pub fn render(app: &App<Paxos>, inner: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let lang = app.lang();
    let w = words(lang);
    let sim = app.sim();
    let id = app.selected();
    let node = sim.node(id);
    let (text, dim) = (theme.base(), theme.dimmed());
    let mark = Paxos::mark(node);
    let role_style = theme.fg(theme.role(mark.tone)).add_modifier(Modifier::BOLD);
    // A crashed node has no role: it reads "crashed", and what it kept on
    // disk (its promise, what it accepted and learned) follows.
    let (letter, role) = match sim.status(id) {
        NodeStatus::Crashed => ('✕', app_words(lang).crashed),
        _ => (mark.letter, Paxos::role_name(mark.name, lang)),
    };
    let mut lines = vec![Line::from(vec![
        Span::styled(format!("{id} · {letter} {role}"), role_style),
        Span::styled(format!(" · {} {}", w.promised, node.promised), text),
    ])];
    let mut status = lifecycle(app, id);
    let timers = sim.timers(id);
    let countdown = [
        (PaxosTimer::Election, w.election_in),
        (PaxosTimer::Retry, w.retry_in),
    ]
    .into_iter()
    .find_map(|(timer, words)| timers.get(&timer).map(|t| (t, words)));
    if let Some((t, words)) = countdown {
        let left = t.deadline.saturating_sub(sim.now()) / 1_000;
        status.push(Span::styled(
            format!(" · {}", fill(words, &[&left.to_string()])),
            dim,
        ));
    }
    lines.push(Line::from(status));
    match node.leader {
        _ if node.proposer => lines.push(Line::styled(proposer_line(node, w), text)),
        Some((leader, ballot)) => lines.push(Line::styled(
            fill(w.leader_is, &[&leader.to_string(), &ballot.to_string()]),
            text,
        )),
        None => {}
    }
    let accepted: Vec<String> = node
        .accepted
        .iter()
        .rev()
        .take(4)
        .map(|(slot, (b, v))| format!("#{slot} ({b}, {})", quoted(v)))
        .collect();
    let accepted = if accepted.is_empty() {
        w.nothing.to_owned()
    } else {
        accepted.join(" ")
    };
    lines.push(Line::from(vec![
        Span::styled(format!("{} ", w.accepted), dim),
        Span::styled(accepted, text),
    ]));
    let chosen: Vec<String> = node
        .chosen
        .iter()
        .rev()
        .take(6)
        .map(|(slot, (_, v))| format!("#{slot} {}", quoted(v)))
        .collect();
    let chosen = if chosen.is_empty() {
        w.nothing_yet.to_owned()
    } else {
        chosen.join(" ")
    };
    lines.push(Line::from(vec![
        Span::styled(format!("{} ", w.learned), dim),
        Span::styled(chosen, text),
    ]));
    if !node.executed.is_empty() {
        let (ran, skipped) = (node.executed.len(), node.skipped.len());
        let ran = format!(
            "{} · {}",
            fill(w.ran[usize::from(ran != 1)], &[&ran.to_string()]),
            fill(
                w.skipped[usize::from(skipped != 1)],
                &[&skipped.to_string()]
            )
        );
        lines.push(Line::styled(ran, dim));
    }
    Paragraph::new(lines).render(inner, buf);
}

/// The proposer's ballot and how far its quorums have got.
fn proposer_line(node: &PaxosNode, w: &PaxosWords) -> String {
    let need = node.majority().to_string();
    match node.phase {
        Phase::Preparing => fill(
            w.preparing,
            &[
                &node.ballot.to_string(),
                &node.promises.len().to_string(),
                &need,
            ],
        ),
        Phase::Accepting => fill(
            w.accepting,
            &[
                &node.ballot.to_string(),
                &need,
                &need,
                &node.accepts(node.instance).to_string(),
                &need,
            ],
        ),
        Phase::Leading => fill(
            w.leading,
            &[
                &node.ballot.to_string(),
                &node.next_slot.to_string(),
                &node.open.len().to_string(),
            ],
        ),
        Phase::Idle => match (node.value.as_ref(), node.leader) {
            (_, Some((leader, b))) if leader != node.id => {
                fill(w.following, &[&leader.to_string(), &b.to_string()])
            }
            (Some(v), _) => fill(w.waiting, &[&v.value]),
            _ => fill(w.idle, &[&node.max_round.to_string()]),
        },
    }
}
