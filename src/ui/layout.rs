//! Where each panel goes. Shared by drawing and by mouse hit-testing, so a
//! click always lands on what is drawn there.

use ratatui::layout::Rect;

/// Below this the screen cannot show the cluster legibly.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// The panels of the main screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Screen {
    pub title: Rect,
    /// The cluster ring or the space-time diagram.
    pub main: Rect,
    pub inspector: Rect,
    pub logs: Rect,
    pub feed: Rect,
    pub flight: Rect,
    pub scrubber: Rect,
    pub status: Rect,
    /// The lesson panel; empty in the sandbox.
    pub lesson: Rect,
}

fn row(area: Rect, y: u16, height: u16) -> Rect {
    Rect::new(area.x, y, area.width, height)
}

/// Splits a row into a left part and a right part `right` columns wide.
fn split(area: Rect, right: u16) -> (Rect, Rect) {
    let right = right.min(area.width);
    let left = Rect::new(area.x, area.y, area.width - right, area.height);
    (
        left,
        Rect::new(area.x + left.width, area.y, right, area.height),
    )
}

/// How the screen is shared out: the presenter's picture takes more of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Shares {
    /// The logs get at most the body's height over this.
    logs_of: u16,
    /// The picture's part of what is left, as a fraction.
    top: (u16, u16),
    /// The side column's part of the width, in twentieths, and its bounds.
    side_twentieths: u16,
    side: (u16, u16),
    /// The lesson column's part of the width, in twentieths, and bounds.
    lesson_twentieths: u16,
    lesson: (u16, u16),
}

const PLAIN: Shares = Shares {
    logs_of: 3,
    top: (2, 3),
    side_twentieths: 8,
    side: (30, 56),
    lesson_twentieths: 9,
    lesson: (36, 64),
};

/// Presenter mode: a larger picture, a wider lesson column, the logs and
/// the feed smaller.
const PRESENT: Shares = Shares {
    logs_of: 4,
    top: (4, 5),
    side_twentieths: 6,
    side: (30, 70),
    lesson_twentieths: 10,
    lesson: (36, 120),
};

impl Screen {
    /// The layout for an area at least [`MIN_WIDTH`]×[`MIN_HEIGHT`] and a
    /// cluster of `nodes`.
    pub fn new(area: Rect, nodes: usize) -> Screen {
        Screen::shared(area, nodes, PLAIN)
    }

    /// The presenter's layout.
    pub fn present(area: Rect, nodes: usize) -> Screen {
        Screen::shared(area, nodes, PRESENT)
    }

    /// The presenter's layout with a lesson open.
    pub fn present_lesson(area: Rect, nodes: usize, picking: bool) -> Screen {
        Screen::with_lesson(area, nodes, picking, PRESENT)
    }

    fn shared(area: Rect, nodes: usize, shares: Shares) -> Screen {
        let body = area.height.saturating_sub(3);
        // The logs panel wants a row per node plus its title and ruler,
        // but never more than a part of the body.
        let logs_height = (nodes as u16 + 2).min((body / shares.logs_of).max(4));
        let rest = body.saturating_sub(logs_height);
        let top_height = (rest * shares.top.0 / shares.top.1).max(7).min(rest);
        let bottom_height = rest - top_height;
        let side = (area.width * shares.side_twentieths / 20).clamp(shares.side.0, shares.side.1);
        let mut y = area.y;
        let title = row(area, y, 1);
        y += 1;
        let (main, inspector) = split(row(area, y, top_height), side);
        y += top_height;
        let logs = row(area, y, logs_height);
        y += logs_height;
        let (feed, flight) = split(row(area, y, bottom_height), side);
        y += bottom_height;
        let scrubber = row(area, y, 1);
        let status = row(area, y + 1, 1);
        Screen {
            title,
            main,
            inspector,
            logs,
            feed,
            flight,
            scrubber,
            status,
            lesson: Rect::default(),
        }
    }

    /// The layout with the feed grown to at least `rows` rows by taking
    /// them from the logs above it (which keep their title and ruler), so
    /// that a selected event and its reasons can be read whole on a small
    /// screen. The in-flight list beside the feed grows with it.
    pub fn with_feed_of(mut self, rows: u16) -> Screen {
        let take = rows
            .saturating_sub(self.feed.height)
            .min(self.logs.height.saturating_sub(3));
        if self.flight.y == self.feed.y && self.flight.height == self.feed.height {
            self.flight.y -= take;
            self.flight.height += take;
        }
        self.logs.height -= take;
        self.feed.y -= take;
        self.feed.height += take;
        self
    }

