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

    /// The parser's error in `text`, read from `file`, positioned and in
    /// words for people rather than for parser authors.
    pub fn from_ron(file: impl Into<PathBuf>, text: &str, err: &ron::error::SpannedError) -> Self {
        let pos = err.span.start;
        let message = if decimal_at(text, pos.line, pos.col) {
            "a whole number belongs here, not a decimal".to_owned()
        } else {
            describe(&err.code)
        };
        FileError::new(file, Some((pos.line, pos.col)), message)
    }
}

/// Whether the parser stopped at the point of a decimal (`5.5` where a
/// whole number belongs): it reads `5` and then finds `.5` where it
/// expected what follows a number.
fn decimal_at(text: &str, line: usize, col: usize) -> bool {
    let Some(row) = text.lines().nth(line.saturating_sub(1)) else {
        return false;
    };
    let chars: Vec<char> = row.chars().collect();
    let at = col.saturating_sub(1);
    let digit = |i: Option<usize>| {
        i.and_then(|i| chars.get(i))
            .is_some_and(char::is_ascii_digit)
    };
    chars.get(at) == Some(&'.') && digit(at.checked_sub(1)) && digit(Some(at + 1))
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
        E::ExceededRecursionLimit => {
            "brackets are nested too deeply here: no scenario or lesson needs more than a few levels"
                .to_owned()
        }
        E::IntegerOutOfBounds => "this number is too large for its place".to_owned(),
        other => other.to_string(),
    }
}
