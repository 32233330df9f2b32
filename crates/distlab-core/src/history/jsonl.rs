//! Client histories inside distlab's own traces (JSON Lines): the records
//! of kind `invoke`, `ok`, `fail` and `info`; every other record is left
//! alone.
//!
//! ```text
//! {"t_us":1000,"kind":"invoke","client":"C1","op":"write","key":"x","value":1,"req":1}
//! {"t_us":9000,"kind":"ok","client":"C1","op":"write","key":"x","value":1,"req":1}
//! ```

use serde_json::Value as Json;

use super::build::{Builder, Event, EventKind};
use super::edn::ReadError;
use super::{Client, Func, History, Value};

/// The client history a trace holds.
pub fn read(text: &str) -> Result<History, ReadError> {
    let mut builder = Builder::default();
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        if line.trim().is_empty() {
            continue;
        }
        let fail = |what: String| ReadError {
            line: line_no,
            col: 1,
            what,
        };
        let record: Json = serde_json::from_str(line).map_err(|e| ReadError {
            line: line_no,
            col: e.column().max(1),
            what: format!("not a JSON record: {e}"),
        })?;
        if let Some(event) = client_event(&record).map_err(fail)? {
            builder.push(event).map_err(|e| fail(e.to_string()))?;
        }
    }
    Ok(builder.finish())
}

/// The client event a trace record holds, if it holds a well-formed one.
pub fn event(record: &Json) -> Option<Event> {
    client_event(record).ok().flatten()
}

/// The client event a trace record holds; `None` for a record of another
/// kind; why not for a client record that makes no sense.
fn client_event(record: &Json) -> Result<Option<Event>, String> {
    let Some(kind) = record
        .get("kind")
        .and_then(Json::as_str)
        .and_then(EventKind::parse)
    else {
        return Ok(None);
    };
    let client = match record.get("client") {
        Some(Json::String(name)) => Client::Named(name.clone()),
        Some(Json::Number(n)) => Client::Process(n.as_i64().unwrap_or(0)),
        _ => return Err("a client record without `client`".into()),
    };
    let op = record.get("op").and_then(Json::as_str).unwrap_or("");
    let func = Func::parse(op).ok_or_else(|| {
        format!("unknown op `{op}`; expected read, write, cas, get, put or append")
    })?;
    Ok(Some(Event {
        client,
        kind,
        func,
        key: record.get("key").and_then(|k| match k {
            Json::Null => None,
            Json::String(s) => Some(s.clone()),
            other => Some(other.to_string()),
        }),
        value: record.get("value").map_or(Value::Nil, value),
        time_us: record.get("t_us").and_then(Json::as_u64),
        req: record.get("req").and_then(Json::as_u64),
    }))
}

fn value(json: &Json) -> Value {
    match json {
        Json::Null => Value::Nil,
        Json::Number(n) => n
            .as_i64()
            .map_or_else(|| Value::Str(n.to_string()), Value::Int),
        Json::String(s) => Value::Str(s.clone()),
        Json::Array(items) => Value::List(items.iter().map(value).collect()),
        other => Value::Str(other.to_string()),
    }
}
