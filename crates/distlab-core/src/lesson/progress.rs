//! Which steps and lessons a learner has finished, kept between sessions.
//!
//! The file lives in the platform's data folder (or `$DISTLAB_DATA_DIR`),
//! is replaced atomically (written to a temporary file, then renamed over
//! the old one) so that a crash mid-write never leaves half a file, and a
//! file that cannot be read is moved aside with a message: losing progress
//! is bad, refusing to start is worse.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Overrides the folder the progress file is kept in.
pub const DATA_DIR_ENV: &str = "DISTLAB_DATA_DIR";
const FILE_NAME: &str = "progress.ron";

/// One lesson's progress.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LessonProgress {
    /// Steps whose goal was met, counted from 0.
    #[serde(default)]
    pub steps: BTreeSet<usize>,
    #[serde(default)]
    pub completed: bool,
}

/// Everyone's progress, by lesson id.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Progress {
    #[serde(default)]
    pub lessons: BTreeMap<String, LessonProgress>,
}

impl Progress {
    pub fn mark_step(&mut self, lesson: &str, step: usize) {
        self.lessons
            .entry(lesson.to_owned())
            .or_default()
            .steps
            .insert(step);
    }

    pub fn mark_complete(&mut self, lesson: &str) {
        self.lessons.entry(lesson.to_owned()).or_default().completed = true;
    }

    pub fn is_complete(&self, lesson: &str) -> bool {
        self.lessons.get(lesson).is_some_and(|l| l.completed)
    }

    /// The first step not yet done, to resume a lesson where it was left.
    pub fn resume_at(&self, lesson: &str) -> usize {
        let done = self.lessons.get(lesson).map(|l| &l.steps);
        (0..)
            .find(|i| done.is_none_or(|d| !d.contains(i)))
            .unwrap_or(0)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ProgressError {
    #[error("cannot save progress to {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot encode progress: {0}")]
    Encode(#[from] ron::Error),
    #[error("no data folder is known for this platform; set {DATA_DIR_ENV}")]
    NoDataDir,
}

/// What loading found: the progress, and a message for the learner when the
/// file had to be set aside.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Loaded {
    pub progress: Progress,
    pub notice: Option<String>,
}

/// The progress file in one folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProgressStore {
    dir: PathBuf,
}

impl ProgressStore {
    pub fn at(dir: impl Into<PathBuf>) -> Self {
        ProgressStore { dir: dir.into() }
    }

    /// The store in `$DISTLAB_DATA_DIR`, else in the platform data folder.
    pub fn locate() -> Result<Self, ProgressError> {
        if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
            return Ok(ProgressStore::at(dir));
        }
        directories::ProjectDirs::from("", "", "distlab")
            .map(|d| ProgressStore::at(d.data_dir()))
            .ok_or(ProgressError::NoDataDir)
    }

    pub fn path(&self) -> PathBuf {
        self.dir.join(FILE_NAME)
    }

    /// Where saved sessions go: beside the progress, not in whatever
    /// folder distlab happened to be started from.
    pub fn sessions(&self) -> PathBuf {
        self.dir.join("sessions")
    }

