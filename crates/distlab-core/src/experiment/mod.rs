//! Many seeds of one scenario, readings of one measure in every run, and
//! their distribution: `distlab experiment SCENARIO --trials N --measure
//! leader-downtime`. Each family offers its own measures
//! ([`Family::MEASURES`]).
//!
//! A single run shows one election; only many runs show why election
//! timeouts are randomised. Runs are headless and deterministic: trial `k`
//! uses the scenario's seed plus `k`. Trials run on every core and are
//! gathered in trial order, so results do not depend on the thread count.
//!
//! The same trials can run once per value of any cluster setting and be
//! set side by side in a table (`--compare SETTING=A,B`, [`compare`]).

use std::fmt::{self, Write as _};

use rayon::prelude::*;

use crate::headless::until_of;
use crate::protocols::measure::MeasureDef;
use crate::protocols::Family;
use crate::scenario::Scenario;
use crate::sim::{Actor, SimTime, StepOutcome};

mod compare;

pub use compare::{compare, compare_table};

/// Most trials one experiment runs: a hundred thousand seeds settle any
/// distribution these measures have, in minutes on one core.
pub const MAX_TRIALS: u64 = 100_000;

/// The measure `name` of family `F`, or its first when no name is given.
pub fn find_measure<F: Family>(name: Option<&str>) -> Result<&'static MeasureDef<F::Node>, String> {
    let mut measures = F::MEASURES.iter();
    match name {
        None => measures
            .next()
            .ok_or_else(|| format!("{} offers nothing to measure", F::TAG)),
        Some(name) => measures.find(|m| m.name == name).ok_or_else(|| {
            let available: Vec<&str> = F::MEASURES.iter().map(|m| m.name).collect();
            format!(
                "{} has no measure `{name}`; available: {}",
                F::TAG,
                available.join(", ")
            )
        }),
    }
}

/// One reading of one trial.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sample {
    pub seed: u64,
    /// How long it took, in µs.
    pub us: SimTime,
    /// What the measure counts beside the time (elections nobody won
    /// before it ended; messages sent meanwhile).
    pub counted: u64,
}

/// Everything an experiment over many seeds saw.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Measured {
    pub trials: u64,
    pub samples: Vec<Sample>,
    /// Occurrences that never ended before their run did (a leader crash
    /// with no new leader), or ended in failure (a rejected request).
    pub unresolved: u64,
    /// The family's high-water marks ([`Family::peaks`]), each the largest
    /// over the trials.
    pub peaks: Vec<(&'static str, u64)>,
    /// Why the first trial (in trial order) that could not move its clock
    /// stopped ([`crate::sim::Sim::stuck`]): its readings end there, and
    /// the experiment is not to be trusted.
    pub stuck: Option<String>,
}

impl Measured {
    /// The readings in µs, sorted.
    pub fn sorted_us(&self) -> Vec<u64> {
        let mut v: Vec<u64> = self.samples.iter().map(|s| s.us).collect();
        v.sort_unstable();
        v
    }

    /// What the measure counts, over all samples.
    pub fn counted(&self) -> u64 {
        self.samples.iter().map(|s| s.counted).sum()
    }

    /// Percentiles of the occurrences that ended.
    pub fn percentiles(&self) -> Option<Percentiles> {
        Percentiles::of(&self.sorted_us())
    }

    /// The `p`th percentile over every occurrence, those that never ended
    /// counted as longer than any that did (they are right-censored: the
    /// run ended first). Dropping them would make a setting that often
    /// never recovers look fast.
    pub fn censored(&self, p: f64) -> Option<Censored> {
        let measured = self.sorted_us();
        let n = measured.len() + self.unresolved as usize;
        if n == 0 {
            return None;
        }
        let rank = ((p / 100.0 * n as f64).ceil() as usize).clamp(1, n);
        Some(match measured.get(rank - 1) {
            Some(&us) => Censored::At(us),
            None => Censored::NeverEnded,
        })
    }

    /// The share of occurrences that never ended or failed, if any
    /// occurred.
    pub fn unresolved_share(&self) -> Option<f64> {
        let all = self.samples.len() as u64 + self.unresolved;
        (all > 0).then(|| self.unresolved as f64 / all as f64)
    }

