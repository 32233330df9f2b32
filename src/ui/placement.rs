//! Where the members of a cluster sit in the picture, in terminal cells.
//!
//! Peers that are all alike (Raft, Paxos) sit on an ellipse that fills the
//! panel (cells are about twice as tall as wide, so a circle would waste
//! the width). Members of different kinds (clients, a lock service and
//! storage) stand in lanes, one column per kind, left to right, so that
//! who talks to whom reads across the picture. Drawing and mouse
//! hit-testing both use these positions.

use ratatui::layout::Rect;

/// Half the width of a node's label, kept clear of the panel's edges.
const LABEL_HALF: f64 = 5.0;
/// Half the width of a node's one-row label on a crowded ring (its name,
/// role and epoch, then a short gauge).
const CROWDED_HALF: f64 = 5.5;
/// Most lanes a picture has.
const MAX_LANES: usize = 4;

#[derive(Clone, Copy, Debug)]
pub struct Placement {
    area: Rect,
    nodes: usize,
    shape: Shape,
}

#[derive(Clone, Copy, Debug)]
enum Shape {
    /// `crowded`: the ring has too few rows for a label over a gauge at
    /// every node, so each node takes one row.
    Ring { crowded: bool },
    /// How many members each lane holds, in member order (unused lanes
    /// hold none), and how they stand in their lanes.
    Lanes([usize; MAX_LANES], Rows),
}

/// How members stand from top to bottom in their lanes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Rows {
    /// Evenly, with a row above each member for marks and one below for
    /// its gauge.
    Spaced,
    /// Evenly over every row, each member on one row with its gauge
    /// beside its label (as on a crowded ring): a lane has fewer than two
    /// rows per member, so a gauge under one would cover the next.
    Crowded,
    /// The first of each lane on the top row, the last on the bottom row,
    /// for boxes that carry their own marks and gauges (presenter mode):
    /// as far apart as the area allows.
    Edges,
}

impl Placement {
    /// `nodes` peers on a ring inside `area`; on one row each where a
    /// label over a gauge would run into its neighbour's.
    pub fn ring(area: Rect, nodes: usize) -> Placement {
        let roomy = Placement {
            area,
            nodes,
            shape: Shape::Ring { crowded: false },
        };
        let spots: Vec<(f64, f64)> = (0..nodes)
            .map(|i| {
                let (x, y) = roomy.center(i);
                (x, y.round())
            })
            .collect();
        let crowded = spots.iter().enumerate().any(|(i, a)| {
            spots[i + 1..]
                .iter()
                .any(|b| (a.0 - b.0).abs() <= 2.0 * LABEL_HALF && (a.1 - b.1).abs() < 2.0)
        });
        Placement {
            shape: Shape::Ring { crowded },
            ..roomy
        }
    }

    /// Whether each node takes one row (see [`Placement::ring`] and
    /// [`Placement::lanes_or_rows`]).
    pub fn is_crowded(&self) -> bool {
        matches!(
            self.shape,
            Shape::Ring { crowded: true } | Shape::Lanes(_, Rows::Crowded)
        )
    }

    /// Members in lanes inside `area`: the first `sizes[0]` members in the
    /// leftmost lane, the next `sizes[1]` in the next, and so on (at most
    /// four lanes; members beyond them join the last).
    pub fn lanes(area: Rect, sizes: &[usize]) -> Placement {
        Placement::lanes_in(area, sizes, Rows::Spaced)
    }

    /// Members in lanes as [`Placement::lanes`] stands them, unless a lane
    /// has fewer than two rows per member: then each member takes one row
    /// (see [`Placement::is_crowded`]), so that nothing drawn under one
    /// member lands on the next one's label.
    pub fn lanes_or_rows(area: Rect, sizes: &[usize]) -> Placement {
        let spaced = Placement::lanes(area, sizes);
        let rows = f64::from(area.height.saturating_sub(3));
        let Shape::Lanes(lanes, _) = spaced.shape else {
            return spaced;
        };
        if lanes.iter().any(|&n| n > 1 && rows < 2.0 * n as f64) {
            Placement::lanes_in(area, sizes, Rows::Crowded)
        } else {
            spaced
        }
    }

    /// Members in lanes from the top row of `area` to its bottom row, for
    /// boxes as tall as the rows between them (presenter mode): a lane of
    /// five members fits five boxes of five rows in 25 rows.
    pub fn lanes_edge_to_edge(area: Rect, sizes: &[usize]) -> Placement {
        Placement::lanes_in(area, sizes, Rows::Edges)
    }

    fn lanes_in(area: Rect, sizes: &[usize], rows: Rows) -> Placement {
        let mut lanes = [0; MAX_LANES];
        for (i, &size) in sizes.iter().enumerate() {
            lanes[i.min(MAX_LANES - 1)] += size;
        }
        Placement {
            area,
            nodes: lanes.iter().sum(),
            shape: Shape::Lanes(lanes, rows),
        }
    }

