//! Opening a screen for a family chosen at run time: a lesson of any kind,
//! or a sandbox named on the command line. Expanded from the family list,
//! so that each family gets its static types here and nowhere else.

use std::path::PathBuf;

use super::screen::ClusterScreen;
use super::settings::Settings;
use super::state::App;
use super::SandboxOptions;
use crate::lesson::{AnyLesson, Progress, ProgressStore};
use crate::protocols::FamilyKind;
use crate::scenario::{FileError, Scenario};
use crate::units::Lang;

/// Where a lesson screen keeps the learner's progress.
pub struct LessonPlace {
    pub lang: Lang,
    pub store: Option<ProgressStore>,
    pub progress: Progress,
    /// Go on at the first step not finished.
    pub resume: bool,
    pub save_dir: PathBuf,
}

/// What a sandbox starts from: a plain cluster of one family, or a
/// scenario file (whose family must be that one).
pub struct SandboxPlan {
    pub family: FamilyKind,
    /// The name it was asked for by, one of the family's names.
    pub name: &'static str,
    pub nodes: usize,
    /// Overrides the scenario's seed when given.
    pub seed: Option<u64>,
    pub scenario: Option<PathBuf>,
    pub save_dir: PathBuf,
    /// Start in presenter mode.
    pub present: bool,
    /// The language of the screen.
    pub lang: Lang,
}

/// The seed a sandbox uses when none is given.
const DEFAULT_SEED: u64 = 1;

macro_rules! openers {
    ($($tag:ident => $family:ty,)*) => {
        /// The screen for `lesson`, whatever its family.
        pub fn lesson_screen(
            lesson: AnyLesson,
            settings: Settings,
            place: LessonPlace,
        ) -> Box<dyn ClusterScreen> {
            match lesson {
                $(AnyLesson::$tag(lesson) => Box::new(App::<$family>::lesson(
                    lesson,
                    place.lang,
                    settings,
                    place.store,
                    place.progress,
                    place.resume,
                    place.save_dir,
                )),)*
            }
        }

        /// The sandbox `plan` asks for; a scenario file that does not load,
        /// or is for another family, is an error naming its place.
        pub fn sandbox_screen(
            plan: &SandboxPlan,
            settings: Settings,
        ) -> Result<Box<dyn ClusterScreen>, FileError> {
            match plan.family {
                $(FamilyKind::$tag => {
                    let scenario = match &plan.scenario {
                        Some(path) => {
                            let mut s = Scenario::<$family>::load(path)?;
                            s.seed = plan.seed.unwrap_or(s.seed);
                            s
                        }
                        None => Scenario::sandbox(
                            plan.name,
                            plan.nodes,
                            plan.seed.unwrap_or(DEFAULT_SEED),
                        ),
                    };
                    let options = SandboxOptions::<$family> {
                        nodes: plan.nodes,
                        seed: scenario.seed,
                        scenario: Some(scenario),
                        save_dir: plan.save_dir.clone(),
                    };
                    Ok(Box::new(App::new(&options, settings)))
                })*
            }
        }
    };
}

crate::for_each_family!(openers);
