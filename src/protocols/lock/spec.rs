//! Locks in scenario files: the `cluster: Lock((…))` settings (DESIGN §3.1),
//! the members files can name, and the requests a script can send.

use std::fmt;

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};

use crate::protocols::TargetSpec;
use crate::units::{positive_ms, recall, MsRange};

/// `cluster: Lock((clients: 3, service: Redis((…)), fencing: true, …))`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LockSpec {
    #[serde(default = "default_clients", deserialize_with = "client_count")]
    pub clients: usize,
    #[serde(default)]
    pub service: Service,
    /// Storage checks tokens on every read and write.
    #[serde(default = "yes")]
    pub fencing: bool,
    /// Time between a client's read and its write.
    #[serde(default = "default_work")]
    pub work_ms: MsRange,
    /// Time between a release and the next acquire.
    #[serde(default = "default_think")]
    pub think_ms: MsRange,
    /// Time before a refused or timed-out acquire is tried again.
    #[serde(default = "default_retry")]
    pub retry_ms: MsRange,
    /// How long a client waits for storage to answer a read or a write
    /// before it abandons its critical section.
    #[serde(default = "default_storage_timeout", deserialize_with = "positive_ms")]
    pub storage_timeout_ms: u64,
    /// False: clients acquire only when told (`Acquire(Client(n))`).
    #[serde(default = "yes")]
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
    #[serde(default = "default_mode")]
    pub mode: Mode,
    #[serde(default = "default_ttl", deserialize_with = "redis_ttl")]
    pub ttl_ms: u64,
    /// Key and fencing counter survive a restart (fsync on every write).
    #[serde(default = "yes")]
    pub persist: bool,
    /// How long a client waits for R1's answer before it tries again.
    #[serde(
        default = "default_client_timeout",
        deserialize_with = "request_timeout"
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
    #[serde(default = "default_masters", deserialize_with = "master_count")]
    pub masters: usize,
    #[serde(default = "default_ttl", deserialize_with = "redlock_ttl")]
    pub ttl_ms: u64,
    #[serde(default = "default_drift", deserialize_with = "drift_factor")]
    pub drift_factor: f64,
    /// How long a client waits for one master before it asks the next.
    #[serde(
        default = "default_request_timeout",
        deserialize_with = "request_timeout"
    )]
    pub request_timeout_ms: u64,
}

/// One ZooKeeper node `ZK` standing for the ensemble.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ZkSpec {
    #[serde(default = "default_session", deserialize_with = "session_timeout")]
    pub session_timeout_ms: u64,
    #[serde(default = "default_heartbeat", deserialize_with = "heartbeat")]
    pub heartbeat_ms: u64,
    #[serde(default = "default_watch")]
    pub watch: Watch,
    /// A client whose create reply was lost finds its node by its GUID.
    #[serde(default = "yes")]
    pub find_orphans: bool,
    /// How long a client waits for the answer to its create (or to its
    /// search for an orphan) before it acts as if the reply was lost.
    #[serde(default = "default_client_timeout", deserialize_with = "positive_ms")]
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
pub enum LockRole {
    Client(u8),
    Server(u8),
    Storage,
    /// The client the lock service records as holder.
    Holder,
}

impl fmt::Display for LockRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LockRole::Client(n) => write!(f, "client {n}"),
            LockRole::Server(n) => write!(f, "lock server {n}"),
            LockRole::Storage => write!(f, "the storage"),
            LockRole::Holder => write!(f, "the lock holder"),
        }
    }
}

/// A lock request among a scenario's actions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum LockRequest {
    Acquire(TargetSpec<LockRole>),
    Release(TargetSpec<LockRole>),
}

impl Default for Service {
    fn default() -> Self {
        Service::Redis(RedisSpec {
            mode: default_mode(),
            ttl_ms: default_ttl(),
            persist: true,
            request_timeout_ms: default_client_timeout(),
        })
    }
}

impl Default for LockSpec {
    fn default() -> Self {
        LockSpec {
            clients: default_clients(),
            service: Service::default(),
            fencing: true,
            work_ms: default_work(),
            think_ms: default_think(),
            retry_ms: default_retry(),
            storage_timeout_ms: default_storage_timeout(),
            auto: true,
            bugs: Vec::new(),
        }
    }
}

impl Service {
    /// Redlock masters with the reference defaults.
    pub fn redlock() -> Service {
        Service::Redlock(RedlockSpec {
            masters: default_masters(),
            ttl_ms: default_ttl(),
            drift_factor: default_drift(),
            request_timeout_ms: default_request_timeout(),
        })
    }

