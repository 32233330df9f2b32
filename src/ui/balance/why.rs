//! "Why this pick": the algorithm's state at the balancer's latest
//! decision, one line a server where the algorithm compares servers (smooth
//! weighted round robin's current weights before and after, the EDF
//! deadlines, the scores), the two candidates of power of two choices, or
//! the key's place on the ring.

use unicode_width::UnicodeWidthStr;

use super::words::BalanceWords;
use crate::protocols::balance::{members_of, ring_share, Algorithm, LastPick, Ring, Why, BALANCER};
use crate::protocols::balance::{server_node, BalanceNode};
use crate::sim::Sim;

/// One line of the panel: `server` marks a line about one server, and
/// `chosen` the line of the chosen one.
pub struct WhyLine {
    pub text: String,
    pub server: bool,
    pub chosen: bool,
}

fn line(text: String) -> WhyLine {
    WhyLine {
        text,
        server: false,
        chosen: false,
    }
}

/// The line of server `name`, with `what` about it.
fn server_line(name: &str, what: &str, chosen: bool) -> WhyLine {
    WhyLine {
        text: format!("{name:<3} {what}{}", if chosen { " ◀" } else { "" }),
        server: true,
        chosen,
    }
}

/// A weight or a current weight: whole numbers as such, ramped ones with
/// a decimal.
fn signed(x: f64) -> String {
    if (x - x.round()).abs() < 1e-9 {
        format!("{:+}", x.round() as i64)
    } else {
        format!("{x:+.1}")
    }
}

/// The panel's title and lines, `width` columns wide at most (the ring is
/// drawn that wide); `None` before the first pick.
pub fn lines(sim: &Sim<BalanceNode>, w: &BalanceWords, width: usize) -> Option<Vec<WhyLine>> {
    let b = sim.node(BALANCER).balancer()?;
    let last = b.last.as_ref()?;
    let labels = sim.labels();
    let name = |i: usize| labels.get(server_node(i)).to_owned();
    let chosen = last.pick.server;
    let mut out = vec![line(w.why(last.req, name(chosen)))];
    let rows = |values: &dyn Fn(usize) -> String| -> Vec<WhyLine> {
        members_of(last.pick.members)
            .map(|i| server_line(&name(i), &values(i), i == chosen))
            .collect()
    };
    match last.pick.why {
        Why::Turn { turn, of } => out.push(line(w.turn(turn + 1, of))),
        Why::Drawn { of } => out.push(line(w.uniform(of))),
        Why::WeightedDraw { point, total } => out.push(line(w.weighted(
            format!("{:.2}", point as f64 / 1000.0),
            format!("{:.2}", total as f64 / 1000.0),
        ))),
        Why::Swrr {
            before,
            after,
            total,
        } => {
            out.push(line(w.current_weight.to_owned()));
            out.extend(rows(&|i| {
                let raised = if i == chosen {
                    after[i] + total
                } else {
                    after[i]
                };
                format!(
                    "{} {} → {}",
                    signed(before[i]),
                    signed(raised - before[i]),
                    signed(after[i])
                )
            }));
        }
        Why::Edf { deadlines } => {
            out.push(line(w.deadline.to_owned()));
            out.extend(rows(&|i| format!("{:.3}", deadlines[i])));
        }
        Why::TwoChoices {
            a,
            b: c,
            load_a,
            load_b,
        } => {
            out.push(line(w.drawn.to_owned()));
            let drawn = if a == c {
                vec![(a, load_a)]
            } else {
                vec![(a, load_a), (c, load_b)]
            };
            for (i, load) in drawn {
                let what = w.active(load);
                out.push(server_line(&name(i), &what, i == chosen));
            }
            out.push(line(w.fewer_wins.to_owned()));
        }
        Why::Least { scores, .. } => {
            out.push(line(w.least_header.to_owned()));
            out.extend(rows(&|i| format!("{:.2}", scores[i])));
        }
        Why::LeastWeighted { weights } => {
            out.push(line(w.least_weighted_header.to_owned()));
            out.extend(rows(&|i| format!("{:.2}", weights[i])));
        }
        Why::Ewma { scores } => {
            out.push(line(w.ewma_header.to_owned()));
            out.extend(rows(&|i| format!("{:.1} ms", scores[i] / 1000.0)));
        }
        Why::Ring { key_point, owner } => {
            out.push(line(w.ring_at(
                key_text(w, last),
                format!("{:.2}", ring_share(key_point)),
            )));
            out.push(line(
                w.next_point(format!("{:.2}", ring_share(owner)), name(chosen)),
            ));
            if let Algorithm::RingHash(spec) = last.algorithm {
                let ring = Ring::build(last.pick.members, spec.vnodes);
                out.extend(ring_strip(&ring, key_point, width));
            }
        }
        Why::Modulo { of, index, .. } => {
            out.push(line(key_text(w, last)));
            out.push(WhyLine {
                chosen: true,
                ..line(w.modulo(of, index, name(chosen)))
            });
        }
    }
    Some(out)
}

