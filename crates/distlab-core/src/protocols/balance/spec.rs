//! Dispatch in scenario files: the `cluster: Balancer((…))` settings and
//! the requests a script can send (README, "Scenario files").

use serde::{Deserialize, Serialize};

use super::members::BalanceAlias;
use crate::protocols::TargetSpec;
use crate::units::{bounded, factor, ms_within_day, positive_ms, recall, MsRange, Probability};

/// Most servers a balancer fronts, spare slots included.
pub const MAX_SERVERS: usize = 12;

/// How the balancer chooses a server for each request.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Algorithm {
    RoundRobin,
    Random,
    WeightedRandom,
    #[default]
    SmoothWeighted,
    EdfWeighted,
    LeastConnections,
    PowerOfTwo,
    PeakEwma,
    RingHash(RingSpec),
    ModuloHash,
}

/// `RingHash((vnodes: 100))`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RingSpec {
    #[serde(default = "default_vnodes", deserialize_with = "bounded::<_, 1, 1000>")]
    pub vnodes: u32,
}

fn default_vnodes() -> u32 {
    100
}

impl Algorithm {
    /// The name files and screens use.
    pub fn name(self) -> &'static str {
        match self {
            Algorithm::RoundRobin => "RoundRobin",
            Algorithm::Random => "Random",
            Algorithm::WeightedRandom => "WeightedRandom",
            Algorithm::SmoothWeighted => "SmoothWeighted",
            Algorithm::EdfWeighted => "EdfWeighted",
            Algorithm::LeastConnections => "LeastConnections",
            Algorithm::PowerOfTwo => "PowerOfTwo",
            Algorithm::PeakEwma => "PeakEwma",
            Algorithm::RingHash(_) => "RingHash",
            Algorithm::ModuloHash => "ModuloHash",
        }
    }
}

/// One server: `(weight: 5, speed: 0.5, concurrency: 2, queue: 10, cache: true)`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerSpec {
    #[serde(default = "one", deserialize_with = "bounded::<_, 1, 1000>")]
    pub weight: u32,
    #[serde(default = "unit_speed", deserialize_with = "factor")]
    pub speed: f64,
    #[serde(default = "one", deserialize_with = "bounded::<_, 1, 1000>")]
    pub concurrency: u32,
    #[serde(
        default = "default_queue",
        deserialize_with = "bounded::<_, 0, 100000>"
    )]
    pub queue: u32,
    #[serde(default)]
    pub cache: bool,
}

fn one() -> u32 {
    1
}
fn unit_speed() -> f64 {
    1.0
}
fn default_queue() -> u32 {
    10
}

impl Default for ServerSpec {
    fn default() -> Self {
        ServerSpec {
            weight: 1,
            speed: 1.0,
            concurrency: 1,
            queue: 10,
            cache: false,
        }
    }
}

/// When requests arrive.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Arrivals {
    /// Exponential gaps: bursts and lulls, as independent clients make.
    #[default]
    Poisson,
    /// One request every 1/rate seconds.
    Fixed,
}

/// `load: (rate_per_s: 100, arrivals: Poisson, cost_ms: (10, 20), keys: 0)`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoadSpec {
    #[serde(default = "default_rate", deserialize_with = "rate")]
    pub rate_per_s: u32,
    #[serde(default)]
    pub arrivals: Arrivals,
    #[serde(default = "default_cost")]
    pub cost_ms: MsRange,
    #[serde(default, deserialize_with = "bounded::<_, 0, 1000000>")]
    pub keys: u32,
}

fn default_rate() -> u32 {
    100
}

/// Most requests a generator sends per second: ten thousand keeps a
/// second of simulated load within what a screen can show and a frame
/// can compute.
pub const MAX_RATE_PER_S: u32 = 10_000;

/// An arrival rate of 0 (none) to [`MAX_RATE_PER_S`].
fn rate<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    bounded::<D, 0, MAX_RATE_PER_S>(d)
}
fn default_cost() -> MsRange {
    MsRange(10, 20)
}

