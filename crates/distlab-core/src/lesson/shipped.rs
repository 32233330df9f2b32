//! The lessons shipped with distlab, built into the binary, so that a copy
//! of it installed anywhere still has its lessons. Files in a `lessons/`
//! folder take precedence: that is where lessons are written and edited.

use std::path::Path;

use super::load::AnyLesson;
use crate::scenario::FileError;

// `SHIPPED`: each lesson's path under `lessons/` and its text, listed by
// the build script from the folder itself.
include!(concat!(env!("OUT_DIR"), "/shipped.rs"));

/// The shipped lessons, parsed as the files they were built from.
pub fn shipped() -> (Vec<AnyLesson>, Vec<FileError>) {
    let mut lessons = Vec::new();
    let mut errors = Vec::new();
    for (path, text) in SHIPPED {
        match AnyLesson::parse(text, &Path::new(super::load::LESSON_DIR).join(path)) {
            Ok(lesson) => lessons.push(lesson),
            Err(e) => errors.push(e),
        }
    }
    (lessons, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_copies_match_the_lessons_folder() {
        let root = Path::new(crate::SOURCE_ROOT).join(crate::lesson::load::LESSON_DIR);
        let on_disk = crate::lesson::load::lesson_files(std::slice::from_ref(&root));
        let names: Vec<String> = on_disk
            .iter()
            .filter_map(|p| p.strip_prefix(&root).ok())
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .collect();
        let built_in: Vec<&str> = SHIPPED.iter().map(|(p, _)| *p).collect();
        assert_eq!(names, built_in);
        for (path, text) in SHIPPED {
            let disk = std::fs::read_to_string(root.join(path)).expect("readable");
            assert_eq!(disk, text, "{path}");
        }
        let (lessons, errors) = shipped();
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(lessons.len(), SHIPPED.len());
    }
}
