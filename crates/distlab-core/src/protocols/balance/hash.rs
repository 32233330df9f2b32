//! Hashing keys onto servers: a ring with virtual nodes (consistent
//! hashing: a leaving server moves only its own arcs) and plain modulo
//! (a leaving server reshuffles almost everything).

/// A fixed, well-mixed 64-bit hash (splitmix64's finaliser): the ring must
/// not depend on the standard library's seeded hasher.
pub fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Where a key lands on the ring.
pub fn key_point(key: u64) -> u64 {
    mix(key ^ 0x006b_6579)
}

/// A hash ring: every server appears `vnodes` times at pseudo-random
/// points; a key belongs to the first point at or after its own.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Ring {
    points: Vec<(u64, u8)>,
    /// The servers it was built for, as a bit mask, so that it is rebuilt
    /// only when that set changes.
    pub members: u32,
    pub vnodes: u32,
}

impl Ring {
    /// The ring of the servers in `members` (bit i: server i).
    pub fn build(members: u32, vnodes: u32) -> Ring {
        let mut points = Vec::new();
        for server in 0..32u64 {
            if members & (1 << server) == 0 {
                continue;
            }
            for v in 0..u64::from(vnodes.max(1)) {
                points.push((mix((server << 32) | v), server as u8));
            }
        }
        points.sort_unstable();
        Ring {
            points,
            members,
            vnodes,
        }
    }

    /// The server a key belongs to, and the ring point that decided it.
    pub fn lookup(&self, key: u64) -> Option<(usize, u64)> {
        self.owner_at(key_point(key))
    }

    /// The server owning the arc that `point` lies on (the first server
    /// point at or after it, round the ring), and that server point.
    pub fn owner_at(&self, point: u64) -> Option<(usize, u64)> {
        let i = self.points.partition_point(|&(p, _)| p < point);
        let (point, server) = self.points.get(i).or_else(|| self.points.first())?;
        Some((usize::from(*server), *point))
    }
}

/// Modulo hashing over the servers in `members`, in order.
pub fn modulo(members: u32, key: u64) -> Option<usize> {
    let n = members.count_ones() as u64;
    if n == 0 {
        return None;
    }
    let k = key_point(key) % n;
    (0..32).filter(|i| members & (1 << i) != 0).nth(k as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moved(before: impl Fn(u64) -> usize, after: impl Fn(u64) -> usize) -> usize {
        (0..10_000).filter(|&k| before(k) != after(k)).count()
    }

    #[test]
    fn a_leaving_server_moves_about_one_nth_of_keys_on_the_ring() {
        for n in [3u32, 5, 8] {
            let all = (1 << n) - 1;
            let without = all & !(1 << (n - 1));
            let (a, b) = (Ring::build(all, 100), Ring::build(without, 100));
            let share =
                moved(|k| a.lookup(k).unwrap().0, |k| b.lookup(k).unwrap().0) as f64 / 10_000.0;
            let n = f64::from(n);
            assert!(
                (0.5 / n..=2.0 / n).contains(&share),
                "ring moved {share} of keys with {n} servers"
            );
            let modulo_share = moved(|k| modulo(all, k).unwrap(), |k| modulo(without, k).unwrap())
                as f64
                / 10_000.0;
            assert!(modulo_share > 0.5, "modulo moved only {modulo_share}");
        }
    }

    #[test]
    fn an_empty_ring_has_no_owner() {
        assert_eq!(Ring::build(0, 10).lookup(7), None);
        assert_eq!(modulo(0, 7), None);
    }
}
