//! Raft in scenario files: the `cluster: Raft((…))` settings and the client
//! requests a script can send.

use serde::de::{self, Deserializer, IntoDeserializer};
use serde::{Deserialize, Serialize};

use super::config::{Bug, RaftConfig, Rule};
use super::workload::{ReadMode, Workload};
use crate::protocols::clients::servers;
use crate::protocols::clients::ClientAlias;
use crate::protocols::TargetSpec;
use crate::sim::ms;
use crate::units::{bounded, positive_ms, recall, MsRange, NodeNum};

fn default_nodes() -> usize {
    5
}
fn is_zero(n: &usize) -> bool {
    *n == 0
}
fn default_election() -> MsRange {
    MsRange(150, 300)
}
fn default_heartbeat() -> u64 {
    50
}

/// `cluster: Raft((nodes: 5, election_timeout_ms: (150, 300), …))`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RaftSpec {
    #[serde(default = "default_nodes", deserialize_with = "servers")]
    pub nodes: usize,
    #[serde(default = "default_election", deserialize_with = "election_timeout")]
    pub election_timeout_ms: MsRange,
    #[serde(default = "default_heartbeat", deserialize_with = "heartbeat")]
    pub heartbeat_ms: u64,
    #[serde(default)]
    pub rules: Vec<Rule>,
    #[serde(default)]
    pub bugs: Vec<Bug>,
    /// Servers beyond `nodes`, outside the first configuration, that a
    /// leader may add (`AddServer`); none by default.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub spares: usize,
    /// Take a snapshot every this many applied entries (1 to 100000);
    /// never by default.
    #[serde(
        default,
        deserialize_with = "snapshot_every",
        skip_serializing_if = "Option::is_none"
    )]
    pub snapshot_every: Option<u32>,
    /// Client processes and what they do; none by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workload: Option<Workload>,
}

/// `snapshot_every: 20`, written without `Some`; or `None`, never, which a
/// file need not write but a comparison does (`snapshot_every=None,20`).
fn snapshot_every<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    struct Every;
    impl<'de> de::Visitor<'de> for Every {
        type Value = Option<u32>;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a number of applied entries from 1 to 100000, or None")
        }

        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            bounded::<de::value::U64Deserializer<E>, 1, 100_000>(v.into_deserializer()).map(Some)
        }

        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            bounded::<de::value::I64Deserializer<E>, 1, 100_000>(v.into_deserializer()).map(Some)
        }

        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            bounded::<D, 1, 100_000>(d).map(Some)
        }
    }
    d.deserialize_any(Every)
}

/// The two timings a leader's heartbeats must fit, as written in the file
/// (`None`: the default).
#[derive(Clone, Copy, Debug, Default)]
struct Timing {
    heartbeat_ms: Option<u64>,
    election_timeout_ms: Option<MsRange>,
}

const BETWEEN_HEARTBEATS: &str = "followers would time out between heartbeats";

/// `heartbeat_ms`: at least 1, and shorter than the shortest election
/// timeout, wherever that is written (or its default).
fn heartbeat<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    let beat = positive_ms(d)?;
    recall::note(|t: &mut Timing| t.heartbeat_ms = Some(beat));
    if let Some(t) = recall::recalled::<Timing>() {
        let MsRange(min, _) = t.election_timeout_ms.unwrap_or_else(default_election);
        if beat >= min {
            return Err(de::Error::custom(format!(
                "`heartbeat_ms: {beat}` must be shorter than the minimum election timeout \
                 ({min} ms): {BETWEEN_HEARTBEATS}"
            )));
        }
    }
    Ok(beat)
}

/// `election_timeout_ms`: when the heartbeat is left at its default, the
/// range must start above it (a written heartbeat is checked where it is
/// written).
fn election_timeout<'de, D: Deserializer<'de>>(d: D) -> Result<MsRange, D::Error> {
    let range = MsRange::deserialize(d)?;
    recall::note(|t: &mut Timing| t.election_timeout_ms = Some(range));
    if let Some(Timing {
        heartbeat_ms: None, ..
    }) = recall::recalled::<Timing>()
    {
        let beat = default_heartbeat();
        if range.0 <= beat {
            return Err(de::Error::custom(format!(
                "the minimum election timeout ({} ms) must be longer than the default \
                 `heartbeat_ms` ({beat} ms): {BETWEEN_HEARTBEATS}",
                range.0
            )));
        }
    }
    Ok(range)
}

impl Default for RaftSpec {
    fn default() -> Self {
        RaftSpec {
            nodes: default_nodes(),
            election_timeout_ms: default_election(),
            heartbeat_ms: default_heartbeat(),
            rules: Vec::new(),
            bugs: Vec::new(),
            spares: 0,
            snapshot_every: None,
            workload: None,
        }
    }
}

impl RaftSpec {
    /// The node configuration these settings stand for.
    pub fn config(&self) -> RaftConfig {
        RaftConfig {
            nodes: self.nodes + self.spares,
            initial_members: self.nodes,
            election_timeout: (
                ms(self.election_timeout_ms.0),
                ms(self.election_timeout_ms.1),
            ),
            heartbeat: ms(self.heartbeat_ms),
            rules: self.rules.iter().copied().collect(),
            bugs: self.bugs.iter().copied().collect(),
            read_mode: self.workload.as_ref().map(|w| w.read_mode),
            drift_bound: ms(self.workload.as_ref().map_or(0, |w| w.drift_bound_ms)),
            snapshot_every: self.snapshot_every.map(u64::from),
            ..RaftConfig::default()
        }
    }

    /// Servers, spares and client processes.
    pub fn members(&self) -> usize {
        self.servers() + self.workload.as_ref().map_or(0, |w| w.clients)
    }

    /// Servers, spares included.
    pub fn servers(&self) -> usize {
        self.nodes + self.spares
    }
}

/// A client request among a scenario's actions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum RaftRequest {
    /// A client write, sent to the leader.
    ClientWrite(String),
    /// A client write handed to a chosen member: a server passes it on to
    /// the leader; a client process (`Client(2)`) makes it an operation of
    /// its own, recorded in the history.
    ClientWriteTo(TargetSpec<ClientAlias>, String),
    /// A read of a key by the first client process, recorded in the history.
    ClientRead(String),
    /// A read by a chosen member: a client process (`Client(2)`) makes it
    /// an operation; a server says what its own state machine holds.
    ClientReadFrom(TargetSpec<ClientAlias>, String),
    /// A read by a chosen client process in a chosen mode, whatever the
    /// workload's: `ClientReadWith(Client(1), "x", Lease)`.
    ClientReadWith(TargetSpec<ClientAlias>, String, ReadMode),
    /// Ask the leader to add this server (a spare, or one removed
    /// earlier) to the configuration, once it has caught up.
    AddServer(NodeNum),
    /// Ask the leader to remove this server from the configuration.
    RemoveServer(NodeNum),
}
