//! The engine and the protocols, driven in-process: determinism and the
//! golden traces, each family's bugs, presets and scenarios, the toy
//! family and the lesson engine.

#[path = "../support/mod.rs"]
mod support;

mod balance_dispatch;
mod determinism;
mod explore;
mod lesson_engine;
mod lock_scenarios;
mod paxos_bugs;
mod paxos_client_ids;
mod paxos_clients;
mod paxos_compare;
mod paxos_presets;
mod raft_bugs;
mod raft_disk;
mod raft_membership;
mod raft_model;
mod raft_reads;
mod raft_rules;
mod raft_snapshots;
mod toy_family;
