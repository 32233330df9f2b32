//! Saving what the person made (the session as a scenario file that
//! replays it exactly, the screen as a drawing) into fresh files.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Files tried per save before giving up; far more than anyone keeps.
const MAX_ATTEMPTS: u32 = 10_000;

/// Writes `text` to a fresh `<stem>-<n>.<extension>` in `dir` (created if
/// missing), choosing the first `n` whose file does not exist yet. An
/// existing file is never overwritten, even if it appears concurrently.
pub fn save_new(dir: &Path, stem: &str, extension: &str, text: &str) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    for n in 1..=MAX_ATTEMPTS {
        let path = dir.join(format!("{stem}-{n:03}.{extension}"));
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(mut file) => {
                file.write_all(text.as_bytes())?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other(format!(
        "{MAX_ATTEMPTS} such files already exist there"
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_overwrites_an_existing_file() {
        let scratch = tempfile::tempdir().expect("a scratch folder");
        let dir = scratch.path().join("sessions");
        let first = save_new(&dir, "session-seed7", "ron", "one").expect("first save");
        let second = save_new(&dir, "session-seed7", "ron", "two").expect("second save");
        assert_ne!(first, second);
        assert_eq!(std::fs::read_to_string(&first).expect("read"), "one");
        assert_eq!(std::fs::read_to_string(&second).expect("read"), "two");
        assert!(second.ends_with("session-seed7-002.ron"));
    }
}
