//! What a lab run records: who did what, when, on one clock.
//!
//! Times are microseconds since the run began on the machine's monotonic
//! clock, which every process of the run reads alike, so that events from
//! different processes merge into one timeline.

use serde::{Deserialize, Serialize};

/// How clients take and give back the lock, as in the simulated lessons.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LabMode {
    /// `SET lock token` to take it, `DEL lock` to give it back: no
    /// expiry, and a release deletes whoever's key is there.
    Naive,
    /// `SET lock token NX PX ttl`, released by compare-and-delete.
    NxPx,
    /// As `nx-px`, and storage refuses a token lower than the highest it
    /// has accepted.
    Fencing,
}

impl LabMode {
    /// The name the command line and traces use.
    pub fn name(self) -> &'static str {
        match self {
            LabMode::Naive => "naive",
            LabMode::NxPx => "nx-px",
            LabMode::Fencing => "fencing",
        }
    }

    /// Whether storage checks tokens.
    pub fn fencing(self) -> bool {
        self == LabMode::Fencing
    }
}

/// The first line of a lab trace: how the run was set up.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LabSetup {
    /// Always `"redis-lock"`, so that a reader knows what it holds.
    pub lab: String,
    pub mode: LabMode,
    pub clients: u8,
    pub ttl_ms: u64,
    /// How long a client works between its read and its write.
    pub work_ms: u64,
    /// `redis-server --version`, as it answered.
    pub redis: String,
}

/// Who recorded an event: `C1`…`C9` in a trace, `redis`, `storage` or
/// `lab`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub enum Who {
    /// Client `n`, from 1, as `C1` on screen.
    Client(u8),
    /// The Redis server, through its keyspace notifications.
    Redis,
    /// The storage process that keeps the counter.
    Storage,
    /// distlab itself: pauses, resumes, kills and the end.
    Lab,
}

impl From<Who> for String {
    fn from(who: Who) -> String {
        match who {
            Who::Client(n) => format!("C{n}"),
            Who::Redis => "redis".into(),
            Who::Storage => "storage".into(),
            Who::Lab => "lab".into(),
        }
    }
}

impl TryFrom<String> for Who {
    type Error = String;

    fn try_from(text: String) -> Result<Who, String> {
        match text.as_str() {
            "redis" => Ok(Who::Redis),
            "storage" => Ok(Who::Storage),
            "lab" => Ok(Who::Lab),
            _ => text
                .strip_prefix('C')
                .and_then(|n| n.parse().ok())
                .map(Who::Client)
                .ok_or_else(|| format!("unknown member `{text}` (C1…C9, redis, storage or lab)")),
        }
    }
}

/// One thing that happened, and when.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LabEvent {
    pub at_us: u64,
    pub who: Who,
    #[serde(flatten)]
    pub kind: LabKind,
}

/// What happened. Client numbers are from 1.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum LabKind {
    /// A client began asking for the lock.
    Asked,
    /// A client's SET succeeded: it holds the lock with `token`.
    /// `latency_us` is the round trip of that SET.
    Acquired { token: u64, latency_us: u64 },
    /// A client got the value it read from storage.
    Read { value: u64 },
    /// A client's write came back.
    Wrote { value: u64, accepted: bool },
    /// A client gave the lock back. `deleted` is the token of the key its
    /// release removed (none: nothing was removed).
    Released {
        deleted: Option<u64>,
        latency_us: u64,
    },
    /// Storage answered an operation of `client`: a read (`read` absent)
    /// or a write of `value` computed from `read`.
    Storage {
        client: u8,
        token: u64,
        read: Option<u64>,
        value: u64,
        accepted: bool,
        /// The highest token storage had accepted when it answered.
        highest: Option<u64>,
    },
    /// Redis let the key expire (a keyspace notification).
    Expired,
    /// distlab stopped a client's process (`SIGSTOP`).
    Paused { client: u8 },
    /// distlab let it go on (`SIGCONT`).
    Resumed { client: u8 },
    /// distlab killed a client's process (`SIGKILL`).
    Killed { client: u8 },
    /// The run ended.
    Ended,
}
