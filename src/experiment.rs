//! Many seeds of one scenario, one number per run, and the distribution:
//! `distlab experiment SCENARIO --trials N --measure leader-downtime`.
//!
//! A single run shows one election; only many runs show why election
//! timeouts are randomised. Runs are headless and deterministic: trial `k`
//! uses the scenario's seed plus `k`. Trials run on every core and are
//! gathered in trial order, so results do not depend on the thread count.

use std::fmt::{self, Write as _};
use std::str::FromStr;

use rayon::prelude::*;

use crate::headless::until_of;
use crate::protocols::Family;
use crate::scenario::Scenario;
use crate::sim::{NodeId, RecordKind, SimTime, StepOutcome};

/// What an experiment measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metric {
    /// Time from a leader's crash to the election of the next leader.
    LeaderDowntime,
}

impl FromStr for Metric {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "leader-downtime" => Ok(Metric::LeaderDowntime),
            other => Err(format!(
                "unknown measure `{other}`; available: leader-downtime"
            )),
        }
    }
}

/// One leader crash and the election that ended it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DowntimeSample {
    pub seed: u64,
    /// From the crash to the next leader, in µs.
    pub downtime_us: SimTime,
    /// Terms begun before a leader won: one when the first election
    /// succeeds; every extra term is an election nobody won.
    pub terms: u64,
}

/// Everything an experiment over many seeds saw.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Downtimes {
    pub trials: u64,
    pub samples: Vec<DowntimeSample>,
    /// Crashes of a leader after which no leader was elected before the
    /// run ended.
    pub unresolved: u64,
}

impl Downtimes {
    /// The downtimes in µs, sorted.
    pub fn sorted_us(&self) -> Vec<u64> {
        let mut v: Vec<u64> = self.samples.iter().map(|s| s.downtime_us).collect();
        v.sort_unstable();
        v
    }

    /// Elections that ended without a winner, over all samples.
    pub fn failed_elections(&self) -> u64 {
        self.samples.iter().map(|s| s.terms.saturating_sub(1)).sum()
    }

    /// Percentiles of the crashes that were followed by a new leader.
    pub fn percentiles(&self) -> Option<Percentiles> {
        Percentiles::of(&self.sorted_us())
    }

    /// The `p`th percentile over every leader crash, those never followed
    /// by a new leader counted as longer than any that were (they are
    /// right-censored: the run ended first). Dropping them would make a
    /// setting that often never recovers look fast.
    pub fn censored(&self, p: f64) -> Option<Censored> {
        let measured = self.sorted_us();
        let n = measured.len() + self.unresolved as usize;
        if n == 0 {
            return None;
        }
        let rank = ((p / 100.0 * n as f64).ceil() as usize).clamp(1, n);
        Some(match measured.get(rank - 1) {
            Some(&us) => Censored::At(us),
            None => Censored::NeverRecovered,
        })
    }

    /// Adds the trials of `other`, which came after these.
    fn extend(&mut self, other: Downtimes) {
        self.trials += other.trials;
        self.samples.extend(other.samples);
        self.unresolved += other.unresolved;
    }
}

/// A percentile over crashes some of which never recovered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Censored {
    At(u64),
    /// Beyond the end of the run: no new leader was elected in time.
    NeverRecovered,
}

impl fmt::Display for Censored {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Censored::At(us) => write!(f, "{}", ms(*us)),
            Censored::NeverRecovered => write!(f, "> end of run"),
        }
    }
}

/// Runs `trials` seeds of `scenario` (its seed, seed + 1, …) and measures
/// the time from each leader crash to the next leader.
pub fn leader_downtime<F: Family>(scenario: &Scenario<F>, trials: u64) -> Downtimes {
    let per_trial: Vec<Downtimes> = (0..trials)
        .into_par_iter()
        .map(|k| {
            let trial = Scenario {
                seed: scenario.seed.wrapping_add(k),
                ..scenario.clone()
            };
            let mut out = Downtimes {
                trials: 1,
                ..Downtimes::default()
            };
            one_trial(&trial, &mut out);
            out
        })
        .collect();
    let mut all = Downtimes::default();
    for trial in per_trial {
        all.extend(trial);
    }
    all
}

