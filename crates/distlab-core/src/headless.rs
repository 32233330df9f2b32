//! Runs without a screen: `distlab run`. Steps a scenario to its end, writes
//! the JSON Lines trace, and sums the run up for a person.

use std::fmt;
use std::io::{self, Write};

use crate::history::{self, Event};
use crate::protocols::{Family, SimOf};
use crate::scenario::Scenario;
use crate::sim::{format_time, ms, Describe, RecordKind, SimTime, StepOutcome};
use crate::units::Lang;

/// How long a run lasts when neither the scenario nor the caller says.
pub const DEFAULT_UNTIL_MS: u64 = 10_000;

/// What a headless run found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RunSummary<F: Family> {
    pub seed: u64,
    pub until: SimTime,
    pub events: u64,
    /// What the family reports: for Raft, leaders by term and commits.
    pub family: F::Summary,
    pub sent: u64,
    pub dropped: u64,
    pub violations: Vec<BrokenInvariant>,
    /// The clients' operations, in order, when the run was asked to keep
    /// them ([`RunOptions::history`]).
    pub history: Vec<Event>,
}

/// What a run writes and keeps besides its summary.
#[derive(Default)]
pub struct RunOptions<'a> {
    /// Every record, as JSON Lines.
    pub trace: Option<&'a mut dyn Write>,
    /// Keep the client processes' operations (trace records of kind
    /// `invoke`, `ok`, `fail` and `info`) in [`RunSummary::history`].
    pub history: bool,
}

/// A violation as the summary reports it, in English.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrokenInvariant {
    /// The event that broke it, counted from 1.
    pub event: u64,
    pub invariant: &'static str,
    pub text: String,
}

impl<F: Family> RunSummary<F> {
    pub fn is_safe(&self) -> bool {
        self.violations.is_empty()
    }
}

impl<F: Family> fmt::Display for RunSummary<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "ran {} of simulated time, seed {}, {} events",
            format_time(self.until),
            self.seed,
            self.events
        )?;
        write!(f, "{}", self.family)?;
        writeln!(f, "messages: {} sent, {} dropped", self.sent, self.dropped)?;
        if self.violations.is_empty() {
            write!(f, "safety: ✓ every invariant held")
        } else {
            writeln!(f, "safety: ✗ {} violation(s)", self.violations.len())?;
            for v in &self.violations {
                writeln!(f, "  event {}: {}: {}", v.event, v.invariant, v.text)?;
            }
            Ok(())
        }
    }
}

/// Runs a scenario up to `until`, writing every record to `trace` as JSON
/// Lines when one is given.
pub fn run<F: Family>(
    scenario: &Scenario<F>,
    until: SimTime,
    trace: Option<&mut dyn Write>,
) -> Result<RunSummary<F>, RunError> {
    run_with(
        scenario,
        until,
        RunOptions {
            trace,
            history: false,
        },
    )
}

/// Runs a scenario up to `until`, writing and keeping what `options` ask.
pub fn run_with<F: Family>(
    scenario: &Scenario<F>,
    until: SimTime,
    options: RunOptions<'_>,
) -> Result<RunSummary<F>, RunError> {
    run_watching(scenario, until, options, &mut |_| {})
}

/// [`run_with`], showing `watch` the simulation after every step, so that
/// a caller can keep what the summary does not (the records a drawing of
/// the run needs, [`crate::export`]).
pub fn run_watching<F: Family>(
    scenario: &Scenario<F>,
    until: SimTime,
    options: RunOptions<'_>,
    watch: &mut dyn FnMut(&SimOf<F>),
) -> Result<RunSummary<F>, RunError> {
    let RunOptions { mut trace, history } = options;
    let mut sim = scenario.build();
    sim.set_explanations(trace.is_some());
    let mut summary = RunSummary {
        seed: scenario.seed,
        until,
        ..RunSummary::default()
    };
    while sim.step_until(until) == StepOutcome::Stepped {
        watch(&sim);
        for record in sim.last_records() {
            match &record.kind {
                RecordKind::Send { .. } => summary.sent += 1,
                RecordKind::Drop { .. } => summary.dropped += 1,
                RecordKind::Proto(_) if history => {
                    let json = record.to_json(sim.labels());
                    if let Some(event) = history::jsonl::event(&json) {
                        summary.history.push(event);
                    }
                    F::tally(&mut summary.family, record)
                }
                _ => F::tally(&mut summary.family, record),
            }
        }
        if let Some(out) = trace.as_deref_mut() {
            for record in sim.last_records() {
                serde_json::to_writer(&mut *out, &record.to_json(sim.labels()))
                    .map_err(io::Error::from)?;
                out.write_all(b"\n")?;
            }
        }
    }
    if let Some(why) = sim.stuck() {
        return Err(RunError::Stuck(why));
    }
    summary.events = sim.events_processed();
    summary.violations = sim
        .violations()
        .iter()
        .map(|(event, v)| BrokenInvariant {
            event: *event,
            invariant: v.invariant.en,
            text: v.note.describe(Lang::En, sim.labels()),
        })
        .collect();
    Ok(summary)
}

/// Why a headless run did not end.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The trace could not be written.
    #[error("cannot write the trace: {0}")]
    Trace(#[from] io::Error),
    /// The run could not go on ([`crate::sim::Sim::stuck`]).
    #[error("{0}")]
    Stuck(crate::sim::Stall),
}

/// True when a write failed only because nobody reads any more (`distlab
/// run … | head`): the rest of the output is not wanted, which is no
/// failure.
pub fn reader_gone(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::BrokenPipe
}

/// The end of a run: the caller's choice, else the scenario's, else 10 s.
pub fn until_of<F: Family>(scenario: &Scenario<F>, until_ms: Option<u64>) -> SimTime {
    ms(until_ms.or(scenario.until_ms).unwrap_or(DEFAULT_UNTIL_MS))
}
