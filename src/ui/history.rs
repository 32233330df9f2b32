//! The history view: one lane per client, each operation a bar from its
//! invocation to its completion, labelled with what it did (an `info`
//! operation's bar runs on past the `?` where its client gave up); `●`
//! where it took effect when the history is linearizable, and in red the
//! operations no order fits when it is not.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use unicode_width::UnicodeWidthStr;

use super::wrap::wrap;
use crate::app::{HistoryPicture, HistoryView};
use crate::history::{Client, Func, Op, Outcome, Value, Verdict};
use crate::units::Lang;
use crate::{say, text};

impl HistoryPicture for HistoryView {
    fn render(&self, area: Rect, buf: &mut Buffer) {
        draw(self, area, buf);
    }
}

/// Rows under the lanes: the axis, at least two lines of verdict, the
/// keys.
const FOOT: u16 = 4;
/// The most lines the verdict takes when it needs them and the window has
/// rows to spare.
const VERDICT_LINES: usize = 4;

fn draw(view: &HistoryView, area: Rect, buf: &mut Buffer) {
    let theme = &view.settings.theme;
    let lang = view.settings.lang;
    buf.set_style(area, Style::default().fg(theme.text));
    if area.width < 20 || area.height < FOOT + 2 {
        put(
            buf,
            area,
            0,
            0,
            text!(lang, en: "window too small", zh: "窗口太小"),
            Style::default(),
        );
        return;
    }
    let title = say!(lang, en: "history {name} · {verdict}", zh: "历史 {name} · {verdict}",
        name = view.name, verdict = short(&view.verdict, lang));
    put(
        buf,
        area,
        0,
        0,
        &title,
        Style::default().add_modifier(Modifier::BOLD),
    );

    let label_width = view
        .clients
        .iter()
        .map(|c| client_label(c, lang).width())
        .max()
        .unwrap_or(2)
        .min(12) as u16
        + 1;
    let said = match &view.verdict {
        Verdict::Linearizable { .. } => text!(lang,
            en: "● where each operation took effect: in that order they are a correct run of one copy",
            zh: "● 标出每个操作生效之处：按这个顺序，它们是单一副本的正确运行").to_owned(),
        other => other.describe(lang),
    };
    let verdict = wrap(&said, usize::from(area.width));
    // The verdict takes the rows it needs, up to a few, while the lanes
    // keep one row per client.
    let spare = usize::from(area.height - 1 - FOOT).saturating_sub(view.clients.len());
    let verdict_rows = verdict.len().clamp(2, VERDICT_LINES.min(2 + spare)) as u16;
    let foot_rows = FOOT - 2 + verdict_rows;
    let lanes = Rect {
        x: area.x + label_width,
        y: area.y + 1,
        width: area.width - label_width,
        height: area.height - 1 - foot_rows,
    };
    // A window tall enough for every lane shows them all, however far
    // down the person had scrolled in a smaller one.
    let top = view
        .top
        .min(view.clients.len().saturating_sub(usize::from(lanes.height)));
    let shown = view
        .clients
        .len()
        .saturating_sub(top)
        .min(usize::from(lanes.height));
    if shown < view.clients.len() {
        let lanes_said = say!(lang,
            en: "clients {first}–{last} of {all} (↑↓)",
            zh: "客户端 {first}–{last}，共 {all}（↑↓）",
            first = top + 1, last = top + shown, all = view.clients.len());
        let x = area.width.saturating_sub(lanes_said.width() as u16);
        put(buf, area, x, 0, &lanes_said, Style::default().fg(theme.dim));
    }
    let col = |pos: f64| -> i64 {
        ((pos - view.from) / view.span * f64::from(lanes.width)).floor() as i64
    };
    let blamed = match &view.verdict {
        Verdict::NotLinearizable(why) => why.ops.clone(),
        _ => Vec::new(),
    };
    for (row, client) in view
        .clients
        .iter()
        .skip(top)
        .take(usize::from(lanes.height))
        .enumerate()
    {
        let y = lanes.y + row as u16;
        let label: String = client_label(client, lang).chars().take(12).collect();
        put(
            buf,
            area,
            0,
            y - area.y,
            &label,
            Style::default().fg(theme.dim),
        );
        for (i, op) in view
            .history
            .ops
            .iter()
            .enumerate()
            .filter(|(_, op)| op.client == *client)
        {
            let start = col(op.invoked.index as f64 + 0.5);
            let open = op.outcome == Outcome::Info || op.completed.is_none();
            let end = match op.completed {
                Some(at) if !open => col(at.index as f64 + 0.5),
                _ => i64::from(lanes.width),
            };
            let style = if blamed.contains(&i) {
                Style::default().fg(theme.bad).add_modifier(Modifier::BOLD)
            } else if op.outcome == Outcome::Fail {
                Style::default().fg(theme.dim)
            } else if open {
                Style::default().fg(theme.highlight)
            } else {
                Style::default().fg(theme.text)
            };
            // The label keeps clear of the marks drawn on the bar.
            let marks: Vec<i64> = [
                view.points[i].map(&col),
                op.completed
                    .filter(|_| op.outcome == Outcome::Info)
                    .map(|at| col(at.index as f64 + 0.5)),
            ]
            .into_iter()
            .flatten()
            .collect();
            bar(
                buf,
                lanes,
                y,
                (start, end.max(start)),
                open,
                (&op_label(op, lang), &marks),
                style,
            );
            // Where an `info` operation's client gave up: its bar runs on,
            // since it may still take effect.
            if let Some(gave_up) = op.completed.filter(|_| op.outcome == Outcome::Info) {
                let x = col(gave_up.index as f64 + 0.5);
                if (0..i64::from(lanes.width)).contains(&x) && x > start {
                    buf[(lanes.x + x as u16, y)]
                        .set_symbol("?")
                        .set_style(style);
                }
            }
            if let Some(point) = view.points[i] {
                let x = col(point);
                if (0..i64::from(lanes.width)).contains(&x) {
                    buf[(lanes.x + x as u16, y)]
                        .set_symbol("●")
                        .set_style(style.fg(theme.ok));
                }
            }
        }
    }
    let foot = area.y + area.height - foot_rows;
    axis(view, buf, lanes, foot, lang);
    for (n, line) in verdict.iter().take(usize::from(verdict_rows)).enumerate() {
        let style = match view.verdict {
            Verdict::NotLinearizable(_) => Style::default().fg(theme.bad),
            _ => Style::default(),
        };
        put(buf, area, 0, foot + 1 + n as u16 - area.y, line, style);
    }
    let keys = if view.live {
        text!(lang,
            en: "v next view · the history grows and rewinds with the run",
            zh: "v 下一个视图 · 历史随运行增长，也随之回退")
    } else {
        text!(lang,
            en: "←→ pan  + − zoom  0 whole  ↑↓ clients  q quit",
            zh: "←→ 平移  + − 缩放  0 全部  ↑↓ 客户端  q 退出")
    };
    put(
        buf,
        area,
        0,
        area.height - 1,
        keys,
        Style::default().fg(theme.dim),
    );
}

