//! Random fault schedules, run the same way for every family: one check
//! per seed on every core, or only the seed `DISTLAB_SEED` names, so that a
//! failure printed with its seed reproduces.

use rayon::prelude::*;

/// Runs `check_one` for seeds `first..first + count`, or for the seed in
/// `DISTLAB_SEED` alone when it is set.
pub fn check_schedules(first: u64, count: u64, check_one: impl Fn(u64) + Sync + Send) {
    if let Some(seed) = std::env::var("DISTLAB_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
    {
        return check_one(seed);
    }
    (first..first + count).into_par_iter().for_each(check_one);
}