/// `key 42`, or the request's number when it has no key.
fn key_text(w: &BalanceWords, last: &LastPick) -> String {
    match last.key {
        Some(k) => w.key(k),
        None => w.no_key(last.req),
    }
}

/// The ring unrolled into `width` cells, each showing the number of the
/// server (1 = S1, as in the picks line) owning the middle of its arc, and
/// a caret under the key's place.
fn ring_strip(ring: &Ring, key_point: u64, width: usize) -> Vec<WhyLine> {
    if width < 8 {
        return Vec::new();
    }
    let cell = |k: usize| ((k as f64 + 0.5) / width as f64 * u64::MAX as f64) as u64;
    let owners: String = (0..width)
        .map(|k| ring.owner_at(cell(k)).map_or('·', |(s, _)| server_digit(s)))
        .collect();
    let at = (ring_share(key_point) / 100.0 * width as f64) as usize;
    let caret = format!("{}^", " ".repeat(at.min(width - 1)));
    vec![line(owners), line(caret)]
}

/// Server `i` (0-based) as one character: 1…9, then a, b, c.
pub fn server_digit(i: usize) -> char {
    char::from_digit(i as u32 + 1, 36).unwrap_or('?')
}

/// At most `height` of the panel's lines: when the servers' lines do not
/// all fit, those around the chosen server's, so that it stays in view.
pub fn fit(lines: &[WhyLine], height: usize) -> Vec<&WhyLine> {
    if lines.len() <= height {
        return lines.iter().collect();
    }
    let first = lines.iter().position(|l| l.server).unwrap_or(lines.len());
    let servers = lines[first..].iter().take_while(|l| l.server).count();
    let room = height.saturating_sub(first);
    let chosen = lines[first..first + servers]
        .iter()
        .position(|l| l.chosen)
        .unwrap_or(0);
    let from = first
        + chosen
            .saturating_sub(room / 2)
            .min(servers.saturating_sub(room));
    lines[..first.min(height)]
        .iter()
        .chain(lines[from..].iter())
        .take(height)
        .collect()
}

/// The panel in one line of at most `width` columns, for a strip with no
/// room for the panel: the title, then every server's line where they
/// fit (`why #7 → S2: S1 3 active, S2 1 active ◀`), else the chosen
/// server's line, else the first.
pub fn compact(lines: &[WhyLine], width: usize) -> String {
    let title = lines.first().map_or("", |l| l.text.as_str());
    let tight = |l: &WhyLine| l.text.split_whitespace().collect::<Vec<_>>().join(" ");
    let servers: Vec<String> = lines.iter().filter(|l| l.server).map(tight).collect();
    let all = format!(" {title}: {}", servers.join(", "));
    if !servers.is_empty() && UnicodeWidthStr::width(all.as_str()) <= width {
        return all;
    }
    let detail = lines
        .iter()
        .skip(1)
        .find(|l| l.chosen)
        .or_else(|| lines.get(1))
        .map(|l| tight(l).trim_end_matches(" ◀").to_owned());
    match detail {
        Some(d) => format!(" {title}: {d}"),
        None => format!(" {title}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn panel(servers: usize, chosen: usize) -> Vec<WhyLine> {
        let mut lines = vec![line("why #9 → S7".into()), line("header".into())];
        lines.extend((0..servers).map(|i| server_line(&format!("S{}", i + 1), "+0", i == chosen)));
        lines
    }

    #[test]
    fn the_chosen_server_stays_in_a_short_panel() {
        let lines = panel(7, 6);
        let shown: Vec<&str> = fit(&lines, 5).iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            shown,
            ["why #9 → S7", "header", "S5  +0", "S6  +0", "S7  +0 ◀"]
        );
        let lines = panel(7, 0);
        let shown: Vec<&str> = fit(&lines, 4).iter().map(|l| l.text.as_str()).collect();
        assert_eq!(shown, ["why #9 → S7", "header", "S1  +0 ◀", "S2  +0"]);
        assert_eq!(fit(&panel(2, 1), 9).len(), 4);
    }

    #[test]
    fn two_candidates_fit_one_line() {
        let mut lines = vec![line("why #5 → S3".into())];
        lines.push(server_line("S1", "3 active", false));
        lines.push(server_line("S3", "1 active", true));
        assert_eq!(
            compact(&lines, 44),
            " why #5 → S3: S1 3 active, S3 1 active ◀"
        );
        assert_eq!(compact(&lines, 30), " why #5 → S3: S3 1 active");
    }
}