/// One run: follows who leads from the family's leadership records, starts
/// a clock when a leader crashes and stops it when any node wins a later
/// epoch.
fn one_trial<F: Family>(scenario: &Scenario<F>, out: &mut Downtimes) {
    let mut sim = scenario.build();
    sim.set_explanations(false);
    let until = until_of(scenario, None);
    let mut leaders: Vec<(NodeId, u64)> = Vec::new();
    let mut highest_term = 0;
    let mut down_since: Option<(SimTime, u64)> = None;
    while sim.step_until(until) == StepOutcome::Stepped {
        for record in sim.last_records() {
            if let RecordKind::Crash { node } = &record.kind {
                let led = leaders.iter().any(|(n, _)| n == node);
                leaders.retain(|(n, _)| n != node);
                if led && leaders.is_empty() && down_since.is_none() {
                    down_since = Some((record.t_us, highest_term));
                }
            }
            let Some(change) = F::leadership(record) else {
                continue;
            };
            highest_term = highest_term.max(change.epoch);
            leaders.retain(|(n, _)| *n != change.node);
            if change.leads {
                leaders.push((change.node, change.epoch));
                if let Some((since, term_then)) = down_since.take() {
                    out.samples.push(DowntimeSample {
                        seed: scenario.seed,
                        downtime_us: record.t_us - since,
                        terms: change.epoch.saturating_sub(term_then),
                    });
                }
            }
        }
    }
    if down_since.is_some() {
        out.unresolved += 1;
    }
}

/// Order statistics of a sample, nearest-rank.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Percentiles {
    pub count: usize,
    pub min: u64,
    pub p50: u64,
    pub p90: u64,
    pub p99: u64,
    pub max: u64,
}

impl Percentiles {
    /// `sorted` must be sorted ascending; `None` when empty.
    pub fn of(sorted: &[u64]) -> Option<Percentiles> {
        Some(Percentiles {
            count: sorted.len(),
            min: *sorted.first()?,
            p50: percentile(sorted, 50.0)?,
            p90: percentile(sorted, 90.0)?,
            p99: percentile(sorted, 99.0)?,
            max: *sorted.last()?,
        })
    }
}

/// The nearest-rank `p`th percentile of ascending `sorted`: the smallest
/// value with at least `p`% of the sample at or below it.
pub fn percentile(sorted: &[u64], p: f64) -> Option<u64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (p / 100.0 * sorted.len() as f64).ceil() as usize;
    Some(sorted[rank.clamp(1, sorted.len()) - 1])
}

fn ms(us: u64) -> String {
    format!("{:.0} ms", us as f64 / 1_000.0)
}

impl fmt::Display for Percentiles {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ms = |us: u64| (us as f64 / 1_000.0).round();
        write!(
            f,
            "count {}  min {}  p50 {}  p90 {}  p99 {}  max {} (ms)",
            self.count,
            ms(self.min),
            ms(self.p50),
            ms(self.p90),
            ms(self.p99),
            ms(self.max)
        )
    }
}

/// Rows of the text CDF.
const CDF_ROWS: usize = 10;
/// Width of the longest bar, so a row fits 80 columns.
const CDF_BAR: usize = 50;

/// A cumulative distribution as text: one row per threshold between the
/// smallest and largest value, each bar as long as the share of values at
/// or below it. `beyond` values lie past the axis (crashes never recovered
/// from): the bars then end short of 100%, and a last line counts them.
/// Fits 80 columns.
pub fn cdf_chart(sorted: &[u64], beyond: u64) -> String {
    let total = sorted.len() as u64 + beyond;
    let tail = |out: &mut String| {
        if beyond > 0 {
            let _ = writeln!(
                out,
                "  › {beyond} of {total} never recovered before the run ended"
            );
        }
    };
    let (Some(&lo), Some(&hi)) = (sorted.first(), sorted.last()) else {
        let mut out = String::new();
        tail(&mut out);
        return out;
    };
    let rows = if lo == hi { 1 } else { CDF_ROWS };
    let mut out = String::new();
    for row in 1..=rows {
        let threshold = lo + (hi - lo) * row as u64 / rows as u64;
        let below = sorted.partition_point(|&v| v <= threshold);
        let share = below as f64 / total as f64;
        let bar = (share * CDF_BAR as f64).round() as usize;
        let _ = writeln!(
            out,
            "≤ {:>8} │{}{}│ {:>3.0}%",
            ms(threshold),
            "█".repeat(bar),
            " ".repeat(CDF_BAR - bar),
            share * 100.0
        );
    }
    tail(&mut out);
    out
}