    /// The centre of node `i`, in cell coordinates (fractional). On a
    /// ring node 0 is at the top and the others follow clockwise; in
    /// lanes each lane's members stand evenly from top to bottom.
    pub fn center(&self, i: usize) -> (f64, f64) {
        let w = f64::from(self.area.width.saturating_sub(1));
        let h = f64::from(self.area.height.saturating_sub(1));
        let (x0, y0) = (f64::from(self.area.x), f64::from(self.area.y));
        match self.shape {
            Shape::Ring { crowded } => {
                let (cx, cy) = (x0 + w / 2.0, y0 + h / 2.0);
                // Leave a row above the top node for its "cut off" mark
                // and one below the bottom node for its timer, unless each
                // node takes one row.
                let (rx, ry) = if crowded {
                    (w / 2.0 - CROWDED_HALF, h / 2.0)
                } else {
                    (w / 2.0 - LABEL_HALF, h / 2.0 - 1.0)
                };
                let (rx, ry) = (rx.max(0.0), ry.max(0.0));
                let angle = -std::f64::consts::FRAC_PI_2
                    + std::f64::consts::TAU * i as f64 / self.nodes.max(1) as f64;
                (cx + rx * angle.cos(), cy + ry * angle.sin())
            }
            Shape::Lanes(sizes, stand) => {
                let (lane, place) = lane_of(&sizes, i);
                let used = sizes.iter().filter(|&&s| s > 0).count().max(1);
                let column = sizes[..lane].iter().filter(|&&s| s > 0).count();
                let span = (w - 2.0 * LABEL_HALF).max(0.0);
                let x = if used == 1 {
                    x0 + w / 2.0
                } else {
                    x0 + LABEL_HALF + span * column as f64 / (used - 1) as f64
                };
                let size = sizes[lane].max(1) as f64;
                let y = match stand {
                    // A row above each member for marks, one below for its
                    // gauge.
                    Rows::Spaced => y0 + 1.0 + (h - 2.0).max(0.0) * (place as f64 + 0.5) / size,
                    Rows::Crowded => y0 - 0.5 + (h + 1.0) * (place as f64 + 0.5) / size,
                    Rows::Edges if size > 1.0 => y0 + h * place as f64 / (size - 1.0),
                    Rows::Edges => y0 + h / 2.0,
                };
                (x, y)
            }
        }
    }

    /// Whether the picture draws a link between members `a` and `b`:
    /// always on a ring; across lanes only, since members of one kind
    /// (two clients) do not talk to each other.
    pub fn may_link(&self, a: usize, b: usize) -> bool {
        match self.shape {
            Shape::Ring { .. } => true,
            Shape::Lanes(sizes, _) => lane_of(&sizes, a).0 != lane_of(&sizes, b).0,
        }
    }

    /// Whether the members stand on a ring, where every peer talks to
    /// every other.
    pub fn is_ring(&self) -> bool {
        matches!(self.shape, Shape::Ring { .. })
    }

    /// The area the nodes are placed in.
    pub fn area(&self) -> Rect {
        self.area
    }

    /// The point `progress` (0 to 1) of the way from node `a` to node `b`.
    pub fn between(&self, a: usize, b: usize, progress: f64) -> (f64, f64) {
        let (ax, ay) = self.center(a);
        let (bx, by) = self.center(b);
        (ax + (bx - ax) * progress, ay + (by - ay) * progress)
    }

    /// The cell a point falls in, if it is inside the area.
    pub fn cell(&self, point: (f64, f64)) -> Option<(u16, u16)> {
        super::layout::cell_at(self.area, point)
    }

    /// The node whose label covers the cell, if any.
    pub fn node_at(&self, col: u16, row: u16) -> Option<usize> {
        let (half, rows) = if self.is_crowded() {
            (CROWDED_HALF, 0.0..=0.0)
        } else {
            (LABEL_HALF, -1.0..=1.0)
        };
        (0..self.nodes)
            .filter_map(|i| {
                let (x, y) = self.center(i);
                let dx = (f64::from(col) - x).abs();
                let dy = f64::from(row) - y.round();
                (dx <= half && rows.contains(&dy)).then_some((dx, i))
            })
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, i)| i)
    }

    /// Canvas bounds that make canvas coordinates equal cell offsets
    /// within the area, with y growing upwards as the canvas expects.
    pub fn canvas_bounds(&self) -> ([f64; 2], [f64; 2]) {
        let w = f64::from(self.area.width.saturating_sub(1)).max(1.0);
        let h = f64::from(self.area.height.saturating_sub(1)).max(1.0);
        ([0.0, w], [0.0, h])
    }

    /// A cell-coordinate point as canvas coordinates.
    pub fn to_canvas(self, (x, y): (f64, f64)) -> (f64, f64) {
        let h = f64::from(self.area.height.saturating_sub(1));
        (x - f64::from(self.area.x), h - (y - f64::from(self.area.y)))
    }
}

