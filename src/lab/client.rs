//! A lab client: the distlab binary in its hidden `lab-client` role, one
//! process per client, so that a pause is a real `SIGSTOP` of a whole
//! process. It runs the lessons' turn over and over (take the lock, read
//! the counter from storage, work, write the counter + 1, give the lock
//! back) and writes what it did to standard output, a JSON line per
//! event, for distlab to merge.

use std::io::{BufRead, Write};
use std::thread::sleep;
use std::time::Duration;

use redis::{Commands, Connection, Script};

use super::clock::{monotonic_ns, since_us};
use super::endpoint::Endpoint;
use super::error::LabError;
use super::{LabEvent, LabKind, LabMode, Who};

/// The key of the lock, and of the counter that numbers its grants.
pub const LOCK_KEY: &str = "lock";
const TOKENS_KEY: &str = "lock-tokens";

/// What a client says once it is connected, and what it is then told:
/// `go <epoch in ns>`, the moment the run's clock starts.
pub const READY: &str = "ready";
pub const GO: &str = "go ";

/// How long a client waits before asking again for a lock that is taken.
const RETRY: Duration = Duration::from_millis(20);

/// Fencing: the token is taken in the same atomic step as the lock, as a
/// lock service that issues fencing tokens must, so that tokens rise in
/// the order the lock is granted.
const ACQUIRE_FENCED: &str = r"
if redis.call('EXISTS', KEYS[1]) == 1 then return false end
local token = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], token, 'NX', 'PX', ARGV[1])
return token";

/// Naive: the lock is taken whoever holds it; the counter only names the
/// turn, so that a release can say whose key it deleted.
const ACQUIRE_NAIVE: &str = r"
local token = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], token)
return token";

/// Compare-and-delete: give back the lock only if it is still ours.
const RELEASE_OWN: &str = r"
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0";

/// One client's part in a run.
#[derive(Clone, Debug)]
pub struct ClientPlan {
    /// From 1.
    pub n: u8,
    pub redis_url: String,
    pub storage: Endpoint,
    pub mode: LabMode,
    pub ttl_ms: u64,
    pub work_ms: u64,
}

struct Turns {
    plan: ClientPlan,
    epoch_ns: u64,
    redis: Connection,
    storage: (Box<dyn BufRead + Send>, Box<dyn Write + Send>),
}

/// Runs client turns until distlab stops the process or stops reading.
pub fn run_client(plan: ClientPlan) -> Result<(), LabError> {
    let redis = redis::Client::open(plan.redis_url.as_str())?.get_connection()?;
    let storage = plan.storage.connect()?.split()?;
    // Connected: say so, and wait for the run's clock to start.
    let mut out = std::io::stdout().lock();
    writeln!(out, "{READY}")?;
    out.flush()?;
    drop(out);
    let mut go = String::new();
    std::io::stdin().read_line(&mut go)?;
    let epoch_ns = go
        .strip_prefix(GO)
        .and_then(|n| n.trim().parse().ok())
        .ok_or_else(|| LabError::Start(format!("expected `{GO}<epoch>`, got {go:?}")))?;
    let mut turns = Turns {
        plan,
        epoch_ns,
        redis,
        storage,
    };
    // Clients start a little apart, so that C1 takes the first turn, as
    // in the lessons.
    sleep(Duration::from_millis(50) * u32::from(turns.plan.n - 1));
    loop {
        turns.turn()?;
        // A pause between turns, different for each client, so that they
        // do not move in lockstep.
        sleep(Duration::from_millis(40 + 30 * u64::from(turns.plan.n)));
    }
}

impl Turns {
    fn emit(&self, kind: LabKind) -> Result<(), LabError> {
        let event = LabEvent {
            at_us: since_us(self.epoch_ns),
            who: Who::Client(self.plan.n),
            kind,
        };
        let mut out = std::io::stdout().lock();
        crate::lab::write_event(&mut out, &event)?;
        out.flush()?;
        Ok(())
    }

    fn turn(&mut self) -> Result<(), LabError> {
        self.emit(LabKind::Asked)?;
        let (token, latency_us) = loop {
            let sent = monotonic_ns();
            let granted = self.acquire()?;
            let latency_us = (monotonic_ns() - sent) / 1_000;
            if let Some(token) = granted {
                break (token, latency_us);
            }
            sleep(RETRY);
        };
        self.emit(LabKind::Acquired { token, latency_us })?;
        let n = self.plan.n;
        if let Some(value) = self.storage_op(&format!("READ {n} {token}"))? {
            self.emit(LabKind::Read { value })?;
            sleep(Duration::from_millis(self.plan.work_ms));
            let value = value + 1;
            let read = value - 1;
            let accepted = self
                .storage_op(&format!("WRITE {n} {token} {read} {value}"))?
                .is_some();
            self.emit(LabKind::Wrote { value, accepted })?;
        }
        let sent = monotonic_ns();
        let deleted = self.release(token)?;
        let latency_us = (monotonic_ns() - sent) / 1_000;
        self.emit(LabKind::Released {
            deleted,
            latency_us,
        })
    }

    /// The token of the lock, if this try got it.
    fn acquire(&mut self) -> Result<Option<u64>, LabError> {
        let ttl = self.plan.ttl_ms;
        Ok(match self.plan.mode {
            LabMode::Naive => Some(
                Script::new(ACQUIRE_NAIVE)
                    .key(LOCK_KEY)
                    .key(TOKENS_KEY)
                    .invoke(&mut self.redis)?,
            ),
            LabMode::Fencing => Script::new(ACQUIRE_FENCED)
                .key(LOCK_KEY)
                .key(TOKENS_KEY)
                .arg(ttl)
                .invoke(&mut self.redis)?,
            LabMode::NxPx => {
                // Exactly the lessons' command: SET lock <token> NX PX ttl.
                let token: u64 = self.redis.incr(TOKENS_KEY, 1)?;
                let set: Option<String> = redis::cmd("SET")
                    .arg(LOCK_KEY)
                    .arg(token)
                    .arg("NX")
                    .arg("PX")
                    .arg(ttl)
                    .query(&mut self.redis)?;
                set.map(|_| token)
            }
        })
    }

    /// Gives the lock back; the token of the key that was deleted, if one
    /// was.
    fn release(&mut self, token: u64) -> Result<Option<u64>, LabError> {
        Ok(match self.plan.mode {
            // A plain delete, whoever's key it is. GETDEL deletes exactly
            // as DEL does, and also says whose key that was.
            LabMode::Naive => {
                let deleted: Option<u64> =
                    redis::cmd("GETDEL").arg(LOCK_KEY).query(&mut self.redis)?;
                deleted
            }
            LabMode::NxPx | LabMode::Fencing => {
                let deleted: u64 = Script::new(RELEASE_OWN)
                    .key(LOCK_KEY)
                    .arg(token)
                    .invoke(&mut self.redis)?;
                (deleted == 1).then_some(token)
            }
        })
    }

    /// Sends one request to storage: the value it answered (0 for a
    /// write's `OK`), or none when it refused.
    fn storage_op(&mut self, request: &str) -> Result<Option<u64>, LabError> {
        writeln!(self.storage.1, "{request}")?;
        let mut answer = String::new();
        self.storage.0.read_line(&mut answer)?;
        let mut words = answer.split_whitespace();
        Ok(match words.next() {
            Some("OK") => Some(words.next().and_then(|v| v.parse().ok()).unwrap_or(0)),
            _ => None,
        })
    }
}
