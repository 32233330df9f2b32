//! The parts of a `workload:` every family with clients validates alike,
//! each with an error that says what is allowed.

use serde::de::{self, Deserializer};
use serde::Deserialize;

use crate::units::{cluster_size, recall, Probability, MAX_NODES};

/// The defaults of the fields every family's `workload:` has.
pub fn default_clients() -> usize {
    3
}
pub fn default_rate() -> f64 {
    2.0
}
pub fn default_keys() -> Vec<String> {
    vec!["x".into()]
}
pub fn default_reads() -> Probability {
    Probability(0.5)
}
pub fn default_timeout() -> u64 {
    500
}
pub fn default_tries() -> u32 {
    3
}

/// The cluster's servers and clients as written, so that the first of them
/// in the file can say when together they exceed [`MAX_NODES`].
#[derive(Clone, Copy, Debug, Default)]
pub struct Members {
    pub servers: Option<usize>,
    pub clients: Option<usize>,
}

impl Members {
    /// Why `servers` and `clients` cannot make one cluster, if they cannot.
    pub fn too_many(servers: usize, clients: usize) -> Option<String> {
        (servers + clients > MAX_NODES).then(|| {
            format!(
                "{servers} servers and {clients} clients make {} members; a cluster has at most {MAX_NODES}",
                servers + clients
            )
        })
    }
}

pub fn client_count<'de, D: Deserializer<'de>>(d: D) -> Result<usize, D::Error> {
    let n = u64::deserialize(d)? as usize;
    if !(1..MAX_NODES).contains(&n) {
        return Err(de::Error::custom(format!(
            "a workload has 1 to {} clients, not {n}",
            MAX_NODES - 1
        )));
    }
    recall::note(|m: &mut Members| m.clients = Some(n));
    let servers = recall::recalled::<Members>().and_then(|m| m.servers);
    if let Some(why) = servers.and_then(|servers| Members::too_many(servers, n)) {
        return Err(de::Error::custom(why));
    }
    Ok(n)
}

pub fn rate<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    let r = f64::deserialize(d)?;
    if !(0.0..=1000.0).contains(&r) {
        return Err(de::Error::custom(format!(
            "`ops_per_s` is between 0 and 1000, not {r}"
        )));
    }
    Ok(r)
}

pub fn keys<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let keys = Vec::<String>::deserialize(d)?;
    if keys.is_empty() {
        return Err(de::Error::custom("a workload needs at least one key"));
    }
    if let Some(bad) = keys
        .iter()
        .find(|k| k.is_empty() || k.contains(['=', '?']) || k.chars().any(char::is_whitespace))
    {
        return Err(de::Error::custom(format!(
            "the key {bad:?} must be a word without `=`, `?` or spaces"
        )));
    }
    Ok(keys)
}

pub fn tries<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let n = u32::deserialize(d)?;
    if !(1..=100).contains(&n) {
        return Err(de::Error::custom(format!(
            "`tries` is between 1 and 100, not {n}"
        )));
    }
    Ok(n)
}

/// A cluster's servers, `nodes:` in its file, which with its clients
/// must fit in one cluster.
pub fn servers<'de, D: Deserializer<'de>>(d: D) -> Result<usize, D::Error> {
    let n = cluster_size(d)?;
    recall::note(|m: &mut Members| m.servers = Some(n));
    let clients = recall::recalled::<Members>().and_then(|m| m.clients);
    if let Some(why) = clients.and_then(|clients| Members::too_many(n, clients)) {
        return Err(de::Error::custom(why));
    }
    Ok(n)
}
