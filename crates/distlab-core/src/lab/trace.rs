//! Reading and writing a lab trace: the setup on the first line, then one
//! event per line, as they arrived.

use std::io::Write;

use thiserror::Error;

use super::event::{LabEvent, LabKind, LabSetup, Who};
use super::step::MAX_CLIENTS;

/// A lab trace read back: its setup, and its events in time order (events
/// of the same microsecond keep the order they were written in).
#[derive(Clone, Debug, PartialEq)]
pub struct LabTrace {
    pub setup: LabSetup,
    pub events: Vec<LabEvent>,
}

impl LabTrace {
    pub fn new(setup: LabSetup) -> LabTrace {
        LabTrace {
            setup,
            events: Vec::new(),
        }
    }

    /// Adds an event where its time puts it: events from different
    /// processes arrive a little out of order.
    pub fn insert(&mut self, event: LabEvent) {
        let at = self.events.partition_point(|e| e.at_us <= event.at_us);
        self.events.insert(at, event);
    }

    /// The time of the last event, or 0.
    pub fn end_us(&self) -> u64 {
        self.events.last().map_or(0, |e| e.at_us)
    }
}

#[derive(Debug, Error)]
pub enum TraceError {
    #[error("the file is empty: a lab trace starts with its setup line")]
    Empty,
    #[error("line {line}: {message}")]
    Line { line: usize, message: String },
}

/// Reads a lab trace written by [`write_setup`] and [`write_event`].
pub fn read_trace(text: &str) -> Result<LabTrace, TraceError> {
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let (_, first) = lines.next().ok_or(TraceError::Empty)?;
    let setup: LabSetup = serde_json::from_str(first).map_err(|e| TraceError::Line {
        line: 1,
        message: format!("not a lab setup: {e}"),
    })?;
    if setup.lab != "redis-lock" {
        return Err(TraceError::Line {
            line: 1,
            message: format!(
                "unknown lab {:?} (this distlab knows redis-lock)",
                setup.lab
            ),
        });
    }
    if !(1..=MAX_CLIENTS).contains(&setup.clients) {
        return Err(TraceError::Line {
            line: 1,
            message: format!(
                "a lab run has 1 to {MAX_CLIENTS} clients, not {}",
                setup.clients
            ),
        });
    }
    let clients = setup.clients;
    let mut trace = LabTrace::new(setup);
    for (i, line) in lines {
        let event: LabEvent = serde_json::from_str(line).map_err(|e| TraceError::Line {
            line: i + 1,
            message: e.to_string(),
        })?;
        if let Some(n) = client_of(&event).filter(|n| !(1..=clients).contains(n)) {
            return Err(TraceError::Line {
                line: i + 1,
                message: format!("C{n} is not one of the run's {clients} clients"),
            });
        }
        trace.insert(event);
    }
    Ok(trace)
}

/// The client an event is by or about, if any.
fn client_of(event: &LabEvent) -> Option<u8> {
    match (event.who, &event.kind) {
        (Who::Client(n), _) => Some(n),
        (
            _,
            LabKind::Storage { client, .. }
            | LabKind::Paused { client }
            | LabKind::Resumed { client }
            | LabKind::Killed { client },
        ) => Some(*client),
        _ => None,
    }
}

pub fn write_setup(out: &mut impl Write, setup: &LabSetup) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, setup)?;
    out.write_all(b"\n")
}

pub fn write_event(out: &mut impl Write, event: &LabEvent) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, event)?;
    out.write_all(b"\n")
}
