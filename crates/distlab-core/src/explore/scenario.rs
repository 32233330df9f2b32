//! Exploring from a scenario file: the state at a chosen instant is the
//! start, and a schedule found becomes a scenario file of its own, checked
//! by replaying it in the ordinary simulator before anyone sees it.

use super::search::{Counterexample, Outcome, Search};
use crate::headless;
use crate::protocols::{Family, SimOf};
use crate::scenario::Scenario;
use crate::sim::ms;

/// Why a scenario cannot be explored.
#[derive(Debug, thiserror::Error)]
pub enum ExploreError {
    #[error(
        "{0} cannot be explored here: its safety depends on timing (leases, TTLs, timeouts), so an order the explorer picked might be one no real network produces"
    )]
    Timed(&'static str),
    /// The run to the start could not go on.
    #[error("{0}")]
    Stuck(crate::sim::Stall),
    #[error(
        "the schedule found breaks {found}, but replaying it as a scenario {replayed}: please report this"
    )]
    Replay {
        found: &'static str,
        replayed: String,
    },
}

/// What a search from a scenario did and found.
#[derive(Clone, Debug)]
pub struct Explored<F: Family> {
    pub outcome: Outcome,
    /// The scenario that replays the counterexample, if one was found: the
    /// file's actions up to the start, then the schedule's steps, one
    /// microsecond apart.
    pub counterexample: Option<Scenario<F>>,
    /// The state the search started from.
    pub start: SimOf<F>,
}

/// Explores `scenario` from its state at `at_ms` (its later actions are
/// left out) as `search` says.
pub fn from_scenario<F: Family>(
    scenario: &Scenario<F>,
    at_ms: u64,
    search: &Search,
) -> Result<Explored<F>, ExploreError> {
    let mut start_file = scenario.clone();
    start_file.actions.retain(|a| a.at() <= ms(at_ms));
    start_file.until_ms = Some(at_ms);
    let mut start = start_file.build();
    // Explanations are words for a reader; the search has none.
    start.set_explanations(false);
    start.run_until(ms(at_ms), u64::MAX);
    if let Some(why) = start.stuck() {
        return Err(ExploreError::Stuck(why));
    }
    let mut explorer = F::explorer(&start, search).ok_or(ExploreError::Timed(F::TAG))?;
    while explorer.advance() {}
    let outcome = explorer.outcome().clone();
    let counterexample = match &outcome.found {
        None => None,
        Some(found) => Some(replayed(&start_file, &start, found)?),
    };
    Ok(Explored {
        outcome,
        counterexample,
        start,
    })
}

/// The counterexample as a scenario, after checking that the ordinary
/// simulator, replaying it from the file, breaks the same invariant first.
fn replayed<F: Family>(
    start_file: &Scenario<F>,
    start: &SimOf<F>,
    found: &Counterexample,
) -> Result<Scenario<F>, ExploreError> {
    let mut sim = start.clone();
    for step in &found.steps {
        sim.act(step.action());
    }
    let file = start_file.with_session(&sim);
    let until = ms(file.until_ms.unwrap_or(0));
    let replayed = match headless::run(&file, until, None) {
        Ok(summary) => match summary.violations.first() {
            Some(v) if v.invariant == found.invariant.en => return Ok(file),
            Some(v) => format!("breaks {} first", v.invariant),
            None => "breaks nothing".to_owned(),
        },
        Err(e) => e.to_string(),
    };
    Err(ExploreError::Replay {
        found: found.invariant.en,
        replayed,
    })
}