/// An operation's bar on row `y`, from column `start` to `end` of `lanes`
/// (either may lie outside: the bar is cut at the edges), labelled in the
/// first stretch between `marks` that holds the whole label, else from the
/// bar's start, under the marks.
fn bar(
    buf: &mut Buffer,
    lanes: Rect,
    y: u16,
    (start, end): (i64, i64),
    open: bool,
    (label, marks): (&str, &[i64]),
    style: Style,
) {
    let width = i64::from(lanes.width);
    for x in start.max(0)..=end.min(width - 1) {
        let symbol = if x == start {
            "├"
        } else if x == end && !open {
            "┤"
        } else if open {
            "┄"
        } else {
            "─"
        };
        buf[(lanes.x + x as u16, y)]
            .set_symbol(symbol)
            .set_style(style);
    }
    let (first, last) = ((start + 1).max(0), end.min(width));
    let mut cuts: Vec<i64> = marks
        .iter()
        .copied()
        .filter(|m| (first..last).contains(m))
        .collect();
    cuts.sort_unstable();
    let mut stretches = Vec::new();
    let mut from = first;
    for cut in cuts.into_iter().chain([last]) {
        stretches.push((from, (cut - from).max(0) as usize));
        from = cut + 1;
    }
    let needed = label.width();
    let whole = (first, (last - first).max(0) as usize);
    let chosen = stretches
        .into_iter()
        .find(|(_, room)| *room >= needed)
        .unwrap_or(whole);
    if let Some((at, room)) = Some(chosen).filter(|(at, room)| *room >= 2 && *at < width) {
        buf.set_stringn(lanes.x + at as u16, y, label, room, style);
    }
}

