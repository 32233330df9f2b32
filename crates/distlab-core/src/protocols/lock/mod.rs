//! Distributed locks: clients contend for one lock, read a shared value
//! from storage, work, and write it back. The lock service is a Redis
//! server (naive or `SET NX PX` with a fencing counter), Redlock over
//! several independent masters, or a ZooKeeper-style service with
//! ephemeral sequential nodes; storage may check fencing tokens.
//!
//! Members, in the order files count them: clients `C1…Cn`, the lock
//! service (`R1`, `R1…Rm` or `ZK`), then storage `ST`.

mod checker;
mod client;
mod family;
mod goals;
mod measures;
mod messages;
mod node;
mod notes;
mod redis;
mod redlock_client;
mod spec;
mod storage;
mod zk;
mod zk_client;

pub use checker::{
    Broken, LockChecker, WriteMonitor, INVARIANTS, LOST_UPDATE, TOKEN_ORDER, TWO_HOLDERS,
};
pub use client::{Client, Phase, Section};
pub use family::{Lock, LockSummary};
pub use goals::{LockCondition, LockFacts};
pub use messages::{LockMsg, LockObs, LockTimer, Op};
pub use node::{holder, Ask, LockNode, Part};
pub use notes::LockNote;
pub use redis::{Key, Redis};
pub use redlock_client::Validity;
pub use spec::{
    Bug, LockAlias, LockRequest, LockSpec, Mode, RedisSpec, RedlockSpec, Service, Watch, ZkSpec,
};
pub use storage::{Entry, Storage};
pub use zk::{Zk, Znode};

use crate::sim::NodeId;

/// The `i`th lock server (from 0).
pub fn server_id(spec: &LockSpec, i: usize) -> NodeId {
    NodeId((spec.clients + i) as u8)
}

/// The storage node, last of all.
pub fn storage_id(spec: &LockSpec) -> NodeId {
    NodeId((spec.clients + spec.service.servers()) as u8)
}

#[cfg(test)]
mod tests;
