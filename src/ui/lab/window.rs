//! The stretch of time the lanes show, cut into columns, and what of a
//! bar falls in each: shared by every lane so that their columns line up.

use crate::lab::Holding;

/// Lengths a column may stand for, shortest first: the shortest that lets
/// the line cover [`LEAST_US`] is used, so a wider screen shows a longer
/// stretch at the same detail.
const COLUMN_US: [u64; 7] = [
    200_000, 250_000, 500_000, 1_000_000, 2_000_000, 5_000_000, 10_000_000,
];
/// The stretch of time the line covers at least, where the columns allow.
const LEAST_US: u64 = 10_000_000;

/// The stretch of time the line shows: `cols` columns of `column` µs, the
/// one holding the moment shown last (or as far as the run has gone).
/// Columns begin on multiples of their length, so that a playing replay
/// slides by whole columns.
pub struct Window {
    pub start: u64,
    pub column: u64,
    cols: u16,
    now: u64,
}

impl Window {
    pub fn new(now: u64, cols: u16) -> Window {
        let wide = u64::from(cols.max(1));
        let column = COLUMN_US
            .into_iter()
            .find(|c| c * wide >= LEAST_US)
            .unwrap_or(COLUMN_US[COLUMN_US.len() - 1]);
        Window {
            start: (now / column).saturating_sub(wide - 1) * column,
            column,
            cols,
            now,
        }
    }

    /// Each column up to the moment shown, with the time it begins.
    pub fn columns(&self) -> impl Iterator<Item = (u16, u64)> + '_ {
        (0..self.cols)
            .map(|c| (c, self.start.saturating_add(u64::from(c) * self.column)))
            .take_while(|&(_, t)| t <= self.now)
    }

    /// The column that moment `at` falls in, if it is shown.
    pub fn column_of(&self, at: u64) -> Option<u16> {
        let c = at.checked_sub(self.start)? / self.column;
        u16::try_from(c)
            .ok()
            .filter(|&c| c < self.cols && at <= self.now)
    }

    /// What of `bar` lies in the column from `t`; a bar still going runs
    /// to the moment shown.
    pub fn clip(&self, bar: &Holding, t: u64) -> Option<(u64, u64)> {
        let from = bar.from_us.max(t);
        let to = bar
            .to_us
            .unwrap_or(self.now.saturating_add(1))
            .min(t.saturating_add(self.column));
        (from < to).then_some((from, to))
    }

    /// The bars that reach into the window.
    pub fn visible(&self, bars: &[Holding]) -> Vec<Holding> {
        bars.iter()
            .filter(|b| b.from_us <= self.now && b.to_us.is_none_or(|to| to > self.start))
            .copied()
            .collect()
    }

    /// Client `n`'s stretches among `bars` within the column from `t`.
    pub fn within(&self, bars: &[Holding], n: u8, t: u64) -> Vec<(u64, u64)> {
        bars.iter()
            .filter(|b| b.client == n)
            .filter_map(|b| self.clip(b, t))
            .collect()
    }
}

/// Whether any stretch of `a` meets one of `b`: a hand-over inside one
/// column is no overlap.
pub fn meet(a: &[(u64, u64)], b: &[(u64, u64)]) -> bool {
    a.iter()
        .any(|&(f, t)| b.iter().any(|&(g, u)| f.max(g) < t.min(u)))
}
