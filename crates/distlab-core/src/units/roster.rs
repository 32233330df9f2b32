//! Members numbered within their kind (`Client(2)`, `Server(3)`): a file
//! may only name those the cluster has, and says so at the number's own
//! line and column.

use std::cell::RefCell;

use serde::de::{self, Deserializer};
use serde::Deserialize;

/// The members of a cluster as a parse needs them: how many in all, and
/// how many of each kind that files number within the kind.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Roster {
    pub members: usize,
    /// `("client", 2)`: clients are numbered 1 and 2.
    pub kinds: Vec<(&'static str, usize)>,
}

thread_local! {
    /// The kinds in force while a second pass parses a file.
    static KINDS: RefCell<Option<Vec<(&'static str, usize)>>> = const { RefCell::new(None) };
}

/// Runs `f` with the counts of `kinds` in force.
pub(super) fn with_kinds<T>(kinds: &[(&'static str, usize)], f: impl FnOnce() -> T) -> T {
    let before = KINDS.with(|k| k.replace(Some(kinds.to_vec())));
    let out = f();
    KINDS.with(|k| *k.borrow_mut() = before);
    out
}

/// Reads the number of a member of `kind`, counted from 1: an error when
/// the cluster has no such member. The first pass, before the cluster is
/// known, takes any number from 1.
pub fn member_number<'de, D: Deserializer<'de>>(d: D, kind: &'static str) -> Result<u8, D::Error> {
    let n = u8::deserialize(d)?;
    if n == 0 {
        return Err(de::Error::custom(format!("{kind} numbers start at 1")));
    }
    let count = KINDS.with(|k| {
        k.borrow()
            .as_ref()
            .and_then(|kinds| kinds.iter().find(|(name, _)| *name == kind).map(|k| k.1))
    });
    match count {
        Some(0) => Err(de::Error::custom(format!(
            "{kind} {n} does not exist: the cluster has no {kind}s"
        ))),
        Some(count) if usize::from(n) > count => Err(de::Error::custom(format!(
            "{kind} {n} does not exist: the cluster has {kind}s 1 to {count}"
        ))),
        _ => Ok(n),
    }
}
