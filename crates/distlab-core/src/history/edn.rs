//! Jepsen histories: EDN op maps, one per line, as Jepsen writes
//! `history.edn`.
//!
//! ```text
//! {:process 0, :type :invoke, :f :write, :value 1, :time 1000000}
//! {:process 0, :type :ok, :f :write, :value 1, :time 2000000}
//! {:process 1, :type :invoke, :f :cas, :value [1 2], :key "x"}
//! ```
//!
//! `:time` is in nanoseconds, as Jepsen writes it. Operations of a process
//! that is not a number (Jepsen's `:nemesis`) are faults, not client
//! operations, and are skipped.

use clojure_reader::edn::{self, Edn};
use clojure_reader::error::Code;
use thiserror::Error;

use super::build::{Builder, Event, EventKind};
use super::{Client, Func, History, Value};

/// Where a history cannot be read, and why.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
#[error("{line}:{col}: {what}")]
pub struct ReadError {
    pub line: usize,
    pub col: usize,
    pub what: String,
}

/// The history a Jepsen EDN file holds. Each op map stands on its own
/// line, as Jepsen writes them, so that a brace left open is caught on
/// the line that opened it.
pub fn read(text: &str) -> Result<History, ReadError> {
    let mut builder = Builder::default();
    for (n, line) in text.lines().enumerate() {
        let mut at = 0;
        loop {
            at = skip_blank(line, at);
            if at >= line.len() {
                break;
            }
            let col = line[..at].chars().count() + 1;
            let fail = |col: usize, what: String| ReadError {
                line: n + 1,
                col,
                what,
            };
            let (form, rest) = edn::read(&line[at..]).map_err(|e| match e.code {
                Code::UnexpectedEOF => fail(
                    col,
                    "this op map is not closed on its line: a brace or bracket is missing".into(),
                ),
                code => fail(col + e.column.unwrap_or(1) - 1, unreadable(&code)),
            })?;
            if let Some(event) = event(&form).map_err(|what| fail(col, what))? {
                builder.push(event).map_err(|e| fail(col, e.to_string()))?;
            }
            at = line.len() - rest.len();
        }
    }
    Ok(builder.finish())
}

/// The event an op map records; `None` for a fault's op.
fn event(form: &Edn) -> Result<Option<Event>, String> {
    let Edn::Map(_) = form else {
        return Err(format!(
            "expected an op map {{:process … :type … :f …}}, found {form}"
        ));
    };
    let field = |name: &'static str| form.get(&Edn::Key(name.into()));
    let client = match field("process") {
        Some(Edn::Int(n)) => Client::Process(*n),
        Some(_) => return Ok(None),
        None => return Err("an op without :process".into()),
    };
    let kind = match field("type") {
        Some(Edn::Key(name)) => EventKind::parse(name).ok_or_else(|| {
            format!("unknown :type :{name}; expected :invoke, :ok, :fail or :info")
        })?,
        Some(other) => return Err(format!(":type must be a keyword, not {other}")),
        None => return Err("an op without :type".into()),
    };
    let func = match field("f") {
        Some(Edn::Key(name)) => Func::parse(name).ok_or_else(|| {
            format!("unknown :f :{name}; expected :read, :write, :cas, :get, :put or :append")
        })?,
        Some(other) => return Err(format!(":f must be a keyword, not {other}")),
        None => return Err("an op without :f".into()),
    };
    let time_us = match field("time") {
        Some(Edn::Int(ns)) => Some(u64::try_from(*ns).unwrap_or(0) / 1000),
        _ => None,
    };
    Ok(Some(Event {
        client,
        kind,
        func,
        key: field("key").map(key),
        value: field("value").map_or(Value::Nil, value),
        time_us,
        req: None,
    }))
}

fn value(form: &Edn) -> Value {
    match form {
        Edn::Nil => Value::Nil,
        Edn::Int(n) => Value::Int(*n),
        Edn::Str(s) | Edn::Key(s) | Edn::Symbol(s) => Value::Str(s.to_string()),
        Edn::Vector(items) | Edn::List(items) => Value::List(items.iter().map(value).collect()),
        other => Value::Str(other.to_string()),
    }
}

fn key(form: &Edn) -> String {
    match form {
        Edn::Str(s) | Edn::Key(s) | Edn::Symbol(s) => s.to_string(),
        other => other.to_string(),
    }
}

fn unreadable(code: &Code) -> String {
    match code {
        Code::UnmatchedDelimiter(c) => format!("`{c}` closes nothing that is open"),
        other => format!("cannot read EDN here ({other:?})"),
    }
}

/// The next byte after spaces, commas (whitespace in EDN) and `;`
/// comments.
fn skip_blank(text: &str, mut at: usize) -> usize {
    let bytes = text.as_bytes();
    while at < bytes.len() {
        match bytes[at] {
            b' ' | b'\t' | b'\r' | b'\n' | b',' => at += 1,
            b';' => {
                while at < bytes.len() && bytes[at] != b'\n' {
                    at += 1;
                }
            }
            _ => break,
        }
    }
    at
}
