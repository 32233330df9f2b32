//! Checks between fields, reported where a field is written.
//!
//! Some settings are wrong only together: an action after the scenario's
//! end, a heartbeat no shorter than the election timeout. Serde reads a
//! field before it has seen the fields written after it, so a file is read
//! twice (as for node numbers, see [`super::with_node_limit`]). In the first
//! reading, fields [`note`] facts about the value they belong to (the
//! innermost value read with [`read_noting`]); the second reading reads the
//! same values in the same order and hands each its facts again
//! ([`recalled`]), so that a field in conflict with another, written before
//! or after it, is reported at its own line and column.
//!
//! Outside [`learning`] and [`recalling`] nothing is noted or recalled and
//! these checks are skipped.

use std::any::Any;
use std::cell::RefCell;

/// Facts noted about one value, one of each kind.
#[derive(Default)]
struct Bag(Vec<Box<dyn Any>>);

impl Bag {
    fn get<K: Any>(&self) -> Option<&K> {
        self.0.iter().find_map(|fact| fact.downcast_ref::<K>())
    }

    fn get_or_default<K: Any + Default>(&mut self) -> &mut K {
        let at = match self.0.iter().position(|fact| fact.is::<K>()) {
            Some(at) => at,
            None => {
                self.0.push(Box::new(K::default()));
                self.0.len() - 1
            }
        };
        self.0[at]
            .downcast_mut::<K>()
            .expect("the fact at `at` is a K")
    }
}

#[derive(Clone, Copy, Default, PartialEq, Eq)]
enum Mode {
    #[default]
    Off,
    Learning,
    Recalling,
}

#[derive(Default)]
struct Memory {
    mode: Mode,
    /// Each value's facts, in the order their readings began.
    facts: Vec<Bag>,
    /// Where the next value's facts go, or come from.
    next: usize,
    /// The facts of the values being read, innermost last.
    open: Vec<Bag>,
}

thread_local! {
    static MEMORY: RefCell<Memory> = RefCell::new(Memory::default());
}

/// What a first reading noted, for the second reading of the same text.
pub struct Learnt(Vec<Bag>);

/// Puts `memory` in force until dropped, then restores what was before.
struct InForce(Option<Memory>);

impl InForce {
    fn new(memory: Memory) -> InForce {
        InForce(Some(MEMORY.with(|m| m.replace(memory))))
    }
}

impl Drop for InForce {
    fn drop(&mut self) {
        if let Some(before) = self.0.take() {
            MEMORY.with(|m| m.replace(before));
        }
    }
}

/// Runs a first reading: what its fields note is returned beside its
/// result.
pub fn learning<T>(read: impl FnOnce() -> T) -> (T, Learnt) {
    let guard = InForce::new(Memory {
        mode: Mode::Learning,
        ..Memory::default()
    });
    let out = read();
    let facts = MEMORY.with(|m| std::mem::take(&mut m.borrow_mut().facts));
    drop(guard);
    (out, Learnt(facts))
}

/// Runs a second reading of the same text, with what the first one noted.
pub fn recalling<T>(learnt: Learnt, read: impl FnOnce() -> T) -> T {
    let _guard = InForce::new(Memory {
        mode: Mode::Recalling,
        facts: learnt.0,
        ..Memory::default()
    });
    read()
}

/// Reads a value (with `read`, usually its derived `Deserialize`) whose
/// fields, and those of the values inside it, note facts for each other.
pub fn read_noting<T, E>(read: impl FnOnce() -> Result<T, E>) -> Result<T, E> {
    let slot = MEMORY.with(|m| {
        let mut m = m.borrow_mut();
        let slot = m.next;
        m.next += 1;
        let bag = match m.mode {
            Mode::Recalling => m.facts.get_mut(slot).map(std::mem::take),
            Mode::Off | Mode::Learning => None,
        };
        m.open.push(bag.unwrap_or_default());
        slot
    });
    let out = read();
    MEMORY.with(|m| {
        let mut m = m.borrow_mut();
        let bag = m.open.pop().unwrap_or_default();
        if m.mode == Mode::Learning {
            if m.facts.len() <= slot {
                m.facts.resize_with(slot + 1, Bag::default);
            }
            m.facts[slot] = bag;
        }
    });
    out
}

/// In a first reading, notes a fact of kind `K` about the value being read
/// (the innermost read with [`read_noting`]); does nothing otherwise.
pub fn note<K: Any + Default>(change: impl FnOnce(&mut K)) {
    MEMORY.with(|m| {
        let mut m = m.borrow_mut();
        if m.mode != Mode::Learning {
            return;
        }
        if let Some(bag) = m.open.last_mut() {
            change(bag.get_or_default::<K>());
        }
    });
}

/// In a second reading, the facts of kind `K` noted about the value being
/// read, wherever in it they were written; `None` when none were noted or
/// outside a second reading.
pub fn recalled<K: Any + Clone>() -> Option<K> {
    MEMORY.with(|m| {
        let m = m.borrow();
        if m.mode != Mode::Recalling {
            return None;
        }
        m.open.last()?.get::<K>().cloned()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Debug, Default, PartialEq)]
    struct Seen(Vec<u32>);

    /// Reads `values` as two nested values, noting each number.
    fn read(values: &[u32]) -> Result<Vec<Option<Seen>>, ()> {
        read_noting(|| {
            let mut out = Vec::new();
            for &v in values {
                out.push(recalled::<Seen>());
                note(|s: &mut Seen| s.0.push(v));
            }
            let inner = read_noting(|| {
                note(|s: &mut Seen| s.0.push(99));
                Ok(recalled::<Seen>())
            })?;
            out.push(inner);
            Ok(out)
        })
    }

    #[test]
    fn the_second_reading_knows_what_the_first_noted_value_by_value() {
        let (first, learnt) = learning(|| read(&[1, 2]));
        assert_eq!(first, Ok(vec![None, None, None]), "nothing is recalled yet");
        let second = recalling(learnt, || read(&[1, 2]));
        let outer = Some(Seen(vec![1, 2]));
        assert_eq!(
            second,
            Ok(vec![outer.clone(), outer, Some(Seen(vec![99]))]),
            "each value recalls its own facts, even those noted after"
        );
        assert_eq!(read(&[1]), Ok(vec![None, None]), "off outside the two");
    }
}
