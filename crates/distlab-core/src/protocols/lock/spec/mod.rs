//! Locks in scenario files: the `cluster: Lock((…))` settings (README, "Scenario files"),
//! the members files can name, and the requests a script can send.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::protocols::TargetSpec;
use crate::units::{member_number, positive_ms, MsRange};

mod fields;

/// `cluster: Lock((clients: 3, service: Redis((…)), fencing: true, …))`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LockSpec {
    #[serde(
        default = "fields::default_clients",
        deserialize_with = "fields::client_count"
    )]
    pub clients: usize,
    #[serde(default)]
    pub service: Service,
    /// Storage checks tokens on every read and write.
    #[serde(default = "fields::yes")]
    pub fencing: bool,
    /// Time between a client's read and its write.
    #[serde(default = "fields::default_work")]
    pub work_ms: MsRange,
    /// Time between a release and the next acquire.
    #[serde(default = "fields::default_think")]
    pub think_ms: MsRange,
    /// Time before a refused or timed-out acquire is tried again.
    #[serde(default = "fields::default_retry")]
    pub retry_ms: MsRange,
    /// How long a client waits for storage to answer a read or a write
    /// before it abandons its critical section.
    #[serde(
        default = "fields::default_storage_timeout",
        deserialize_with = "positive_ms"
    )]
    pub storage_timeout_ms: u64,
    /// False: clients acquire only when told (`Acquire(Client(n))`).
    #[serde(default = "fields::yes")]
    pub auto: bool,
    /// Deliberate bugs, for showing that a check fires; none by default.
    #[serde(default)]
    pub bugs: Vec<Bug>,
}

/// The lock service the clients use.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Service {
    Redis(RedisSpec),
    Redlock(RedlockSpec),
    ZooKeeper(ZkSpec),
}

/// One Redis server `R1`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RedisSpec {
    #[serde(default = "fields::default_mode")]
    pub mode: Mode,
    #[serde(
        default = "fields::default_ttl",
        deserialize_with = "fields::redis_ttl"
    )]
    pub ttl_ms: u64,
    /// Key and fencing counter survive a restart (fsync on every write).
    #[serde(default = "fields::yes")]
    pub persist: bool,
    /// How long a client waits for R1's answer before it tries again.
    #[serde(
        default = "fields::default_client_timeout",
        deserialize_with = "fields::request_timeout"
    )]
    pub request_timeout_ms: u64,
}

/// How clients use the Redis key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mode {
    /// `SET lock client` and plain `DEL`: no exclusion at all.
    Naive,
    /// `SET lock token NX PX ttl` and compare-and-delete.
    NxPx,
}

/// Independent Redis masters `R1…Rm` used by the Redlock algorithm.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RedlockSpec {
    #[serde(
        default = "fields::default_masters",
        deserialize_with = "fields::master_count"
    )]
    pub masters: usize,
    #[serde(
        default = "fields::default_ttl",
        deserialize_with = "fields::redlock_ttl"
    )]
    pub ttl_ms: u64,
    #[serde(
        default = "fields::default_drift",
        deserialize_with = "fields::drift_factor"
    )]
    pub drift_factor: f64,
    /// How long a client waits for one master before it asks the next.
    #[serde(
        default = "fields::default_request_timeout",
        deserialize_with = "fields::request_timeout"
    )]
    pub request_timeout_ms: u64,
}

/// One ZooKeeper node `ZK` standing for the ensemble.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ZkSpec {
    #[serde(
        default = "fields::default_session",
        deserialize_with = "fields::session_timeout"
    )]
    pub session_timeout_ms: u64,
    #[serde(
        default = "fields::default_heartbeat",
        deserialize_with = "fields::heartbeat"
    )]
    pub heartbeat_ms: u64,
    #[serde(default = "fields::default_watch")]
    pub watch: Watch,
    /// A client whose create reply was lost finds its node by its GUID.
    #[serde(default = "fields::yes")]
    pub find_orphans: bool,
    /// How long a client waits for the answer to its create (or to its
    /// search for an orphan) before it acts as if the reply was lost.
    #[serde(
        default = "fields::default_client_timeout",
        deserialize_with = "positive_ms"
    )]
    pub request_timeout_ms: u64,
}

