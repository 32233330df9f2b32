//! How fast simulated time runs against real time.
//!
//! A hop of a few milliseconds is over before the eye finds it at any
//! fixed speed that also lets a 300 ms election timeout drain in a
//! reasonable time. The adaptive pace therefore runs in two gears: while
//! messages are in flight, slow motion, so that a typical hop takes about a
//! second on screen; while only timers count down, fast forward, so the
//! wait passes quickly while its gauge still visibly drains. `[` and `]`
//! scale both gears; a plain fixed speed remains a choice.

use crate::sim::SimTime;

/// Fixed speeds: simulated time per real time, from a thousandth of real
/// time (every hop visible) to a thousand times it (an hour of history
/// in under four real seconds).
pub const FIXED_SPEEDS: [f64; 19] = [
    0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0,
    200.0, 500.0, 1000.0,
];
/// The fixed speed offered first when switching from adaptive: ×0.05.
const FIRST_FIXED: usize = 5;
/// ×0.1: lessons about a flow of requests wait for seconds of it.
const LESSON_FIXED: usize = 6;
/// Real time a typical hop takes in slow motion.
const HOP_ON_SCREEN_S: f64 = 1.0;
/// Fast forward: a 300 ms election timeout drains in a little over a
/// second.
const QUIET_SPEED: f64 = 0.25;
/// While only routine messages fly (heartbeats and their replies), time
/// runs at this share of fast forward: the hops still show, a step that
/// waits seconds for a steady cluster does not take minutes.
const ROUTINE_SHARE: f64 = 0.5;
/// How far `[` and `]` scale the adaptive gears, as powers of two.
const LEVELS: std::ops::RangeInclusive<i32> = -4..=12;

/// The pace a person chose.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Pace {
    /// Slow motion while messages fly, fast forward while they do not,
    /// both scaled by 2^level.
    Adaptive { level: i32 },
    /// One speed throughout: an index into [`FIXED_SPEEDS`].
    Fixed(usize),
}

impl Default for Pace {
    fn default() -> Self {
        Pace::Adaptive { level: 0 }
    }
}

/// What is on the wire at a moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Traffic {
    /// Nothing: only timers count down.
    Quiet,
    /// Only routine messages: heartbeats and their replies.
    Routine,
    /// A message worth following hop by hop.
    Busy,
}

/// The speed in force now, and why: what the status shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Gear {
    SlowMotion(f64),
    FastForward(f64),
    Fixed(f64),
}

impl Gear {
    /// Simulated time per real time.
    pub fn speed(self) -> f64 {
        match self {
            Gear::SlowMotion(s) | Gear::FastForward(s) | Gear::Fixed(s) => s,
        }
    }
}

impl Pace {
    /// The pace a screen starts with: adaptive for a family told hop by
    /// hop; for one told by its flow, a fixed speed (a little faster in
    /// lessons, whose steps wait for seconds of traffic).
    pub fn initial(hop_by_hop: bool, lesson: bool) -> Pace {
        match (hop_by_hop, lesson) {
            (true, _) => Pace::default(),
            (false, false) => Pace::Fixed(FIRST_FIXED),
            (false, true) => Pace::Fixed(LESSON_FIXED),
        }
    }

    /// The gear for a moment with `traffic` on the wire, on a network
    /// whose typical hop takes `hop_us`.
    pub fn gear(self, traffic: Traffic, hop_us: SimTime) -> Gear {
        match self {
            Pace::Fixed(i) => Gear::Fixed(FIXED_SPEEDS[i]),
            Pace::Adaptive { level } => {
                let scale = 2f64.powi(level);
                let slow = (hop_us.max(100) as f64 / 1e6 / HOP_ON_SCREEN_S * scale).min(1e3);
                let fast = |share: f64| (QUIET_SPEED * share * scale).clamp(slow, 1e3);
                match traffic {
                    Traffic::Busy => Gear::SlowMotion(slow),
                    Traffic::Routine => Gear::FastForward(fast(ROUTINE_SHARE)),
                    Traffic::Quiet => Gear::FastForward(fast(1.0)),
                }
            }
        }
    }

    /// One step faster (`up`) or slower, within bounds.
    pub fn scaled(self, up: bool) -> Pace {
        let by = if up { 1 } else { -1 };
        match self {
            Pace::Adaptive { level } => Pace::Adaptive {
                level: (level + by).clamp(*LEVELS.start(), *LEVELS.end()),
            },
            Pace::Fixed(i) => {
                Pace::Fixed((i as i32 + by).clamp(0, FIXED_SPEEDS.len() as i32 - 1) as usize)
            }
        }
    }

    /// Adaptive to fixed and back.
    pub fn toggled(self) -> Pace {
        match self {
            Pace::Adaptive { .. } => Pace::Fixed(FIRST_FIXED),
            Pace::Fixed(_) => Pace::default(),
        }
    }
}

/// A speed as the status shows it: `×0.0075`, `×250`.
pub fn speed_text(speed: f64) -> String {
    let digits = if speed >= 1.0 {
        0
    } else {
        (-speed.log10()).ceil() as usize + 1
    };
    let text = format!("{speed:.digits$}");
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    };
    format!("×{text}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::ms;

    #[test]
    fn a_hop_takes_a_second_in_slow_motion_and_quiet_time_passes_faster() {
        let pace = Pace::default();
        assert_eq!(pace.gear(Traffic::Busy, 7_500), Gear::SlowMotion(0.0075));
        assert_eq!(pace.gear(Traffic::Routine, 7_500), Gear::FastForward(0.125));
        assert_eq!(pace.gear(Traffic::Quiet, 7_500), Gear::FastForward(0.25));
        let faster = pace.scaled(true).scaled(true);
        assert_eq!(faster.gear(Traffic::Busy, 7_500), Gear::SlowMotion(0.03));
        assert_eq!(faster.gear(Traffic::Quiet, 7_500), Gear::FastForward(1.0));
    }

    #[test]
    fn fast_forward_is_never_slower_than_slow_motion() {
        let mut pace = Pace::default();
        for _ in 0..20 {
            pace = pace.scaled(true);
        }
        assert_eq!(pace, Pace::Adaptive { level: 12 });
        let busy = pace.gear(Traffic::Busy, ms(200)).speed();
        let quiet = pace.gear(Traffic::Routine, ms(200)).speed();
        assert!(quiet >= busy, "{quiet} < {busy}");
        assert!(busy <= 1e3);
    }

    #[test]
    fn fixed_speeds_reach_a_thousand_and_stop_at_both_ends() {
        let mut pace = Pace::default().toggled();
        assert_eq!(pace.gear(Traffic::Quiet, 0), Gear::Fixed(0.05));
        for _ in 0..30 {
            pace = pace.scaled(true);
        }
        assert_eq!(pace.gear(Traffic::Busy, 0), Gear::Fixed(1000.0));
        for _ in 0..30 {
            pace = pace.scaled(false);
        }
        assert_eq!(pace.gear(Traffic::Busy, 0), Gear::Fixed(0.001));
        assert_eq!(pace.toggled(), Pace::default());
    }
}