    /// The layout with a lesson open: the lesson panel takes the whole
    /// right column, where there is room for narration, and the in-flight
    /// list joins it below only while a message is being picked.
    pub fn lesson(area: Rect, nodes: usize, picking: bool) -> Screen {
        Screen::with_lesson(area, nodes, picking, PLAIN)
    }

    fn with_lesson(area: Rect, nodes: usize, picking: bool, shares: Shares) -> Screen {
        let plain = Screen::shared(area, nodes, shares);
        let side =
            (area.width * shares.lesson_twentieths / 20).clamp(shares.lesson.0, shares.lesson.1);
        let left = area.width - side;
        let x = area.x + left;
        let top = plain.main.y;
        let body = plain.scrubber.y - top;
        let narrow = |r: Rect| Rect::new(r.x, r.y, left, r.height);
        let flight_height = if picking {
            (body / 3).max(5).min(body)
        } else {
            0
        };
        Screen {
            main: narrow(plain.main),
            logs: narrow(plain.logs),
            feed: narrow(plain.feed),
            inspector: Rect::default(),
            lesson: Rect::new(x, top, side, body - flight_height),
            flight: Rect::new(x, top + body - flight_height, side, flight_height),
            ..plain
        }
    }
}

/// The cell a point in screen coordinates falls in, if it is inside
/// `area`: how canvas-like panels place their text over their drawing.
pub fn cell_at(area: Rect, (x, y): (f64, f64)) -> Option<(u16, u16)> {
    let (col, row) = (x.round(), y.round());
    let inside = col >= f64::from(area.x)
        && row >= f64::from(area.y)
        && col < f64::from(area.right())
        && row < f64::from(area.bottom());
    inside.then_some((col as u16, row as u16))
}

/// True when the area is big enough for the main screen.
pub fn fits(area: Rect) -> bool {
    area.width >= MIN_WIDTH && area.height >= MIN_HEIGHT
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panels_tile_the_screen_without_overlap() {
        for (w, h, n) in [(80, 24, 3), (80, 24, 9), (160, 48, 5), (200, 30, 9)] {
            let s = Screen::new(Rect::new(0, 0, w, h), n);
            let rows = [s.title, s.main, s.logs, s.feed, s.scrubber, s.status];
            assert_eq!(rows.iter().map(|r| r.height).sum::<u16>(), h, "{w}×{h}");
            assert_eq!(s.main.width + s.inspector.width, w);
            assert!(s.main.height >= 7);
            assert!(s.feed.height >= 3, "{w}×{h} n={n}: {:?}", s.feed);
        }
    }

    #[test]
    fn a_grown_feed_takes_rows_from_the_logs_alone() {
        for (w, h) in [(80, 24), (160, 48), (60, 16)] {
            for n in [3, 5, 9] {
                let plain = Screen::new(Rect::new(0, 0, w, h), n);
                let grown = plain.with_feed_of(8);
                assert_eq!(grown.logs.y, plain.logs.y, "{w}×{h} n={n}");
                assert_eq!(grown.logs.bottom(), grown.feed.y, "{w}×{h} n={n}");
                assert_eq!(grown.feed.bottom(), plain.feed.bottom(), "{w}×{h} n={n}");
                assert_eq!(grown.flight.y, grown.feed.y, "{w}×{h} n={n}");
                assert!(
                    grown.logs.height >= plain.logs.height.min(3),
                    "{w}×{h} n={n}"
                );
                assert!(grown.feed.height >= plain.feed.height, "{w}×{h} n={n}");
            }
        }
        let small = Screen::new(Rect::new(0, 0, 80, 24), 5);
        assert!(small.feed.height < 8);
        assert_eq!(small.with_feed_of(8).feed.height, 8);
    }

    #[test]
    fn the_lesson_panel_takes_the_right_column() {
        for (w, h, n) in [(80, 24, 3), (80, 24, 9), (160, 48, 5), (200, 30, 9)] {
            for picking in [false, true] {
                let s = Screen::lesson(Rect::new(0, 0, w, h), n, picking);
                assert!(s.lesson.width >= 36, "{w}×{h}");
                assert_eq!(s.main.width + s.lesson.width, w);
                assert_eq!(s.logs.right(), s.lesson.left());
                assert_eq!(s.lesson.y, s.main.y);
                assert_eq!(
                    s.lesson.height + s.flight.height,
                    s.feed.bottom() - s.main.y
                );
                assert_eq!(picking, !s.flight.is_empty());
                assert!(s.inspector.is_empty());
            }
        }
    }
}