    /// A ZooKeeper service with the recipe's defaults.
    pub fn zookeeper() -> Service {
        Service::ZooKeeper(ZkSpec {
            session_timeout_ms: default_session(),
            heartbeat_ms: default_heartbeat(),
            watch: default_watch(),
            find_orphans: true,
            request_timeout_ms: default_client_timeout(),
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

fn yes() -> bool {
    true
}
fn default_clients() -> usize {
    3
}
fn default_mode() -> Mode {
    Mode::NxPx
}
fn default_ttl() -> u64 {
    1000
}
fn default_masters() -> usize {
    5
}
fn default_drift() -> f64 {
    0.01
}
fn default_request_timeout() -> u64 {
    50
}
fn default_client_timeout() -> u64 {
    100
}
fn default_storage_timeout() -> u64 {
    500
}
fn default_session() -> u64 {
    2000
}
fn default_heartbeat() -> u64 {
    500
}
fn default_watch() -> Watch {
    Watch::Predecessor
}
fn default_work() -> MsRange {
    MsRange(200, 400)
}
fn default_think() -> MsRange {
    MsRange(100, 300)
}
fn default_retry() -> MsRange {
    MsRange(50, 150)
}

/// Most clients a lock scenario runs: the picture gives each a lane.
pub const MAX_CLIENTS: usize = 6;
/// Most Redlock masters.
pub const MAX_MASTERS: usize = 7;

fn counted<'de, D: Deserializer<'de>>(d: D, what: &str, max: usize) -> Result<usize, D::Error> {
    let n = usize::deserialize(d)?;
    if (1..=max).contains(&n) {
        Ok(n)
    } else {
        Err(de::Error::custom(format!(
            "{what} must be 1 to {max}, not {n}"
        )))
    }
}

/// The timings of a lock service that must fit together, as written in
/// the file (`None`: the default). A scenario runs one service, so one
/// record serves all three.
#[derive(Clone, Copy, Debug, Default)]
struct Timing {
    ttl_ms: Option<u64>,
    request_timeout_ms: Option<u64>,
    session_timeout_ms: Option<u64>,
    heartbeat_ms: Option<u64>,
}

/// `ttl_ms`: at least 1; with the request timeout left at its default
/// (`timeout`), longer than it (a written timeout is checked where it is
/// written).
fn ttl_over<'de, D: Deserializer<'de>>(d: D, timeout: u64) -> Result<u64, D::Error> {
    let ttl = positive_ms(d)?;
    recall::note(|t: &mut Timing| t.ttl_ms = Some(ttl));
    if let Some(Timing {
        request_timeout_ms: None,
        ..
    }) = recall::recalled::<Timing>()
    {
        if ttl <= timeout {
            return Err(de::Error::custom(format!(
                "`ttl_ms: {ttl}` must be longer than the default `request_timeout_ms` ({timeout} ms): {OUTLIVED}"
            )));
        }
    }
    Ok(ttl)
}

fn redis_ttl<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    ttl_over(d, default_client_timeout())
}

fn redlock_ttl<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    ttl_over(d, default_request_timeout())
}

const OUTLIVED: &str = "the key would expire while its client still waits for the answer";

/// A request timeout: at least 1, and shorter than the key's TTL.
fn request_timeout<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    let timeout = positive_ms(d)?;
    recall::note(|t: &mut Timing| t.request_timeout_ms = Some(timeout));
    if let Some(t) = recall::recalled::<Timing>() {
        let ttl = t.ttl_ms.unwrap_or_else(default_ttl);
        if timeout >= ttl {
            return Err(de::Error::custom(format!(
                "`request_timeout_ms: {timeout}` must be shorter than `ttl_ms` ({ttl} ms): {OUTLIVED}"
            )));
        }
    }
    Ok(timeout)
}

/// `drift_factor`: a fraction of the TTL, from 0 up to (not including) 1.
fn drift_factor<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    let factor = f64::deserialize(d)?;
    if (0.0..1.0).contains(&factor) {
        Ok(factor)
    } else {
        Err(de::Error::custom(format!(
            "`drift_factor: {factor}` must be at least 0 and below 1: it is the part of the TTL set aside for clock drift"
        )))
    }
}

const BETWEEN_PINGS: &str = "every session would expire between two heartbeats";

/// `session_timeout_ms`: at least 1; with the heartbeat left at its
/// default, longer than it.
fn session_timeout<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    let session = positive_ms(d)?;
    recall::note(|t: &mut Timing| t.session_timeout_ms = Some(session));
    if let Some(Timing {
        heartbeat_ms: None, ..
    }) = recall::recalled::<Timing>()
    {
        let beat = default_heartbeat();
        if session <= beat {
            return Err(de::Error::custom(format!(
                "`session_timeout_ms: {session}` must be longer than the default `heartbeat_ms` ({beat} ms): {BETWEEN_PINGS}"
            )));
        }
    }
    Ok(session)
}

/// `heartbeat_ms`: at least 1, and shorter than the session timeout.
fn heartbeat<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    let beat = positive_ms(d)?;
    recall::note(|t: &mut Timing| t.heartbeat_ms = Some(beat));
    if let Some(t) = recall::recalled::<Timing>() {
        let session = t.session_timeout_ms.unwrap_or_else(default_session);
        if beat >= session {
            return Err(de::Error::custom(format!(
                "`heartbeat_ms: {beat}` must be shorter than `session_timeout_ms` ({session} ms): {BETWEEN_PINGS}"
            )));
        }
    }
    Ok(beat)
}

fn client_count<'de, D: Deserializer<'de>>(d: D) -> Result<usize, D::Error> {
    counted(d, "clients", MAX_CLIENTS)
}

fn master_count<'de, D: Deserializer<'de>>(d: D) -> Result<usize, D::Error> {
    counted(d, "masters", MAX_MASTERS)
}

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
