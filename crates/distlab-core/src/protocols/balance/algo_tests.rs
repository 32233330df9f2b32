//! The algorithms against their sources' own examples and long-run shares.

use super::algo::{Peer, Picker, Why};
use super::spec::{Algorithm, RingSpec};
use crate::sim::SimRng;

fn peers(weights: &[f64]) -> Vec<Peer> {
    weights
        .iter()
        .map(|&weight| Peer {
            weight,
            active: 0,
            ewma_us: 0.0,
        })
        .collect()
}

fn all(n: usize) -> u32 {
    (1 << n) - 1
}

fn run(algorithm: Algorithm, p: &[Peer], picks: usize) -> Vec<usize> {
    let mut picker = Picker::default();
    let mut rng = SimRng::new(7);
    let mut draw = |lo, hi| rng.range(lo, hi);
    (0..picks)
        .map(|k| {
            picker
                .pick(algorithm, all(p.len()), p, k as u64, &mut draw)
                .expect("a member")
                .server
        })
        .collect()
}

#[test]
fn smooth_weighted_gives_nginx_sequence() {
    let seq: String = run(Algorithm::SmoothWeighted, &peers(&[5.0, 1.0, 1.0]), 7)
        .into_iter()
        .map(|s| (b'a' + s as u8) as char)
        .collect();
    assert_eq!(seq, "aabacaa");
}

#[test]
fn smooth_weighted_backs_off_a_failed_peer_and_recovers() {
    let p = peers(&[5.0, 1.0, 1.0]);
    let mut picker = Picker::default();
    let mut draw = |lo, _| lo;
    let mut pick = |picker: &mut Picker| {
        picker
            .pick(Algorithm::SmoothWeighted, all(3), &p, 0, &mut draw)
            .unwrap()
            .server
    };
    assert_eq!(pick(&mut picker), 0);
    picker.failed(0, 5.0);
    // a's effective weight is 0 now, then 1, 2, …: b and c take turns first.
    let next: Vec<usize> = (0..3).map(|_| pick(&mut picker)).collect();
    assert_eq!(next, [1, 2, 1]);
    let later: Vec<usize> = (0..14).map(|_| pick(&mut picker)).collect();
    let a = later.iter().filter(|&&s| s == 0).count();
    assert!(a >= 8, "a recovers its share: {later:?}");
}

#[test]
fn edf_orders_by_deadline_first_in_first_out() {
    let seq = run(Algorithm::EdfWeighted, &peers(&[2.0, 1.0]), 6);
    // deadlines: a 0.5, b 1.0 → a (1.0) → tie with b: b came first.
    assert_eq!(seq, [0, 1, 0, 0, 1, 0]);
}

#[test]
fn long_run_shares_equal_the_weights() {
    let w = [5.0, 3.0, 1.0, 1.0];
    for algorithm in [
        Algorithm::WeightedRandom,
        Algorithm::SmoothWeighted,
        Algorithm::EdfWeighted,
        Algorithm::LeastConnections,
    ] {
        let seq = run(algorithm, &peers(&w), 100_000);
        for (i, weight) in w.iter().enumerate() {
            let share = seq.iter().filter(|&&s| s == i).count() as f64 / 100_000.0;
            let want = weight / 10.0;
            assert!(
                (share - want).abs() < 0.01,
                "{algorithm:?}: server {i} got {share}, weight share {want}"
            );
        }
    }
}

#[test]
fn power_of_two_takes_the_less_loaded_of_two_draws() {
    let mut p = peers(&[1.0, 1.0, 1.0]);
    p[0].active = 5;
    p[1].active = 1;
    p[2].active = 3;
    let mut picker = Picker::default();
    let mut draws = [0u64, 2, 1, 1].into_iter();
    let mut draw = |_, _| draws.next().unwrap();
    let first = picker
        .pick(Algorithm::PowerOfTwo, all(3), &p, 0, &mut draw)
        .unwrap();
    assert_eq!(first.server, 2);
    assert!(matches!(first.why, Why::TwoChoices { a: 0, b: 2, .. }));
    let same = picker
        .pick(Algorithm::PowerOfTwo, all(3), &p, 0, &mut draw)
        .unwrap();
    assert_eq!(same.server, 1, "the same server twice is a tie with itself");
}

#[test]
fn least_connections_and_peak_ewma_prefer_the_idle() {
    let mut p = peers(&[1.0, 1.0, 1.0]);
    p[0].active = 2;
    p[1].active = 0;
    p[2].active = 1;
    p[0].ewma_us = 1.0;
    p[1].ewma_us = 10.0;
    p[2].ewma_us = 2.0;
    assert_eq!(run(Algorithm::LeastConnections, &p, 1), [1]);
    // (2+1)×1 = 3, (0+1)×10 = 10, (1+1)×2 = 4.
    assert_eq!(run(Algorithm::PeakEwma, &p, 1), [0]);
}

#[test]
fn round_robin_and_hashing_skip_members_outside_the_mask() {
    let p = peers(&[1.0, 1.0, 1.0]);
    let mut picker = Picker::default();
    let mut draw = |lo, _| lo;
    let seq: Vec<usize> = (0..4)
        .map(|k| {
            picker
                .pick(Algorithm::RoundRobin, 0b101, &p, k, &mut draw)
                .unwrap()
                .server
        })
        .collect();
    assert_eq!(seq, [0, 2, 0, 2]);
    for algorithm in [
        Algorithm::RingHash(RingSpec { vnodes: 50 }),
        Algorithm::ModuloHash,
    ] {
        for key in 0..100 {
            let s = picker.pick(algorithm, 0b110, &p, key, &mut draw).unwrap();
            assert_ne!(s.server, 0);
        }
    }
    assert_eq!(picker.pick(Algorithm::Random, 0, &p, 0, &mut draw), None);
}
