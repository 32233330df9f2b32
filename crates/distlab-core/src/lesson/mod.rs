//! Lessons: a scenario narrated step by step on the live cluster, which
//! waits for the learner and checks that what they were meant to see really
//! happened (README, "Lessons").
//!
//! - [`schema`]: the file format; [`text`]: localised texts;
//!   [`condition`]: what a step waits for.
//! - [`run`]: the step engine, a pure state machine that a screen or the
//!   headless player drives.
//! - [`autoplay`]: plays a lesson without a screen, for tests and CI;
//!   [`measure`]: a step's experiment over many seeds; [`compare`]: its
//!   variants as scenarios of any family.
//! - [`fairness`]: a check that no question is answered above itself.
//! - [`load`]: reading, finding and checking lesson files; [`shipped`]:
//!   the lessons built into the binary.
//! - [`progress`]: which steps and lessons a learner finished, on disk.

pub mod autoplay;
pub mod compare;
pub mod condition;
pub mod fairness;
pub mod load;
pub mod measure;
pub mod progress;
pub mod run;
pub mod schema;
pub mod shipped;
pub mod text;

pub use condition::{Condition, Facts};
pub use load::{
    available, find, lesson_dirs, lesson_family, lesson_files, lesson_number, load_all,
    load_places, About, AnyLesson, WithLesson,
};
pub use progress::{Progress, ProgressStore};
pub use run::{Advance, Answer, Countdown, LessonRun, Phase, StepStatus};
pub use schema::{
    Experiment, Finish, Lesson, Measure, Question, Step, TargetPattern, Task, TaskAction, Variant,
};
pub use text::Text;