    /// Adds the trials of `other`, which came after these.
    fn extend(&mut self, other: Measured) {
        self.trials += other.trials;
        self.samples.extend(other.samples);
        self.unresolved += other.unresolved;
        if self.stuck.is_none() {
            self.stuck = other.stuck;
        }
        for (name, value) in other.peaks {
            match self.peaks.iter_mut().find(|(n, _)| *n == name) {
                Some((_, highest)) => *highest = (*highest).max(value),
                None => self.peaks.push((name, value)),
            }
        }
    }
}

/// A percentile over occurrences some of which never ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Censored {
    At(u64),
    /// Beyond the end of the run.
    NeverEnded,
}

impl fmt::Display for Censored {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Censored::At(us) => write!(f, "{}", in_ms(*us)),
            Censored::NeverEnded => write!(f, "> end of run"),
        }
    }
}

/// Runs `trials` seeds of `scenario` (its seed, seed + 1, …) and takes
/// `measure`'s readings in each.
pub fn run<F: Family>(
    scenario: &Scenario<F>,
    trials: u64,
    measure: &MeasureDef<F::Node>,
) -> Measured {
    let mut each = run_variants(std::slice::from_ref(scenario), trials, measure);
    each.pop().unwrap_or_default()
}

/// `trials` seeds of each of `variants`, every trial of every variant on
/// every core; one experiment per variant, in their order.
fn run_variants<F: Family>(
    variants: &[Scenario<F>],
    trials: u64,
    measure: &MeasureDef<F::Node>,
) -> Vec<Measured> {
    let per_trial: Vec<Measured> = (0..variants.len() as u64 * trials)
        .into_par_iter()
        .map(|i| {
            let variant = &variants[(i / trials) as usize];
            one_trial(&seeded(variant, i % trials), measure)
        })
        .collect();
    let mut per_trial = per_trial.into_iter();
    variants
        .iter()
        .map(|_| gather(per_trial.by_ref().take(trials as usize)))
        .collect()
}

/// Trial `k` of `scenario`: its seed plus `k`.
fn seeded<F: Family>(scenario: &Scenario<F>, k: u64) -> Scenario<F> {
    Scenario {
        seed: scenario.seed.wrapping_add(k),
        ..scenario.clone()
    }
}

/// Trials, in trial order, as one experiment.
fn gather(trials: impl IntoIterator<Item = Measured>) -> Measured {
    let mut all = Measured::default();
    for trial in trials {
        all.extend(trial);
    }
    all
}

/// Runs `trials` seeds and measures the time from each leader crash to the
/// next leader, for a family with leaders.
///
/// # Panics
/// If the family has no `leader-downtime` measure.
pub fn leader_downtime<F: Family>(scenario: &Scenario<F>, trials: u64) -> Measured {
    let measure = find_measure::<F>(Some("leader-downtime")).expect("a family with leaders");
    run(scenario, trials, measure)
}

/// One run, every record shown to a fresh stopwatch.
fn one_trial<F: Family>(scenario: &Scenario<F>, measure: &MeasureDef<F::Node>) -> Measured {
    let mut sim = scenario.build();
    sim.set_explanations(false);
    let until = until_of(scenario, None);
    let mut meter = (measure.meter)();
    let mut readings = Vec::new();
    while sim.step_until(until) == StepOutcome::Stepped {
        for record in sim.last_records() {
            meter.observe(record, &mut readings);
        }
    }
    Measured {
        trials: 1,
        samples: readings
            .into_iter()
            .map(|r| Sample {
                seed: scenario.seed,
                us: r.us,
                counted: r.counted,
            })
            .collect(),
        unresolved: meter.open(),
        peaks: F::peaks(&sim),
        stuck: sim
            .stuck()
            .map(|why| format!("seed {}: {why}", scenario.seed)),
    }
}

/// Order statistics of a sample, nearest-rank.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Percentiles {
    pub count: usize,
    pub min: u64,
    pub p50: u64,
    pub p90: u64,
    pub p95: u64,
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
            p95: percentile(sorted, 95.0)?,
            p99: percentile(sorted, 99.0)?,
            max: *sorted.last()?,
        })
    }
}

/// The nearest-rank `p`th percentile of ascending `sorted`: the smallest
/// value with at least `p`% of the sample at or below it.
pub fn percentile(sorted: &[u64], p: f64) -> Option<u64> {
    crate::units::nearest_rank(sorted, p / 100.0)
}

