//! Client processes on screen, for every family that has them: the
//! inspector of a selected client, and servers and clients in two lanes.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use super::family::FamilyView;
use super::inspector::lifecycle;
use super::placement::Placement;
use crate::app::App;
use crate::protocols::clients::{Client, ClientHost, ReadKind};
use crate::units::Lang;
use crate::{say, text};

/// A client process: whom it asks, what it waits for, how much it did.
pub fn render_inspector<F: FamilyView, M: ReadKind>(
    app: &App<F>,
    client: &Client<M>,
    inner: Rect,
    buf: &mut Buffer,
) {
    let theme = app.theme();
    let lang = app.lang();
    let labels = app.sim().labels();
    let mut lines = vec![Line::styled(
        format!(
            "{} · {}",
            client.label,
            text!(lang, en: "client process", zh: "客户端进程")
        ),
        theme.base().add_modifier(Modifier::BOLD),
    )];
    lines.push(Line::from(lifecycle(app, app.selected())));
    let leader = labels.get(client.leader);
    lines.push(Line::styled(
        say!(lang,
            en: "asks {leader}, the leader it believes in",
            zh: "向它认为的领导者 {leader} 发请求"),
        theme.base(),
    ));
    let waiting = match &client.current {
        Some(p) => waiting(lang, &p.op.to_string(), p.seq, p.tries),
        None => text!(lang, en: "waiting for nothing", zh: "没有等待中的请求").to_owned(),
    };
    lines.push(Line::styled(waiting, theme.base()));
    let done = client.completed;
    lines.push(Line::styled(
        say!(lang, en: "operations completed: {done}", zh: "已完成操作：{done}"),
        theme.dimmed(),
    ));
    Paragraph::new(lines).render(inner, buf);
}

/// The request a client process waits on.
fn waiting(lang: Lang, op: &str, seq: u64, tries: u32) -> String {
    say!(lang,
        en: "waits for request {seq}: {op} (attempt {tries})",
        zh: "等待请求 {seq}：{op}（第 {tries} 次尝试）")
}

/// The servers: the members before the client processes.
pub fn servers<A: ClientHost>(members: &[A]) -> usize {
    members
        .iter()
        .take_while(|m| m.as_client().is_none())
        .count()
}

/// Servers on a ring; with client processes, servers in one lane and
/// clients in another, so that requests visibly cross between them.
pub fn placement<A: ClientHost>(members: &[A], area: Rect) -> Placement {
    let servers = servers(members);
    match members.len() - servers {
        0 => Placement::ring(area, servers),
        clients => Placement::lanes_or_rows(area, &[servers, clients]),
    }
}