impl Default for LoadSpec {
    fn default() -> Self {
        LoadSpec {
            rate_per_s: default_rate(),
            arrivals: Arrivals::Poisson,
            cost_ms: default_cost(),
            keys: 0,
        }
    }
}

/// Active health checks: `(interval_ms: 500, unhealthy_after: 2, healthy_after: 2)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HealthSpec {
    #[serde(deserialize_with = "positive_ms")]
    pub interval_ms: u64,
    #[serde(deserialize_with = "bounded::<_, 1, 100>")]
    pub unhealthy_after: u32,
    #[serde(deserialize_with = "bounded::<_, 1, 100>")]
    pub healthy_after: u32,
}

/// Passive outlier ejection: `(consecutive_errors: 5, base_ejection_ms: 3000, max_ejected: 0.5)`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutlierSpec {
    #[serde(deserialize_with = "bounded::<_, 1, 1000>")]
    pub consecutive_errors: u32,
    #[serde(deserialize_with = "positive_ms")]
    pub base_ejection_ms: u64,
    pub max_ejected: Probability,
}

/// Retries: `(max: 2, backoff_ms: (10, 100), jitter: true, budget: 0.2, min_retry_concurrency: 3)`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetrySpec {
    #[serde(deserialize_with = "bounded::<_, 0, 10>")]
    pub max: u32,
    #[serde(default = "no_backoff")]
    pub backoff_ms: MsRange,
    #[serde(default)]
    pub jitter: bool,
    /// Retries in flight may be at most this share of requests in flight,
    /// or [`RetrySpec::min_retry_concurrency`] if that is more; 1.0 means
    /// no budget.
    #[serde(default = "no_budget")]
    pub budget: Probability,
    /// The budget's floor, as Envoy's retry budget has it: this many
    /// retries may always be in flight, however few requests are, so that
    /// a quiet balancer still retries.
    #[serde(
        default = "min_retry_concurrency",
        deserialize_with = "bounded::<_, 0, 1000>"
    )]
    pub min_retry_concurrency: u32,
}

impl RetrySpec {
    /// How many retries may be in flight while `open` requests are.
    pub fn allowed(&self, open: usize) -> usize {
        ((open as f64 * self.budget.0) as usize).max(self.min_retry_concurrency as usize)
    }
}

fn no_backoff() -> MsRange {
    MsRange(0, 0)
}
fn no_budget() -> Probability {
    Probability(1.0)
}
/// Envoy's default for `min_retry_concurrency`.
fn min_retry_concurrency() -> u32 {
    3
}

/// Deliberate bugs, to show that the conservation check fires.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Bug {
    /// A reply that arrives after its request timed out is counted as a
    /// completion too: the request ends twice.
    CountLateReplies,
    /// When the retry budget refuses a retry, the request is forgotten
    /// without a rejection: it vanishes.
    ForgetBudgetRefusals,
}

/// `cluster: Balancer((…))`, as the README writes it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BalanceSpec {
    #[serde(default)]
    pub algorithm: Algorithm,
    #[serde(default = "default_servers", deserialize_with = "server_list")]
    pub servers: Vec<ServerSpec>,
    /// Server slots kept empty for `AddServer`: members S(n+1)… that start
    /// as spares, doing nothing, until a script or a person adds them.
    #[serde(
        default,
        deserialize_with = "spare_slots",
        skip_serializing_if = "is_zero"
    )]
    pub spares: usize,
    #[serde(default)]
    pub load: LoadSpec,
    #[serde(default)]
    pub health: Option<HealthSpec>,
    #[serde(default)]
    pub outlier: Option<OutlierSpec>,
    #[serde(default, deserialize_with = "ms_within_day")]
    pub slow_start_ms: u64,
    #[serde(default)]
    pub retries: Option<RetrySpec>,
    #[serde(default = "default_timeout", deserialize_with = "positive_ms")]
    pub request_timeout_ms: u64,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bugs: Vec<Bug>,
}

