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
        let Some(kind) = record
            .get("kind")
            .and_then(Json::as_str)
            .and_then(EventKind::parse)
        else {
            continue;
        };
        let client = match record.get("client") {
            Some(Json::String(name)) => Client::Named(name.clone()),
            Some(Json::Number(n)) => Client::Process(n.as_i64().unwrap_or(0)),
            _ => return Err(fail("a client record without `client`".into())),
        };
        let op = record.get("op").and_then(Json::as_str).unwrap_or("");
        let func = Func::parse(op).ok_or_else(|| {
            fail(format!(
                "unknown op `{op}`; expected read, write, cas, get, put or append"
            ))
        })?;
        let event = Event {
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
        };
        builder.push(event).map_err(|e| fail(e.to_string()))?;
    }
    Ok(builder.finish())
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
