//! What the picture, the inspector and the time-line all say about a lock
//! cluster, each as short as a crowded screen needs: a client's lease on
//! its own clock, Redlock's arithmetic, a server's key and clock,
//! ZooKeeper's queue, storage's last operations.

use super::words::{self, LockWords};
use crate::protocols::lock::{
    Client, Entry, LockNode, Mode, Op, Phase, Redis, RedlockSpec, Service, Validity, Watch, Zk,
};
use crate::sim::{format_time, ms, NodeId, Sim};

/// A countdown on some member's own clock, in µs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Countdown {
    pub kind: Kind,
    pub left: i64,
    pub total: i64,
}

/// What a client's countdown is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A Redis lease: shown, never checked by the client.
    Lease,
    /// Redlock's validity: the client stops trusting the lock at zero.
    Validity,
    /// A ZooKeeper session, as far as the client knows.
    Session,
}

impl Countdown {
    /// How much is left, from 0 to 1.
    pub fn fraction(self) -> f64 {
        if self.total <= 0 {
            0.0
        } else {
            self.left.clamp(0, self.total) as f64 / self.total as f64
        }
    }

    /// Its name in `w`.
    pub fn name(self, w: &LockWords) -> &'static str {
        match self.kind {
            Kind::Lease => w.lease,
            Kind::Validity => w.validity,
            Kind::Session => w.session,
        }
    }
}

/// The client `id`'s lease, validity or session on its own clock, while
/// it has one.
pub fn countdown(sim: &Sim<LockNode>, id: NodeId, c: &Client) -> Option<Countdown> {
    let local = sim.local_time(id) as i64;
    let spec = &sim.node(id).spec;
    let (kind, until, total) = match &spec.service {
        Service::Redis(r) if r.mode == Mode::NxPx => (Kind::Lease, c.lease_until?, ms(r.ttl_ms)),
        Service::Redis(_) => return None,
        Service::Redlock(_) => {
            let validity = c.verdict?.validity.max(0) as u64;
            (Kind::Validity, c.valid_until?, validity)
        }
        Service::ZooKeeper(z) => {
            let timeout = ms(z.session_timeout_ms);
            (Kind::Session, c.heard_at? + timeout, timeout)
        }
    };
    Some(Countdown {
        kind,
        left: until as i64 - local,
        total: total as i64,
    })
}

/// A bar of `width` cells, as full as `fraction`.
pub fn bar(fraction: f64, width: usize) -> String {
    let full = ((fraction * width as f64).ceil() as usize).min(width);
    format!("{}{}", "▰".repeat(full), "▱".repeat(width - full))
}

/// Microseconds as seconds, `0.42s`; what has run out reads `0.00s`.
pub fn secs(us: i64) -> String {
    format!("{:.2}s", us.max(0) as f64 / 1e6)
}

/// Where a Redlock client's attempt stands, as the strip, the card and
/// the inspector tell it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attempt {
    /// Still asking the masters: the sum as it would be if the client
    /// stopped now, its result only once a majority has granted.
    Asking { sum: Validity, majority: bool },
    /// A majority granted in time: the lock, valid for the sum's result.
    Won(Validity),
    /// Fewer masters than a majority granted: no lock, however much time
    /// was left, so no validity to speak of.
    NoMajority { granted: usize, needed: usize },
    /// A majority granted, but asking took the whole TTL: no lock.
    TooLate(Validity),
}

/// Client `id`'s Redlock attempt: live on its clock while it asks the
/// masters, as decided once it has (until it goes back to thinking).
pub fn redlock_attempt(
    sim: &Sim<LockNode>,
    id: NodeId,
    c: &Client,
    r: &RedlockSpec,
) -> Option<Attempt> {
    let needed = r.masters / 2 + 1;
    let v = match c.verdict {
        None if attempting(c) => {
            return Some(Attempt::Asking {
                sum: Validity::of(r, sim.local_time(id).saturating_sub(c.started)),
                majority: c.granted >= needed,
            })
        }
        Some(v) if !matches!(c.phase, Phase::Idle | Phase::Thinking) => v,
        _ => return None,
    };
    Some(if c.granted < needed {
        Attempt::NoMajority {
            granted: c.granted,
            needed,
        }
    } else if v.validity <= 0 {
        Attempt::TooLate(v)
    } else {
        Attempt::Won(v)
    })
}

impl Attempt {
    /// The arithmetic, `1000 − 63 − 12 = 925ms` (without its result while
    /// no majority has granted yet, `1000 − 63 − 12`), or why there is no
    /// lock: `✓2/5 < 3: no lock`.
    pub fn sum(self, r: &RedlockSpec, w: &LockWords) -> String {
        let arithmetic = |v: Validity| {
            let (ttl, elapsed, drift, validity) = v.whole_ms();
            format!("{ttl} − {elapsed} − {drift} = {validity}ms")
        };
        match self {
            Attempt::Asking {
                sum,
                majority: false,
            } => {
                let (ttl, elapsed, drift, _) = sum.whole_ms();
                format!("{ttl} − {elapsed} − {drift}")
            }
            Attempt::Asking { sum: v, .. } | Attempt::Won(v) => arithmetic(v),
            Attempt::TooLate(v) => words::too_late(w.lang, arithmetic(v)),
            Attempt::NoMajority { granted, needed } => {
                words::no_majority(w.lang, granted, r.masters, needed)
            }
        }
    }

    /// The sum with the masters that granted of those asked, `… ✓3/5`
    /// (a failed majority already counts them).
    pub fn tallied(self, c: &Client, r: &RedlockSpec, w: &LockWords) -> String {
        match self {
            Attempt::NoMajority { .. } => self.sum(r, w),
            _ => format!("{} ✓{}/{}", self.sum(r, w), c.granted, c.asked),
        }
    }

