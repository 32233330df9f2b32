//! Reading lesson files, finding them by id, and checking them.
//!
//! A lesson is read first for its family alone (its scenario's `cluster:`
//! tag), then with that family's types, in the scenario loader's two passes
//! (the second checks node numbers against the cluster size, at their own
//! positions). A goal or invariant that the family does not have is thus
//! reported where it is written.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::compare::check_variants;
use super::schema::Lesson;
use super::text::Text;
use crate::protocols::{Family, FamilyKind};
use crate::scenario::{parse_with_cluster, read_file, ron_options, FamilyProbe, FileError};

/// The folder lessons live in, under the crate root or the current folder.
pub const LESSON_DIR: &str = "lessons";

/// A lesson as far as it names its family.
#[derive(Deserialize)]
#[serde(rename = "Lesson")]
struct LessonProbe {
    scenario: FamilyProbe,
}

/// Which family a lesson file is for.
pub fn lesson_family(text: &str, file: &Path) -> Result<FamilyKind, FileError> {
    ron_options()
        .from_str::<LessonProbe>(text)
        .map(|probe| probe.scenario.cluster)
        .map_err(|e| FileError::from_ron(file, text, &e))
}

impl<F: Family> Lesson<F> {
    /// Parses the text of a lesson for this family; `file` names it in
    /// error messages.
    pub fn parse(text: &str, file: &Path) -> Result<Lesson<F>, FileError> {
        let lesson: Lesson<F> =
            parse_with_cluster(text, file, |l: &Lesson<F>| l.scenario.cluster.roster())?;
        lesson.check_meaning(text, file)?;
        Ok(lesson)
    }

    /// Checks that need the whole lesson: it has steps, its fresh
    /// scenarios fit the cluster, its experiments have trials.
    fn check_meaning(&self, text: &str, file: &Path) -> Result<(), FileError> {
        if self.steps.is_empty() {
            return Err(FileError::new(
                file,
                position_of(text, "steps:"),
                "a lesson needs at least one step",
            ));
        }
        for step in &self.steps {
            if let Some(fresh) = &step.restart_with {
                if fresh.cluster.nodes() != self.scenario.cluster.nodes() {
                    return Err(FileError::new(
                        file,
                        position_of(text, "restart_with:"),
                        format!(
                            "`restart_with` must have as many nodes as the lesson's scenario ({})",
                            self.scenario.cluster.nodes()
                        ),
                    ));
                }
            }
            if let Some(e) = &step.experiment {
                if e.variants.is_empty() {
                    return Err(FileError::new(
                        file,
                        position_of(text, "experiment:"),
                        "an experiment needs at least one trial and one variant",
                    ));
                }
                if let Err((e, at)) = check_variants(e, self.scenario.cluster.nodes()) {
                    return Err(FileError::new(file, position_of(text, at), e));
                }
            }
        }
        Ok(())
    }
}

/// Code that works on a lesson of any family.
pub trait WithLesson {
    type Output;
    fn run<F: Family>(self, lesson: &Lesson<F>) -> Self::Output;
}

/// A lesson's face in the menu, whatever its family.
#[derive(Clone, Copy, Debug)]
pub struct About<'a> {
    pub id: &'a str,
    pub title: &'a Text,
    pub summary: &'a Text,
    pub track: &'a str,
    pub steps: usize,
}

