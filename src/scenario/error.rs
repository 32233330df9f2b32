//! Errors that point at the place in the file that caused them.

use std::fmt;
use std::path::PathBuf;

/// A problem with a scenario (or lesson) file, positioned where possible.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct FileError {
    pub file: PathBuf,
    /// 1-based line and column, when the problem has a place.
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, col)) => {
                write!(f, "{}:{line}:{col}: {}", self.file.display(), self.message)
            }
            None => write!(f, "{}: {}", self.file.display(), self.message),
        }
    }
}

impl FileError {
    pub fn new(
        file: impl Into<PathBuf>,
        position: Option<(usize, usize)>,
        message: impl Into<String>,
    ) -> Self {
        FileError {
            file: file.into(),
            position,
            message: message.into(),
        }
    }

    /// Turns a RON parse error into a positioned error with a message for
    /// people rather than for parser authors.
    pub fn from_ron(file: impl Into<PathBuf>, err: &ron::error::SpannedError) -> Self {
        let pos = err.span.start;
        FileError::new(file, Some((pos.line, pos.col)), describe(&err.code))
    }
}

fn describe(code: &ron::Error) -> String {
    use ron::Error as E;
    match code {
        E::NoSuchStructField {
            expected, found, ..
        } => format!(
            "unknown field `{found}`; expected one of: {}",
            expected
                .iter()
                .map(|f| format!("`{f}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        E::MissingStructField { field, outer } => match outer {
            Some(outer) => format!("`{outer}` is missing the field `{field}`"),
            None => format!("missing field `{field}`"),
        },
        E::NoSuchEnumVariant {
            expected, found, ..
        } => format!(
            "unknown variant `{found}`; expected one of: {}",
            expected.join(", ")
        ),
        E::Message(m) => m.clone(),
        other => other.to_string(),
    }
}
