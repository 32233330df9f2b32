//! Client processes, for the families whose clients read and write values
//! (Raft, Multi-Paxos): members `C1…` after the servers that issue one
//! operation at a time, follow redirects, retry with the same request
//! number, and record what they saw as Jepsen records it. The monitor
//! checks that record as it grows.
//!
//! A family hosts clients by answering [`ClientHost`]: how a request and a
//! timer look in its own message and timer types, and which of its trace
//! records are the clients'.

mod alias;
mod client;
mod monitor;
mod notes;
mod op;
mod workload;

pub use alias::ClientAlias;
pub use client::{Client, ClientHost, ClientTimer, Load, Pending};
pub use monitor::{Monitor, LINEARIZABILITY};
pub use notes::{describe_record, ClientNote};
pub use op::{Answer, ClientEvent, ClientOp, ReadKind};
pub use workload::{
    client_count, default_clients, default_keys, default_rate, default_reads, default_timeout,
    default_tries, keys, rate, servers, tries, Members,
};