/// The whole report: counts, percentiles and the CDF.
pub fn report(d: &Downtimes) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} trials, {} leader crashes measured, {} without a new leader by the end",
        d.trials,
        d.samples.len(),
        d.unresolved
    );
    let _ = writeln!(
        out,
        "elections without a winner (split votes): {}",
        d.failed_elections()
    );
    match d.percentiles() {
        Some(p) => {
            let _ = writeln!(out, "leader downtime: {p}");
        }
        None if d.unresolved > 0 => {
            let _ = writeln!(
                out,
                "leader downtime: no crash was followed by a new leader"
            );
        }
        None => out.push_str("no leader crash was measured\n"),
    }
    if d.unresolved > 0 {
        let at = |p: f64| d.censored(p).map_or_else(String::new, |c| c.to_string());
        let _ = writeln!(
            out,
            "over every crash (never recovered counts as longest): p50 {}  p90 {}  p99 {}",
            at(50.0),
            at(90.0),
            at(99.0)
        );
    }
    out.push_str(&cdf_chart(&d.sorted_us(), d.unresolved));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let v: Vec<u64> = (1..=100).collect();
        let p = Percentiles::of(&v).expect("non-empty");
        assert_eq!((p.min, p.p50, p.p90, p.p99, p.max), (1, 50, 90, 99, 100));
        assert_eq!(percentile(&[7], 99.0), Some(7));
        assert_eq!(percentile(&[10, 20, 30, 40], 50.0), Some(20));
        assert_eq!(percentile(&[10, 20, 30, 40], 51.0), Some(30));
        assert_eq!(percentile(&[], 50.0), None);
    }

    #[test]
    fn the_cdf_fits_80_columns_and_ends_at_100_percent() {
        let v: Vec<u64> = (1..=37).map(|k| k * 7_000).collect();
        let chart = cdf_chart(&v, 0);
        assert_eq!(chart.lines().count(), CDF_ROWS);
        assert!(chart.lines().all(|l| l.chars().count() <= 80), "{chart}");
        assert!(chart.lines().last().is_some_and(|l| l.ends_with("100%")));
        assert_eq!(cdf_chart(&[5_000, 5_000], 0).lines().count(), 1);
    }

    #[test]
    fn crashes_never_recovered_are_a_tail_beyond_the_axis() {
        let chart = cdf_chart(&[10_000, 20_000, 30_000], 1);
        let lines: Vec<&str> = chart.lines().collect();
        assert!(lines[CDF_ROWS - 1].ends_with(" 75%"), "{chart}");
        assert_eq!(
            lines[CDF_ROWS],
            "  › 1 of 4 never recovered before the run ended"
        );
        assert_eq!(cdf_chart(&[], 3).lines().count(), 1);
    }

    #[test]
    fn censored_percentiles_count_crashes_that_never_recovered() {
        let d = Downtimes {
            trials: 5,
            samples: [30_000, 10_000]
                .iter()
                .map(|&us| DowntimeSample {
                    seed: 0,
                    downtime_us: us,
                    terms: 1,
                })
                .collect(),
            unresolved: 3,
        };
        assert_eq!(d.censored(20.0), Some(Censored::At(10_000)));
        assert_eq!(d.censored(40.0), Some(Censored::At(30_000)));
        assert_eq!(d.censored(50.0), Some(Censored::NeverRecovered));
        assert_eq!(Censored::NeverRecovered.to_string(), "> end of run");
        assert_eq!(Downtimes::default().censored(50.0), None);
    }
}
