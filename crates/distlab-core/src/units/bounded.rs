//! The bounds of every number a person writes, in one place: scenario
//! files, lessons, keys and the command line all read their numbers
//! through these, so a value means the same thing and fails with the same
//! sentence wherever it is written. Each bound is one a learner could
//! mean; beyond it a run would stall, overflow or say nothing true.
//! Errors name the bound, and the parser places them at the value's
//! `file:line:col`.

use std::ops::RangeInclusive;

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};

use super::MAX_NODES;

/// The longest span of simulated time any number names: a day. Runs end
/// within it, and a pause, a delay, a timeout or a clock jump longer than
/// the run they belong to would say nothing.
pub const DAY_MS: u64 = 86_400_000;

/// How far a clock may drift, in parts per million either way: half again
/// as fast, or half as fast. Real quartz drifts by tens of ppm; lessons
/// exaggerate it to hundreds of thousands so that a second of drift shows
/// within seconds. A clock at -100% would stop, and one much faster than
/// the simulation's microsecond would fire its timers without time moving.
pub const MAX_DRIFT_PPM: i64 = 500_000;

/// A server's speed and a slow-down: from a hundredth to a hundred times.
/// Zero, negative or not-a-number would make work take no time (or
/// forever), which no real server does.
pub const FACTOR_RANGE: RangeInclusive<f64> = 0.01..=100.0;

/// A `(min, max)` range in milliseconds, within a day; a single value is
/// `(v, v)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct MsRange(pub u64, pub u64);

impl<'de> Deserialize<'de> for MsRange {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let (lo, hi) = <(u64, u64)>::deserialize(d)?;
        if lo > hi {
            return Err(de::Error::custom(format!(
                "the range's minimum {lo} exceeds its maximum {hi}"
            )));
        }
        if hi > DAY_MS {
            return Err(more_than_a_day(hi));
        }
        Ok(MsRange(lo, hi))
    }
}

/// A probability between 0 and 1.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Probability(pub f64);

impl<'de> Deserialize<'de> for Probability {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let p = f64::deserialize(d)?;
        if !(0.0..=1.0).contains(&p) {
            return Err(de::Error::custom(format!(
                "a probability must lie between 0.0 and 1.0, not {p}"
            )));
        }
        Ok(Probability(p))
    }
}

fn more_than_a_day<E: de::Error>(ms: u64) -> E {
    E::custom(format!(
        "{ms} ms is more than a day: durations are at most {DAY_MS} ms"
    ))
}

/// A cluster size between 1 and [`MAX_NODES`], for `deserialize_with`.
pub fn cluster_size<'de, D: Deserializer<'de>>(d: D) -> Result<usize, D::Error> {
    let n = u64::deserialize(d)? as usize;
    if !(1..=MAX_NODES).contains(&n) {
        return Err(de::Error::custom(format!(
            "a cluster has 1 to {MAX_NODES} nodes, not {n}"
        )));
    }
    Ok(n)
}

/// A duration of at least 1 ms and at most a day, for `deserialize_with`.
pub fn positive_ms<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    let v = ms_within_day(d)?;
    if v == 0 {
        return Err(de::Error::custom("this duration must be at least 1 ms"));
    }
    Ok(v)
}

/// A duration of at most a day (zero allowed), for `deserialize_with`.
pub fn ms_within_day<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    let v = u64::deserialize(d)?;
    if v > DAY_MS {
        return Err(more_than_a_day(v));
    }
    Ok(v)
}

/// A clock jump in milliseconds, at most a day either way.
pub fn clock_jump_ms<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    let v = i64::deserialize(d)?;
    if v.unsigned_abs() > DAY_MS {
        return Err(de::Error::custom(format!(
            "a clock jump of {v} ms is more than a day: jumps lie within ±{DAY_MS} ms"
        )));
    }
    Ok(v)
}

