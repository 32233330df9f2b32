//! The explorer's budgets as a person edits them before a search: one
//! line on the status bar, a field chosen with the arrows and changed with
//! left and right, each within bounds a search finishes in.

use crate::explore::Search;

/// The fields, in the order the form shows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Depth,
    Crashes,
    Drops,
    Walks,
}

const FIELDS: [Field; 4] = [Field::Depth, Field::Crashes, Field::Drops, Field::Walks];

/// The deepest breadth-first search offered: each level multiplies the
/// states by the choices, and ten levels already reach the memory cap.
const MAX_DEPTH: u32 = 10;
/// The most crashes (with restarts) or drops a schedule may spend.
const MAX_FAULTS: u32 = 3;
/// Walks are offered in hundreds, up to this many.
const WALK_STEP: u32 = 100;
const MAX_WALKS: u32 = 2_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExploreForm {
    pub field: Field,
    pub search: Search,
}

impl ExploreForm {
    pub fn new(search: Search) -> ExploreForm {
        ExploreForm {
            field: Field::Depth,
            search,
        }
    }

    /// The fields with their values, in order.
    pub fn fields(&self) -> [(Field, u32); 4] {
        FIELDS.map(|f| (f, self.value(f)))
    }

    fn value(&self, field: Field) -> u32 {
        let s = &self.search;
        match field {
            Field::Depth => s.depth,
            Field::Crashes => s.budgets.crashes,
            Field::Drops => s.budgets.drops,
            Field::Walks => s.walks,
        }
    }

    /// Chooses the field `by` places on, wrapping around.
    pub fn move_field(&mut self, by: i8) {
        let at = FIELDS.iter().position(|&f| f == self.field).unwrap_or(0);
        let n = FIELDS.len() as isize;
        self.field = FIELDS[(at as isize + isize::from(by)).rem_euclid(n) as usize];
    }

    /// Raises (positive `by`) or lowers the chosen field by one notch,
    /// within its bounds.
    pub fn change(&mut self, by: i8) {
        let notch = |value: u32, step: u32, low: u32, high: u32| {
            let moved = if by > 0 {
                value.saturating_add(step)
            } else {
                value.saturating_sub(step)
            };
            moved.clamp(low, high)
        };
        let s = &mut self.search;
        match self.field {
            Field::Depth => s.depth = notch(s.depth, 1, 1, MAX_DEPTH),
            Field::Crashes => s.budgets.crashes = notch(s.budgets.crashes, 1, 0, MAX_FAULTS),
            Field::Drops => s.budgets.drops = notch(s.budgets.drops, 1, 0, MAX_FAULTS),
            Field::Walks => s.walks = notch(s.walks, WALK_STEP, 0, MAX_WALKS),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_wrap_and_values_stay_within_bounds() {
        let mut form = ExploreForm::new(Search::interactive());
        form.move_field(-1);
        assert_eq!(form.field, Field::Walks);
        for _ in 0..30 {
            form.change(1);
        }
        assert_eq!(form.search.walks, MAX_WALKS);
        form.move_field(1);
        assert_eq!(form.field, Field::Depth);
        for _ in 0..30 {
            form.change(-1);
        }
        assert_eq!(form.search.depth, 1, "at least one step deep");
        form.move_field(2);
        form.change(1);
        assert_eq!(form.search.budgets.drops, 1);
        assert_eq!(
            form.fields().map(|(_, v)| v),
            [1, 0, 1, MAX_WALKS],
            "depth, crashes, drops, walks"
        );
    }
}
