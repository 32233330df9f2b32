//! Where simulated time falls on the page.
//!
//! Time runs down at [`PX_PER_MS`], with two departures that keep a long
//! run printable and its arrows apart: a quiet stretch longer than
//! [`MAX_GAP`] pixels is squeezed to that (and marked `≈` on the axis),
//! and two moments that differ at all are at least [`MIN_STEP`] pixels
//! apart, so arrowheads never pile on one another. The axis names true
//! times, so the page reads right whatever the squeezing.

use std::collections::BTreeSet;

use crate::sim::SimTime;

/// The first lane row: below the title, legend, note and lane names.
pub(super) const TOP: f64 = 92.0;
const PX_PER_MS: f64 = 3.0;
pub(super) const MIN_STEP: f64 = 8.0;
const MAX_GAP: f64 = 60.0;
/// The least distance between two times named on the axis: a line of
/// text.
const TICK_GAP: f64 = 16.0;

/// Maps simulated time to a height on the page.
pub(super) struct TimeMap {
    /// Every moment something is drawn, with its height.
    pub(super) knots: Vec<(SimTime, f64)>,
    /// The knots that end a squeezed stretch.
    pub(super) after_breaks: Vec<usize>,
}

impl TimeMap {
    pub(super) fn new(moments: &BTreeSet<SimTime>) -> TimeMap {
        let mut knots: Vec<(SimTime, f64)> = Vec::with_capacity(moments.len());
        let mut after_breaks = Vec::new();
        for &t in moments {
            let y = match knots.last() {
                None => TOP,
                Some(&(last, y)) => {
                    let natural = (t - last) as f64 / 1_000.0 * PX_PER_MS;
                    if natural > MAX_GAP {
                        after_breaks.push(knots.len());
                    }
                    y + natural.clamp(MIN_STEP, MAX_GAP)
                }
            };
            knots.push((t, y));
        }
        TimeMap {
            knots,
            after_breaks,
        }
    }

    pub(super) fn y(&self, t: SimTime) -> f64 {
        let i = self.knots.partition_point(|&(k, _)| k < t);
        match (i.checked_sub(1).map(|j| self.knots[j]), self.knots.get(i)) {
            (_, Some(&(k, y))) if k == t => y,
            (Some((a, ya)), Some(&(b, yb))) => ya + (yb - ya) * (t - a) as f64 / (b - a) as f64,
            (_, Some(&(_, y))) | (Some((_, y)), None) => y,
            (None, None) => TOP,
        }
    }

    fn squeezed(&self, knot: usize) -> bool {
        self.after_breaks.contains(&knot)
    }

    /// Times to name on the axis: the start, every stretch after a squeeze,
    /// every 10 ms elsewhere, none closer than a line of text.
    pub(super) fn ticks(&self) -> Vec<(SimTime, f64)> {
        let mut wanted: Vec<(SimTime, f64, bool)> = Vec::new();
        for (i, pair) in self.knots.windows(2).enumerate() {
            let (a, b) = (pair[0].0, pair[1].0);
            wanted.push((a, self.knots[i].1, i == 0 || self.squeezed(i)));
            if !self.squeezed(i + 1) {
                let mut t = (a / 10_000 + 1) * 10_000;
                while t < b {
                    wanted.push((t, self.y(t), false));
                    t += 10_000;
                }
            }
        }
        if let Some(&(t, y)) = self.knots.last() {
            wanted.push((t, y, true));
        }
        let mut shown: Vec<(SimTime, f64)> = Vec::new();
        for (t, y, first) in wanted {
            match shown.last() {
                Some(&(_, last)) if y - last < TICK_GAP && !first => {}
                Some(&(_, last)) if y - last < TICK_GAP => {
                    shown.pop();
                    shown.push((t, y));
                }
                _ => shown.push((t, y)),
            }
        }
        shown
    }
}
