//! Lab mode: the lock story against a real `redis-server`, with real
//! client processes, real pauses (`SIGSTOP`) and a real storage process
//! that checks fencing tokens. The core's `lab` module reads, checks and
//! folds the trace a run leaves; this module makes the run.

pub use distlab_core::lab::*;

mod client;
mod clock;
mod endpoint;
mod error;
mod expiries;
mod plan;
mod run;
mod server;
mod storage;

pub use client::{run_client, ClientPlan};
pub use endpoint::Endpoint;
pub use error::LabError;
pub use plan::{trace_in, LabPlan};
pub use run::LabRun;
pub use server::{find as find_redis_server, RedisServer};
