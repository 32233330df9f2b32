//! What can stop a lab run before it starts, each said in one line.

use std::path::PathBuf;

use thiserror::Error;

#[derive(Debug, Error)]
pub enum LabError {
    #[error(
        "redis-server is not installed: install it with `sudo apt-get install redis-server`, or give its path with --redis-server PATH"
    )]
    NotInstalled,
    #[error("{path} does not run as redis-server: {why}")]
    NotRedis { path: PathBuf, why: String },
    #[error("redis-server did not start: {0}")]
    Start(String),
    #[error("cannot write the trace {path}: {source}")]
    Trace {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot start the lab: {0}")]
    Io(#[from] std::io::Error),
    #[error("cannot talk to redis-server: {0}")]
    Redis(#[from] redis::RedisError),
}
