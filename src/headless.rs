//! Runs without a screen: `distlab run`. Steps a scenario to its end, writes
//! the JSON Lines trace, and sums the run up for a person.

use std::collections::BTreeMap;
use std::fmt;
use std::io::{self, Write};

use crate::protocols::raft::{RaftNode, RaftObs, Role};
use crate::scenario::{Scenario, ScenarioError};
use crate::sim::{format_time, ms, NodeId, RecordKind, Sim, SimTime, StepOutcome, Violation};

/// How long a run lasts when neither the scenario nor the caller says.
pub const DEFAULT_UNTIL_MS: u64 = 10_000;

/// What a headless run found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RunSummary {
    pub seed: u64,
    pub until: SimTime,
    pub events: u64,
    /// Who won each term's election.
    pub leaders: BTreeMap<u64, NodeId>,
    /// Highest commit index any node reached.
    pub committed: u64,
    /// Distinct entries committed anywhere: (index, term, value).
    pub committed_entries: BTreeMap<u64, (u64, String)>,
    pub sent: u64,
    pub dropped: u64,
    pub violations: Vec<(u64, Violation)>,
}

impl RunSummary {
    pub fn is_safe(&self) -> bool {
        self.violations.is_empty()
    }
}

impl fmt::Display for RunSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "ran {} of simulated time, seed {}, {} events",
            format_time(self.until),
            self.seed,
            self.events
        )?;
        if self.leaders.is_empty() {
            writeln!(f, "leaders: none elected")?;
        } else {
            let list: Vec<String> = self
                .leaders
                .iter()
                .map(|(t, n)| format!("term {t}: {n}"))
                .collect();
            writeln!(f, "leaders: {}", list.join(", "))?;
        }
        writeln!(f, "entries committed: {}", self.committed)?;
        writeln!(f, "messages: {} sent, {} dropped", self.sent, self.dropped)?;
        if self.violations.is_empty() {
            write!(f, "safety: ✓ every invariant held")
        } else {
            writeln!(f, "safety: ✗ {} violation(s)", self.violations.len())?;
            for (event, v) in &self.violations {
                writeln!(f, "  event {event}: {}: {}", v.invariant, v.text)?;
            }
            Ok(())
        }
    }
}

/// Runs a Raft scenario up to `until`, writing every record to `trace` as
/// JSON Lines when one is given.
pub fn run_raft(
    scenario: &Scenario,
    until: SimTime,
    mut trace: Option<&mut dyn Write>,
) -> Result<RunSummary, RunError> {
    let mut sim = scenario.build_raft()?;
    sim.set_explanations(trace.is_some());
    let mut summary = RunSummary {
        seed: scenario.seed,
        until,
        ..RunSummary::default()
    };
    while sim.step_until(until) == StepOutcome::Stepped {
        tally(&sim, &mut summary);
        if let Some(out) = trace.as_deref_mut() {
            for record in sim.last_records() {
                serde_json::to_writer(&mut *out, &record.to_json()).map_err(io::Error::from)?;
                out.write_all(b"\n")?;
            }
        }
    }
    summary.events = sim.events_processed();
    summary.violations = sim.violations().to_vec();
    Ok(summary)
}

fn tally(sim: &Sim<RaftNode>, summary: &mut RunSummary) {
    for record in sim.last_records() {
        match &record.kind {
            RecordKind::Send { .. } => summary.sent += 1,
            RecordKind::Drop { .. } => summary.dropped += 1,
            RecordKind::Proto(RaftObs::Role {
                node,
                term,
                role: Role::Leader,
            }) => {
                summary.leaders.entry(*term).or_insert(*node);
            }
            RecordKind::Proto(RaftObs::Commit {
                index, term, value, ..
            }) => {
                summary.committed = summary.committed.max(*index);
                summary
                    .committed_entries
                    .entry(*index)
                    .or_insert_with(|| (*term, value.to_string()));
            }
            _ => {}
        }
    }
}

/// Why a run could not be made.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error(transparent)]
    Scenario(#[from] ScenarioError),
    #[error("cannot write the trace: {0}")]
    Trace(#[from] io::Error),
}

/// The end of a run: the caller's choice, else the scenario's, else 10 s.
pub fn until_of(scenario: &Scenario, until_ms: Option<u64>) -> SimTime {
    ms(until_ms.or(scenario.until_ms).unwrap_or(DEFAULT_UNTIL_MS))
}