/// A clock drift in parts per million, within ±[`MAX_DRIFT_PPM`].
pub fn drift_ppm<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    let v = i64::deserialize(d)?;
    if v.unsigned_abs() > MAX_DRIFT_PPM.unsigned_abs() {
        return Err(de::Error::custom(format!(
            "a drift of {v} ppm is out of range: clocks drift within ±{MAX_DRIFT_PPM} ppm \
             (half as fast to half again as fast)"
        )));
    }
    Ok(v)
}

/// A speed or slow-down factor within [`FACTOR_RANGE`].
pub fn factor<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    let v = f64::deserialize(d)?;
    if !FACTOR_RANGE.contains(&v) {
        return Err(de::Error::custom(format!(
            "the factor {v} is out of range: it lies between {} and {} times",
            FACTOR_RANGE.start(),
            FACTOR_RANGE.end()
        )));
    }
    Ok(v)
}

/// A count between `LO` and `HI`, for `deserialize_with =
/// "bounded::<_, 1, 1000>"`: the field's name stands beside the value the
/// error points at.
pub fn bounded<'de, D: Deserializer<'de>, const LO: u32, const HI: u32>(
    d: D,
) -> Result<u32, D::Error> {
    let v = u64::deserialize(d)?;
    if !(u64::from(LO)..=u64::from(HI)).contains(&v) {
        return Err(de::Error::custom(format!(
            "{v} is out of range: this number lies between {LO} and {HI}"
        )));
    }
    Ok(v as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    struct Fields {
        #[serde(deserialize_with = "drift_ppm")]
        drift: i64,
        #[serde(deserialize_with = "clock_jump_ms")]
        jump: i64,
        #[serde(deserialize_with = "factor")]
        speed: f64,
        #[serde(deserialize_with = "bounded::<_, 1, 1000>")]
        vnodes: u32,
        #[serde(deserialize_with = "ms_within_day")]
        pause: u64,
    }

    fn fields(text: &str) -> Result<Fields, String> {
        ron::from_str::<Fields>(text).map_err(|e| e.to_string())
    }

    const GOOD: &str = "(drift: -300000, jump: -2000, speed: 0.5, vnodes: 100, pause: 0)";

    #[test]
    fn sensible_values_are_read_as_written() {
        let f = fields(GOOD).expect("all within bounds");
        assert_eq!(
            (f.drift, f.jump, f.speed, f.vnodes, f.pause),
            (-300_000, -2_000, 0.5, 100, 0)
        );
    }

    #[test]
    fn each_bound_is_named_where_it_is_broken() {
        let cases = [
            ("drift: -300000", "drift: 1000000000000", "±500000 ppm"),
            ("jump: -2000", "jump: -86400001", "±86400000 ms"),
            ("speed: 0.5", "speed: 0.0", "between 0.01 and 100"),
            ("speed: 0.5", "speed: -4.0", "between 0.01 and 100"),
            ("speed: 0.5", "speed: NaN", "between 0.01 and 100"),
            ("speed: 0.5", "speed: inf", "between 0.01 and 100"),
            ("vnodes: 100", "vnodes: 0", "between 1 and 1000"),
            ("pause: 0", "pause: 86400001", "at most 86400000 ms"),
        ];
        for (good, bad, bound) in cases {
            let message = fields(&GOOD.replace(good, bad)).expect_err(bad);
            assert!(message.contains(bound), "{bad}: {message}");
        }
    }

    #[test]
    fn ranges_and_probabilities_reject_nonsense() {
        assert_eq!(
            ron::from_str::<MsRange>("(5, 5)").expect("a point"),
            MsRange(5, 5)
        );
        assert!(ron::from_str::<MsRange>("(6, 5)").is_err());
        assert!(ron::from_str::<MsRange>("(0, 86400001)").is_err());
        assert!(ron::from_str::<Probability>("1.5").is_err());
        assert_eq!(ron::from_str::<Probability>("0.25").expect("valid").0, 0.25);
    }
}
