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

/// Toys' timers, requests and observations read as their Debug form: no
/// test is about their words.
macro_rules! debug_words {
    ($($t:ty),* $(,)?) => {
        $(impl $crate::sim::Describe for $t {
            fn describe(&self, _: $crate::units::Lang, _: &$crate::sim::Labels) -> String {
                format!("{self:?}")
            }
        })*
    };
}
use debug_words;

debug_words!(Never, (), u32);

/// A toy's explanations and findings: plain English, which is all a test
/// of the engine needs.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Said(String);

impl Describe for Said {
    fn describe(&self, _: crate::units::Lang, _: &Labels) -> String {
        self.0.clone()
    }
}

impl From<String> for Said {
    fn from(text: String) -> Self {
        Said(text)
    }
}

impl From<&str> for Said {
    fn from(text: &str) -> Self {
        Said(text.to_owned())
    }
}

impl From<fmt::Arguments<'_>> for Said {
    fn from(text: fmt::Arguments<'_>) -> Self {
        Said(text.to_string())
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
    fn check(&mut self, _: &CheckView<'_, A>) -> Vec<FindingOf<A>> {
        Vec::new()
    }
}