/// What a waiting client watches.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Watch {
    /// The next lower node: one release wakes one waiter.
    Predecessor,
    /// The parent's children: one release wakes every waiter (the herd).
    Parent,
}

/// Deliberate bugs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Bug {
    /// Storage, though fencing is on, lets every token through.
    StorageIgnoresTokens,
}

/// The members files and keys can name beside `Node(n)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LockAlias {
    Client(#[serde(deserialize_with = "client_number")] u8),
    Server(#[serde(deserialize_with = "server_number")] u8),
    Storage,
    /// The client the lock service records as holder.
    Holder,
}

/// A client's number in a file, which must name one of the cluster's.
pub(crate) fn client_number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u8, D::Error> {
    member_number(d, "client")
}

/// A lock server's number in a file, which must name one of the cluster's.
fn server_number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u8, D::Error> {
    member_number(d, "server")
}

impl fmt::Display for LockAlias {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LockAlias::Client(n) => write!(f, "client {n}"),
            LockAlias::Server(n) => write!(f, "lock server {n}"),
            LockAlias::Storage => write!(f, "the storage"),
            LockAlias::Holder => write!(f, "the lock holder"),
        }
    }
}

/// A lock request among a scenario's actions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum LockRequest {
    Acquire(TargetSpec<LockAlias>),
    Release(TargetSpec<LockAlias>),
}

impl Default for Service {
    fn default() -> Self {
        Service::Redis(RedisSpec {
            mode: fields::default_mode(),
            ttl_ms: fields::default_ttl(),
            persist: true,
            request_timeout_ms: fields::default_client_timeout(),
        })
    }
}

impl Default for LockSpec {
    fn default() -> Self {
        LockSpec {
            clients: fields::default_clients(),
            service: Service::default(),
            fencing: true,
            work_ms: fields::default_work(),
            think_ms: fields::default_think(),
            retry_ms: fields::default_retry(),
            storage_timeout_ms: fields::default_storage_timeout(),
            auto: true,
            bugs: Vec::new(),
        }
    }
}

impl Service {
    /// Redlock masters with the reference defaults.
    pub fn redlock() -> Service {
        Service::Redlock(RedlockSpec {
            masters: fields::default_masters(),
            ttl_ms: fields::default_ttl(),
            drift_factor: fields::default_drift(),
            request_timeout_ms: fields::default_request_timeout(),
        })
    }

    /// A ZooKeeper service with the recipe's defaults.
    pub fn zookeeper() -> Service {
        Service::ZooKeeper(ZkSpec {
            session_timeout_ms: fields::default_session(),
            heartbeat_ms: fields::default_heartbeat(),
            watch: fields::default_watch(),
            find_orphans: true,
            request_timeout_ms: fields::default_client_timeout(),
        })
    }

    /// How many lock servers it runs.
    pub fn servers(&self) -> usize {
        match self {
            Service::Redlock(r) => r.masters,
            Service::Redis(_) | Service::ZooKeeper(_) => 1,
        }
    }
}

/// Most clients a lock scenario runs: the picture gives each a lane.
pub const MAX_CLIENTS: usize = 6;
/// Most Redlock masters.
pub const MAX_MASTERS: usize = 7;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_design_example_parses() {
        let text = "(clients: 3, service: Redis((mode: NxPx, ttl_ms: 1000, persist: true)), \
                    fencing: true, work_ms: (200, 400), think_ms: (100, 300), retry_ms: (50, 150), auto: true)";
        let spec: LockSpec = ron::from_str(text).expect("parses");
        assert_eq!(spec, LockSpec::default());
        let zk = "(service: ZooKeeper((session_timeout_ms: 2000, heartbeat_ms: 500, watch: Predecessor, find_orphans: true)))";
        let spec: LockSpec = ron::from_str(zk).expect("parses");
        assert_eq!(spec.service, Service::zookeeper());
        let rl = "(service: Redlock((masters: 5, ttl_ms: 1000, drift_factor: 0.01, request_timeout_ms: 50)))";
        let spec: LockSpec = ron::from_str(rl).expect("parses");
        assert_eq!(spec.service, Service::redlock());
        assert!(ron::from_str::<LockSpec>("(clients: 7)").is_err());
        assert!(ron::from_str::<LockSpec>("(clients: 2, color: 1)").is_err());
    }
}
