//! The geometry of the cluster ring, in terminal cells.
//!
//! Nodes sit on an ellipse that fills the panel (cells are about twice as
//! tall as wide, so a circle would waste the width). Drawing and mouse
//! hit-testing both use these positions.

use ratatui::layout::Rect;

/// Half the width of a node's label, kept clear of the panel's edges.
const LABEL_HALF: f64 = 5.0;

#[derive(Clone, Copy, Debug)]
pub struct Ring {
    area: Rect,
    nodes: usize,
}

impl Ring {
    /// The ring of `nodes` drawn inside `area`.
    pub fn new(area: Rect, nodes: usize) -> Ring {
        Ring { area, nodes }
    }

    /// The centre of node `i`, in cell coordinates (fractional). Node 0 is
    /// at the top; the others follow clockwise.
    pub fn center(&self, i: usize) -> (f64, f64) {
        let w = f64::from(self.area.width.saturating_sub(1));
        let h = f64::from(self.area.height.saturating_sub(1));
        let cx = f64::from(self.area.x) + w / 2.0;
        let cy = f64::from(self.area.y) + h / 2.0;
        let rx = (w / 2.0 - LABEL_HALF).max(0.0);
        // Leave a row above the top node for its "cut off" mark and one
        // below the bottom node for its timer.
        let ry = (h / 2.0 - 1.0).max(0.0);
        let angle = -std::f64::consts::FRAC_PI_2
            + std::f64::consts::TAU * i as f64 / self.nodes.max(1) as f64;
        (cx + rx * angle.cos(), cy + ry * angle.sin())
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
        (0..self.nodes)
            .filter_map(|i| {
                let (x, y) = self.center(i);
                let dx = (f64::from(col) - x).abs();
                let dy = f64::from(row) - y.round();
                (dx <= LABEL_HALF && (-1.0..=1.0).contains(&dy)).then_some((dx, i))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_node_is_on_top_and_clicks_find_nodes() {
        let ring = Ring::new(Rect::new(0, 1, 48, 12), 5);
        let (x, y) = ring.center(0);
        assert!((x - 23.5).abs() < 0.01 && y < 3.0, "{x},{y}");
        for i in 0..5 {
            let (col, row) = ring.cell(ring.center(i)).expect("inside");
            assert_eq!(ring.node_at(col, row), Some(i));
        }
        assert_eq!(ring.node_at(24, 7), None);
    }
}
