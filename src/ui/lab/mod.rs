//! The lab screen: a run against a real `redis-server`, drawn from its
//! trace at the moment shown, so that a live run and its replay are the
//! same picture. From the top: the title with the moment; one lane per
//! client, then Redis (`R1`) and storage (`ST`), each a card and a time
//! line; storage's card with its last operations (beside the lanes on a
//! wide screen); the checks that fired; the counts; the keys.
//!
//! When rows are short, each block keeps what matters most: the lanes
//! whole, then the counts, the newest findings, the newest storage
//! operations, and last the legend.

mod cards;
mod checks;
mod lanes;
mod lines;
mod window;
mod words;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::app::{LabPicture, LabScreen, Theme};
use crate::lab::LabState;
use crate::units::Lang;

impl LabPicture for LabScreen {
    fn render(&self, area: Rect, buf: &mut Buffer) {
        draw(self, area.intersection(buf.area), buf);
    }
}

/// From this width the storage card stands beside the lanes, and the
/// time line gets the columns the card leaves.
const WIDE: u16 = 120;
/// The storage card's width beside the lanes.
const SIDE: u16 = 40;

/// What every part of the screen draws from: the run at the moment shown,
/// folded once per frame.
struct Scene<'a> {
    screen: &'a LabScreen,
    state: LabState,
    lang: Lang,
    theme: &'a Theme,
}

fn draw(screen: &LabScreen, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let scene = Scene {
        screen,
        state: screen.state(),
        lang: screen.settings.lang,
        theme: &screen.settings.theme,
    };
    buf.set_style(area, scene.theme.base());
    lines::title(&scene, row(area, 0), buf);
    if area.height < 2 {
        return;
    }
    lines::foot(&scene, row(area, area.height - 1), buf);
    let body = Rect {
        y: area.y + 1,
        height: area.height - 2,
        ..area
    };
    match area.width >= WIDE {
        true => wide(&scene, body, buf),
        false => narrow(&scene, body, buf),
    }
}

/// Storage's card under the lanes.
fn narrow(scene: &Scene, body: Rect, buf: &mut Buffer) {
    let lanes = lanes::rows(scene);
    let storage = cards::storage_rows(scene);
    let checks = checks::rows(scene, body.width);
    let legend = lines::legend_lines(scene, lanes::column_us(body.width), body.width);
    let [lanes, counts, checks, storage, legend_rows] = share(
        body.height,
        [
            (lanes, lanes),
            (1, 1),
            (checks.min(2), checks),
            (storage.min(2), storage),
            (0, count(&legend)),
        ],
    );
    let mut rows = Rows::new(body, lanes + counts + checks + storage + legend_rows);
    lanes::draw(scene, rows.take(lanes, false), buf);
    lines::legend(scene, &legend, rows.take(legend_rows, false), buf);
    cards::storage(scene, rows.take(storage, true), buf);
    checks::draw(scene, rows.take(checks, true), buf);
    lines::counts(scene, rows.last(counts), buf);
}

/// Storage's card beside the lanes, the checks under both.
fn wide(scene: &Scene, body: Rect, buf: &mut Buffer) {
    let lanes_width = body.width - SIDE - 2;
    let lanes = lanes::rows(scene);
    let side = lanes.max(cards::storage_rows(scene));
    let checks = checks::rows(scene, body.width);
    let legend = lines::legend_lines(scene, lanes::column_us(lanes_width), body.width);
    let [middle, counts, checks, legend_rows] = share(
        body.height,
        [
            (lanes, side),
            (1, 1),
            (checks.min(2), checks),
            (0, count(&legend)),
        ],
    );
    let mut rows = Rows::new(body, middle + counts + checks + legend_rows);
    let middle = rows.take(middle, false);
    lanes::draw(
        scene,
        Rect {
            width: lanes_width,
            ..middle
        },
        buf,
    );
    let side = Rect {
        x: middle.right() - SIDE,
        width: SIDE,
        ..middle
    };
    cards::storage(scene, side, buf);
    lines::legend(scene, &legend, rows.take(legend_rows, false), buf);
    checks::draw(scene, rows.take(checks, true), buf);
    lines::counts(scene, rows.last(counts), buf);
}

fn count(lines: &[String]) -> u16 {
    u16::try_from(lines.len()).unwrap_or(u16::MAX)
}

/// How many rows each block gets of `total`, the blocks given in order of
/// importance as (least, wanted): first each its least, then each as many
/// as it wants, the more important first.
fn share<const N: usize>(total: u16, asks: [(u16, u16); N]) -> [u16; N] {
    let mut left = total;
    let mut got = asks.map(|(least, _)| {
        let given = least.min(left);
        left -= given;
        given
    });
    for (given, (_, wanted)) in got.iter_mut().zip(asks) {
        let more = wanted.saturating_sub(*given).min(left);
        *given += more;
        left -= more;
    }
    got
}

/// Hands out a column of rows from the top, a blank row before a block
/// while rows are left over, and the last rows to the block that stays at
/// the foot.
struct Rows {
    area: Rect,
    spare: u16,
}

impl Rows {
    fn new(area: Rect, used: u16) -> Rows {
        Rows {
            area,
            spare: area.height.saturating_sub(used),
        }
    }

    fn take(&mut self, height: u16, gap_before: bool) -> Rect {
        if gap_before && height > 0 && self.spare > 0 {
            self.spare -= 1;
            self.area.y += 1;
            self.area.height -= 1;
        }
        let height = height.min(self.area.height);
        let taken = Rect {
            height,
            ..self.area
        };
        self.area.y += height;
        self.area.height -= height;
        taken
    }

    fn last(&mut self, height: u16) -> Rect {
        let height = height.min(self.area.height);
        self.area.height -= height;
        Rect {
            y: self.area.bottom(),
            height,
            ..self.area
        }
    }
}

/// Row `n` of `area`, or nothing below it.
fn row(area: Rect, n: u16) -> Rect {
    Rect {
        y: area.y + n,
        height: u16::from(n < area.height),
        ..area
    }
}

/// `text` at column `col` of `area`'s first row, cut at its right edge
/// (never through a wide character).
fn put(buf: &mut Buffer, area: Rect, col: u16, text: &str, style: Style) {
    if area.height > 0 && col < area.width {
        let width = usize::from(area.width - col);
        buf.set_stringn(area.x + col, area.y, text, width, style);
    }
}
