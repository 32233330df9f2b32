//! Long runs: each family's invariants over thousands of random fault
//! schedules, and liveness once the faults heal. A failure prints its
//! seed; `DISTLAB_SEED=<seed> cargo test --test long_runs <module>` runs
//! that schedule alone, and `-- --ignored` runs the long versions.

#[path = "../support/mod.rs"]
mod support;

mod lock_random_faults;
mod paxos_clients;
mod paxos_liveness;
mod paxos_random_faults;
mod raft_random_faults;
mod raft_reads;
