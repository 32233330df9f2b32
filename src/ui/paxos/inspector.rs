//! The node inspector: the selected node's promise, what it accepted and
//! learned, and, for a proposer, its ballot and how far its quorums got.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::quoted;
use super::words::{self, words};
use crate::app::words::words as app_words;
use crate::app::App;
use crate::protocols::paxos::{Paxos, PaxosMember, PaxosNode, PaxosTimer, Phase};
use crate::protocols::Meaning;
use crate::sim::NodeStatus;
use crate::ui::clients;
use crate::ui::inspector::lifecycle;
use crate::ui::FamilyView;
use crate::units::Lang;

pub fn render(app: &App<Paxos>, inner: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let lang = app.lang();
    let w = words(lang);
    let sim = app.sim();
    let id = app.selected();
    let node = match sim.node(id) {
        PaxosMember::Server(node) => node,
        PaxosMember::Client(client) => return clients::render_inspector(app, client, inner, buf),
    };
    let (text, dim) = (theme.base(), theme.dimmed());
    let mark = Paxos::mark(sim.node(id));
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
    let countdown = [PaxosTimer::Election, PaxosTimer::Retry]
        .into_iter()
        .find_map(|timer| timers.get(&timer).map(|t| (timer, t)));
    if let Some((timer, t)) = countdown {
        let left = t.deadline.saturating_sub(sim.now()) / 1_000;
        let text = match timer {
            PaxosTimer::Election => words::election_in(lang, left),
            _ => words::retry_in(lang, left),
        };
        status.push(Span::styled(format!(" · {text}"), dim));
    }
    lines.push(Line::from(status));
    match node.leader {
        _ if node.proposer => lines.push(Line::styled(proposer_line(node, lang), text)),
        Some((leader, ballot)) => {
            lines.push(Line::styled(words::leader_is(lang, leader, ballot), text))
        }
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
            words::ran(lang, ran),
            words::skipped(lang, skipped)
        );
        lines.push(Line::styled(ran, dim));
    }
    Paragraph::new(lines).render(inner, buf);
}

/// The proposer's ballot and how far its quorums have got.
fn proposer_line(node: &PaxosNode, lang: Lang) -> String {
    let need = node.majority();
    match node.phase {
        Phase::Preparing => words::preparing(lang, node.ballot, node.promises.len(), need),
        Phase::Accepting => words::accepting(lang, node.ballot, node.accepts(node.instance), need),
        Phase::Leading => words::leading(lang, node.ballot, node.next_slot, node.open.len()),
        Phase::Idle => match (node.value.as_ref(), node.leader) {
            (_, Some((leader, b))) if leader != node.id => words::following(lang, leader, b),
            (Some(v), _) => words::waiting(lang, &v.value),
            _ => words::idle(lang, node.max_round),
        },
    }
}
