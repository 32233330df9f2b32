//! One cluster setting changed by name, its value written as a file
//! writes it: what lets an experiment run one scenario once per value of
//! any setting a family offers (`--compare election_timeout_ms=…`).
//!
//! The settings are the fields of the family's `cluster:` settings, so
//! nothing lists them twice: the settings are written out, the one named
//! is replaced, and the family's own reader reads them back, with its own
//! checks and its own errors.

use serde::de::DeserializeOwned;
use serde::Serialize;

/// `spec` with its field `name` set to `value` (RON, as in a scenario
/// file); an error naming the settings there are when `name` is none of
/// them, or the family's own complaint about the value.
pub fn with_field<S: Serialize + DeserializeOwned>(
    spec: &S,
    family: &str,
    name: &str,
    value: &str,
) -> Result<S, String> {
    let written = ron::to_string(spec).map_err(|e| e.to_string())?;
    let inner = written
        .strip_prefix('(')
        .and_then(|t| t.strip_suffix(')'))
        .ok_or_else(|| format!("{family}'s settings are not a list of named fields"))?;
    let mut fields: Vec<String> = split_top_level(inner)
        .into_iter()
        .filter(|field| field.split_once(':').map(|(k, _)| k.trim()) != Some(name))
        .map(str::to_owned)
        .collect();
    fields.push(format!("{name}:{value}"));
    ron::from_str(&format!("({})", fields.join(","))).map_err(|e| match e.code {
        ron::Error::NoSuchStructField { expected, .. } => format!(
            "{family} has no setting `{name}`; its settings: {}",
            expected.join(", ")
        ),
        other => format!("`{name}: {value}` is not a {family} setting: {other}"),
    })
}

/// `text` split at its commas outside brackets, parentheses and strings:
/// `a, (b, c), "d,e"` is three parts. Parts are trimmed; empty ones go.
pub fn split_top_level(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut quoted, mut escaped) = (0i32, false, false);
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            '(' | '[' | '{' if !quoted => depth += 1,
            ')' | ']' | '}' if !quoted => depth -= 1,
            ',' if !quoted && depth == 0 => {
                parts.push(text[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(text[start..].trim());
    parts.retain(|p| !p.is_empty());
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocols::raft::RaftSpec;
    use crate::units::MsRange;

    #[test]
    fn parts_split_at_top_level_commas_only() {
        assert_eq!(
            split_top_level(r#"a, (b, c), [d, e], "f,g", "h\",i""#),
            vec!["a", "(b, c)", "[d, e]", r#""f,g""#, r#""h\",i""#]
        );
        assert_eq!(split_top_level(" , x ,"), vec!["x"]);
    }

    #[test]
    fn a_setting_is_replaced_and_read_back_by_the_family() {
        let spec = RaftSpec::default();
        let slower =
            with_field(&spec, "Raft", "election_timeout_ms", "(300, 600)").expect("a range");
        assert_eq!(slower.election_timeout_ms, MsRange(300, 600));
        assert_eq!(slower.heartbeat_ms, spec.heartbeat_ms, "the rest is kept");
    }

    #[test]
    fn unknown_settings_and_bad_values_say_what_there_is() {
        let spec = RaftSpec::default();
        let e = with_field(&spec, "Raft", "algorithm", "RoundRobin").unwrap_err();
        assert!(
            e.starts_with("Raft has no setting `algorithm`; its settings: nodes, "),
            "{e}"
        );
        let e = with_field(&spec, "Raft", "heartbeat_ms", "soon").unwrap_err();
        assert!(
            e.starts_with("`heartbeat_ms: soon` is not a Raft setting: "),
            "{e}"
        );
    }
}
