//! A lesson's lab step: the run a lesson offers to play against a real
//! `redis-server`, as the lesson file writes it.

use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::event::LabMode;

/// The most clients a run has: one key selects each.
pub const MAX_CLIENTS: u8 = 9;
/// The longest run a lesson may offer.
pub const MAX_RUN_MS: u64 = 60_000;

/// A scripted pause: client `client` stops at `at_ms` for `for_ms`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PauseAt {
    pub client: u8,
    pub at_ms: u64,
    pub for_ms: u64,
}

impl FromStr for PauseAt {
    type Err = String;

    /// `C1@300:1500`: C1 stops 300 ms into the run, for 1.5 s.
    fn from_str(s: &str) -> Result<PauseAt, String> {
        let bad = || format!("`{s}` is not a pause: write CLIENT@MS:DURATION_MS, e.g. C1@300:1500");
        let (client, rest) = s.split_once('@').ok_or_else(bad)?;
        let (at, duration) = rest.split_once(':').ok_or_else(bad)?;
        let client = client
            .strip_prefix(['C', 'c'])
            .and_then(|n| n.parse::<u8>().ok())
            .filter(|n| (1..=MAX_CLIENTS).contains(n))
            .ok_or_else(bad)?;
        Ok(PauseAt {
            client,
            at_ms: at.parse().map_err(|_| bad())?,
            for_ms: duration.parse().map_err(|_| bad())?,
        })
    }
}

/// A run as a lesson step offers it: `lab: Some((mode: "nx-px",
/// ttl_ms: 1000, work_ms: 400, pauses: [(client: 1, at_ms: 100, for_ms:
/// 1500)], run_ms: 3000))`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawLabStep", into = "RawLabStep")]
pub struct LabStep {
    pub mode: LabMode,
    pub clients: u8,
    pub ttl_ms: u64,
    pub work_ms: u64,
    pub pauses: Vec<PauseAt>,
    pub run_ms: u64,
}

#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLabStep {
    mode: String,
    #[serde(default = "two")]
    clients: u8,
    /// Unused by `naive`, which sets no expiry.
    #[serde(default = "half_a_second")]
    ttl_ms: u64,
    work_ms: u64,
    #[serde(default)]
    pauses: Vec<PauseAt>,
    run_ms: u64,
}

fn two() -> u8 {
    2
}

fn half_a_second() -> u64 {
    500
}

impl LabMode {
    /// The mode a name on the command line or in a lesson names.
    pub fn from_name(name: &str) -> Option<LabMode> {
        [LabMode::Naive, LabMode::NxPx, LabMode::Fencing]
            .into_iter()
            .find(|m| m.name() == name)
    }
}

impl TryFrom<RawLabStep> for LabStep {
    type Error = String;

    fn try_from(raw: RawLabStep) -> Result<LabStep, String> {
        let mode = LabMode::from_name(&raw.mode).ok_or_else(|| {
            format!(
                "unknown lab mode `{}`; available: naive, nx-px, fencing",
                raw.mode
            )
        })?;
        if !(1..=MAX_CLIENTS).contains(&raw.clients) {
            return Err(format!("a lab run has 1 to {MAX_CLIENTS} clients"));
        }
        if raw.ttl_ms == 0 || !(100..=MAX_RUN_MS).contains(&raw.run_ms) {
            return Err(format!(
                "a lab run needs `ttl_ms` above 0 and `run_ms` from 100 to {MAX_RUN_MS}"
            ));
        }
        if let Some(p) = raw
            .pauses
            .iter()
            .find(|p| p.client == 0 || p.client > raw.clients)
        {
            return Err(format!(
                "a pause names C{}, but the run has {} clients",
                p.client, raw.clients
            ));
        }
        Ok(LabStep {
            mode,
            clients: raw.clients,
            ttl_ms: raw.ttl_ms,
            work_ms: raw.work_ms,
            pauses: raw.pauses,
            run_ms: raw.run_ms,
        })
    }
}

impl From<LabStep> for RawLabStep {
    fn from(step: LabStep) -> RawLabStep {
        RawLabStep {
            mode: step.mode.name().to_owned(),
            clients: step.clients,
            ttl_ms: step.ttl_ms,
            work_ms: step.work_ms,
            pauses: step.pauses,
            run_ms: step.run_ms,
        }
    }
}
