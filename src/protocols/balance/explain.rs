//! A pick in one plain clause, formatted only when someone reads it.

use std::fmt;

use super::algo::{Pick, Why};

/// The reason for a pick, as the event feed says it.
pub struct WhyText<'a>(pub &'a Pick);

impl fmt::Display for WhyText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.0.server + 1;
        match self.0.why {
            Why::Plain => write!(f, "its turn came"),
            Why::Swrr { before, .. } => write!(
                f,
                "its current weight plus its weight, {}, was the largest",
                before[self.0.server]
            ),
            Why::Edf { deadlines } => write!(
                f,
                "its deadline {:.3} was the earliest",
                deadlines[self.0.server]
            ),
            Why::TwoChoices {
                a,
                b,
                load_a,
                load_b,
            } => write!(
                f,
                "of the two drawn, S{} has {load_a} active and S{} has {load_b}; S{s} has fewer (the first on a tie)",
                a + 1,
                b + 1
            ),
            Why::Scores { scores } => {
                write!(f, "its score {:.1} was the lowest", scores[self.0.server])
            }
            Why::Hash { key_point, owner } => write!(
                f,
                "the key hashes to {:016x}, which S{s} owns ({owner:016x})",
                key_point
            ),
        }
    }
}