    /// As short as a crowded strip needs: `925ms ✓3/5`, the validity
    /// without its arithmetic (`✓1/2…` while it has none yet); a failure
    /// as [`Attempt::sum`] says it.
    pub fn brief(self, c: &Client, r: &RedlockSpec, w: &LockWords) -> String {
        match self {
            Attempt::Asking {
                majority: false, ..
            } => format!("✓{}/{}…", c.granted, c.asked),
            Attempt::Asking { sum: v, .. } | Attempt::Won(v) => {
                format!("{}ms ✓{}/{}", v.whole_ms().3, c.granted, c.asked)
            }
            Attempt::TooLate(v) => words::too_late(w.lang, format!("{}ms", v.whole_ms().3)),
            Attempt::NoMajority { .. } => self.sum(r, w),
        }
    }
}

/// Whether client `c` is asking the Redlock masters right now.
pub fn attempting(c: &Client) -> bool {
    c.phase == Phase::Acquiring && c.verdict.is_none()
}

/// A Redis server's key: `C1 #3 0.42s` (holder, token, time to live on
/// the server's clock), or `free`.
pub fn key(sim: &Sim<LockNode>, id: NodeId, r: &Redis, w: &LockWords) -> String {
    let Some(k) = r.key else {
        return w.free.to_owned();
    };
    let token = k.token.map_or(String::new(), |t| format!(" #{t}"));
    let ttl = k.expires_at.map_or("∞".to_owned(), |t| {
        secs(t as i64 - sim.local_time(id) as i64)
    });
    format!("{}{token} {ttl}", sim.label(k.client))
}

/// Who holds a Redis server's key, `C1`, or `free`.
pub fn holder(sim: &Sim<LockNode>, r: &Redis, w: &LockWords) -> String {
    r.key
        .map_or(w.free.to_owned(), |k| sim.label(k.client).to_string())
}

/// The fraction of a Redis key's time to live left on its server's clock.
pub fn key_left(sim: &Sim<LockNode>, id: NodeId, r: &Redis) -> Option<f64> {
    let expires = r.key?.expires_at?;
    let ttl = match &sim.node(id).spec.service {
        Service::Redis(s) => ms(s.ttl_ms),
        Service::Redlock(s) => ms(s.ttl_ms),
        Service::ZooKeeper(_) => return None,
    };
    let left = expires as i64 - sim.local_time(id) as i64;
    Some(left.clamp(0, ttl as i64) as f64 / ttl.max(1) as f64)
}

/// A server's clock: `clock 1.234s`.
pub fn clock(sim: &Sim<LockNode>, id: NodeId, w: &LockWords) -> String {
    words::clock(w.lang, format_time(sim.local_time(id)))
}

/// ZooKeeper's lock nodes in order, one line each: its owner, ■ for the
/// holder, and what its owner watches (`◎3` the node lock-3, or the whole
/// folder).
pub fn zk_queue(sim: &Sim<LockNode>, z: &Zk, w: &LockWords) -> Vec<String> {
    z.nodes
        .iter()
        .map(|(seq, n)| {
            let watched = z
                .exists_watches
                .iter()
                .find(|(_, watchers)| watchers.contains(&n.owner))
                .map(|(watched, _)| *watched);
            let mark = if z.holder == Some(*seq) {
                " ■".to_owned()
            } else if let Some(watched) = watched {
                format!(" ◎{watched}")
            } else if z.child_watches.contains(&n.owner) {
                format!(" ◎{}", w.folder)
            } else {
                String::new()
            };
            format!("lock-{seq} {}{mark}", sim.label(n.owner))
        })
        .collect()
}

/// A ZooKeeper client's node and, as the client knows it, whether it
/// holds the lock or what it watches while it waits: `lock-4 ■`,
/// `lock-4 ◎3`, or `lock-4 ◎folder` under `watch: Parent`.
pub fn zk_node(c: &Client, seq: u64, watch: Watch, w: &LockWords) -> String {
    match c.watching {
        Some(watched) => format!("lock-{seq} ◎{watched}"),
        None if c.holds() => format!("lock-{seq} ■"),
        None if c.phase == Phase::Waiting && watch == Watch::Parent => {
            format!("lock-{seq} ◎{}", w.folder)
        }
        None => format!("lock-{seq}"),
    }
}

/// How often waiters were woken by a watch, all clients together.
pub fn wakes(sim: &Sim<LockNode>) -> u64 {
    sim.nodes()
        .iter()
        .filter_map(LockNode::client)
        .map(|c| c.wakes)
        .sum()
}

/// One operation storage handled: `✓ C1 ✎5 #3`, or `✗ C2 ✎5 #2<#3` with
/// the higher token that beat it.
pub fn op(sim: &Sim<LockNode>, e: &Entry) -> String {
    let verdict = if e.accepted { '✓' } else { '✗' };
    let glyph = match e.op {
        Op::Read => '▷',
        Op::Write => '✎',
    };
    let token = e.token.map_or(String::new(), |t| format!(" #{t}"));
    let beaten = e.beaten_by.map_or(String::new(), |b| format!("<#{b}"));
    format!(
        "{verdict} {} {glyph}{}{token}{beaten}",
        sim.label(e.client),
        e.value
    )
}

/// Storage's value and highest token: `value 4 · highest #3`.
pub fn storage_head(value: u64, highest: Option<u64>, w: &LockWords) -> String {
    let highest = highest.map_or("–".to_owned(), |h| h.to_string());
    format!(
        "{} · {}",
        words::value(w.lang, value),
        words::highest(w.lang, highest)
    )
}
