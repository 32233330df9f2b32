//! Support shared by every test binary, included by each as
//! `#[path = "../support/mod.rs"] mod support;`. A binary uses only some
//! of it, hence `dead_code` is allowed here and nowhere else.
//!
//! - [`cli`]: the one way to start the distlab binary, and its output read.
//! - [`lab`]: lab runs against a real `redis-server`: the processes they
//!   leave, and their traces.
//! - [`screen`]: the app driven as the screen drives it, frames drawn
//!   into a test backend.
//! - [`pty`]: the real binary in a pseudo-terminal, read back through a
//!   terminal emulator.
//! - [`schedule`]: random fault schedules for any family, and the runner
//!   that checks them seed by seed.
//! - [`raft`], [`paxos`], [`balance`]: each family's helpers, with its
//!   cluster and request generator for the random schedules.

#![allow(dead_code)]

pub mod balance;
pub mod cli;
pub mod lab;
pub mod paxos;
pub mod pty;
pub mod raft;
pub mod schedule;
pub mod screen;
