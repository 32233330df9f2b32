//! The selected member in detail: a client's phase, token, lease or
//! validity or session on its own clock, Redlock's arithmetic; a Redis
//! server's key, time to live and clock; ZooKeeper's queue, who watches
//! whom and the wake-ups; storage's value, highest token and last
//! operations with why a refused one was refused.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::text::{self, countdown, Kind};
use super::words::{self, phase, words, LockWords};
use crate::app::App;
use crate::protocols::lock::{
    Client, Lock, LockNode, Part, Phase, Redis, Service, Storage, Watch, Zk,
};
use crate::protocols::Meaning;
use crate::sim::{format_time, NodeId, Sim};
use crate::ui::inspector::lifecycle;
use crate::ui::FamilyView;
use crate::units::Lang;

/// Cells of a countdown bar.
const BAR: usize = 10;

fn client_lines(sim: &Sim<LockNode>, id: NodeId, c: &Client, lang: Lang) -> Vec<String> {
    let w = words(lang);
    let token = c
        .token
        .map_or(w.no_token.to_owned(), |t| words::token(lang, t));
    let read = c.read.map_or("–".to_owned(), |r| r.to_string());
    let mut lines = vec![
        format!(
            "{} · {token} · {}",
            phase(c.phase, lang),
            words::read(lang, read)
        ),
        words::own_clock(lang, format_time(sim.local_time(id))),
    ];
    let spec = &sim.node(id).spec;
    if let Service::Redlock(r) = &spec.service {
        if let Some(attempt) = text::redlock_attempt(sim, id, c, r) {
            lines.push(format!("{}: {}", w.sum, attempt.sum(r, w)));
        }
        lines.push(words::asked(lang, c.asked, r.masters, c.granted));
    }
    if let Service::ZooKeeper(z) = &spec.service {
        let mut node = c.node.map_or(w.no_node.to_owned(), |n| format!("lock-{n}"));
        if let Some(watched) = c.watching {
            node = format!(
                "{node} · {}",
                words::watches(lang, format!("lock-{watched}"))
            );
        } else if c.phase == Phase::Waiting && z.watch == Watch::Parent {
            node = format!("{node} · {}", w.watches_parent);
        }
        lines.push(words::client_session(lang, c.session, node));
        lines.push(words::woken(lang, c.wakes));
    }
    if let Some(left) = countdown(sim, id, c) {
        let mut line = format!(
            "{} {} {}",
            left.name(w),
            text::bar(left.fraction(), BAR),
            text::secs(left.left)
        );
        if left.kind == Kind::Lease {
            line = format!("{line} {}", w.lease_unchecked);
        }
        lines.push(line);
    }
    lines
}

fn redis_lines(sim: &Sim<LockNode>, id: NodeId, r: &Redis, w: &LockWords) -> Vec<String> {
    let mut lines = vec![words::key(w.lang, text::key(sim, id, r, w))];
    if let Some(expires) = r.key.and_then(|k| k.expires_at) {
        let left = expires as i64 - sim.local_time(id) as i64;
        lines.push(words::left_on_clock(w.lang, text::secs(left)));
    }
    let mut clock = text::clock(sim, id, w);
    if sim.node(id).spec.fencing && matches!(sim.node(id).spec.service, Service::Redis(_)) {
        clock = format!("{clock} · {}", words::counter(w.lang, r.counter));
    }
    lines.push(clock);
    lines
}

fn zk_lines(sim: &Sim<LockNode>, z: &Zk, w: &LockWords) -> Vec<String> {
    let mut lines = text::zk_queue(sim, z, w);
    if lines.is_empty() {
        lines.push(w.no_nodes.to_owned());
    }
    let alive = z.sessions.values().filter(|s| s.1).count();
    lines.push(words::zk_totals(
        w.lang,
        text::wakes(sim),
        alive,
        z.child_watches.len(),
    ));
    lines
}

fn storage_lines(sim: &Sim<LockNode>, s: &Storage, w: &LockWords) -> Vec<String> {
    let mut lines = vec![text::storage_head(s.value, s.highest, w)];
    for e in s.log.iter().rev() {
        let mut line = text::op(sim, e);
        if !e.accepted {
            line = format!("{line} {}", w.stale);
        }
        lines.push(line);
    }
    lines
}

pub fn render(app: &App<Lock>, inner: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let lang = app.lang();
    let w = words(lang);
    let sim = app.sim();
    let id = app.selected();
    let node = sim.node(id);
    let mark = Lock::mark(node);
    let role_style = theme.fg(theme.role(mark.tone)).add_modifier(Modifier::BOLD);
    // The lifecycle word alone: the lock view marks a cut-off member itself.
    let status = lifecycle(app, id)
        .into_iter()
        .next()
        .map_or_else(String::new, |span| span.content.into_owned());
    let mut lines = vec![Line::styled(
        format!(
            "{} · {} {} · {status}",
            sim.label(id),
            mark.letter,
            Lock::role_name(mark.name, lang)
        ),
        role_style,
    )];
    let body = match &node.part {
        Part::Client(c) => client_lines(sim, id, c, lang),
        Part::Redis(r) => redis_lines(sim, id, r, w),
        Part::Zk(z) => zk_lines(sim, z, w),
        Part::Storage(s) => storage_lines(sim, s, w),
    };
    lines.extend(body.into_iter().map(|l| Line::styled(l, theme.base())));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(inner, buf);
}