fn axis(view: &HistoryView, buf: &mut Buffer, lanes: Rect, y: u16, lang: Lang) {
    for x in 0..lanes.width {
        buf[(lanes.x + x, y)].set_symbol("─");
    }
    let time_of = |index: usize| {
        view.history
            .ops
            .iter()
            .flat_map(|op| [Some(op.invoked), op.completed])
            .flatten()
            .find(|at| at.index == index)
            .and_then(|at| at.time_us)
    };
    let marks = (lanes.width / 16).max(1);
    let mut labelled = None;
    for m in 0..marks {
        let x = m * 16;
        let pos = view.from + f64::from(x) / f64::from(lanes.width) * view.span;
        let index = pos.floor() as usize;
        // Zoomed in, several marks fall on one event: it is named once.
        if labelled.replace(index) == Some(index) {
            continue;
        }
        let label = match time_of(index) {
            Some(us) => format!("┬{}", crate::history::seconds(lang, us)),
            None => format!("┬#{}", index + 1),
        };
        buf.set_stringn(
            lanes.x + x,
            y,
            &label,
            usize::from(lanes.width - x),
            Style::default(),
        );
    }
}

/// `w x=2`, `r 1`, `cas 1→2`, `a x+4` (写, 读, 比较设置, 追加): short
/// enough to sit in a bar.
fn op_label(op: &Op, lang: Lang) -> String {
    let key = op
        .key
        .as_deref()
        .map_or_else(String::new, |k| format!("{k}="));
    let value = &op.value;
    match op.func {
        Func::Read => say!(lang, en: "r {key}{value}", zh: "读 {key}{value}"),
        Func::Write => say!(lang, en: "w {key}{value}", zh: "写 {key}{value}"),
        Func::Append => say!(lang, en: "a {key}+{value}", zh: "追加 {key}+{value}"),
        Func::Cas => match value {
            Value::List(pair) if pair.len() == 2 => say!(lang,
                en: "cas {key}{from}→{to}",
                zh: "比较设置 {key}{from}→{to}",
                from = pair[0], to = pair[1]),
            other => say!(lang, en: "cas {other}", zh: "比较设置 {other}"),
        },
    }
}

fn client_label(client: &Client, lang: Lang) -> String {
    match client {
        Client::Process(n) => say!(lang, en: "p{n}", zh: "p{n}"),
        Client::Named(name) => name.clone(),
    }
}

fn short(verdict: &Verdict, lang: Lang) -> &'static str {
    match verdict {
        Verdict::Linearizable { .. } => text!(lang, en: "linearizable", zh: "可线性化"),
        Verdict::NotLinearizable(_) => text!(lang, en: "not linearizable", zh: "不可线性化"),
        Verdict::Unknown { .. } => text!(lang, en: "unknown", zh: "未知"),
    }
}

/// `text` at (`col`, `row`) of `area`, cut at its right edge.
fn put(buf: &mut Buffer, area: Rect, col: u16, row: u16, text: &str, style: Style) {
    if row < area.height && col < area.width {
        buf.set_stringn(
            area.x + col,
            area.y + row,
            text,
            usize::from(area.width - col),
            style,
        );
    }
}
