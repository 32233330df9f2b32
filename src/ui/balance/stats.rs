//! Figures the dispatch view derives from the balancer and the servers:
//! a server's state in one mark, how far recent picks stray from the
//! weights, the share of keys that moved, the cache hit rate.

use super::words::BalanceWords;
use crate::protocols::balance::{
    modulo, server_index, Algorithm, BalanceNode, LoadBalancer, Ring, Server, BALANCER,
};
use crate::sim::{NodeId, Sim};

/// Keys sampled to measure how many moved.
const KEYS: u64 = 1000;
/// Fewer recent picks than this say nothing about shares.
const MIN_PICKS: usize = 8;

/// Whether requests carry keys or the balancer hashes: the view then
/// shows keys moved and cache hits rather than the picks.
pub fn keyed(sim: &Sim<BalanceNode>) -> bool {
    let Some(b) = sim.node(BALANCER).balancer() else {
        return false;
    };
    hashing(b.algorithm) || b.config().load.keys > 0
}

fn hashing(algorithm: Algorithm) -> bool {
    matches!(algorithm, Algorithm::RingHash(_) | Algorithm::ModuloHash)
}

/// What sets a server apart now, two cells wide: joining ◆, ejected ⊘,
/// out of the pool −, unhealthy ♡, failing fast !, slowed ⏬.
pub fn flag(sim: &Sim<BalanceNode>, id: NodeId, s: &Server) -> &'static str {
    let peer = sim
        .node(BALANCER)
        .balancer()
        .zip(server_index(id))
        .and_then(|(b, i)| b.peers.get(i));
    let now = sim.now();
    if s.started && !s.welcomed {
        "◆ "
    } else if peer.is_some_and(|p| p.is_ejected(now)) {
        "⊘ "
    } else if peer.is_some_and(|p| !p.in_pool) {
        "− "
    } else if peer.is_some_and(|p| !p.healthy) {
        "♡ "
    } else if s.fail_fast {
        "! "
    } else if s.slow > 1.0 {
        "⏬"
    } else {
        "  "
    }
}

/// A latency percentile of `b`'s window in ms with `decimals` places, or
/// `–` while no answer has come in: zeros then are no measurement.
pub fn latency_ms(b: &LoadBalancer, us: u64, decimals: usize) -> String {
    if b.latencies.is_empty() {
        "–".to_owned()
    } else {
        format!("{:.decimals$}", us as f64 / 1000.0)
    }
}

/// How far the recent picks stray from the weights: the largest gap
/// between a server's share of the picks and its share of the weight of
/// the pool.
pub fn deviation(b: &LoadBalancer) -> Option<f64> {
    if b.recent.len() < MIN_PICKS {
        return None;
    }
    let total: u32 = b.peers.iter().filter(|p| p.in_pool).map(|p| p.weight).sum();
    let picks = b.recent.len() as f64;
    b.peers
        .iter()
        .enumerate()
        .filter(|(_, p)| p.in_pool)
        .map(|(i, p)| {
            let got = b.recent.iter().filter(|&&s| usize::from(s) == i).count() as f64;
            (got / picks - f64::from(p.weight) / f64::from(total.max(1))).abs()
        })
        .reduce(f64::max)
}

/// For a hashing balancer, the share of sampled keys whose server differs
/// between the pool the run started with and the servers eligible now.
pub fn keys_moved(sim: &Sim<BalanceNode>) -> Option<f64> {
    let b = sim.node(BALANCER).balancer()?;
    if !hashing(b.algorithm) {
        return None;
    }
    let first = (1u32 << b.config().servers.len()) - 1;
    let now = sim.now();
    let live = b
        .peers
        .iter()
        .enumerate()
        .filter(|(_, p)| p.eligible(now))
        .fold(0u32, |m, (i, _)| m | (1 << i));
    // The same pool moves no key: no rings to build, as is usual between
    // faults, and this runs every frame.
    Some(if live == first {
        0.0
    } else {
        moved(b.algorithm, first, live)
    })
}

/// `keys moved 25% · cache hits 78%`, each part where it applies.
pub fn keys_line(sim: &Sim<BalanceNode>, w: &BalanceWords) -> String {
    let mut parts = Vec::new();
    if let Some(m) = keys_moved(sim) {
        parts.push(w.keys_moved(m));
    }
    if let Some(h) = cache_hits(sim) {
        parts.push(w.cache_hits(h));
    }
    parts.join(" · ")
}

/// The share of sampled keys whose server differs between two pools.
fn moved(algorithm: Algorithm, before: u32, after: u32) -> f64 {
    let owners = |members: u32| -> Vec<Option<usize>> {
        match algorithm {
            Algorithm::RingHash(r) => {
                let ring = Ring::build(members, r.vnodes);
                (0..KEYS).map(|k| ring.lookup(k).map(|o| o.0)).collect()
            }
            _ => (0..KEYS).map(|k| modulo(members, k)).collect(),
        }
    };
    let (a, b) = (owners(before), owners(after));
    a.iter().zip(&b).filter(|(x, y)| x != y).count() as f64 / KEYS as f64
}

/// The share of cache lookups that hit, over every caching server.
pub fn cache_hits(sim: &Sim<BalanceNode>) -> Option<f64> {
    let (hits, all) = NodeId::all(sim.cluster_size())
        .filter_map(|id| sim.node(id).server())
        .fold((0, 0), |(h, a), s| (h + s.hits, a + s.hits + s.misses));
    (all > 0).then(|| hits as f64 / all as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocols::balance::RingSpec;

    #[test]
    fn one_of_four_leaving_moves_a_quarter_on_the_ring_and_most_by_modulo() {
        let ring = moved(
            Algorithm::RingHash(RingSpec { vnodes: 100 }),
            0b1111,
            0b0111,
        );
        assert!((0.15..0.35).contains(&ring), "{ring}");
        let modulo = moved(Algorithm::ModuloHash, 0b1111, 0b0111);
        assert!(modulo > 0.6, "{modulo}");
    }
}
