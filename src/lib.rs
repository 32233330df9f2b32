//! distlab: an interactive terminal lab for distributed systems.
//!
//! The layers, from the bottom up: [`sim`] is a deterministic discrete-event
//! engine that knows no protocol; [`protocols`] implement the algorithms on
//! top of it.

pub mod app;
pub mod experiment;
pub mod headless;
pub mod lesson;
pub mod protocols;
pub mod scenario;
pub mod sim;
pub mod ui;
pub mod units;