macro_rules! any_lesson {
    ($($tag:ident => $family:ty,)*) => {
        /// A lesson of any family: the menu lists lessons of every kind.
        #[derive(Clone, Debug, PartialEq)]
        pub enum AnyLesson {
            $($tag(Lesson<$family>),)*
        }

        impl AnyLesson {
            /// Parses lesson text of whichever family its scenario names.
            pub fn parse(text: &str, file: &Path) -> Result<AnyLesson, FileError> {
                match lesson_family(text, file)? {
                    $(FamilyKind::$tag => Lesson::<$family>::parse(text, file).map(AnyLesson::$tag),)*
                }
            }

            pub fn about(&self) -> About<'_> {
                match self {
                    $(AnyLesson::$tag(l) => l.about(),)*
                }
            }

            /// Questions the narration above them already answers.
            pub fn fairness_warnings(&self) -> Vec<String> {
                match self {
                    $(AnyLesson::$tag(l) => l.fairness_warnings(),)*
                }
            }

            /// The family the lesson is for.
            pub fn family(&self) -> FamilyKind {
                match self {
                    $(AnyLesson::$tag(_) => FamilyKind::$tag,)*
                }
            }

            /// Every text of the lesson, with where it is.
            pub fn texts(&self) -> Vec<(String, &Text)> {
                match self {
                    $(AnyLesson::$tag(l) => l.texts(),)*
                }
            }

            /// The lesson, if it is of family `F`.
            pub fn of<F: Family>(self) -> Option<Lesson<F>> {
                let any: Box<dyn std::any::Any> = match self {
                    $(AnyLesson::$tag(l) => Box::new(l),)*
                };
                any.downcast().ok().map(|l| *l)
            }

            /// Runs `work` on the lesson with its family's types.
            pub fn dispatch<W: WithLesson>(&self, work: W) -> W::Output {
                match self {
                    $(AnyLesson::$tag(l) => work.run(l),)*
                }
            }
        }
    };
}

crate::for_each_family!(any_lesson);

impl<F: Family> Lesson<F> {
    fn about(&self) -> About<'_> {
        About {
            id: &self.id,
            title: &self.title,
            summary: &self.summary,
            track: &self.track,
            steps: self.steps.len(),
        }
    }
}

impl AnyLesson {
    pub fn id(&self) -> &str {
        self.about().id
    }

    pub fn load(path: &Path) -> Result<AnyLesson, FileError> {
        let text = read_file(path)?;
        let lesson = AnyLesson::parse(&text, path)?;
        let id = lesson.id();
        if path.file_stem().and_then(|s| s.to_str()) != Some(id) {
            return Err(FileError::new(
                path,
                position_of(&text, "id:"),
                format!("the lesson id \"{id}\" must match the file name ({id}.ron)"),
            ));
        }
        Ok(lesson)
    }
}

/// The 1-based line and column of the first `needle` in `text`.
fn position_of(text: &str, needle: &str) -> Option<(usize, usize)> {
    let at = text.find(needle)?;
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Some((line, col))
}

/// Folders that may hold lessons: `lessons/` in the current folder and in
/// the crate root, those that exist, each once, the current folder's first
/// (its lessons hide the source tree's of the same id).
pub fn lesson_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = Vec::new();
    let candidates = [
        std::env::current_dir().ok().map(|d| d.join(LESSON_DIR)),
        Some(Path::new(crate::SOURCE_ROOT).join(LESSON_DIR)),
    ];
    for dir in candidates.into_iter().flatten() {
        let canonical = dir.canonicalize().unwrap_or_else(|_| dir.clone());
        if dir.is_dir() && !dirs.contains(&canonical) {
            dirs.push(canonical);
        }
    }
    dirs
}

/// Every `.ron` file under `paths` (files are taken as they are, folders
/// searched recursively), sorted.
pub fn lesson_files(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            collect(path, &mut out);
        } else {
            out.push(path.clone());
        }
    }
    out.sort();
    out.dedup();
    out
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "ron") {
            out.push(path);
        }
    }
}

/// The id a lesson file must hold: its name without `.ron`.
fn file_id(file: &Path) -> Option<&str> {
    file.file_stem().and_then(|s| s.to_str())
}

/// Finds a lesson by id (its file name under a lessons folder, the current
/// folder's first, else one of the lessons built in) or by path.
pub fn find(id_or_path: &str) -> Result<AnyLesson, FileError> {
    let as_path = Path::new(id_or_path);
    if as_path.is_file() {
        return AnyLesson::load(as_path);
    }
    if let Some(file) = lesson_dirs()
        .into_iter()
        .flat_map(|dir| lesson_files(&[dir]))
        .find(|f| file_id(f) == Some(id_or_path))
    {
        return AnyLesson::load(&file);
    }
    let (built_in, _) = super::shipped::shipped();
    built_in
        .into_iter()
        .find(|l| l.id() == id_or_path)
        .ok_or_else(|| {
            FileError::new(
                id_or_path,
                None,
                "no such lesson file, and no lesson with this id under lessons/",
            )
        })
}

