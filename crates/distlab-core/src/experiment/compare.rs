//! One scenario run once per value of a setting, side by side: what each
//! choice costs (`--compare algorithm=RoundRobin,PeakEwma`).

use std::fmt::Write as _;

use super::{run_variants, Measured, Percentiles};
use crate::protocols::measure::MeasureDef;
use crate::protocols::Family;
use crate::scenario::Scenario;
use crate::sim::Actor;

/// One experiment per value: the same `trials` seeds of `scenario` with
/// the cluster's `setting` set to each of `values` in turn, in their
/// order. Every trial of every value runs on every core; an error names a
/// setting the family does not have, or a value it does not take.
pub fn compare<F: Family>(
    scenario: &Scenario<F>,
    trials: u64,
    measure: &MeasureDef<F::Node>,
    setting: &str,
    values: &[String],
) -> Result<Vec<(String, Measured)>, String> {
    let variants = values
        .iter()
        .map(|value| {
            let cluster = F::with_setting(&scenario.cluster.0, setting, value)?;
            let mut variant = scenario.clone();
            variant.cluster.0 = cluster;
            Ok(variant)
        })
        .collect::<Result<Vec<_>, String>>()?;
    let measured = run_variants(&variants, trials, measure);
    Ok(values.iter().cloned().zip(measured).collect())
}

/// Experiments side by side, one row per value of `setting`: how many
/// occurrences were measured, p50, p95, p99 and max in ms, the share that
/// never ended or failed, what the measure counts per reading (the share
/// of stale reads, the messages per command), and the family's high-water
/// marks. Fits 80
/// columns with one high-water mark and values up to 20 characters.
pub fn compare_table<N: Actor>(
    rows: &[(String, Measured)],
    measure: &MeasureDef<N>,
    setting: &str,
) -> String {
    let name_width = rows
        .iter()
        .map(|(name, _)| name.chars().count())
        .chain([9, setting.chars().count()])
        .max()
        .unwrap_or(9);
    let peaks: Vec<&str> = rows
        .first()
        .map(|(_, d)| d.peaks.iter().map(|(n, _)| *n).collect())
        .unwrap_or_default();
    let mut out = String::new();
    let _ = writeln!(out, "{}, in ms", measure.name);
    let _ = writeln!(out, "failed: {} {}", measure.each, measure.open);
    let _ = write!(
        out,
        "{:<name_width$} {:>8} {:>6} {:>6} {:>6} {:>6} {:>6}",
        setting, measure.each, "p50", "p95", "p99", "max", "failed"
    );
    if let Some(counted) = measure.counted {
        let _ = write!(out, " {:>6}", counted.column);
    }
    for peak in &peaks {
        let _ = write!(out, "  {peak}");
    }
    out.push('\n');
    for (name, d) in rows {
        let percentiles = d.percentiles();
        let at = |pick: fn(&Percentiles) -> u64| {
            percentiles.as_ref().map_or_else(
                || "–".to_owned(),
                |p| format!("{:.1}", pick(p) as f64 / 1e3),
            )
        };
        let failed = d
            .unresolved_share()
            .map_or_else(|| "–".to_owned(), |s| format!("{:.1}%", s * 100.0));
        let _ = write!(
            out,
            "{name:<name_width$} {:>8} {:>6} {:>6} {:>6} {:>6} {failed:>6}",
            d.samples.len(),
            at(|p| p.p50),
            at(|p| p.p95),
            at(|p| p.p99),
            at(|p| p.max),
        );
        if let Some(counted) = measure.counted {
            let per_reading =
                (!d.samples.is_empty()).then(|| d.counted() as f64 / d.samples.len() as f64);
            let shown = match per_reading {
                None => "–".to_owned(),
                Some(share) if counted.share => format!("{:.1}%", share * 100.0),
                Some(mean) => format!("{mean:.1}"),
            };
            let _ = write!(out, " {shown:>6}");
        }
        for peak in &peaks {
            let value = d.peaks.iter().find(|(n, _)| n == peak).map_or(0, |p| p.1);
            let _ = write!(out, "  {value:>w$}", w = peak.chars().count());
        }
        out.push('\n');
    }
    out
}
