//! Engine behaviour, checked with toy protocols: each file drives one
//! capability of the engine with an actor made for it.

use std::fmt;

use serde::Serialize;

use super::*;

mod checks;
mod disk;
mod large;
mod parts;
mod pinger;
mod stuck;
mod sweep;
mod timers;

/// Observations for toys that make none.
#[derive(Clone, Debug, Serialize)]
struct Never;

impl fmt::Display for Never {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "never")
    }
}

/// Messages for toys that send none.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "msg")]
enum Silence {}

impl Message for Silence {
    fn name(&self) -> &'static str {
        match *self {}
    }
}

/// A checker for toys whose safety is not the point.
#[derive(Clone, Debug, Default)]
struct NoChecks;

impl<A: Actor> Checker<A> for NoChecks {
    fn check(&mut self, _: &CheckView<'_, A>) -> Vec<Finding> {
        Vec::new()
    }
}
