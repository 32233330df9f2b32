//! Jepsen histories: EDN op maps, one per line as Jepsen writes
//! `history.edn`.
//!
//! ```text
//! {:process 0, :type :invoke, :f :write, :value 1, :time 1000000}
//! {:process 0, :type :ok, :f :write, :value 1, :time 2000000}
//! {:process 1, :type :invoke, :f :cas, :value [1 2], :key "x"}
//! ```
//!
//! A history written as one vector or list of op maps reads the same, and
//! an op map may span lines. `:time` is in nanoseconds, as Jepsen writes it. Operations of a process
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

/// The history a Jepsen EDN file holds.
pub fn read(text: &str) -> Result<History, ReadError> {
    let text = unwrapped(text)?;
    let mut builder = Builder::default();
    let mut place = Place::default();
    let mut at = 0;
    loop {
        at = skip_blank(&text, at);
        if at >= text.len() {
            return Ok(builder.finish());
        }
        let (line, col) = place.of(&text, at);
        let fail = |line: usize, col: usize, what: String| ReadError { line, col, what };
        let (form, rest) =
            edn::read(&text[at..]).map_err(|e| match (e.code, e.line, e.column) {
                // Never closed: say where the op map opened, not where the
                // file ends.
                (Code::UnexpectedEOF, _, _) => fail(
                    line,
                    col,
                    "this op map is never closed: a brace or bracket is missing".into(),
                ),
                (code, Some(1), Some(c)) => fail(line, col + c - 1, unreadable(&code)),
                (code, Some(l), Some(c)) => fail(line + l - 1, c, unreadable(&code)),
                (code, _, _) => fail(line, col, unreadable(&code)),
            })?;
        if let Some(event) = event(&form).map_err(|what| fail(line, col, what))? {
            builder
                .push(event)
                .map_err(|e| fail(line, col, e.to_string()))?;
        }
        at = text.len() - rest.len();
    }
}

/// The op maps of a history written as one vector or list (`[{…}\n
/// {…}]`, as knossos keeps its test histories) as if written one after
/// another: the outer brackets become spaces, so that lines and columns
/// stay true.
fn unwrapped(text: &str) -> Result<std::borrow::Cow<'_, str>, ReadError> {
    let first = skip_blank(text, 0);
    let close = match text.as_bytes().get(first) {
        Some(b'[') => b']',
        Some(b'(') => b')',
        _ => return Ok(text.into()),
    };
    let last = text.trim_end().len().saturating_sub(1);
    if last <= first || text.as_bytes()[last] != close {
        let line = text[..first].matches('\n').count() + 1;
        let col = text[..first]
            .rsplit('\n')
            .next()
            .map_or(0, |l| l.chars().count())
            + 1;
        return Err(ReadError {
            line,
            col,
            what: format!(
                "the history's `{}` is never closed: a `{}` must end the file",
                text.as_bytes()[first] as char,
                close as char
            ),
        });
    }
    let mut unwrapped = text.to_owned();
    unwrapped.replace_range(last..=last, " ");
    unwrapped.replace_range(first..=first, " ");
    Ok(unwrapped.into())
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

/// Where the reader stands, counted as it goes: a history of a million
/// lines is read once, not once per op map.
#[derive(Default)]
struct Place {
    /// Bytes counted so far, the newlines among them, and where the
    /// current line starts.
    counted: usize,
    newlines: usize,
    line_start: usize,
}

impl Place {
    /// 1-based line and column (in characters) of byte `at`, which never
    /// lies before the last one asked for.
    fn of(&mut self, text: &str, at: usize) -> (usize, usize) {
        for (i, byte) in text.as_bytes()[self.counted..at].iter().enumerate() {
            if *byte == b'\n' {
                self.newlines += 1;
                self.line_start = self.counted + i + 1;
            }
        }
        self.counted = at;
        (
            self.newlines + 1,
            text[self.line_start..at].chars().count() + 1,
        )
    }
}

/// `events` as Jepsen writes `history.edn`, one op map per line, so that
/// other checkers (Knossos, Porcupine's EDN readers) can read distlab's
/// histories. A client named `C3` is process 3; `:time` is in nanoseconds.
pub fn write(events: &[Event]) -> String {
    let mut processes: Vec<&Client> = Vec::new();
    let mut out = String::new();
    for event in events {
        let process = match &event.client {
            Client::Process(n) => *n,
            Client::Named(name) => name
                .trim_start_matches(|c: char| !c.is_ascii_digit())
                .parse()
                .unwrap_or_else(|_| {
                    let known = processes.iter().position(|c| **c == event.client);
                    known.unwrap_or_else(|| {
                        processes.push(&event.client);
                        processes.len() - 1
                    }) as i64
                }),
        };
        let kind = match event.kind {
            EventKind::Invoke => "invoke",
            EventKind::Done(super::Outcome::Ok) => "ok",
            EventKind::Done(super::Outcome::Fail) => "fail",
            EventKind::Done(super::Outcome::Info) => "info",
        };
        out.push_str(&format!(
            "{{:process {process}, :type :{kind}, :f :{}",
            event.func.name()
        ));
        if let Some(key) = &event.key {
            out.push_str(&format!(", :key {}", quoted(key)));
        }
        out.push_str(&format!(", :value {}", edn_value(&event.value)));
        if let Some(us) = event.time_us {
            out.push_str(&format!(", :time {}", u128::from(us) * 1000));
        }
        out.push_str("}\n");
    }
    out
}

fn edn_value(value: &Value) -> String {
    match value {
        Value::Nil => "nil".into(),
        Value::Int(n) => n.to_string(),
        Value::Str(s) => quoted(s),
        Value::List(items) => {
            let items: Vec<String> = items.iter().map(edn_value).collect();
            format!("[{}]", items.join(" "))
        }
    }
}

/// An EDN string: quotes and backslashes escaped, as in JSON.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| format!("\"{text}\""))
}