/// How many server slots a file asks for, as written (`None`: the
/// default), so that servers and spares together stay within
/// [`MAX_SERVERS`] whichever is written first; too many is reported at
/// `spares`, which alone can make them too many.
#[derive(Clone, Copy, Debug, Default)]
struct Slots {
    servers: Option<usize>,
    spares: Option<usize>,
}

impl Slots {
    /// The error if servers and spares together are too many.
    fn too_many(self) -> Option<String> {
        let servers = self.servers.unwrap_or(default_servers().len());
        let spares = self.spares.unwrap_or(0);
        (servers + spares > MAX_SERVERS).then(|| {
            format!(
                "a balancer fronts at most {MAX_SERVERS} servers, spare slots included, not {servers} + {spares} spares"
            )
        })
    }
}

/// One to [`MAX_SERVERS`] servers, each with a positive weight and speed.
fn server_list<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<ServerSpec>, D::Error> {
    use serde::de::Error;
    let list = Vec::<ServerSpec>::deserialize(d)?;
    if !(1..=MAX_SERVERS).contains(&list.len()) {
        return Err(D::Error::custom(format!(
            "a balancer fronts 1 to {MAX_SERVERS} servers, not {}",
            list.len()
        )));
    }
    recall::note(|s: &mut Slots| s.servers = Some(list.len()));
    if list
        .iter()
        .any(|s| s.weight == 0 || s.speed <= 0.0 || s.concurrency == 0)
    {
        return Err(D::Error::custom(
            "every server needs a weight, a speed and a concurrency above zero",
        ));
    }
    Ok(list)
}

/// `spares: N`: room left for servers added at run time.
fn spare_slots<'de, D: serde::Deserializer<'de>>(d: D) -> Result<usize, D::Error> {
    use serde::de::Error;
    let spares = usize::deserialize(d)?;
    recall::note(|s: &mut Slots| s.spares = Some(spares));
    if let Some(e) = recall::recalled::<Slots>().and_then(Slots::too_many) {
        return Err(D::Error::custom(e));
    }
    if spares >= MAX_SERVERS {
        return Err(D::Error::custom(format!(
            "at most {} spare slots: a balancer fronts 1 to {MAX_SERVERS} servers",
            MAX_SERVERS - 1
        )));
    }
    Ok(spares)
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// A server `AddServer` starts: a positive weight, speed and concurrency.
fn one_server<'de, D: serde::Deserializer<'de>>(d: D) -> Result<ServerSpec, D::Error> {
    use serde::de::Error;
    let s = ServerSpec::deserialize(d)?;
    if s.weight == 0 || s.speed <= 0.0 || s.concurrency == 0 {
        return Err(D::Error::custom(
            "a server needs a weight, a speed and a concurrency above zero",
        ));
    }
    Ok(s)
}

fn default_servers() -> Vec<ServerSpec> {
    vec![ServerSpec::default(); 3]
}
fn default_timeout() -> u64 {
    1000
}

impl Default for BalanceSpec {
    fn default() -> Self {
        BalanceSpec {
            algorithm: Algorithm::default(),
            servers: default_servers(),
            spares: 0,
            load: LoadSpec::default(),
            health: None,
            outlier: None,
            slow_start_ms: 0,
            retries: None,
            request_timeout_ms: default_timeout(),
            bugs: Vec::new(),
        }
    }
}

/// The dispatch family's requests among a scenario's actions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum BalanceRequest {
    /// The generator's arrival rate, per second.
    SetRate(#[serde(deserialize_with = "rate")] u32),
    /// The balancer's algorithm from now on.
    SetAlgorithm(Algorithm),
    /// A server's work takes this many times as long (1.0 restores it).
    SlowDown(
        TargetSpec<BalanceAlias>,
        #[serde(deserialize_with = "factor")] f64,
    ),
    /// A server answers every request with an error at once (or stops).
    FailFast(TargetSpec<BalanceAlias>, bool),
    /// The next spare slot (`spares:`) starts a server of these settings,
    /// which asks the balancer to take it into its pool.
    AddServer(#[serde(deserialize_with = "one_server")] ServerSpec),
    /// The balancer stops sending to this server.
    RemoveServer(TargetSpec<BalanceAlias>),
}