/// The lane of member `i`, and its place in that lane.
fn lane_of(sizes: &[usize; MAX_LANES], i: usize) -> (usize, usize) {
    let mut first = 0;
    for (lane, &size) in sizes.iter().enumerate() {
        if i < first + size {
            return (lane, i - first);
        }
        first += size;
    }
    (MAX_LANES - 1, sizes[MAX_LANES - 1].saturating_sub(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lanes_stand_left_to_right_and_clicks_find_their_members() {
        let lanes = Placement::lanes(Rect::new(0, 1, 60, 14), &[3, 1, 1]);
        let (c1, c3) = (lanes.center(0), lanes.center(2));
        let (service, storage) = (lanes.center(3), lanes.center(4));
        assert!(
            c1.0 < service.0 && service.0 < storage.0,
            "{c1:?} {service:?} {storage:?}"
        );
        assert_eq!(c1.0, c3.0, "one lane, one column");
        assert!(c1.1 < c3.1, "members stand from top to bottom");
        for i in 0..5 {
            let (col, row) = lanes.cell(lanes.center(i)).expect("inside");
            assert_eq!(lanes.node_at(col, row), Some(i));
        }
        assert!(!lanes.may_link(0, 2), "two clients");
        assert!(lanes.may_link(0, 3) && lanes.may_link(2, 4));
    }

    #[test]
    fn a_crowded_lane_gives_each_member_a_row_of_its_own() {
        // Four clients in the 8-row picture of an 80×24 lesson screen.
        let area = Rect::new(0, 2, 44, 8);
        let spaced = Placement::lanes(area, &[4, 1, 1]);
        let rows = |p: &Placement| -> Vec<u16> {
            (0..4)
                .map(|i| p.cell(p.center(i)).expect("inside").1)
                .collect()
        };
        let tight = rows(&spaced);
        assert!(tight.windows(2).any(|w| w[1] - w[0] < 2), "{tight:?}");
        let crowded = Placement::lanes_or_rows(area, &[4, 1, 1]);
        assert!(crowded.is_crowded());
        let apart = rows(&crowded);
        assert!(apart.windows(2).all(|w| w[1] > w[0]), "{apart:?}");
        for i in 0..6 {
            let (col, row) = crowded.cell(crowded.center(i)).expect("inside");
            assert_eq!(crowded.node_at(col, row), Some(i));
        }
        // Two clients have room for a gauge under each.
        assert!(!Placement::lanes_or_rows(area, &[2, 1, 1]).is_crowded());
    }

    #[test]
    fn lanes_edge_to_edge_stand_five_boxes_of_five_rows_apart() {
        // Presenter mode at 160×48: 26 rows inset by half a box.
        let area = Rect::new(0, 4, 100, 21);
        let lanes = Placement::lanes_edge_to_edge(area, &[3, 5, 1]);
        let ys: Vec<f64> = (3..8).map(|i| lanes.center(i).1).collect();
        assert_eq!(ys.first(), Some(&4.0));
        assert_eq!(ys.last(), Some(&24.0));
        assert!(ys.windows(2).all(|w| w[1] - w[0] >= 5.0), "{ys:?}");
        assert_eq!(lanes.center(8).1, 14.0, "one member stands halfway");
    }

    #[test]
    fn the_first_node_is_on_top_and_clicks_find_nodes() {
        let ring = Placement::ring(Rect::new(0, 1, 48, 12), 5);
        let (x, y) = ring.center(0);
        assert!((x - 23.5).abs() < 0.01 && y < 3.0, "{x},{y}");
        for i in 0..5 {
            let (col, row) = ring.cell(ring.center(i)).expect("inside");
            assert_eq!(ring.node_at(col, row), Some(i));
        }
        assert_eq!(ring.node_at(24, 7), None);
        assert!(!ring.is_crowded());
    }

    #[test]
    fn a_crowded_ring_gives_each_node_a_row_of_its_own_clear_of_the_others() {
        // Nine nodes in the picture of an 80×24 screen, sandbox and lesson.
        for width in [48, 44] {
            let ring = Placement::ring(Rect::new(0, 2, width, 8), 9);
            assert!(ring.is_crowded(), "{width}");
            let spots: Vec<(f64, u16)> = (0..9)
                .map(|i| {
                    let (x, y) = ring.center(i);
                    (x, ring.cell((x, y)).expect("inside").1)
                })
                .collect();
            for (i, a) in spots.iter().enumerate() {
                for b in &spots[i + 1..] {
                    let apart = a.1 != b.1 || (a.0 - b.0).abs() > 2.0 * CROWDED_HALF - 1.0;
                    assert!(apart, "{width}: {a:?} {b:?}");
                }
            }
            for i in 0..9 {
                let (col, row) = ring.cell(ring.center(i)).expect("inside");
                assert_eq!(ring.node_at(col, row), Some(i));
            }
        }
    }
}
