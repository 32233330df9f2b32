//! The real binary in a pseudo-terminal. These tests wait on a real
//! program and a real clock, so they have a binary of their own and share
//! it with nothing else.

#[path = "../support/mod.rs"]
mod support;

mod balance_pty;
mod history_pty;
mod lab_pty;
mod tui_pty;
