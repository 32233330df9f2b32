//! The lessons shipped with distlab, built into the binary, so that a copy
//! of it installed anywhere still has its lessons. Files in a `lessons/`
//! folder take precedence: that is where lessons are written and edited.

use std::path::Path;

use super::load::AnyLesson;
use crate::scenario::FileError;

/// Each shipped lesson's path under `lessons/` and its text. A test checks
/// that this list and the folder agree.
pub const SHIPPED: [(&str, &str); 8] = [
    (
        "raft/raft-0-using-distlab.ron",
        include_str!("../../lessons/raft/raft-0-using-distlab.ron"),
    ),
    (
        "raft/raft-1-election.ron",
        include_str!("../../lessons/raft/raft-1-election.ron"),
    ),
    (
        "raft/raft-2-split-votes.ron",
        include_str!("../../lessons/raft/raft-2-split-votes.ron"),
    ),
    (
        "raft/raft-3-replication.ron",
        include_str!("../../lessons/raft/raft-3-replication.ron"),
    ),
    (
        "raft/raft-4-log-repair.ron",
        include_str!("../../lessons/raft/raft-4-log-repair.ron"),
    ),
    (
        "raft/raft-5-partitions.ron",
        include_str!("../../lessons/raft/raft-5-partitions.ron"),
    ),
    (
        "raft/raft-6-figure-8.ron",
        include_str!("../../lessons/raft/raft-6-figure-8.ron"),
    ),
    (
        "raft/raft-7-majority.ron",
        include_str!("../../lessons/raft/raft-7-majority.ron"),
    ),
];

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
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(crate::lesson::load::LESSON_DIR);
        let on_disk = crate::lesson::load::lesson_files(std::slice::from_ref(&root));
        let names: Vec<String> = on_disk
            .iter()
            .filter_map(|p| p.strip_prefix(&root).ok())
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .collect();
        let built_in: Vec<&str> = SHIPPED.iter().map(|(p, _)| *p).collect();
        assert_eq!(names, built_in, "add new lesson files to SHIPPED");
        for (path, text) in SHIPPED {
            let disk = std::fs::read_to_string(root.join(path)).expect("readable");
            assert_eq!(disk, text, "{path}");
        }
        let (lessons, errors) = shipped();
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(lessons.len(), SHIPPED.len());
    }
}