/// The lessons to offer: those in the `lessons/` folders found, or, where
/// there are none, the lessons built into the binary.
pub fn available() -> (Vec<AnyLesson>, Vec<FileError>) {
    let dirs = lesson_dirs();
    if dirs.is_empty() {
        super::shipped::shipped()
    } else {
        load_places(&dirs)
    }
}

/// Every lesson in several places, the first place first: a file whose id
/// an earlier place already has is hidden by it, quietly (a lesson copied
/// into the current folder to be edited is not a duplicate of the source
/// tree's). Two files with one id in the same place remain an error.
pub fn load_places(places: &[PathBuf]) -> (Vec<AnyLesson>, Vec<FileError>) {
    let mut taken: BTreeSet<String> = BTreeSet::new();
    let mut files = Vec::new();
    for place in places {
        let here = lesson_files(std::slice::from_ref(place));
        let ids: Vec<String> = here
            .iter()
            .filter_map(|f| file_id(f))
            .map(str::to_owned)
            .collect();
        files.extend(
            here.into_iter()
                .filter(|f| file_id(f).is_none_or(|id| !taken.contains(id))),
        );
        taken.extend(ids);
    }
    load_files(files)
}

/// Every lesson that loads, in menu order (track, then id), and the errors
/// of those that do not.
pub fn load_all(paths: &[PathBuf]) -> (Vec<AnyLesson>, Vec<FileError>) {
    load_files(lesson_files(paths))
}

/// The lessons of `files` that load, in menu order, and the errors of
/// those that do not; a second file with an id already read is an error.
fn load_files(files: Vec<PathBuf>) -> (Vec<AnyLesson>, Vec<FileError>) {
    let mut lessons = Vec::new();
    let mut errors = Vec::new();
    let mut seen: BTreeMap<String, PathBuf> = BTreeMap::new();
    for file in files {
        match AnyLesson::load(&file) {
            Ok(lesson) => {
                if let Some(first) = seen.insert(lesson.id().to_owned(), file.clone()) {
                    errors.push(FileError::new(
                        &file,
                        None,
                        format!(
                            "the lesson id \"{}\" is already used by {}",
                            lesson.id(),
                            first.display()
                        ),
                    ));
                } else {
                    lessons.push(lesson);
                }
            }
            Err(e) => errors.push(e),
        }
    }
    lessons.sort_by(|a, b| {
        let rank = |l: &AnyLesson| FamilyKind::ALL.iter().position(|k| *k == l.family());
        let (ra, rb) = (rank(a), rank(b));
        let (a, b) = (a.about(), b.about());
        let (na, nb) = (lesson_number(a.id), lesson_number(b.id));
        (ra, a.track, na, a.id).cmp(&(rb, b.track, nb, b.id))
    });
    (lessons, errors)
}

/// The number in a lesson id written `<track>-<number>-<name>`, so that
/// lesson 10 comes after lesson 9, in the list as in the menu; `None` for
/// an id written otherwise (such a lesson is placed by its id, before the
/// numbered ones, and the menu numbers it by its place).
pub fn lesson_number(id: &str) -> Option<usize> {
    id.split('-').nth(1)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lesson_is_numbered_as_its_id_says() {
        assert_eq!(lesson_number("locks-1-naive"), Some(1));
        assert_eq!(lesson_number("raft-0-using-distlab"), Some(0));
        assert_eq!(lesson_number("raft-10-snapshots"), Some(10));
        assert_eq!(lesson_number("my-own-lesson"), None);
        assert_eq!(lesson_number("intro"), None);
    }

    #[test]
    fn positions_are_one_based() {
        assert_eq!(position_of("a\n  id: x", "id:"), Some((2, 3)));
        assert_eq!(position_of("id:", "id:"), Some((1, 1)));
        assert_eq!(position_of("x", "id:"), None);
    }
}
