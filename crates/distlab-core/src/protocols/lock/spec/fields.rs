//! How each lock setting is read: its default, and the checks that
//! refuse what cannot work, between fields too (a request timeout no
//! shorter than the key's TTL), each reported where it is written.

use serde::de::{self, Deserializer};
use serde::Deserialize;

use super::{Watch, MAX_CLIENTS, MAX_MASTERS};
use crate::protocols::lock::Mode;
use crate::units::{positive_ms, recall, MsRange};

pub(super) fn yes() -> bool {
    true
}
pub(super) fn default_clients() -> usize {
    3
}
pub(super) fn default_mode() -> Mode {
    Mode::NxPx
}
pub(super) fn default_ttl() -> u64 {
    1000
}
pub(super) fn default_masters() -> usize {
    5
}
pub(super) fn default_drift() -> f64 {
    0.01
}
pub(super) fn default_request_timeout() -> u64 {
    50
}
pub(super) fn default_client_timeout() -> u64 {
    100
}
pub(super) fn default_storage_timeout() -> u64 {
    500
}
pub(super) fn default_session() -> u64 {
    2000
}
pub(super) fn default_heartbeat() -> u64 {
    500
}
pub(super) fn default_watch() -> Watch {
    Watch::Predecessor
}
pub(super) fn default_work() -> MsRange {
    MsRange(200, 400)
}
pub(super) fn default_think() -> MsRange {
    MsRange(100, 300)
}
pub(super) fn default_retry() -> MsRange {
    MsRange(50, 150)
}

pub(super) fn counted<'de, D: Deserializer<'de>>(
    d: D,
    what: &str,
    max: usize,
) -> Result<usize, D::Error> {
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
pub(super) fn ttl_over<'de, D: Deserializer<'de>>(d: D, timeout: u64) -> Result<u64, D::Error> {
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

pub(super) fn redis_ttl<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    ttl_over(d, default_client_timeout())
}

pub(super) fn redlock_ttl<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    ttl_over(d, default_request_timeout())
}

const OUTLIVED: &str = "the key would expire while its client still waits for the answer";

/// A request timeout: at least 1, and shorter than the key's TTL.
pub(super) fn request_timeout<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
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
pub(super) fn drift_factor<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
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
pub(super) fn session_timeout<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
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
pub(super) fn heartbeat<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
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

pub(super) fn client_count<'de, D: Deserializer<'de>>(d: D) -> Result<usize, D::Error> {
    counted(d, "clients", MAX_CLIENTS)
}

pub(super) fn master_count<'de, D: Deserializer<'de>>(d: D) -> Result<usize, D::Error> {
    counted(d, "masters", MAX_MASTERS)
}