fn in_ms(us: u64) -> String {
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
/// or below it. `beyond` values lie past the axis (occurrences that never
/// ended): the bars then end short of 100%, and a last line counts them,
/// `open` saying what they are.
/// Fits 80 columns.
pub fn cdf_chart(sorted: &[u64], beyond: u64, open: &str) -> String {
    let total = sorted.len() as u64 + beyond;
    let tail = |out: &mut String| {
        if beyond > 0 {
            let _ = writeln!(out, "  › {beyond} of {total} {open}");
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
            in_ms(threshold),
            "█".repeat(bar),
            " ".repeat(CDF_BAR - bar),
            share * 100.0
        );
    }
    tail(&mut out);
    out
}

/// The whole report: counts, percentiles and the CDF.
pub fn report<N: Actor>(d: &Measured, measure: &MeasureDef<N>) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} trials, {} {} measured, {} {}",
        d.trials,
        d.samples.len(),
        measure.each,
        d.unresolved,
        measure.open
    );
    if let Some(counted) = measure.counted {
        let _ = writeln!(out, "{}: {}", counted.what, d.counted());
    }
    match d.percentiles() {
        Some(p) => {
            let _ = writeln!(out, "{}: {p}", measure.name);
            let share = d.unresolved_share().unwrap_or(0.0) * 100.0;
            let _ = writeln!(
                out,
                "p95 {} · {share:.1}% of {} {}",
                in_ms(p.p95),
                measure.each,
                measure.open
            );
        }
        None => {
            let _ = writeln!(out, "{}: none of the {} ended", measure.name, measure.each);
        }
    }
    for (name, highest) in &d.peaks {
        let _ = writeln!(out, "{name}: {highest} (the most in any trial)");
    }
    if d.unresolved > 0 {
        let at = |p: f64| d.censored(p).map_or_else(String::new, |c| c.to_string());
        let _ = writeln!(
            out,
            "over all {} (unended counts as longest): p50 {}  p90 {}  p99 {}",
            measure.each,
            at(50.0),
            at(90.0),
            at(99.0)
        );
    }
    out.push_str(&cdf_chart(&d.sorted_us(), d.unresolved, measure.open));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let v: Vec<u64> = (1..=100).collect();
        let p = Percentiles::of(&v).expect("non-empty");
        assert_eq!(
            (p.min, p.p50, p.p90, p.p95, p.p99, p.max),
            (1, 50, 90, 95, 99, 100)
        );
        assert_eq!(percentile(&[7], 99.0), Some(7));
        assert_eq!(percentile(&[10, 20, 30, 40], 50.0), Some(20));
        assert_eq!(percentile(&[10, 20, 30, 40], 51.0), Some(30));
        assert_eq!(percentile(&[], 50.0), None);
    }

    #[test]
    fn the_cdf_fits_80_columns_and_ends_at_100_percent() {
        let v: Vec<u64> = (1..=37).map(|k| k * 7_000).collect();
        let chart = cdf_chart(&v, 0, "");
        assert_eq!(chart.lines().count(), CDF_ROWS);
        assert!(chart.lines().all(|l| l.chars().count() <= 80), "{chart}");
        assert!(chart.lines().last().is_some_and(|l| l.ends_with("100%")));
        assert_eq!(cdf_chart(&[5_000, 5_000], 0, "").lines().count(), 1);
    }

    #[test]
    fn crashes_never_recovered_are_a_tail_beyond_the_axis() {
        let chart = cdf_chart(&[10_000, 20_000, 30_000], 1, "never recovered");
        let lines: Vec<&str> = chart.lines().collect();
        assert!(lines[CDF_ROWS - 1].ends_with(" 75%"), "{chart}");
        assert_eq!(lines[CDF_ROWS], "  › 1 of 4 never recovered");
        assert_eq!(cdf_chart(&[], 3, "never recovered").lines().count(), 1);
    }

    #[test]
    fn censored_percentiles_count_crashes_that_never_recovered() {
        let d = Measured {
            trials: 5,
            samples: [30_000, 10_000]
                .iter()
                .map(|&us| Sample {
                    seed: 0,
                    us,
                    counted: 0,
                })
                .collect(),
            unresolved: 3,
            peaks: Vec::new(),
            stuck: None,
        };
        assert_eq!(d.censored(20.0), Some(Censored::At(10_000)));
        assert_eq!(d.censored(40.0), Some(Censored::At(30_000)));
        assert_eq!(d.censored(50.0), Some(Censored::NeverEnded));
        assert_eq!(Censored::NeverEnded.to_string(), "> end of run");
        assert_eq!(Measured::default().censored(50.0), None);
    }
}
