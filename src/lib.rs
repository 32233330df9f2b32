//! distlab: an interactive terminal lab for distributed systems.
//!
//! The simulator, the protocol families, scenario files, lessons, headless
//! runs and experiments live in the `distlab-core` crate, which knows no
//! screen; they are re-exported here under their own names. This crate adds
//! the screen: [`app`] holds the state a person changes by keys, [`ui`]
//! draws it.

pub use distlab_core::{
    experiment, explore, for_each_family, headless, history, lesson, protocols, say, scenario, sim,
    text, units,
};

pub mod app;
pub mod export;
pub mod lab;
pub mod ui;