    /// Reads the progress. A missing file is a fresh start; an unreadable
    /// one is renamed aside and reported in the notice. Never fails.
    pub fn load(&self) -> Loaded {
        let path = self.path();
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Loaded::default(),
            Err(e) => return self.set_aside(&path, &e.to_string()),
        };
        match crate::scenario::ron_options().from_str::<Progress>(&text) {
            Ok(progress) => Loaded {
                progress,
                notice: None,
            },
            Err(e) => self.set_aside(&path, &e.to_string()),
        }
    }

    fn set_aside(&self, path: &Path, why: &str) -> Loaded {
        let aside = (0..)
            .map(|k| {
                self.dir.join(if k == 0 {
                    "progress.corrupt.ron".to_owned()
                } else {
                    format!("progress.corrupt.{k}.ron")
                })
            })
            .find(|p| !p.exists())
            .unwrap_or_else(|| self.dir.join("progress.corrupt.ron"));
        let notice = match std::fs::rename(path, &aside) {
            Ok(()) => format!(
                "the progress file {} could not be read ({why}); it was moved to {} and progress starts afresh",
                path.display(),
                aside.display()
            ),
            Err(e) => format!(
                "the progress file {} could not be read ({why}) nor moved aside ({e}); progress starts afresh",
                path.display()
            ),
        };
        Loaded {
            progress: Progress::default(),
            notice: Some(notice),
        }
    }

    /// Writes the progress atomically: a temporary file in the same folder,
    /// flushed to disk, then renamed over the old file.
    pub fn save(&self, progress: &Progress) -> Result<(), ProgressError> {
        let text = ron::ser::to_string_pretty(progress, ron::ser::PrettyConfig::default())?;
        let path = self.path();
        let tmp = self
            .dir
            .join(format!(".{FILE_NAME}.{}.tmp", std::process::id()));
        let write = || -> std::io::Result<()> {
            std::fs::create_dir_all(&self.dir)?;
            let mut file = std::fs::File::create(&tmp)?;
            file.write_all(text.as_bytes())?;
            file.sync_all()?;
            std::fs::rename(&tmp, &path)
        };
        write().map_err(|source| {
            let _ = std::fs::remove_file(&tmp);
            ProgressError::Write {
                path: path.clone(),
                source,
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A scratch folder that removes itself, also when a test fails.
    fn scratch() -> tempfile::TempDir {
        tempfile::tempdir().expect("a scratch folder")
    }

    #[test]
    fn saves_and_loads_back() {
        let scratch = scratch();
        let dir = scratch.path().to_path_buf();
        let store = ProgressStore::at(&dir);
        assert_eq!(store.load(), Loaded::default());
        let mut p = Progress::default();
        p.mark_step("raft-1-election", 0);
        p.mark_step("raft-1-election", 1);
        p.mark_complete("raft-0-using-distlab");
        store.save(&p).expect("saves");
        let loaded = store.load();
        assert_eq!(loaded.notice, None);
        assert_eq!(loaded.progress, p);
        assert!(loaded.progress.is_complete("raft-0-using-distlab"));
        assert_eq!(loaded.progress.resume_at("raft-1-election"), 2);
        assert_eq!(loaded.progress.resume_at("raft-2-split-votes"), 0);
        let names: Vec<String> = std::fs::read_dir(&dir)
            .expect("folder exists")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, vec![FILE_NAME.to_owned()], "no temporary file left");
    }

    #[test]
    fn a_save_replaces_the_file_whole() {
        let scratch = scratch();
        let dir = scratch.path().to_path_buf();
        let store = ProgressStore::at(&dir);
        let mut p = Progress::default();
        for k in 0..50 {
            p.mark_step(&format!("lesson-{k}"), k);
        }
        store.save(&p).expect("saves");
        let small = Progress::default();
        store.save(&small).expect("saves again");
        assert_eq!(store.load().progress, small);
    }

    #[test]
    fn a_corrupt_file_is_set_aside_with_a_message() {
        let scratch = scratch();
        let dir = scratch.path().to_path_buf();
        std::fs::create_dir_all(&dir).expect("creates");
        let store = ProgressStore::at(&dir);
        std::fs::write(store.path(), "(lessons: {\"x\": (steps: [1, ").expect("writes");
        let loaded = store.load();
        assert_eq!(loaded.progress, Progress::default());
        let notice = loaded.notice.expect("a message");
        assert!(notice.contains("could not be read"), "{notice}");
        assert!(!store.path().exists());
        let aside = dir.join("progress.corrupt.ron");
        assert_eq!(
            std::fs::read_to_string(&aside).expect("kept aside"),
            "(lessons: {\"x\": (steps: [1, "
        );
        std::fs::write(store.path(), "garbage").expect("writes");
        let again = store.load();
        assert!(again.notice.is_some());
        assert!(dir.join("progress.corrupt.1.ron").exists());
    }
}
